"""Pages as patients read them at any commit, as values, and what changed between two states.

The history check (`lint/history.py`: what changed since the reviewed commit) and
`invoke diff` (`diff.py`: what a pull request changes) compare states made here; so can
anything else that asks "did the patient-visible content change since commit X" (a
translation's `source_commit`, a plain-language attestation's date).

A state is read by the build's own loader (`treatment_pages.loading.load_site`) from the files
`git archive` gives for the commit, symlink targets included, so a value is what the build
would read there: re-wrapping, quoting style, key order and YAML comments never differ, and
white space is normalised (Markdown is compared as the HTML it renders to).

API:

- `Repository(folder)` (a context manager): the git work tree holding `folder`, with its
  whole history (unless `whole_history=False`), else `HistoryUnavailable`.
  `.resolve(ref)` → full commit id;
  `.site_at(commit, content, settings)` → the `Site` as the build would read it there;
  `.page_at(commit, content, settings, page)` → one page's `PageState` there (page.md's path
  as git names it at that commit, e.g. from `.reviewed_at` or `.relative(path)`);
  `.reviewed_at(page, value)` → the commit that set `last_reviewed` to `value`;
  `.brought_by(change, since, file)` → the commit that brought a change (best effort).
- `page_state(treatment)`, `practice_state(site)` → a `PageState`; `.values()` is the flat
  mapping (file, field path) → `Value` (normalised `value`, visible `text`, `line`).
- `compare(old, new, ignore)` → the `Change`s, list items aligned (an inserted FAQ item is
  one change, not a shift of every later one), each at its line in the newer state.
"""

from __future__ import annotations

import difflib
import functools
import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from types import TracebackType
from typing import Any

from .filters import approval_label
from .frontmatter import SourceFile, read_source
from .loading import load_site
from .markdown import MarkdownRenderer
from .model import PAGE_FILE, PRACTICE_FILE, Site, Treatment
from .schema import (
    APPROVAL_FIELD,
    PAGE_FIELDS,
    PRACTICE_FIELDS,
    SECTION_FIELDS,
    Field,
)

# Editors' notes on lint findings, and the report's attestations: no patient reads them.
NOT_CONTENT = frozenset({"lint_ack", "attestations"})
# The review itself: changing them is re-reviewing, not changing what was reviewed.
REVIEW_FIELDS = frozenset({"last_reviewed", "next_review_due"})
BODY = Field("", "markdown", "The section's text, below its front matter.")
BLOCK_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "div", "ul",
                        "ol", "blockquote", "pre", "hr"})


class HistoryUnavailable(Exception):
    """Why the history cannot be read (a sentence for an info line or an error message)."""


@dataclass(frozen=True)
class Value:
    """One value patients read: a field of one file, normalised, with its line there."""

    file: str  # the file's name in its page's folder ("faq.md"), or "practice.md"
    field: str  # "faq[2].answer"; "faq[2]" for a whole list item; "" for the body
    value: str  # normalised: what states compare
    text: str  # what patients read: one line per paragraph, list item or item field
    line: int | None


@dataclass(frozen=True)
class Change:
    """A value that differs between two states: `old` or `new` is None when (re)moved/added."""

    file: str
    field: str  # as the newer state names it (the older one's name when removed)
    old: Value | None
    new: Value | None
    line: int | None  # in the newer file: the value's line, else its list's line

    @property
    def kind(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"


@dataclass
class PageState:
    """One page's files as the build read them, in page order."""

    key: str  # what matches a page across commits: its slug, else its folder's name
    title: str
    folder: Path
    files: dict[str, SourceFile]
    regulator: str | None = None  # practice.md's: the words of the approval labels

    def values(self) -> dict[tuple[str, str], Value]:
        """Every value, as (file, field path) → Value."""
        return {(value.file, value.field): self.visible(value)
                for name, source in self.files.items()
                for value in _leaves(name, source, source.values, _schema(name), "")}

    def visible(self, value: Value | None) -> Value | None:
        """`value` with the words patients read: an approval in the regulator's words."""
        if value is None or value.field.rpartition(".")[2] != APPROVAL_FIELD.name:
            return value
        return replace(value, text=approval_label(value.value, self.regulator))


def page_state(treatment: Treatment, regulator: str | None = None) -> PageState:
    """The page's state: page.md, then its sections in page order (drafts are not in it);
    `regulator` (practice.md's) words its approval labels."""
    files = {PAGE_FILE: treatment.page,
             **{section.source.path.name: section.source for section in treatment.sections}}
    return PageState(str(treatment.meta.get("slug") or treatment.folder.name),
                     str(treatment.meta.get("title") or treatment.folder.name),
                     treatment.folder, files, regulator)


def practice_state(site: Site) -> PageState:
    """The practice's contact details (practice.md), shown on every page."""
    return PageState(PRACTICE_FILE, "Contact details", site.practice.path.parent,
                     {PRACTICE_FILE: site.practice})


def compare(old: PageState | None, new: PageState | None,
            ignore: frozenset[str] = frozenset()) -> list[Change]:
    """Every value that differs, file by file (the newer state's order, then removed files).

    Fields named in `ignore` (top-level names, e.g. REVIEW_FIELDS) are left out.
    """
    before, after = (old.files if old else {}), (new.files if new else {})
    changes: list[Change] = []
    for name in [*after, *(name for name in before if name not in after)]:
        a, b = before.get(name), after.get(name)
        fields = tuple(f for f in _schema(name) if f.name not in ignore)
        _compare_record(name, a, b, a.values if a else {}, b.values if b else {}, fields,
                        ("", ""), changes)
    return [replace(change, old=old.visible(change.old) if old else change.old,
                    new=new.visible(change.new) if new else change.new) for change in changes]


def _schema(name: str) -> tuple[Field, ...]:
    """The fields of a file of this name, the body of a section counted as a field."""
    if name == PAGE_FILE:
        return PAGE_FIELDS
    if name == PRACTICE_FILE:
        return PRACTICE_FIELDS
    return (*SECTION_FIELDS, BODY)


def _raw(source: SourceFile | None, values: dict[str, Any], spec: Field) -> Any:
    if spec is BODY:
        return source.body if source else ""
    return values.get(spec.name)


def _line(source: SourceFile | None, path: str) -> int | None:
    if source is None:
        return None
    return source.body_line if path == "" else source.lines.get(path)


def _leaves(name: str, source: SourceFile | None, values: dict[str, Any],
            fields: tuple[Field, ...], prefix: str) -> Iterator[Value]:
    """The non-empty values of a record (and of its lists' items), in field order."""
    for spec in fields:
        if spec.name in NOT_CONTENT:
            continue
        path, raw = f"{prefix}{spec.name}", _raw(source, values, spec)
        if spec.kind == "record":
            yield from _leaves(name, source, raw or {}, spec.fields, f"{path}.")
        elif spec.kind == "list":
            for index, item in enumerate(raw or (), start=1):
                yield from _item_leaves(name, source, spec, item, f"{path}[{index}]")
        elif (value := _leaf(name, source, path, raw, spec)) is not None:
            yield value


def _item_leaves(name: str, source: SourceFile | None, spec: Field, item: Any,
                 path: str) -> Iterator[Value]:
    if spec.item:
        if (value := _leaf(name, source, path, item, spec.item)) is not None:
            yield value
    else:
        yield from _leaves(name, source, item, spec.fields, f"{path}.")


def _leaf(name: str, source: SourceFile | None, path: str, raw: Any,
          spec: Field) -> Value | None:
    """The value of one scalar field, or None when it is empty (as good as absent)."""
    if raw is None or raw == "":
        return None
    if spec.kind == "markdown":
        html = _renderer().render(str(raw))
        if not html.strip():
            return None
        return Value(name, path, " ".join(html.split()), visible_text(html), _line(source, path))
    if isinstance(raw, date):
        normal = raw.isoformat()
    elif isinstance(raw, bool):
        normal = "true" if raw else "false"
    else:
        normal = " ".join(str(raw).split())
    text = spec.label_of(normal) if spec.kind == "choice" and normal in spec.choice_values \
        else normal
    return Value(name, path, normal, text, _line(source, path))


@functools.cache
def _renderer() -> MarkdownRenderer:
    return MarkdownRenderer()


class _TextParser(HTMLParser):
    """HTML's text, a line break at each block (paragraph, list item, heading)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(html: str) -> str:
    """What a reader sees of `html`: one line per block, white space normalised."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _compare_record(name: str, a: SourceFile | None, b: SourceFile | None,
                    old: dict[str, Any], new: dict[str, Any], fields: tuple[Field, ...],
                    prefixes: tuple[str, str], changes: list[Change]) -> None:
    """Compare two records field by field; `prefixes` are their paths in the older and the
    newer file (a list item may have moved)."""
    for spec in fields:
        if spec.name in NOT_CONTENT:
            continue
        was, path = (f"{prefix}{spec.name}" for prefix in prefixes)
        before, after = _raw(a, old, spec), _raw(b, new, spec)
        if spec.kind == "record":
            _compare_record(name, a, b, before or {}, after or {}, spec.fields,
                            (f"{was}.", f"{path}."), changes)
        elif spec.kind == "list":
            _compare_list(name, a, b, spec, (was, path), before or [], after or [], changes)
        else:
            _compare_leaf(name, a, b, spec, (was, path), before, after, changes)


def _compare_leaf(name: str, a: SourceFile | None, b: SourceFile | None, spec: Field,
                  paths: tuple[str, str], before: Any, after: Any,
                  changes: list[Change]) -> None:
    old_value, new_value = _leaf(name, a, paths[0], before, spec), \
        _leaf(name, b, paths[1], after, spec)
    if _normal(old_value) != _normal(new_value):
        changes.append(Change(name, paths[1], old_value, new_value,
                              new_value.line if new_value else _nearest(b, paths[1])))


def _compare_list(name: str, a: SourceFile | None, b: SourceFile | None, spec: Field,
                  paths: tuple[str, str], before: list[Any], after: list[Any],
                  changes: list[Change]) -> None:
    """Items aligned by their values: a changed item is compared field by field, an inserted
    or removed one is one change."""
    was, path = paths
    old_items = [_item(name, a, spec, item, f"{was}[{i}]") for i, item in enumerate(before, 1)]
    new_items = [_item(name, b, spec, item, f"{path}[{i}]") for i, item in enumerate(after, 1)]
    matcher = difflib.SequenceMatcher(None, [v.value if v else "" for v in old_items],
                                      [v.value if v else "" for v in new_items], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for i, j in zip(range(i1, i1 + paired), range(j1, j1 + paired), strict=True):
            items = (f"{was}[{i + 1}]", f"{path}[{j + 1}]")
            if spec.item:
                _compare_leaf(name, a, b, spec.item, items, before[i], after[j], changes)
            else:
                _compare_record(name, a, b, before[i], after[j], spec.fields,
                                (f"{items[0]}.", f"{items[1]}."), changes)
        for i in range(i1 + paired, i2):
            changes.append(Change(name, f"{was}[{i + 1}]", old_items[i], None,
                                  _nearest(b, path)))
        for j in range(j1 + paired, j2):
            changes.append(Change(name, f"{path}[{j + 1}]", None, new_items[j],
                                  _line(b, f"{path}[{j + 1}]")))


def _item(name: str, source: SourceFile | None, spec: Field, item: Any,
          path: str) -> Value | None:
    """A whole list item as one value: its fields' values and texts, one per line."""
    leaves = list(_item_leaves(name, source, spec, item, path))
    if not leaves:
        return None
    return Value(name, path, "\n".join(f"{v.field[len(path):]}={v.value}" for v in leaves),
                 "\n".join(v.text for v in leaves), _line(source, path))


def _normal(value: Value | None) -> str:
    return value.value if value else ""


def _nearest(source: SourceFile | None, path: str) -> int | None:
    """The line of `path`'s nearest ancestor present in `source` (a removed item: its list)."""
    while source is not None and path:
        if path in source.lines:
            return source.lines[path]
        path = path.rpartition("[")[0] if path.endswith("]") else path.rpartition(".")[0]
    return None


@dataclass(frozen=True)
class Commit:
    """A commit as a message names it."""

    sha: str
    day: str  # committer date, YYYY-MM-DD
    subject: str

    def __str__(self) -> str:
        return f"{self.sha[:7]} '{self.subject}' ({self.day})"


class Repository:
    """A git work tree with its whole history, and the sites its commits hold.

    Sites are extracted into one temporary folder, removed on `close` (or at the end of a
    `with` block).
    """

    def __init__(self, folder: Path, whole_history: bool = True) -> None:
        """`whole_history=False` accepts a shallow clone (comparing two commits it holds)."""
        if shutil.which("git") is None:
            raise HistoryUnavailable("git is not installed")
        try:
            top, shallow = _git(folder, "rev-parse", "--show-toplevel",
                                "--is-shallow-repository").split("\n")[:2]
        except HistoryUnavailable as refusal:
            if "not a git repository" not in str(refusal):
                raise  # git's own reason, e.g. a repository owned by another user
            raise HistoryUnavailable("the content is not in a git repository (a download or "
                                     "a copy)") from None
        if shallow == "true" and whole_history:
            raise HistoryUnavailable("the git history is shallow (a clone made with --depth); "
                                     "fetch the whole history (`git fetch --unshallow`, or "
                                     "`fetch-depth: 0` in actions/checkout)")
        self.top = Path(top)
        self._folder = tempfile.TemporaryDirectory(prefix="revisions-")
        self._sites: dict[tuple[str, str], Site] = {}
        self._later: dict[str, set[str]] = {}  # commits after a reviewed one

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._folder.cleanup()

    def git(self, *arguments: str) -> str:
        return _git(self.top, *arguments)

    def relative(self, path: Path) -> str:
        """`path` (symbolic links followed) as git names it in this work tree."""
        return path.resolve().relative_to(self.top.resolve()).as_posix()

    def resolve(self, ref: str) -> str:
        """The full id of the commit `ref` names; HistoryUnavailable if none."""
        try:
            return self.git("rev-parse", "--verify", "--quiet", "--end-of-options",
                            f"{ref}^{{commit}}").strip()
        except HistoryUnavailable:
            raise HistoryUnavailable(f"'{ref}' is not a commit of this repository (a branch, "
                                     "tag or commit id; fetch it first if it is remote)") \
                from None

    def site_at(self, commit: str, content: Path, settings: dict[str, Any]) -> Site:
        """The site as the build would read `content` at `commit` (its problems ignored)."""
        key = (commit, str(content))
        if key not in self._sites:
            there = Path(self._folder.name) / commit / self.relative(content)
            if not there.exists():
                self._extract(commit, Path(self._folder.name) / commit, self.relative(content))
                there.mkdir(parents=True, exist_ok=True)  # no content then: an empty site
            self._sites[key] = load_site(there, settings)[0]
        return self._sites[key]

    def page_at(self, commit: str, content: Path, settings: dict[str, Any],
                page: str) -> PageState | None:
        """The state at `commit` of the page whose page.md git names `page` then (None if
        there is none), e.g. a translation's source page at its `source_commit`."""
        site = self.site_at(commit, content, settings)
        regulator = site.practice.values.get("regulator")
        return next((page_state(t, regulator) for t in site.treatments
                     if self.tree_path(commit, t.page.path) == page), None)

    def tree_path(self, commit: str, path: Path) -> str:
        """`path` of a site read by `site_at(commit)`, as git names it."""
        return path.resolve().relative_to((Path(self._folder.name) / commit).resolve()) \
            .as_posix()

    def _extract(self, commit: str, folder: Path, path: str) -> None:
        """`path` at `commit` into `folder`, with the targets of its symbolic links."""
        folder.mkdir(parents=True, exist_ok=True)
        wanted, done = [path], set()
        while wanted:
            for part in wanted:
                done.add(part)
                try:
                    data = subprocess.run(["git", "archive", "--format=tar", commit, "--", part],
                                          cwd=self.top, capture_output=True, check=True).stdout
                except subprocess.CalledProcessError:
                    continue  # not in this commit: the build reads a missing file
                with tarfile.open(fileobj=io.BytesIO(data)) as archive:
                    archive.extractall(folder, filter="tar")
            wanted = sorted({target for link in folder.rglob("*") if link.is_symlink()
                             and (target := _inside(folder, link)) and target not in done})

    def reviewed_at(self, page: Path, reviewed: date) -> tuple[str, str] | None:
        """The commit that set page.md's `last_reviewed` to `reviewed`, and page.md's path
        then (renames followed); None when no commit holds that value (not yet committed)."""
        listed = self.git("log", "--follow", "--format=%x00%H", "--name-only", "--",
                          self.relative(page))
        found = None
        for entry in listed.split("\x00")[1:]:
            sha, *names = [line for line in entry.split("\n") if line]
            if not names:
                continue  # a merge: its parents are listed too
            data = self.git("show", f"{sha}:{names[-1]}").encode("utf-8")
            values = read_source(Path(names[-1]), PAGE_FIELDS, data, has_body=False).values
            if values.get("last_reviewed") != reviewed:
                break
            found = (sha, names[-1])
        return found

    def brought_by(self, change: Change, since: str, file: str,
                   lines: tuple[int, int] | None) -> Commit | None:
        """The newest commit after `since` that brought `change` to `file` (as git names it
        at HEAD): git blame on the value's `lines` there, else git's pickaxe on its old text."""
        if since not in self._later:
            self._later[since] = set(self.git("rev-list", f"{since}..HEAD").split())
        later = self._later[since]
        if lines:
            found = _blamed(self.git("blame", "-w", "--porcelain", "-L", "{},{}".format(*lines),
                                     "HEAD", "--", file), later)
            if found:
                return found
        kept = set(change.new.text.split("\n")) if change.new else set()
        needle = next((line for line in (change.old.text if change.old else "").split("\n")
                       if len(line) > 8 and line not in kept), "")
        middle = len(needle) // 3
        for piece in dict.fromkeys((needle[:60], needle[-40:], needle[middle:middle + 30])):
            shown = self.git("log", "-1", "--format=%H%x00%cs%x00%s", "-S", piece,
                             f"{since}..HEAD", "--", file).strip() if piece else ""
            if shown:
                return Commit(*shown.split("\x00", 2))
        return None


def _blamed(porcelain: str, later: set[str]) -> Commit | None:
    """The newest of the commits `git blame --porcelain` names that are in `later`."""
    seen: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in porcelain.splitlines():
        head = line.split(" ")
        if len(head) >= 3 and len(head[0]) == 40 and head[1].isdigit():
            current = seen.setdefault(head[0], {"sha": head[0]})
        elif not line.startswith("\t"):
            key, _, value = line.partition(" ")
            current[key] = value
    found = [c for sha, c in seen.items() if sha in later]
    if not found:
        return None
    newest = max(found, key=lambda c: int(c.get("committer-time", "0")))
    zone = newest.get("committer-tz", "+0000")
    offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * (-1 if zone[0] == "-"
                                                                         else 1)
    day = datetime.fromtimestamp(int(newest.get("committer-time", "0")), timezone(offset))
    return Commit(newest["sha"], day.date().isoformat(), newest.get("summary", ""))


def _inside(folder: Path, link: Path) -> str | None:
    """The target of `link`, relative to `folder`, when it points inside it."""
    target = Path(os.path.normpath(link.parent / os.readlink(link)))
    try:
        return target.relative_to(folder).as_posix()
    except ValueError:
        return None


def _git(folder: Path, *arguments: str) -> str:
    """Output of one git command run in `folder`; HistoryUnavailable when it fails."""
    result = subprocess.run(["git", "-c", "core.quotepath=false", *arguments], cwd=folder,
                            capture_output=True, text=True, encoding="utf-8", check=False)
    if result.returncode:
        message = result.stderr.strip()
        raise HistoryUnavailable(message.splitlines()[-1] if message
                                 else f"git {arguments[0]} failed")
    return result.stdout

"""Read one treatment folder into its Treatment: each file once, through the content cache,
with every problem at its file and line."""

from __future__ import annotations

import errno
import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from .cache import ContentCache, dump_entry, load_entry, status
from .frontmatter import SourceFile, read_source
from .links import href_line, hrefs
from .markdown import MarkdownRenderer, Refusal
from .model import PAGE_FILE, SKIPPED_NAME, Section, Treatment, language_of
from .normalise import comparable, slugify
from .problems import Diagnostic
from .schema import (
    LAYOUT_IDS,
    PAGE_FIELDS,
    SECTION_FIELDS,
    SECTION_LISTS,
    Field,
)

Result = TypeVar("Result")
# What reading one file makes: its result and the problems found in that file.
Produced = tuple[Result, list[Diagnostic]]
# What a read-ahead child made of each file: path -> (hash of the bytes read, cache entry).
Entries = dict[Path, tuple[bytes, bytes]]
# What an FAQ answer may contain: the HTML that schema.org Answer text allows in search
# engines' FAQ results, so the visible answer and the JSON-LD answer are the same HTML.
FAQ_ANSWER_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "br", "ol", "ul", "li", "a", "p", "div", "b",
     "strong", "i", "em"})
# Secure web, email, phone and in-site addresses; not `http:`, nor another host written as
# '//host' (or '/\\host', which browsers read alike).
ALLOWED_HREF = re.compile(r"^(?![/\\]{2})(https://|mailto:|tel:|#|/|\.{0,2}/?[\w\-./]*(#[\w\-]*)?$)",
                          re.I)


class ContentReader:
    """Reads content files with one Markdown renderer, through the build's content cache,
    and collects every problem found in what it read (`problems`)."""

    def __init__(self, cache: ContentCache | None = None) -> None:
        self.renderer = MarkdownRenderer()
        self.cache = cache
        self.digests: dict[Path, bytes] = {}  # every file read: the hash of its bytes
        self.problems: list[Diagnostic] = []
        # What read-ahead children made of files (readahead.py), taken instead of reading
        # the same bytes again.
        self.ahead: Entries = {}
        # In a read-ahead child: the same for every file it read, sent to the build.
        self.made: Entries | None = None

    def read(self, path: Path, produce: Callable[[bytes], Produced[Result]]) -> Result | None:
        """What `produce(data)` makes of the file's bytes (its result and that file's
        problems), or what it made of the same file before when the cache has it.

        A file that cannot be read (a link to nothing, no permission) is a problem, not a crash.
        """
        try:
            if self.cache is None:
                data = path.read_bytes()
                digest = self.digests[path] = hashlib.blake2b(data, digest_size=16).digest()
                entry = self._read_ahead(path, digest)
                result, found = load_entry(entry, path) if entry else produce(data)
                if self.made is not None:
                    self.made[path] = digest, dump_entry((result, found), path)
            else:
                file_status, trusted = status(path)
                if kept := self.cache.recall(path, file_status):
                    self.digests[path] = kept.digest
                    result, found = kept.result, kept.problems
                else:
                    data = path.read_bytes()
                    digest = self.digests[path] = hashlib.blake2b(data, digest_size=16).digest()
                    result, found = self.cache.read(path, data, digest, produce,
                                                    file_status if trusted else None,
                                                    self._read_ahead(path, digest))
        except OSError as error:
            reason = "it is a link that leads back to itself" if error.errno == errno.ELOOP \
                else "it is a link to a file that does not exist" if path.is_symlink() \
                and not path.exists() else error.strerror or str(error)
            self.problems.append(Diagnostic(path, None, "", f"cannot be read: {reason}",
                                            "replace it with the real file, or delete it"))
            return None
        self.problems.extend(found)
        return result

    def _read_ahead(self, path: Path, digest: bytes) -> bytes | None:
        """The entry a read-ahead child made of these very bytes, if one did."""
        digest_read, entry = self.ahead.pop(path, (None, None))
        return entry if digest_read == digest else None

    def source(self, path: Path, fields: tuple[Field, ...]) -> SourceFile:
        """A front-matter-only file (practice.md, page.md): text below it is refused."""
        read = self.read(path, lambda data: with_problems(
            read_source(path, fields, data, has_body=False)))
        return read or SourceFile(path)

    def required_source(self, path: Path, fields: tuple[Field, ...], missing: str,
                        hint: str) -> SourceFile:
        """`source`, or an empty SourceFile and a problem when the file does not exist."""
        if path.is_dir():
            self.problems.append(Diagnostic(path, None, "", f"is a folder, not the file "
                                            f"{path.name}", f"replace the folder with the file: "
                                            f"{hint}"))
        elif path.is_file() or path.is_symlink():
            return self.source(path, fields)
        else:
            self.problems.append(Diagnostic(path, None, "", missing, hint))
        return SourceFile(path)


def with_problems(source: SourceFile) -> Produced[SourceFile]:
    """A source file as the content cache keeps it: with (a copy of) the problems found in
    it, so that nothing added to the file's list later is replayed by the next build."""
    return source, list(source.problems)


def check_links(html: str, source: SourceFile, where: str) -> None:
    """Refuse link schemes a patient's browser should never follow (javascript:, data:)."""
    for href in hrefs(html):
        if not ALLOWED_HREF.match(href):
            source.problems.append(Diagnostic(
                source.path, href_line(source, where, href), where, f"link '{href}' is not "
                "allowed", "link to https:// (not http:), mailto:, tel:, a page of this site "
                "or a #section address"))


def load_treatment(folder: Path, reader: ContentReader, skipped: list[Path]) -> Treatment:
    problems = reader.problems
    page = reader.required_source(
        folder / PAGE_FILE, PAGE_FIELDS, "the treatment folder has no page.md",
        "copy page.md from another treatment folder and edit it")
    sections = []
    files = sorted(folder.iterdir())
    skipped.extend(path for path in files if SKIPPED_NAME.search(path.name))
    if not any(path.suffix == ".md" and path.name != PAGE_FILE and path not in skipped
               for path in files):
        problems.append(Diagnostic(folder, None, "", "the treatment folder has no section files",
                                   "add the page's sections as .md files beside page.md"))
    for path in files:
        if path in skipped or path.name == PAGE_FILE or language_of(path):
            continue
        if path.is_dir() or path.suffix != ".md":
            problems.append(Diagnostic(path, None, "", "this is not a section file",
                                       "section files are Markdown files ending in .md"))
            continue
        section = reader.read(path, functools.partial(load_section, path, reader.renderer))
        if section:
            sections.append(section)
    by_position: dict[int, list[Section]] = {}
    for section in sections:
        by_position.setdefault(section.position, []).append(section)
    for position, sharing in by_position.items():
        for section in sharing if len(sharing) > 1 else ():
            others = ", ".join(s.source.path.name for s in sharing if s is not section)
            problems.append(Diagnostic(section.source.path, section.source.lines.get("position"),
                                       "position", f"position {position} is also used by {others}",
                                       "give every section its own position number"))
    sections.sort(key=lambda s: s.position or 0)
    problems.extend(_reused_ids(sections))
    problems.extend(_repeated_questions(sections))
    return Treatment(folder, page, sections)


def _reused_ids(sections: list[Section]) -> Iterator[Diagnostic]:
    """Yields a problem for each section whose HTML id another section or the layout has
    (their anchors come from file names)."""
    owners = dict.fromkeys(LAYOUT_IDS.values(), "the page layout")
    for section in sections:
        for element_id in section.element_ids():
            if element_id in owners:
                yield Diagnostic(section.source.path, None, "", f"its address '#{element_id}' "
                                 f"is already used by {owners[element_id]}", "rename the file")
                break
            owners[element_id] = section.source.path.name


def _repeated_questions(sections: list[Section]) -> Iterator[Diagnostic]:
    """Yields a problem for each question the page asks twice, even in two FAQ sections."""
    asked: dict[str, str] = {}
    for section in sections:
        for index, item in enumerate(section.faq, start=1):
            if not item["question"]:
                continue  # reported as missing or wrong by validation
            normal = comparable(item["question"])
            where = f"faq[{index}].question"
            if normal in asked and asked[normal] != section.source.path.name:
                yield Diagnostic(section.source.path, section.source.lines.get(where), where,
                                 f"duplicate question: '{item['question']}'",
                                 f"{asked[normal]} already asks it; remove or reword one")
            asked.setdefault(normal, section.source.path.name)


def load_section(path: Path, renderer: MarkdownRenderer, data: bytes) -> Produced[Section | None]:
    """The section, checked completely even when some fields are wrong, so that one run lists
    every problem of the file (a build with problems publishes nothing); and those problems.
    No section when the front matter could not be read at all.
    """
    source = read_source(path, SECTION_FIELDS, data)
    section = section_from(source, renderer, data, slugify(path.stem) or "section") \
        if source.values else None
    return section, list(source.problems)  # a copy, as `with_problems` says why


def section_from(source: SourceFile, renderer: MarkdownRenderer, data: bytes,
                 anchor: str) -> Section:
    """A section from its validated values (a source file's, or a translation's merged with
    its source's): rendered, with what the build refuses in its texts added to the source's
    problems."""
    path, values, problems = source.path, source.values, source.problems
    lists = [name for name in SECTION_LISTS if values[name]]
    if len(lists) > 1:
        problems.append(Diagnostic(path, source.lines.get(lists[1]), lists[1],
                                   f"a section may hold only one list, and this one also has "
                                   f"'{lists[0]}'",
                                   "move one of the lists into its own section file"))
    refusals: list[Refusal] = []
    body_html = renderer.render(source.body, refusals)
    _report_refusals(refusals, source, "", source.body_line)
    check_links(body_html, source, "")
    if not (source.body.strip() or lists or values["call_to_action"] or values["care_cards"]):
        problems.append(Diagnostic(path, source.body_line, "", "the section has no text",
                                   "write the section's text below the closing '---'"))
    for index, item in enumerate(values["faq"], start=1):
        where = f"faq[{index}].answer"
        item["answer_html"] = renderer.render(item["answer"] or "", refusals, answer=True)
        _report_refusals(refusals, source, where, _answer_line(data, source.lines.get(where)))
        check_links(item["answer_html"], source, where)
        extra = sorted(set(re.findall(r"<([a-z0-9]+)", item["answer_html"])) - FAQ_ANSWER_TAGS)
        if extra:
            problems.append(Diagnostic(path, source.lines.get(where), where,
                                       f"uses {', '.join(f'<{t}>' for t in extra)}, which FAQ "
                                       "answers cannot contain",
                                       "use paragraphs, lists, links, bold and italic only"))
    return Section(source, anchor=anchor, body_html=body_html)
# A YAML block scalar (`answer: |`): its text starts on the next line, one file line per line.
BLOCK_SCALAR = re.compile(r":[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _answer_line(data: bytes, key_line: int | None) -> int | None:
    """The file line an FAQ answer's text starts on: below `answer: |`, else the key's line.

    Exact for `|` answers; a plain or `>` answer folds its lines, so its later lines count
    from the key's line.
    """
    if key_line is None:
        return None
    lines = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return key_line + 1 if BLOCK_SCALAR.search(lines[key_line - 1]) else key_line


def _report_refusals(refusals: list[Refusal], source: SourceFile, where: str,
                     first_line: int | None) -> None:
    """Each refusal of one text as a problem of the source at its file line; the list is
    emptied for reuse."""
    for refusal in refusals:
        line = first_line + refusal.line if first_line else None
        source.problems.append(Diagnostic(source.path, line, where, refusal.message, refusal.hint))
    refusals.clear()

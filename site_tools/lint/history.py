"""Changed since its review: a page must not show words its reviewer never saw.

`last_reviewed` tells patients when a clinician last checked the page. The reviewed state is
the page as the build would read it at the commit that set the current `last_reviewed` in
page.md (renames followed); every value patients read that differs between that state and
the last commit is an error at that field's line in the current file, whichever commits,
merges (words written while resolving a conflict, a branch committed before the review and
merged after it) or renames brought it. Values are compared as `treatment_pages.revisions` reads
them, so re-wrapping, quoting style, key order, YAML comments, a pure folder rename, a draft
file the build skips and a change of the review dates alone never count; a symbolic link is
followed. Each error names the commit that brought the value when git blame (or, for a
removed value, git's pickaxe) finds one.

- `practice.md` (contact details) is not a treatment's file: it needs no clinical review.
- Without the history to decide (git missing, no repository, a shallow clone) the check says
  so as an info line instead of guessing; uncommitted changes are listed as info (CI checks
  commits).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from treatment_pages.frontmatter import SourceFile
from treatment_pages.model import Treatment
from treatment_pages.revisions import (
    REVIEW_FIELDS,
    Change,
    HistoryUnavailable,
    Repository,
    Value,
    compare,
    page_state,
)

from .registry import Target, check, rule

if TYPE_CHECKING:
    from .linter import Linter

CHANGED = "history.changed-since"
UNAVAILABLE = "history.unavailable"
UNCOMMITTED = "history.uncommitted"
QUOTED = 60  # characters of a value quoted in a message


@check(Target.SITE)
@rule(CHANGED, "error", "a value patients read (a field, an FAQ item, a section's text) differs "
      "from the page as it stood at the commit that set its `last_reviewed` (re-wrapping, "
      "quoting, key order, comments and the review dates themselves do not count; needs the "
      "git history)",
      "A page dated as reviewed must not show words no clinician has reviewed (NHS Standard "
      "for creating health content: check the evidence every time you update clinical "
      "content; PIF TICK).")
@rule(UNAVAILABLE, "info", "the git history needed by `history.changed-since` is missing (no "
      "git, not a repository, a shallow clone)",
      "Says that the check did not run instead of guessing; CI fetches the whole history.")
@rule(UNCOMMITTED, "info", "a treatment's file is changed or added but not yet committed",
      "The check compares commits: a committed change since the review will need a "
      "re-review.")
def changed_since_review(lint: Linter) -> None:
    treatments = [t for t in lint.site.treatments
                  if isinstance(t.meta.get("last_reviewed"), date)]
    if not treatments:
        return
    try:
        repository = Repository(treatments[0].folder)
    except HistoryUnavailable as reason:
        for treatment in treatments:
            _unavailable(lint, treatment, reason)
        return
    with repository:
        try:
            pending = uncommitted(repository, [path for t in treatments
                                               for path in _watched(repository, t)])
            head = repository.resolve("HEAD")
        except HistoryUnavailable as reason:
            for treatment in treatments:
                _unavailable(lint, treatment, reason)
            return
        content = lint.site.practice.path.parent
        for treatment in treatments:
            try:
                _check_treatment(lint, repository, content, head, treatment)
            except HistoryUnavailable as reason:
                _unavailable(lint, treatment, reason)
            _report_pending(lint, repository, treatment, pending)


def _watched(repository: Repository, treatment: Treatment) -> list[str]:
    """The treatment's folder and its sections' link targets, as git names them."""
    return [repository.relative(treatment.folder),
            *(repository.relative(s.source.path) for s in treatment.sections
              if s.source.path.is_symlink())]


def uncommitted(repository: Repository, paths: list[str]) -> list[str]:
    """Files below `paths` (as git names them) changed or added since the last commit."""
    status = repository.git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--",
                            *sorted(set(paths)))
    entries, names = status.split("\x00"), []
    while entries:
        entry = entries.pop(0)
        if entry:
            names.append(entry[3:])
            if entry[0] in "RC":
                entries.pop(0)  # a rename's or copy's former name
    return names


def _unavailable(lint: Linter, treatment: Treatment, reason: HistoryUnavailable) -> None:
    page = treatment.page
    lint.report(UNAVAILABLE, page.path, page.lines.get("last_reviewed"),
                f"changes since the last review were not checked: {reason}")


def _report_pending(lint: Linter, repository: Repository, treatment: Treatment,
                    pending: list[str]) -> None:
    page, watched = treatment.page, _watched(repository, treatment)
    mine = [name for name in pending
            if any(name == path or name.startswith(f"{path}/") for path in watched)]
    if mine:
        lint.report(UNCOMMITTED, page.path, page.lines.get("last_reviewed"),
                    f"not yet committed: {', '.join(sorted(mine))} — once committed, a "
                    f"change since last_reviewed ({page.values['last_reviewed'].isoformat()}) "
                    "needs a re-review")


def _check_treatment(lint: Linter, repository: Repository, content: Path, head: str,
                     treatment: Treatment) -> None:
    """One error per value changed since the reviewed commit, at its line in the current file."""
    reviewed = treatment.meta["last_reviewed"]
    found = repository.reviewed_at(treatment.page.path, reviewed)
    if found is None:
        return  # the review date itself is not committed yet: listed as uncommitted
    commit, page_then = found
    page_now = repository.relative(treatment.page.path)
    before = repository.page_at(commit, content, lint.settings, page_then)
    after = repository.page_at(head, content, lint.settings, page_now)
    if after is None:
        return  # page.md is not committed at HEAD
    current, removed = page_state(treatment).files, set()
    for change in compare(before, after, ignore=REVIEW_FIELDS):
        source = current.get(change.file)
        if change.file not in after.files:
            if change.file in removed:
                continue
            removed.add(change.file)
            where, line = treatment.page.path, treatment.page.lines.get("last_reviewed")
            what, by = f"{change.file} was deleted or is no longer published", ""
        else:
            where, line = ((treatment.folder / change.file, _current_line(source, change))
                           if source else (treatment.page.path,
                                           treatment.page.lines.get("last_reviewed")))
            what, by = _describe(change), _commit_named(repository, change, commit, head,
                                                        after.files[change.file])
        lint.report(CHANGED, where, line,
                    f"{what} since the review of {reviewed.isoformat()}{by} — have the "
                    "clinician re-review the page, then update last_reviewed and "
                    "next_review_due in page.md")


def _current_line(source: SourceFile, change: Change) -> int | None:
    """The change's line in the working copy's file (which may differ from the last commit)."""
    path = change.field
    while path:
        if path in source.lines:
            return source.lines[path]
        path = path.rpartition("[")[0] if path.endswith("]") else path.rpartition(".")[0]
    return source.body_line if change.field == "" else change.line


def _commit_named(repository: Repository, change: Change, since: str, head: str,
                  source: SourceFile) -> str:
    """', in commit abc1234 'subject' (day)' when git can tell which commit brought it."""
    try:
        found = repository.brought_by(change, since, repository.tree_path(head, source.path),
                                      _span(source, change))
    except HistoryUnavailable:
        return ""
    return f", in commit {found}" if found else ""


def _span(source: SourceFile, change: Change) -> tuple[int, int] | None:
    """The lines of the change's value in the last commit's file: from its line to the next
    field's, or to the end of the file for the section's text."""
    if change.new is None or not change.new.line:
        return None
    start = change.new.line
    length = len(source.path.read_text(encoding="utf-8").splitlines())
    later = [line for line in source.lines.values() if line > start]
    end = (min(later) - 1) if later and change.field else \
        (length if change.field == "" else source.body_line - 2)
    return start, max(start, min(end, length))


def _describe(change: Change) -> str:
    name = change.field or "the section's text"
    if change.kind == "added":
        return f"{change.file}: {name} '{_quote(_text(change.new))}' was added"
    if change.kind == "removed":
        return f"{change.file}: {name} '{_quote(_text(change.old))}' was removed"
    old, new = _text(change.old), _text(change.new)
    # Quoted from a little before the first difference, so the two quotes differ.
    start = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                 min(len(old), len(new)))
    start = old.rfind(" ", 0, max(start - 20, 0)) + 1
    return (f"{change.file}: {name} changed from '{_quote(old, start)}' to "
            f"'{_quote(new, start)}'")


def _text(value: Value | None) -> str:
    return " / ".join(value.text.split("\n")) if value else ""


def _quote(text: str, start: int = 0) -> str:
    shown = ("…" if start else "") + text[start:]
    return shown if len(shown) <= QUOTED else f"{shown[:QUOTED - 1]}…"

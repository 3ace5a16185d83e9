"""Is a translation still what its source says? Decided from git, value by value.

A translated page names the commit of the source page it was translated from
(`translation.source_commit` in page.<lang>.md). The source page's values at that commit are
compared with today's by `revisions.compare`, the same value-based comparison as the
history check, so re-wrapping, quoting, key order and comments never count. Only words a
translation carries, or clinical fields, matter (a changed reference address or position
changes nothing a translator wrote). Then:

- a change to a field the schema marks `clinical` (care cards, key facts, indications and
  their approval), anything in a clinical section (`CLINICAL_SECTIONS`: safety), or a change
  of any number in any text → **withheld**: the build does not publish the translation and
  `invoke check` reports an error at the translation file, naming the source field and
  commit (so the release refuses it);
- any other change → **behind**: published with a notice, in its language, that the source
  page changed on that date, linking to it; `invoke check` warns.

Updating `source_commit` after re-translating makes it current again. Without the history
(no git, not a repository, a shallow clone) the status is **unverified** and said so (a
warning; the page is published). In a repository, a `source_commit` that names no commit
withholds the translation: it cannot vouch for anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .frontmatter import SourceFile
from .model import PAGE_FILE, PRACTICE_FILE, Site, Treatment
from .problems import Diagnostic
from .revisions import (
    REVIEW_FIELDS,
    Change,
    HistoryUnavailable,
    Repository,
    Value,
    compare,
    page_state,
    practice_state,
)
from .schema import (
    CLINICAL_SECTIONS,
    PAGE_FIELDS,
    PRACTICE_FIELDS,
    SECTION_FIELDS,
    Field,
)
from .translations import ItemCount

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
WITHHELD, BEHIND, CURRENT, UNVERIFIED = "withheld", "behind", "current", "unverified"


@dataclass
class Verdict:
    """One translated page's status, and the source changes it rests on."""

    page: Treatment  # the translated page
    status: str
    commit: str = ""  # the translation's source_commit, resolved
    changes: list[Change] = field(default_factory=list)  # what matters to it, clinical first
    changed_on: date | None = None  # the source's newest change after `commit`
    last_commit: str = ""  # the commit of that change
    reason: str = ""  # why it was not compared: unverified, or withheld (no such commit)
    practice: SourceFile | None = None  # practice.<lang>.md, where a practice change is named

    def findings(self) -> list[tuple[str, Path, int | None, str]]:
        """(status, translation file, line, message) for `invoke check`: each clinical change
        of a withheld page, each change of a page behind, or why it was not checked."""
        translation = self.page.translation
        assert translation is not None
        if self.reason:
            page = self.page.page
            return [(self.status, page.path, page.lines.get("translation.source_commit"),
                     f"the '{translation.lang}' translation was not checked against its "
                     f"source: {self.reason}")]
        found = []
        for change in self.changes:
            clinical = is_clinical(change)
            if self.status == WITHHELD and not clinical:
                continue
            path = _translation_file(self.page, change.file)
            lines = _lines_of(self.page, path, self.practice)
            where = change.field or "its text"
            found.append((
                WITHHELD if clinical else BEHIND, path,
                lines.get(change.field) or lines.get(change.field.split("[")[0]) or 1,
                f"{change.field or 'text'}: the source {change.file} {change.kind} '{where}' "
                f"in commit {self.last_commit[:7]} ({self.changed_on}), after this "
                f"translation's source_commit {self.commit[:7]}"
                + (": a clinical change, so the translation is withheld" if clinical else "")
                + f" — re-translate it, have it checked, then set translation.source_commit in "
                f"{self.page.folder.name}/page.{translation.lang}.md to "
                f"{self.last_commit[:7]}"))
        return found


    def explain(self, problem: Diagnostic) -> Diagnostic | None:
        """`problem` (a list of a translation file of this page with too few or too many
        items) said in staleness terms, when the source gained or lost those items since
        `source_commit`; None otherwise. Still an error: a page that mixes languages, or
        silently misses an answer, must not reach patients."""
        assert self.page.translation is not None
        item = re.compile(rf"{re.escape(problem.field)}\[(\d+)\]")
        moved = [(change, found[1]) for change in self.changes if change.kind != "changed"
                 and _translation_file(self.page, change.file) == problem.path
                 and (found := item.fullmatch(change.field))]
        if not moved:
            return None
        items = "; ".join(f"{'gained' if c.kind == 'added' else 'lost'} item {number} "
                          f"'{_short(c.new or c.old)}'" for c, number in moved)
        todo = "; ".join(("translate" if c.kind == "added" else "delete the translation of")
                         + f" item {number}" for c, number in moved)
        return Diagnostic(problem.path, problem.line, problem.field,
                          f"the source {moved[0][0].file} {items} in commit {self.last_commit[:7]} "
                          f"({self.changed_on}), after this translation's source_commit "
                          f"{self.commit[:7]}, so the translation is not published",
                          f"{todo} here, in the source's order, have it checked, then set "
                          f"translation.source_commit in {self.page.folder.name}/"
                          f"page.{self.page.translation.lang}.md to {self.last_commit[:7]}")


def explain(problems: list[Diagnostic], verdicts: list[Verdict]) -> list[Diagnostic]:
    """`problems`, each list of a translation file whose items the source gained or lost
    since its `source_commit` said so (`Verdict.explain`), the others as they are."""
    return [next((better for verdict in verdicts
                  if (better := verdict.explain(problem)) is not None), problem)
            if isinstance(problem, ItemCount) else problem for problem in problems]


def _short(value: Value | None) -> str:
    """The start of an item's text, for a message."""
    text = " ".join(value.text.split()) if value else ""
    return text if len(text) <= 60 else text[:57] + "..."


def judge(site: Site, settings: dict[str, Any]) -> list[Verdict]:
    """Every translated page's status; each page's `translation` is updated to match."""
    if not site.translated:
        return []
    try:
        repository = Repository(site.practice.path.parent)
    except HistoryUnavailable as reason:
        verdicts = [Verdict(page, UNVERIFIED, reason=str(reason)) for page in site.translated]
    else:
        with repository:
            verdicts = [_judge(repository, site, page, settings) for page in site.translated]
    for verdict in verdicts:
        translation = verdict.page.translation
        assert translation is not None
        translation.status = verdict.status
        translation.changed_on = verdict.changed_on
    return verdicts


def _judge(repository: Repository, site: Site, page: Treatment,
           settings: dict[str, Any]) -> Verdict:
    translation = page.translation
    assert translation is not None
    source = translation.source
    try:
        commit = repository.resolve(str(translation.provenance.get("source_commit") or ""))
    except HistoryUnavailable as reason:
        # In a repository, a source_commit that names no commit cannot vouch for anything.
        return Verdict(page, WITHHELD, reason=f"source_commit: {reason}")
    try:
        before = repository.page_at(commit, site.practice.path.parent, settings,
                                    repository.relative(source.page.path))
    except HistoryUnavailable as reason:
        return Verdict(page, UNVERIFIED, reason=str(reason))
    # The practice's words show on the page too (practice.<lang>.md): practice.md is compared
    # at the same commit, by the same rules.
    then = practice_state(repository.site_at(commit, site.practice.path.parent, settings))
    changes = [c for c in [*compare(before, page_state(source), REVIEW_FIELDS),
                           *compare(then, practice_state(site))] if matters(c)]
    if not changes:
        return Verdict(page, CURRENT, commit)
    changes.sort(key=lambda c: not is_clinical(c))
    shown = repository.git("log", "-1", "--format=%H %cs", f"{commit}..HEAD", "--",
                           repository.relative(source.folder),
                           repository.relative(site.practice.path)).split()
    last, day = (shown[0], date.fromisoformat(shown[1])) if shown else ("", date.today())
    status = WITHHELD if is_clinical(changes[0]) else BEHIND
    return Verdict(page, status, commit, changes, day, last or commit,
                   practice=site.practice_translations.get(translation.lang))


def _spec(change: Change) -> Field | None:
    """The top-level field of the source file that changed (None: the section's text)."""
    name = re.split(r"[.\[]", change.field, maxsplit=1)[0]
    fields = {PAGE_FILE: PAGE_FIELDS, PRACTICE_FILE: PRACTICE_FIELDS}.get(change.file,
                                                                        SECTION_FIELDS)
    return next((f for f in fields if f.name == name), None)


def _carries_words(spec: Field) -> bool:
    return spec.words or any(_carries_words(f) for f in spec.fields)


def matters(change: Change) -> bool:
    """A change a translation must follow: its words, or a clinical field."""
    spec = _spec(change)
    return spec is None or spec.clinical or _carries_words(spec) \
        or Path(change.file).stem in CLINICAL_SECTIONS


def is_clinical(change: Change) -> bool:
    """Clinical by the schema (the field, or its section), or a number changed in any text."""
    spec = _spec(change)
    if Path(change.file).stem in CLINICAL_SECTIONS or (spec is not None and spec.clinical):
        return True
    numbers = [NUMBER.findall(value.text) if value else [] for value in (change.old, change.new)]
    return numbers[0] != numbers[1]


def _translation_file(page: Treatment, name: str) -> Path:
    """The translation of the source file `name` ("faq.md" → faq.es.md; practice.md's is
    beside it, above the treatment folders)."""
    assert page.translation is not None
    folder = page.folder.parent if name == PRACTICE_FILE else page.folder
    return folder / f"{Path(name).stem}.{page.translation.lang}.md"


def _lines_of(page: Treatment, path: Path, practice: SourceFile | None) -> dict[str, int]:
    files = [page.page, *(section.source for section in page.sections), *filter(None, [practice])]
    return next((f.lines for f in files if f.path == path), {})

"""Has a page's patient-visible content changed since a day? Values, not lines, decide.

An attestation (`attestations:` in page.md) holds while the words it judged are unchanged.
This compares the page as the build reads it (`revisions.py`: field → normalised value) at
the newest commit on or before the day with the page at HEAD, so re-wrapping a paragraph,
adding an attestation or re-dating a review expires nothing, and a change that was later
undone expires nothing either. When HEAD differs, the first later commit that differs is
the one named.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from treatment_pages.model import Treatment
from treatment_pages.revisions import REVIEW_FIELDS, PageState, Repository, compare

# Not what an attestation judged: the review dates (the re-review itself). The attestations
# themselves are not content (revisions.NOT_CONTENT).
IGNORED = REVIEW_FIELDS


@dataclass(frozen=True)
class VisibleChange:
    """The first commit after the day whose page differs from the page on that day."""

    commit: str
    day: date
    subject: str
    fields: tuple[str, ...]  # "safety.md: body", "faq.md: faq[2].answer"


def changed_after(treatment: Treatment, since: date,
                  settings: dict[str, Any]) -> VisibleChange | None:
    """The first patient-visible change to `treatment` committed after `since`, or None if
    HEAD shows what the page showed on that day (HistoryUnavailable without the history)."""
    with Repository(treatment.folder) as repository:
        content, page = treatment.folder.parent, repository.relative(treatment.page.path)
        listed = repository.git("log", "--no-merges", "--format=%H %cI %s", "--",
                                repository.relative(treatment.folder))
        commits = []
        for line in listed.splitlines():
            sha, stamp, *subject = line.split(" ", 2)
            commits.append((sha, datetime.fromisoformat(stamp).date(), " ".join(subject)))
        later = [c for c in commits if c[1] > since][::-1]  # oldest first
        if not later:
            return None
        before = next((c for c in commits if c[1] <= since), None)

        def state(commit: str) -> PageState | None:
            return repository.page_at(commit, content, settings, page)

        base = state(before[0]) if before else None
        if not compare(base, state(repository.resolve("HEAD")), ignore=IGNORED):
            return None
        for sha, day, subject in later:
            changes = compare(base, state(sha), ignore=IGNORED)
            if changes:
                fields = tuple(f"{c.file}: {c.field or 'body'}" for c in changes)
                return VisibleChange(sha, day, subject, fields)
    return None  # unreachable: HEAD is the last of `later`

"""Has a page's patient-visible content changed since a day? Values, not lines, decide.

An attestation (`attestations:` in page.md) holds while the words it judged are unchanged.
This compares the page's state — every field and body of its folder as "file: field" →
value with white space folded — at the newest commit on or before the day with its state at
HEAD, so re-wrapping a paragraph, adding an attestation or re-dating a review expires
nothing, and a change that was later undone expires nothing either.

INTEGRATION: this is the stand-in for the value-based history of branch `history-diff`
(`site_tools/revisions.py`, "page state at a commit as field → normalised value"), which was
not merged when this was written. `changed_after` is the one entry point the report uses:
keep its signature and make it call revisions.py, then delete `page_state` and `_states`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from .lint.history import git, repository_root

# Front-matter keys patients do not read as content: the review dates (the re-review itself),
# editors' notes and the attestations themselves.
NOT_CONTENT = frozenset({"last_reviewed", "next_review_due", "lint_ack", "attestations"})


@dataclass(frozen=True)
class VisibleChange:
    """The first commit after the day whose page differs from the page on that day."""

    commit: str
    day: date
    subject: str
    fields: tuple[str, ...]  # "safety.md: body", "faq.md: faq[2].answer"


def changed_after(folder: Path, since: date) -> VisibleChange | None:
    """The first patient-visible change to the page in `folder` committed after `since`, or
    None if HEAD shows what the page showed on that day (HistoryUnavailable without git)."""
    top = repository_root(folder)
    relative = folder.resolve().relative_to(top.resolve())
    listed = git(top, "log", "--no-merges", "--format=%H %cI %s", "--", str(relative))
    commits = []
    for line in listed.splitlines():
        sha, stamp, *subject = line.split(" ", 2)
        commits.append((sha, datetime.fromisoformat(stamp).date(), " ".join(subject)))
    later = [c for c in commits if c[1] > since][::-1]  # oldest first
    if not later:
        return None
    before = next((c for c in commits if c[1] <= since), None)
    base = page_state(top, before[0], relative) if before else {}
    if page_state(top, "HEAD", relative) == base:
        return None
    for sha, day, subject in later:
        state = page_state(top, sha, relative)
        if state != base:
            keys = sorted(k for k in {*state, *base} if state.get(k) != base.get(k))
            return VisibleChange(sha, day, subject, tuple(keys))
    return None  # unreachable: HEAD is the last of `later`


def page_state(top: Path, commit: str, folder: Path) -> dict[str, str]:
    """The page at `commit`: "file: field" → value, white space folded, "file: body" too."""
    names = git(top, "ls-tree", "-r", "--name-only", commit, "--", str(folder)).split()
    state: dict[str, str] = {}
    for name in names:
        if not name.endswith(".md"):
            continue
        text = git(top, "show", f"{commit}:{name}")
        front, body = _split(text)
        file = Path(name).name
        for key, value in _states(front):
            state[f"{file}: {key}"] = value
        paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
        if paragraphs:
            state[f"{file}: body"] = "\n\n".join(paragraphs)
    return state


def _split(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        return {}, text
    _, front, body = [*text.split("---\n", 2), "", ""][:3]
    try:
        values = yaml.safe_load(front)
    except yaml.YAMLError:
        return {"unreadable front matter": " ".join(front.split())}, body
    return (values if isinstance(values, dict) else {}), body


def _states(value: Any, key: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [pair for name, item in value.items() if name not in NOT_CONTENT
                for pair in _states(item, f"{key}.{name}" if key else str(name))]
    if isinstance(value, list):
        return [pair for index, item in enumerate(value, start=1)
                for pair in _states(item, f"{key}[{index}]")]
    return [(key, " ".join(str(value).split()))]

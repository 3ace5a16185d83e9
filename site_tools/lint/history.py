"""Changed since its review: a page must not claim a review older than its words.

`last_reviewed` tells patients when a clinician last checked the page. A content change
committed after that day makes the claim false, so it is an error at the changed file until
the page is re-reviewed and `last_reviewed` updated. The evidence is git's history of each
treatment folder: one `git rev-parse` and one `git status` per site, then at most two `git`
processes per folder (its commit list, then the diffs of the commits after the review, if
any); about 10 ms in all for the real repository:

- A change counts on the committer's calendar day (committer date, in the committer's own
  time zone): a rebase or cherry-pick re-dates a change to when it entered the branch. A
  change committed on the review day itself counts as reviewed (the review and its commit
  are usually the same day).
- A change to white space only (`git diff -w --ignore-blank-lines`), a change to
  `last_reviewed` or `next_review_due` alone (the re-review itself), and a pure rename do not
  count. Merge commits are not read: the commits they bring are, with their own dates.
- `practice.md` (contact details) is not a treatment's file: it needs no clinical review.
- Without the history to decide (git missing, no repository, a shallow clone) the check says
  so as an info line instead of guessing; uncommitted changes are listed as info, since only
  a commit has a date (CI checks commits).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from treatment_pages.model import PAGE_FILE, Treatment

from .registry import Target, check, rule

if TYPE_CHECKING:
    from .linter import Linter

CHANGED = "history.changed-since"
UNAVAILABLE = "history.unavailable"
UNCOMMITTED = "history.uncommitted"
# A changed line of page.md that is part of the re-review itself, not of the content.
REVIEW_DATE_LINE = re.compile(r"^\s*(last_reviewed|next_review_due)\s*:")
HUNK = re.compile(r"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
COMMIT_MARK = "\x00"  # what --format=%x00 writes before each commit


class HistoryUnavailable(Exception):
    """Why the history cannot be read (the message of the info line)."""


@dataclass(frozen=True)
class Change:
    """A content change to one file in one commit, at its first changed line then."""

    commit: str
    day: date
    subject: str
    line: int


def git(repository: Path, *arguments: str) -> str:
    """Output of one git command run in `repository`; HistoryUnavailable when it fails."""
    result = subprocess.run(["git", "-c", "core.quotepath=false", *arguments], cwd=repository,
                            capture_output=True, text=True, encoding="utf-8", check=False)
    if result.returncode:
        raise HistoryUnavailable(result.stderr.strip().splitlines()[-1] if result.stderr.strip()
                                 else f"git {arguments[0]} failed")
    return result.stdout


def repository_root(folder: Path) -> Path:
    """The top of the git work tree holding `folder`, if its full history is there."""
    if shutil.which("git") is None:
        raise HistoryUnavailable("git is not installed")
    try:
        top, shallow = git(folder, "rev-parse", "--show-toplevel",
                           "--is-shallow-repository").split()
    except HistoryUnavailable as refusal:
        if "not a git repository" not in str(refusal):
            raise  # git's own reason, e.g. a repository owned by another user
        raise HistoryUnavailable("the content is not in a git repository (a download or a "
                                 "copy)") from None
    if shallow == "true":
        raise HistoryUnavailable("the git history is shallow (a clone made with --depth); "
                                 "fetch the whole history (`git fetch --unshallow`, or "
                                 "`fetch-depth: 0` in actions/checkout)")
    return Path(top)


def changes_after(top: Path, folder: Path, reviewed: date) -> dict[Path, list[Change]]:
    """Content changes committed after the day `reviewed`, by file, newest first."""
    listed = git(top, "log", "--no-merges", "--format=%H %cI", "--", str(folder))
    later = [commit for commit, stamp in (line.split() for line in listed.splitlines())
             if datetime.fromisoformat(stamp).date() > reviewed]
    if not later:
        return {}
    shown = git(top, "show", "--no-color", "--no-ext-diff", "-w", "--ignore-blank-lines",
                "-U0", "--format=%x00%H %cI %s", *later, "--", str(folder))
    return _parse_diffs(top, shown)


def _parse_diffs(top: Path, shown: str) -> dict[Path, list[Change]]:
    """The files whose diffs change content, from `git show -U0` output."""
    found: dict[Path, list[Change]] = {}
    commit: tuple[str, date, str] | None = None
    path: Path | None = None
    changed: list[str] = []
    first_line = remaining = 0

    def close() -> None:
        if path is None or commit is None or not changed:
            return
        review_only = path.name == PAGE_FILE and all(REVIEW_DATE_LINE.match(line)
                                                     for line in changed)
        if not review_only:
            found.setdefault(path, []).append(Change(*commit, max(first_line, 1)))

    for line in shown.splitlines():
        if line.startswith("\\"):  # "\ No newline at end of file"
            continue
        if remaining:
            remaining -= 1
            changed.append(line[1:])
        elif line.startswith(COMMIT_MARK):
            close()
            sha, stamp, *subject = line[1:].split(" ", 2)
            commit = (sha, datetime.fromisoformat(stamp).date(), " ".join(subject))
            path, changed = None, []
        elif line.startswith("diff --git "):
            close()
            path, changed = None, []
        elif line.startswith(("--- a/", "+++ b/")):
            path = top / line[6:]
        elif match := HUNK.match(line):
            removed, start, added = (int(n) if n is not None else 1 for n in match.groups())
            first_line = first_line if changed else start
            remaining = removed + added
    close()
    return found


def uncommitted(top: Path, folders: list[Path]) -> list[str]:
    """Files of the folders changed or added since the last commit, as git names them."""
    status = git(top, "status", "--porcelain=v1", "--untracked-files=all", "--",
                 *map(str, folders))
    return [line[3:] for line in status.splitlines()]


@check(Target.SITE)
@rule(CHANGED, "error", "a treatment's file has a content change committed after the page's "
      "`last_reviewed` day (white space, and `last_reviewed`/`next_review_due` alone, do not "
      "count; needs the git history)",
      "A page dated as reviewed must not show words no clinician has reviewed (NHS Standard "
      "for creating health content: check the evidence every time you update clinical "
      "content; PIF TICK).")
@rule(UNAVAILABLE, "info", "the git history needed by `history.changed-since` is missing (no "
      "git, not a repository, a shallow clone)",
      "Says that the check did not run instead of guessing; CI fetches the whole history.")
@rule(UNCOMMITTED, "info", "a treatment's file is changed or added but not yet committed",
      "Only a commit has a date: a change committed after `last_reviewed` will need a "
      "re-review.")
def changed_since_review(lint: Linter) -> None:
    treatments = [t for t in lint.site.treatments
                  if isinstance(t.meta.get("last_reviewed"), date)]
    if not treatments:
        return
    try:
        top = repository_root(treatments[0].folder)
        pending = uncommitted(top, [t.folder for t in treatments])
    except HistoryUnavailable as reason:
        for treatment in treatments:
            _unavailable(lint, treatment, reason)
        return
    for treatment in treatments:
        _check_treatment(lint, top, treatment, pending)


def _unavailable(lint: Linter, treatment: Treatment, reason: HistoryUnavailable) -> None:
    page = treatment.page
    lint.report(UNAVAILABLE, page.path, page.lines.get("last_reviewed"),
                f"changes since the last review were not checked: {reason}")


def _check_treatment(lint: Linter, top: Path, treatment: Treatment, pending: list[str]) -> None:
    """Report each file changed since the review (at its newest change), then pending ones."""
    page, reviewed = treatment.page, treatment.meta["last_reviewed"]
    folder = treatment.folder.resolve()
    try:
        changes = changes_after(top, folder, reviewed)
    except HistoryUnavailable as reason:
        _unavailable(lint, treatment, reason)
        return
    for path, found in sorted(changes.items()):
        latest = found[0]
        earlier = f" (and {len(found) - 1} earlier change(s))" if len(found) > 1 else ""
        # A deleted file is reported at page.md, the page it was part of.
        where, line, gone = ((treatment.folder / path.relative_to(folder), latest.line, "")
                             if path.exists() else
                             (page.path, page.lines.get("last_reviewed"),
                              " (the file was deleted)"))
        lint.report(CHANGED, where, line,
                    f"{path.name}{gone} changed on {latest.day.isoformat()} in commit "
                    f"{latest.commit[:7]} '{latest.subject}'{earlier}, after last_reviewed "
                    f"({reviewed.isoformat()}) — have the clinician re-review the page, then "
                    "update last_reviewed and next_review_due in page.md")
    mine = [name for name in pending if (top / name).resolve().is_relative_to(folder)]
    if mine:
        lint.report(UNCOMMITTED, page.path, page.lines.get("last_reviewed"),
                    f"not yet committed: {', '.join(sorted(mine))} — once committed after "
                    f"last_reviewed ({reviewed.isoformat()}), a content change needs a "
                    "re-review")

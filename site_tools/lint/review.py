"""Review dates: a page's medical content must be reviewed in time, and dated truthfully."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from treatment_pages.facts import REVIEW_CYCLE, ReviewCycle
from treatment_pages.model import Treatment

from .registry import Target, check, rule, setting

if TYPE_CHECKING:
    from .linter import Linter

setting("review_warn_days", 30)
setting("review_max_years", REVIEW_CYCLE.max_years)

OVERDUE = "review.overdue"
DUE_SOON = "review.due-soon"
FUTURE = "review.future"
INTERVAL = "review.interval"


@check(Target.TREATMENT)
@rule(OVERDUE, "error", "`next_review_due` has passed",
      "Patients must not read medical advice whose review has lapsed (NHS Standard for "
      "Creating Health Content: review within 3 years; PIF TICK).")
@rule(DUE_SOON, "warning", "`next_review_due` is within `review_warn_days` "
      "(default 30)", "Gives the clinician time to review before the page becomes overdue.")
@rule(FUTURE, "error", "`last_reviewed` is after today",
      "A review date in the future is a typo (often the year), and would make the page "
      "look reviewed when it may not be.")
@rule(INTERVAL, "error",
      "`next_review_due` is more than `review_max_years` (default 3) after `last_reviewed` "
      "(one before the other fails the build: `review.order`)",
      "NHS and PIF TICK: health information is reviewed at least every 3 years.")
def review_dates(lint: Linter, treatment: Treatment) -> None:
    page, meta, today = treatment.page, treatment.meta, lint.today
    last, due = meta.get("last_reviewed"), meta.get("next_review_due")
    line = page.lines.get("next_review_due")
    if not (isinstance(last, date) and isinstance(due, date)):
        return
    if due < today:
        lint.report(OVERDUE, page.path, line,
                    f"the review was due on {due.isoformat()}, {(today - due).days} "
                    "day(s) ago — have the page reviewed, then update last_reviewed and "
                    "next_review_due")
    elif (due - today).days <= lint.config["review_warn_days"]:
        lint.report(DUE_SOON, page.path, line,
                    f"the review is due on {due.isoformat()}, in "
                    f"{(due - today).days} day(s) — book the clinician's review")
    if last > today:
        lint.report(FUTURE, page.path, page.lines.get("last_reviewed"),
                    f"last_reviewed ({last.isoformat()}) is after today "
                    f"({today.isoformat()}) — write the date the review took place")
    cycle = ReviewCycle(lint.config["review_max_years"])
    if due > cycle.latest_due(last):
        lint.report(INTERVAL, page.path, line,
                    f"next_review_due is more than {cycle.max_years} years after last_reviewed "
                    f"({last.isoformat()}) — set it to {cycle.latest_due(last).isoformat()} "
                    "or earlier")


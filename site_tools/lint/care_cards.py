"""Care cards (NHS.UK): at most 2 on a page, each heading leading into its symptoms.

A card without an action is already an error of validation (`action` is required), so the
build and `invoke check` both refuse it; no lint rule repeats that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from treatment_pages.model import Treatment

from .registry import Target, check, rule

if TYPE_CHECKING:
    from .linter import Linter

TOO_MANY = "care-cards.too-many"
HEADING = "care-cards.heading"

MAX_CARDS = 2  # NHS.UK: "Do not use more than 2 care cards on a page"


@check(Target.TREATMENT)
@rule(TOO_MANY, "error", f"a page has more than {MAX_CARDS} care cards",
      "Too many urgent boxes and none stands out: NHS.UK's care cards pattern allows at most "
      "2 on a page.")
@rule(HEADING, "warning", "a care card's heading does not end with ':' leading "
      "into its symptoms, as in 'Call 999 if:'",
      "NHS.UK care cards: the heading says what to do and ends 'if:', so the list reads as "
      "its conditions.")
def care_cards(lint: Linter, treatment: Treatment) -> None:
    count = 0
    for section in treatment.sections:
        source = section.source
        for index, card in enumerate(section.care_cards, start=1):
            count += 1
            where = f"care_cards[{index}]"
            if count == MAX_CARDS + 1:
                lint.report(TOO_MANY, source.path, source.lines.get(where),
                            f"{where}: this is care card {count} on the page — keep at most "
                            f"{MAX_CARDS}; put the rest in the text")
            heading = card["heading"] or ""
            if heading and not heading.rstrip().endswith(":"):
                lint.report(HEADING, source.path,
                            source.lines.get(f"{where}.heading"),
                            f"{where}.heading: '{heading}' does not lead into its symptoms — "
                            "end it like 'Call 999 if:'")

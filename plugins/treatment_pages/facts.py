"""Checks of fact: mistakes no editorial judgement could keep, so they fail the build.

A link to a page or `#anchor` that does not exist, or a next review that comes before the last
one, is wrong whatever the day or the house style. The build and `invoke check` both report
these diagnostics (check reads the site through the same `load_site`); editorial judgement —
readability, claims, a review falling due — stays in `invoke check` (site_tools/lint).
`FACT_RULES` documents each rule; the editors' guide lists them beside the lint rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .links import href_line, hrefs, is_external, page_at
from .problems import Diagnostic

if TYPE_CHECKING:
    from .frontmatter import SourceFile
    from .model import Site, Treatment


@dataclass(frozen=True)
class FactRule:
    """A rule the build enforces: its id (as printed), what fires it, and why."""

    id: str
    checks: str
    rationale: str


BROKEN_ANCHOR = FactRule("links.broken-anchor", "a `#anchor` link matches no section on the page",
                         "A link that goes nowhere fails the patient (WCAG 2.4.4 link purpose).")
BROKEN_INTERNAL = FactRule("links.broken-internal",
                           "a link to another page of this site matches no page",
                           "A link that goes nowhere fails the patient.")
REVIEW_ORDER = FactRule("review.order", "`next_review_due` is not after `last_reviewed`",
                        "A review cannot fall due before the last one took place: one of the "
                        "dates is a typo.")
EMERGENCY_NUMBER = FactRule("care.emergency-number", "a care card's heading names a number "
                             "to call that is not the practice's `emergency_number`",
                             "The heading says one number and the card's link dials another: "
                             "a patient in an emergency must not have to choose.")
FACT_RULES = (BROKEN_ANCHOR, BROKEN_INTERNAL, REVIEW_ORDER, EMERGENCY_NUMBER)
# A short number to dial, as care card headings name it ("Call 999 if:", "dial 112").
NUMBER_TO_CALL = re.compile(r"\b(?:call|dial|phone|ring)\s+(\d{2,6})\b(?![ .-]?\d)", re.I)


def check_facts(site: Site, root: str = "/") -> list[Diagnostic]:
    """Every fact diagnostic of the site (its URLs must already be assigned); `root` is the
    path the site is served under (`links.site_path`)."""
    found: list[Diagnostic] = []
    for treatment in site.treatments:
        found.extend(_review_order(treatment))
        for section in treatment.sections:
            found.extend(_care_card_numbers(site, section.source))
            rendered = [("", section.body_html)] + [
                (f"faq[{index}].answer", item["answer_html"])
                for index, item in enumerate(section.faq, start=1)]
            for where, html in rendered:
                found.extend(_internal_links(site, treatment, section.source, where, html,
                                             root))
    return found


def _care_card_numbers(site: Site, source: SourceFile) -> list[Diagnostic]:
    emergency = site.practice.values.get("emergency_number")
    found = []
    for index, card in enumerate(source.values.get("care_cards") or (), start=1):
        where = f"care_cards[{index}].heading"
        for number in NUMBER_TO_CALL.findall(card.get("heading") or ""):
            if emergency and number != emergency:
                found.append(Diagnostic(source.path, source.lines.get(where), where,
                                        f"names {number}, but the practice's emergency number "
                                        f"is {emergency}", "write the heading without the "
                                        "number, or correct emergency_number in practice.md",
                                        rule=EMERGENCY_NUMBER.id))
    return found


def _review_order(treatment: Treatment) -> list[Diagnostic]:
    last, due = treatment.meta.get("last_reviewed"), treatment.meta.get("next_review_due")
    if not (isinstance(last, date) and isinstance(due, date)) or due > last:
        return []
    page = treatment.page
    return [Diagnostic(page.path, page.lines.get("next_review_due"), "next_review_due",
                       f"{due.isoformat()} must be after last_reviewed ({last.isoformat()})",
                       "check the year of both dates", rule=REVIEW_ORDER.id)]


def _internal_links(site: Site, treatment: Treatment, source: SourceFile, where: str,
                    html: str, root: str) -> list[Diagnostic]:
    found = []
    for href in hrefs(html):
        if is_external(href):
            continue
        path, _, anchor = href.partition("#")
        target = treatment if not path else page_at(site.pages(), path, treatment.url, root)
        line = href_line(source, where, href)
        if target is None:
            found.append(Diagnostic(source.path, line, where,
                                    f"the link '{href}' matches no page of this site",
                                    "a link is read from the page it is on: use a page's "
                                    f"address from the site's root, e.g. {root}slug/",
                                    rule=BROKEN_INTERNAL.id))
        elif anchor and anchor not in target.element_ids():
            choices = ", ".join(f"#{a}" for a in sorted(target.anchors))
            found.append(Diagnostic(source.path, line, where,
                                    f"the link '{href}' matches no section of the page",
                                    f"use one of: {choices}", rule=BROKEN_ANCHOR.id))
    return found

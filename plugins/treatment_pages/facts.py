"""Checks of fact: mistakes no editorial judgement could keep, so they fail the build.

A link to a page or `#anchor` that does not exist, or a next review that comes before the last
one, is wrong whatever the day or the house style. The build and `invoke check` both report
these diagnostics (check reads the site through the same `load_site`); editorial judgement —
readability, claims, a review falling due — stays in `invoke check` (site_tools/lint).
`FACT_RULES` documents each rule (`rules.Rule`, the lint's type too); the editors' guide
lists them beside the lint rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .links import (
    href_line,
    hrefs,
    is_external,
    on_this_site,
    own_hosts,
    page_at,
    published_file,
    site_path,
    srcs,
)
from .normalise import comparable
from .problems import Diagnostic
from .rules import Rule

if TYPE_CHECKING:
    from .frontmatter import SourceFile
    from .model import Site, Treatment


@dataclass(frozen=True)
class ReviewCycle:
    """How often a page's medical content is reviewed, one policy for all three judges: the
    build refuses a next review not after the last (`review.order`), `invoke check` one more
    than `max_years` after it (`review.interval`, its `review_max_years` setting), and the
    standards report passes a cycle only within both. NHS and PIF TICK: at least every 3 years.
    """

    max_years: int = 3

    def latest_due(self, last: date) -> date:
        """The latest `next_review_due` for a review on `last` (28 February for 29 February)."""
        try:
            return last.replace(year=last.year + self.max_years)
        except ValueError:
            return last.replace(year=last.year + self.max_years, day=28)

    def within(self, last: date, due: date) -> bool:
        """Whether a review on `last` due on `due` keeps to the cycle."""
        return last < due <= self.latest_due(last)


REVIEW_CYCLE = ReviewCycle()  # the default; EDITORIAL_LINT's review_max_years overrides it
BROKEN_ANCHOR = Rule("links.broken-anchor", "error",
                     "a `#anchor` link matches no section on the page",
                     "A link that goes nowhere fails the patient (WCAG 2.4.4 link purpose).")
BROKEN_INTERNAL = Rule("links.broken-internal", "error",
                       "a link to another page of this site matches no page",
                       "A link that goes nowhere fails the patient.")
REVIEW_ORDER = Rule("review.order", "error", "`next_review_due` is not after `last_reviewed`",
                    "A review cannot fall due before the last one took place: one of the "
                    "dates is a typo.")
EMERGENCY_NUMBER = Rule("care.emergency-number", "error", "a care card's heading names a "
                        "number to call that is not the practice's `emergency_number`",
                        "The heading says one number and the card's link dials another: "
                        "a patient in an emergency must not have to choose.")
UNPUBLISHED_IMAGE = Rule("images.unpublished", "error", "an image's address is not a file the "
                         "build publishes (a file in a folder named in STATIC_PATHS)",
                         "The patient would see a broken image, or only its description.")
REVIEWER_CREDENTIALS = Rule(
    "review.reviewer-credentials", "error", "the reviewer has the clinician's name "
    "(practice.md) but other credentials", "The structured data names one person, the "
    "practice's physician: the page would show one set of qualifications and search engines "
    "read another.")
FACT_RULES = (BROKEN_ANCHOR, BROKEN_INTERNAL, REVIEW_ORDER, EMERGENCY_NUMBER, UNPUBLISHED_IMAGE,
              REVIEWER_CREDENTIALS)
# A short number to dial, as care card headings name it ("Call 999 if:", "dial 112").
NUMBER_TO_CALL = re.compile(r"\b(?:call|dial|phone|ring)\s+(\d{2,6})\b(?![ .-]?\d)", re.I)


@dataclass(frozen=True)
class Where:
    """Where the site is served and what it publishes, from the build's settings: its root
    path (SITEURL's), its own hosts, the content folder and STATIC_PATHS."""

    root: str
    hosts: frozenset[str]
    content: Path
    static_paths: tuple[str, ...]


def check_facts(site: Site, settings: dict[str, Any]) -> list[Diagnostic]:
    """Every fact diagnostic of the site (its URLs must already be assigned)."""
    where = Where(site_path(settings.get("SITEURL", "")), own_hosts(settings),
                  site.practice.path.parent, tuple(settings.get("STATIC_PATHS", ())))
    found: list[Diagnostic] = []
    for treatment in site.treatments:
        found.extend(_review_order(treatment))
        found.extend(_reviewer_credentials(site, treatment))
        for section in treatment.sections:
            found.extend(_care_card_numbers(site, section.source))
            rendered = [("", section.body_html)] + [
                (f"faq[{index}].answer", item["answer_html"])
                for index, item in enumerate(section.faq, start=1)]
            for field, html in rendered:
                found.extend(_internal_links(site, treatment, section.source, field, html,
                                             where))
                found.extend(_images(treatment, section.source, field, html, where))
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


def is_the_clinician(reviewer: dict[str, Any], practice: dict[str, Any]) -> bool:
    """Whether page.md's reviewer is practice.md's clinician: the same name as a reader sees
    it (`comparable`). The JSON-LD then names the practice's physician as the reviewer."""
    return bool(reviewer.get("name")) and \
        comparable(str(reviewer["name"])) == comparable(str(practice.get("clinician") or ""))


def _reviewer_credentials(site: Site, treatment: Treatment) -> list[Diagnostic]:
    """The clinician, named as reviewer, with other credentials than practice.md gives: one
    of the two is stale (or the reviewer is someone else of the same name)."""
    reviewer, practice = treatment.meta.get("reviewed_by") or {}, site.practice.values
    if not isinstance(reviewer, dict) or not is_the_clinician(reviewer, practice):
        return []
    here, there = str(reviewer.get("credentials") or ""), str(practice.get("credentials") or "")
    if not here or not there or comparable(here) == comparable(there):
        return []
    page = treatment.page
    return [Diagnostic(page.path, page.lines.get("reviewed_by.credentials"),
                       "reviewed_by.credentials",
                       f"'{here}', but practice.md gives the clinician {practice['clinician']} "
                       f"the credentials '{there}'",
                       "write the same credentials in both files; if the reviewer is another "
                       "person of the same name, write their name so that readers can tell "
                       "them apart", rule=REVIEWER_CREDENTIALS.id)]


def _review_order(treatment: Treatment) -> list[Diagnostic]:
    last, due = treatment.meta.get("last_reviewed"), treatment.meta.get("next_review_due")
    if not (isinstance(last, date) and isinstance(due, date)) or due > last:
        return []
    page = treatment.page
    return [Diagnostic(page.path, page.lines.get("next_review_due"), "next_review_due",
                       f"{due.isoformat()} must be after last_reviewed ({last.isoformat()})",
                       "check the year of both dates", rule=REVIEW_ORDER.id)]


def _internal_links(site: Site, treatment: Treatment, source: SourceFile, where: str,
                    html: str, at: Where) -> list[Diagnostic]:
    """Links within the site, relative or to its own address (`links.on_this_site`), that
    reach no page or no section of it."""
    found = []
    root = at.root
    for href in hrefs(html):
        if (local := on_this_site(href, at.hosts, root)) is None:
            continue
        path, _, anchor = local.partition("#")
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


def _images(treatment: Treatment, source: SourceFile, where: str, html: str,
            at: Where) -> list[Diagnostic]:
    """Images whose address is no file the build publishes (the renderer has already refused
    addresses of other sites)."""
    return [Diagnostic(source.path, href_line(source, where, src), where,
                       f"the image '{src}' is not a file this site publishes",
                       "put the image in a folder named in STATIC_PATHS (pelicanconf.py), e.g. "
                       f"content/media/, and write its address from this page, e.g. "
                       f"{at.root}media/diagram.png", rule=UNPUBLISHED_IMAGE.id)
            for src in srcs(html) if not is_external(src)
            and published_file(at.content, at.static_paths, src, treatment.url, at.root) is None]

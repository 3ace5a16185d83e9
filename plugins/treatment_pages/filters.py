"""Jinja filters: formatting decided in Python, so templates only present."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, NamedTuple
from urllib.parse import quote

from . import catalogs
from .schema import (
    APPROVAL_FIELD,
    CARE_ACTION_FIELD,
    CARE_LEVEL_FIELD,
    PRACTICE_FIELDS,
    REGULATOR_BY_NAME,
    TRANSLATION_FIELDS,
)
from .translations import language_name

PRACTICE_KINDS = {spec.name: spec.kind for spec in PRACTICE_FIELDS}


def tel_href(phone: str) -> str:
    """'+1 202-555-0142' -> '+12025550142' for a tel: link."""
    return re.sub(r"[^0-9+]", "", phone)


def long_date(value: date) -> str:
    """27 November 2026: unambiguous for readers in any country (in the page's language)."""
    return catalogs.active.long_date(value)


def approval_label(approval: str, regulator: str | None) -> str:
    """The visible label of an indication's `approval` value, in the words of practice.md's
    regulator (as the schema defines them); the neutral word while it names none. In the
    page's language (the catalogs)."""
    if regulator in REGULATOR_BY_NAME:
        return catalogs.active.gettext(REGULATOR_BY_NAME[regulator].label(approval))
    return catalogs.active.gettext(APPROVAL_FIELD.label_of(approval))


def care_level_label(level: str) -> str:
    """The words of a care card's `level` ("Immediate action required"), as the schema has them."""
    return catalogs.active.gettext(CARE_LEVEL_FIELD.label_of(level))


def translation_method(method: str) -> str:
    """How a page was translated, in the page's language ("a professional translator")."""
    spec = next(f for f in TRANSLATION_FIELDS if f.name == "method")
    return catalogs.active.gettext(spec.label_of(method))


class Link(NamedTuple):
    """A link the theme shows: its text and its address."""

    text: str
    href: str


def care_card_action(action: str, practice: dict[str, Any]) -> Link:
    """A care card's action as a link to the practice.md field its choice names (a number is
    dialled): no number, and no action, lives in the theme."""
    choice = CARE_ACTION_FIELD.choice(action)
    text = catalogs.active.gettext(choice.label).format_map(practice)
    target = practice[choice.link]
    dialled = PRACTICE_KINDS[choice.link] in ("phone", "short_number")
    return Link(text, f"tel:{tel_href(target)}" if dialled else target)


def feedback_href(practice: dict[str, Any], title: str, page_url: str, site_url: str) -> str:
    """Where a patient reports a problem: `feedback_url`, else an email naming the page.

    The subject carries the page's title and address (absolute in production; from the site
    root in a development build, whose SITEURL is empty), so the practice knows which page.
    """
    if practice.get("feedback_url"):
        return practice["feedback_url"]
    subject = f"Feedback on {title} ({site_url}/{page_url})"
    return f"mailto:{practice['email']}?subject={quote(subject, safe='')}"


FILTERS = {"tel_href": tel_href, "long_date": long_date, "approval_label": approval_label,
           "care_level_label": care_level_label, "care_card_action": care_card_action,
           "language_name": language_name, "translation_method": translation_method}

"""Jinja filters: formatting decided in Python, so templates only present."""

from __future__ import annotations

import re
from datetime import date

from .schema import APPROVAL_FIELD


def tel_href(phone: str) -> str:
    """'+1 202-555-0142' -> '+12025550142' for a tel: link."""
    return re.sub(r"[^0-9+]", "", phone)


def long_date(value: date) -> str:
    """27 November 2026: unambiguous for readers in any country."""
    return f"{value.day} {value:%B %Y}"


def approval_label(approval: str) -> str:
    """The visible label of an indication's `approval` value, as the schema defines it."""
    return APPROVAL_FIELD.label_of(approval)


FILTERS = {"tel_href": tel_href, "long_date": long_date, "approval_label": approval_label}

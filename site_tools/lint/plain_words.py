"""Words and phrases to avoid in patient information, each with what to write instead.

This list is ours. It follows the NHS content style guide
(https://service-manual.nhs.uk/content: "How we write", and its "A to Z of NHS health
writing", https://service-manual.nhs.uk/content/a-to-z-of-nhs-health-writing) and W3C COGA's
"Use clear words" pattern (https://www.w3.org/TR/coga-usable/). The A to Z could not be
retrieved when the list was written, so no entry quotes it; where an entry matches its advice,
the NHS text is © NHS England, under the Open Government Licence v3.0
(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). The list itself
is `plain_words.yml`; clinics replace it with the `plain_words` setting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class PlainWord:
    """A word or phrase to avoid: its forms, what to write instead, and when it is fine.

    `unless_before`: a regular expression for the words after it that make it fine (a
    condition's name such as "chronic migraine").
    """

    forms: tuple[str, ...]
    instead: str
    unless_before: str = ""


def read_words(words: Iterable[PlainWord | dict[str, Any]]) -> tuple[PlainWord, ...]:
    """The `plain_words` setting: PlainWord objects, or dicts `{forms, instead}`."""
    return tuple(w if isinstance(w, PlainWord) else
                 PlainWord(**{**w, "forms": tuple(w["forms"])}) for w in words)


# The list is data in the setting's own form (a clinic's `plain_words` replaces it).
DEFAULT_WORDS = read_words(yaml.safe_load(
    Path(__file__).with_name("plain_words.yml").read_text(encoding="utf-8")))

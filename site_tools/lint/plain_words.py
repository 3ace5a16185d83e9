"""Words and phrases to avoid in patient information, each with what to write instead.

This list is ours. It follows the NHS content style guide
(https://service-manual.nhs.uk/content: "How we write", and its "A to Z of NHS health
writing", https://service-manual.nhs.uk/content/a-to-z-of-nhs-health-writing) and W3C COGA's
"Use clear words" pattern (https://www.w3.org/TR/coga-usable/). The A to Z could not be
retrieved when the list was written, so no entry quotes it; where an entry matches its advice,
the NHS text is © NHS England, under the Open Government Licence v3.0
(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). Clinics replace
the list with the `plain_words` setting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PlainWord:
    """A word or phrase to avoid: its forms, what to write instead, and when it is fine.

    `unless_before`: a regular expression for the words after it that make it fine (a
    condition's name such as "chronic migraine").
    """

    forms: tuple[str, ...]
    instead: str
    unless_before: str = ""


DEFAULT_WORDS = (
    PlainWord(("additional",), "'more' or 'extra'"),
    PlainWord(("administer", "administered", "administering"), "'give' or 'given'"),
    PlainWord(("adverse",), "'harmful' or 'bad'"),
    PlainWord(("alleviate", "alleviates"), "'ease' or 'relieve'"),
    PlainWord(("approximately",), "'about'"),
    PlainWord(("assess", "assesses", "assessed"), "'check' or 'look at'"),
    PlainWord(("associated with",), "'linked to' or 'caused by'"),
    PlainWord(("chronic",), "'long-term' or 'long-lasting' (keep it in a condition's name, "
              "such as chronic migraine)", unless_before=r"migraines?|fatigue|kidney|obstructive"),
    PlainWord(("commence", "commences"), "'start'"),
    PlainWord(("consultation",), "'appointment'"),
    PlainWord(("contraindicated",), "'should not be used'"),
    PlainWord(("contribute to",), "'cause' or 'add to'"),
    PlainWord(("demonstrate", "demonstrates"), "'show'"),
    PlainWord(("determine",), "'find out' or 'decide'"),
    PlainWord(("discomfort",), "'pain', 'ache' or 'soreness' (say what it is)"),
    PlainWord(("dysfunction",), "'problems'"),
    PlainWord(("efficacy",), "'how well it works'"),
    PlainWord(("eliminate", "eliminates", "eliminating"), "'remove' or 'no need for'"),
    PlainWord(("ensure",), "'make sure'"),
    PlainWord(("evaluate", "evaluates"), "'check'"),
    # "Excessive sweating" is the NHS's own plain name for hyperhidrosis.
    PlainWord(("excessive",), "'too much'", unless_before="sweating"),
    PlainWord(("may experience", "might experience", "can experience", "will experience",
               "to experience", "you experience", "experience relief"),
              "'have', 'get' or 'feel' ('you may feel sore')"),
    PlainWord(("facilitate", "facilitates"), "'help'"),
    PlainWord(("frequency",), "'how often'"),
    PlainWord(("in order to",), "'to'"),
    PlainWord(("individual",), "'person', or 'your' ('your response')"),
    PlainWord(("inhibit", "inhibits", "inhibiting"), "'block' or 'stop'"),
    PlainWord(("initial",), "'first'"),
    PlainWord(("intensity",), "'how bad' or 'how strong'"),
    PlainWord(("medication", "medications"), "'medicine'"),
    PlainWord(("minimally invasive",), "what happens: 'small injections, no cuts'"),
    PlainWord(("mobility",), "'movement' or 'getting around'"),
    PlainWord(("numerous",), "'many'"),
    PlainWord(("obtain",), "'get'"),
    PlainWord(("optimal",), "'best'"),
    PlainWord(("patient", "patients"), "'you', or 'people' ('many people')"),
    PlainWord(("physician", "physicians"), "'doctor'"),
    PlainWord(("prior to",), "'before'"),
    PlainWord(("regarding",), "'about'"),
    PlainWord(("require", "requires", "required", "requiring"), "'need'"),
    PlainWord(("significant",), "'big', 'clear' or 'important'"),
    PlainWord(("subsequent", "subsequently"), "'later' or 'next'"),
    PlainWord(("sufficient",), "'enough'"),
    PlainWord(("terminate",), "'end' or 'stop'"),
    PlainWord(("typically",), "'usually'"),
    PlainWord(("undergo", "undergoes"), "'have'"),
    PlainWord(("utilise", "utilize", "utilised", "utilized"), "'use'"),
    PlainWord(("a variety of", "various"), "'many' or 'different'"),
    PlainWord(("via",), "'through' or 'by'"),
    PlainWord(("whilst",), "'while'"),
)


def read_words(words: Iterable[PlainWord | dict[str, Any]]) -> tuple[PlainWord, ...]:
    """The `plain_words` setting: PlainWord objects, or dicts `{forms, instead}`."""
    return tuple(w if isinstance(w, PlainWord) else
                 PlainWord(**{**w, "forms": tuple(w["forms"])}) for w in words)

"""Profiles: named sets of thresholds for `invoke check --profile` and `invoke report --profile`.

A profile changes thresholds, never rules: every rule runs in every profile. It is applied
over the settings' defaults (the NHS profile *is* the defaults); a clinic's EDITORIAL_LINT
still wins over a profile, being the most specific choice. One definition here serves both
the check and the report, and `invoke docs` writes the profile table from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .registry import SETTINGS


@dataclass(frozen=True)
class Profile:
    """A profile: who it is for, its thresholds (setting -> value), and where they come from.

    `reading_age`: the (lowest, highest) reading age the report judges readability by, when
    the profile has one (a US school grade + 5).
    """

    name: str
    summary: str
    thresholds: dict[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    reading_age: tuple[int, int] | None = None


GRADE_TO_AGE = 5  # a US school grade is read by children about 5 years older
NHS_STYLE = "NHS content style guide, https://service-manual.nhs.uk/content"
NHS_READABILITY = ("NHS Standard for creating health content, "
                   "https://service-manual.nhs.uk/content/standard-for-creating-health-content")
PIF = "Patient Information Forum, PIF TICK criteria, https://pifonline.org.uk/pif-tick/"
EASY_READ = ("UK Government, Accessible communication formats (Easy Read), "
             "https://www.gov.uk/government/publications/inclusive-communication/"
             "accessible-communication-formats; Department of Health, Making written "
             "information easier to understand for people with learning disabilities (2009)")

PROFILES = {profile.name: profile for profile in (
    Profile("nhs", "the default: the NHS content style guide's sentences of about 20 words, "
            "Flesch-Kincaid grade 8 and SMOG 14", {}, (NHS_STYLE, NHS_READABILITY)),
    Profile("pif", "reading age 9 to 11 (PIF and the NHS): Flesch-Kincaid grade at most 6",
            {"fk_grade_max": 11.0 - GRADE_TO_AGE}, (PIF, NHS_READABILITY), reading_age=(9, 11)),
    Profile("easy-read", "Easy Read: sentences of at most 15 words, one idea per sentence, "
            "paragraphs of at most 3 sentences",
            {"sentence_words_max": 15, "ideas_per_sentence_max": 1,
             "paragraph_sentences_max": 3},
            (EASY_READ,)),
)}
DEFAULT_PROFILE = "nhs"


def profile_settings(name: str) -> dict[str, Any]:
    """The thresholds of profile `name` (ValueError for an unknown profile or setting)."""
    if name not in PROFILES:
        raise ValueError(f"--profile must be one of: {', '.join(PROFILES)}")
    thresholds = PROFILES[name].thresholds
    unknown = set(thresholds) - set(SETTINGS)
    if unknown:
        raise ValueError(f"profile {name}: unknown setting(s) {', '.join(sorted(unknown))}")
    return dict(thresholds)


def profile_table_markdown() -> str:
    """The profile table for docs/editing.md, from the one definition above."""
    rows = ["| profile | for | thresholds | sources |", "|---|---|---|---|"]
    for profile in PROFILES.values():
        thresholds = ", ".join(f"`{k}` {v:g}" for k, v in profile.thresholds.items()) \
            or "the defaults"
        rows.append(f"| `{profile.name}` | {profile.summary} | {thresholds} | "
                    f"{'; '.join(profile.sources)} |")
    return "\n".join(rows) + "\n"

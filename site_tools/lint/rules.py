"""The rule registry and the settings: one place that names, levels and documents every rule.

`docs/editing.md` gets its rule table from `rule_table_markdown`, so the guide cannot drift
from what `invoke check` reports.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Any

LEVELS = ("error", "warning", "acknowledged", "info")
SETTING_LEVELS = ("error", "warning", "info", "off")  # what EDITORIAL_LINT["levels"] accepts


@dataclass(frozen=True)
class Rule:
    """One lint rule: its stable id, default level, and why it exists (with its source)."""

    id: str
    level: str
    checks: str
    rationale: str


@dataclass(frozen=True)
class Claim:
    """A risky phrase family: the words that trigger it, why it is risky, what to say instead."""

    id: str
    phrases: tuple[str, ...]
    reason: str
    suggestion: str


ETHICS = ("GMC Good medical practice (honest information, no misleading claims); "
          "AMA Code of Medical Ethics 9.6.1 (advertising must not mislead)")

DEFAULT_CLAIMS = (
    Claim("drug-free", ("drug-free", "drug free", "medication-free", "medicine-free"),
          "Botox (onabotulinumtoxinA) is a prescription medicine, a biologic drug: "
          "calling the treatment drug-free is false",
          "'without daily tablets' or 'an alternative to daily pain medicines'"),
    Claim("guarantee", ("guarantee", "guaranteed", "guarantees"),
          "no treatment works for everyone; promising results misleads patients",
          "'many patients find…' or 'it may help'"),
    Claim("cure", ("cure", "cures", "cured"),
          "Botox relieves symptoms for a few months; it does not cure the condition",
          "'relieve' or 'reduce'"),
    Claim("painless", ("painless", "pain-free", "pain free"),
          "injections can sting or ache briefly",
          "'most people feel only a brief sting'"),
    Claim("absolutely-safe", ("100% safe", "completely safe", "totally safe", "perfectly safe"),
          "Botox carries an FDA boxed warning; no medicine is completely safe",
          "'generally safe when given by a trained clinician' and link to the safety section"),
    Claim("no-side-effects", ("no side effects", "without side effects", "side-effect free"),
          "Botox has known side effects (see the prescribing information)",
          "'side effects are usually mild and go away on their own'"),
    Claim("permanent", ("permanent", "permanently"),
          "the effect of therapeutic Botox wears off after about 3 to 6 months",
          "'lasts about 3 to 6 months'"),
    Claim("risk-free", ("risk-free", "risk free", "no risk", "no risks"),
          "every injection carries some risk",
          "'the risks are low, and your doctor will go through them with you'"),
    Claim("miracle", ("miracle", "miraculous"),
          "an exaggerated promise patients may take literally",
          "describe what the treatment does, e.g. 'can reduce the number of headache days'"),
)

DEFAULTS: dict[str, Any] = {
    "today": None,  # "YYYY-MM-DD" to pin the date; the LINT_TODAY environment variable wins
    "fk_grade_max": 8.0,  # NIH: below 8th grade (the AMA asks for 6th)
    "smog_max": 14.0,  # NHS: content above SMOG 14 is reworked first
    "review_warn_days": 30,
    "review_max_years": 3,
    "near_duplicate_ratio": 0.85,
    "levels": {},  # rule id -> "error", "warning", "info" or "off"
    "claims": DEFAULT_CLAIMS,
    # Regular expressions for text nobody should publish (new-treatment writes "Replace with").
    "placeholder_text": (r"\bReplace with\b", r"\bTODO\b", r"\bTBD\b", r"(?i)\blorem ipsum\b",
                         r"\bXXX+\b"),
    # Contact details reserved for fiction: 555-01xx numbers, example.com/.org/.net domains.
    "placeholder_contact": (r"555[\s.-]*01\d\d", r"(?i)\bexample\.(com|org|net)\b"),
}

STATIC_RULES = (
    Rule("readability.score", "info", "Flesch-Kincaid grade and SMOG of every section and page",
         "A figure for every section shows where to start simplifying. SMOG needs at least 3 "
         "sentences; shorter sections show 'n/a'."),
    Rule("readability.fk-grade", "warning",
         "Flesch-Kincaid grade above `fk_grade_max` (default 8)",
         "The NIH asks for patient material below 8th-grade reading level and the AMA for "
         "6th grade; half of US adults read below 8th grade."),
    Rule("readability.smog", "warning", "SMOG index above `smog_max` (default 14)",
         "The NHS measures its health content with SMOG, aims at a reading age of 9 to 11 and "
         "reworks anything above SMOG 14 first."),
    Rule("review.overdue", "error", "`next_review_due` has passed",
         "Patients must not read medical advice whose review has lapsed (NHS Standard for "
         "Creating Health Content: review within 3 years; PIF TICK)."),
    Rule("review.due-soon", "warning", "`next_review_due` is within `review_warn_days` "
         "(default 30)", "Gives the clinician time to review before the page becomes overdue."),
    Rule("review.future", "error", "`last_reviewed` is after today",
         "A review date in the future is a typo (often the year), and would make the page "
         "look reviewed when it may not be."),
    Rule("review.interval", "error",
         "`next_review_due` is not after `last_reviewed`, or more than `review_max_years` "
         "(default 3) after it", "NHS and PIF TICK: health information is reviewed at least "
         "every 3 years."),
    Rule("placeholder.contact", "warning", "`practice.md` has `placeholder: true`, or a "
         "contact field still holds a fictional number or domain (`placeholder_contact`)",
         "Made-up phone numbers and addresses must not reach patients."),
    Rule("placeholder.text", "warning", "text still holds `Replace with`, `TODO`, `TBD`, "
         "`lorem ipsum` or `XXX` (`placeholder_text`)",
         "Scaffolded or unfinished words must not reach patients."),
    Rule("placeholder.reviewer", "warning", "`reviewed_by.placeholder: true` in `page.md`",
         "A page must name the real clinician who reviewed it."),
    Rule("faq.near-duplicate", "warning",
         "two questions on a page are at least `near_duplicate_ratio` (default 0.85) alike",
         "Near-identical questions confuse readers and search engines' FAQ results. (Exact "
         "duplicates on one page are validation errors.)"),
    Rule("links.broken-anchor", "error", "a `#anchor` link matches no section on the page",
         "A link that goes nowhere fails the patient (WCAG 2.4.4 link purpose)."),
    Rule("links.broken-internal", "error", "a link to another page of this site matches no page",
         "A link that goes nowhere fails the patient."),
    Rule("headings.top-level", "warning", "a `#` or `##` heading inside a section's text",
         "The page title is h1 and each section title h2; sub-headings start at `###` "
         "(WCAG 1.3.1, 2.4.6)."),
    Rule("headings.skipped-level", "warning", "a heading level is skipped (e.g. `###` then "
         "`#####`)", "Screen-reader users navigate by heading level; gaps suggest missing "
         "content (WCAG 1.3.1)."),
    Rule("images.missing-alt", "warning", "an image written `![](…)` with no alt text",
         "Blind and partially sighted readers need a text alternative (WCAG 1.1.1)."),
    Rule("lists.empty-item", "warning", "a list item with no text",
         "Renders as an empty bullet that screen readers announce as 'blank'."),
    Rule("ack.stale", "warning", "a `lint_ack` entry that matches no warning in its file",
         "Old acknowledgements would silently hide a future, different problem."),
)


def claim_rule(claim: Claim) -> Rule:
    return Rule(f"claims.{claim.id}", "warning",
                "contains " + ", ".join(f"'{p}'" for p in claim.phrases),
                f"{claim.reason}. Say instead: {claim.suggestion}. Source: {ETHICS}.")


def settings_from(pelican_settings: dict[str, Any]) -> dict[str, Any]:
    """DEFAULTS overridden by the EDITORIAL_LINT setting; unknown keys are refused."""
    overrides = dict(pelican_settings.get("EDITORIAL_LINT") or {})
    unknown = set(overrides) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"EDITORIAL_LINT: unknown setting(s) {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(DEFAULTS)}")
    config = {**DEFAULTS, **overrides}
    config["claims"] = tuple(c if isinstance(c, Claim) else Claim(**c) for c in config["claims"])
    bad = {r: lv for r, lv in config["levels"].items() if lv not in SETTING_LEVELS}
    if bad:
        raise ValueError(f"EDITORIAL_LINT levels must be one of {SETTING_LEVELS}: {bad}")
    return config


def rules_for(config: dict[str, Any]) -> dict[str, Rule]:
    """Every rule id this configuration can report, with its documentation."""
    rules = [*STATIC_RULES, *(claim_rule(c) for c in config["claims"])]
    return {rule.id: rule for rule in rules}


def today_for(config: dict[str, Any]) -> date:
    """The date reviews are checked against: LINT_TODAY, else the `today` setting, else today."""
    pinned = os.environ.get("LINT_TODAY") or config["today"]
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(str(pinned))
    except ValueError:
        raise ValueError(f"LINT_TODAY / EDITORIAL_LINT['today'] must be a date written "
                         f"YYYY-MM-DD, not '{pinned}'") from None


def rule_table_markdown() -> str:
    """The rule table for docs/editing.md, from the default registry."""
    rows = ["| rule | level | fires when | why (and source) |", "|---|---|---|---|"]
    for rule in rules_for(settings_from({})).values():
        rows.append(f"| `{rule.id}` | {rule.level} | {rule.checks} | {rule.rationale} |")
    return "\n".join(rows) + "\n"


RULES_START = "<!-- rule reference: generated by `invoke docs` from site_tools/lint/rules.py -->"
RULES_END = "<!-- end of rule reference -->"

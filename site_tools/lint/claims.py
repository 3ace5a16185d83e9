"""Risky claims: phrases that mislead patients about a medicine, one rule per phrase family.

The families are a setting (`claims`), so their rules come from the configuration. A claim's
reason names no medicine: `{medicine}` is the page's medicine (page.md's `drug.brand_name`,
else its title), `{kind}` "prescription medicine" when `drug.prescription_only`, `{warning}`
its most serious warning (`drug.warning`), `{document}` what practice.md's regulator calls
its official information; the rule table says "the medicine".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from treatment_pages.schema import REGULATOR_BY_NAME

from .prose import alternation
from .registry import Rule, Target, check, setting
from .texts import Text

if TYPE_CHECKING:
    from .linter import Linter

PREFIX = "claims."  # of every rule here: one per phrase family, `claims.<family id>`


@dataclass(frozen=True)
class Claim:
    """A risky phrase family: the words that trigger it, why it is risky, what to say instead."""

    id: str
    phrases: tuple[str, ...]
    reason: str
    suggestion: str

    @property
    def rule_id(self) -> str:
        """The rule this family reports: `claims.<id>`."""
        return f"{PREFIX}{self.id}"


ETHICS = ("GMC Good medical practice (honest information, no misleading claims); "
          "AMA Code of Medical Ethics 9.6.1 (advertising must not mislead)")

# The words of the rule table, where no page is in view.
GENERIC_WORDS = {"medicine": "the medicine", "kind": "medicine", "warning": "warnings",
                 "document": "official information"}


def read_claims(claims: Iterable[Claim | dict[str, Any]]) -> tuple[Claim, ...]:
    """The `claims` setting: Claim objects, or dicts `{id, phrases, reason, suggestion}`."""
    return tuple(c if isinstance(c, Claim) else Claim(**{**c, "phrases": tuple(c["phrases"])})
                 for c in claims)


# The families are data in the setting's own form (a clinic's `claims` replaces them).
DEFAULT_CLAIMS = read_claims(yaml.safe_load(
    Path(__file__).with_name("claims.yml").read_text(encoding="utf-8")))
setting("claims", DEFAULT_CLAIMS, read_claims)


def claim_rule(claim: Claim) -> Rule:
    return Rule(claim.rule_id, "warning",
                "contains " + ", ".join(f"'{p}'" for p in claim.phrases),
                f"{claim.reason.format_map(GENERIC_WORDS)}. Say instead: {claim.suggestion}. "
                f"Source: {ETHICS}.",
                blocks_release=True)


@cache
def claim_pattern(claim: Claim) -> re.Pattern[str]:
    """Whole words, any case; a space or hyphen in a phrase matches either, or a line break."""
    phrases = sorted(claim.phrases, key=len, reverse=True)
    parts = [r"[\s\-]+".join(map(re.escape, re.split(r"[\s\-]+", p))) for p in phrases]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I)


@cache
def needles(claim: Claim) -> tuple[str, ...] | None:
    """For each phrase, a lower-case piece every match of it holds (None when a phrase has
    none): its longest run of ASCII characters other than i, s and k, the only ones that an
    ignore-case pattern also matches with other characters (İ, dotless i, long s, Kelvin)."""
    pieces = []
    for phrase in claim.phrases:
        runs = [run for token in re.split(r"[\s\-]+", phrase.lower())
                for run in re.split(r"[isk]|[^\x00-\x7f]", token) if run]
        if not runs:
            return None
        pieces.append(max(runs, key=len))
    return tuple(pieces)


@dataclass(frozen=True)
class Plan:
    """The claims of a run with their needles and patterns, looked up once (a Claim's hash,
    for the caches, was a tuple of its fields for every text), and one pattern finding any
    needle of any family: a text without one is skipped after a single scan."""

    claims: tuple[tuple[Claim, tuple[str, ...] | None, re.Pattern[str]], ...]
    any_needle: re.Pattern[str] | None  # None when a family has no needle


def plan(lint: Linter) -> Plan:
    found = lint.shared.get(plan)
    if found is None:
        listed = tuple((claim, needles(claim), claim_pattern(claim))
                       for claim in lint.config["claims"])
        pieces = [piece for _, family, _ in listed for piece in family or ()]
        any_needle = (None if any(family is None for _, family, _ in listed)
                      else re.compile(alternation(pieces)))
        found = lint.shared[plan] = Plan(listed, any_needle)
    return found


@check(Target.TEXT, texts=("page", "section"),
       rules_from=lambda config: map(claim_rule, config["claims"]))
def claims(lint: Linter, text: Text) -> None:
    known = plan(lint)
    lowered = text.text.lower()
    if known.any_needle is not None and not known.any_needle.search(lowered):
        return  # no phrase of any family can match: most texts
    words = page_words(lint, text)
    for claim, pieces, pattern in known.claims:
        if pieces is not None and not any(piece in lowered for piece in pieces):
            continue  # no phrase of the family can match: most families
        for match in pattern.finditer(text.text):
            where = f"{text.where}: " if text.where else ""
            lint.report(claim.rule_id, text.source.path, text.line_of(match.start()),
                        f"{where}'{match.group(0)}': {claim.reason.format_map(words)} — say "
                        f"instead {claim.suggestion}")


def page_words(lint: Linter, text: Text) -> dict[str, str]:
    """The words a reason names, from the page the text is on and practice.md's regulator;
    worked out once per page and run (a search of the pages per text was quadratic), and
    kept per file object: hashing a path's parent for every text cost more than the claims."""
    shared = lint.shared.get(page_words)
    if shared is None:
        shared = lint.shared[page_words] = ({
            treatment.folder: words_of(lint, treatment.meta)
            for treatment in reversed(lint.site.treatments)}, {})  # the first of a folder wins
    by_folder, by_file = shared
    words = by_file.get(id(text.source))
    if words is None:  # the Site keeps every file object alive for the run: ids stay unique
        words = by_file[id(text.source)] = (by_folder.get(text.source.path.parent)
                                            or words_of(lint, {}))
    return words


def words_of(lint: Linter, meta: dict[str, Any]) -> dict[str, str]:
    drug = meta.get("drug") or {}
    regulator = REGULATOR_BY_NAME.get(str(lint.site.practice.values.get("regulator")))
    medicine = drug.get("brand_name") or drug.get("generic_name") or meta.get("title")
    return {**GENERIC_WORDS,
            **({"medicine": medicine} if medicine else {}),
            **({"kind": "prescription medicine"} if drug.get("prescription_only") else {}),
            **({"warning": drug["warning"]} if drug.get("warning") else {}),
            **({"document": regulator.document} if regulator else {})}

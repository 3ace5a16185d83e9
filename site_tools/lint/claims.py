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
from typing import TYPE_CHECKING, Any

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


ETHICS = ("GMC Good medical practice (honest information, no misleading claims); "
          "AMA Code of Medical Ethics 9.6.1 (advertising must not mislead)")

DEFAULT_CLAIMS = (
    Claim("drug-free", ("drug-free", "drug free", "medication-free", "medicine-free"),
          "{medicine} is a {kind}: calling the treatment drug-free is false",
          "'without daily tablets' or 'an alternative to daily pain medicines'"),
    Claim("guarantee", ("guarantee", "guaranteed", "guarantees"),
          "no treatment works for everyone; promising results misleads patients",
          "'many patients find…' or 'it may help'"),
    Claim("cure", ("cure", "cures", "cured"),
          "{medicine} relieves symptoms for a time; it does not cure the condition",
          "'relieve' or 'reduce'"),
    Claim("painless", ("painless", "pain-free", "pain free"),
          "injections can sting or ache briefly",
          "'most people feel only a brief sting'"),
    Claim("absolutely-safe", ("100% safe", "completely safe", "totally safe", "perfectly safe"),
          "{medicine} carries {warning}; no medicine is completely safe",
          "'generally safe when given by a trained clinician' and link to the safety section"),
    Claim("no-side-effects", ("no side effects", "without side effects", "side-effect free"),
          "{medicine} has known side effects (see its {document})",
          "'side effects are usually mild and go away on their own'"),
    Claim("permanent", ("permanent", "permanently"),
          "the effect of {medicine} wears off",
          "how long it lasts, as the page says it, e.g. 'lasts about 3 to 6 months'"),
    Claim("risk-free", ("risk-free", "risk free", "no risk", "no risks"),
          "every injection carries some risk",
          "'the risks are low, and your doctor will go through them with you'"),
    Claim("miracle", ("miracle", "miraculous"),
          "an exaggerated promise patients may take literally",
          "describe what the treatment does, e.g. 'can reduce the number of headache days'"),
)
# The words of the rule table, where no page is in view.
GENERIC_WORDS = {"medicine": "the medicine", "kind": "medicine", "warning": "warnings",
                 "document": "official information"}


def read_claims(claims: Iterable[Claim | dict[str, Any]]) -> tuple[Claim, ...]:
    """The `claims` setting: Claim objects, or dicts `{id, phrases, reason, suggestion}`."""
    return tuple(c if isinstance(c, Claim) else Claim(**{**c, "phrases": tuple(c["phrases"])})
                 for c in claims)


setting("claims", DEFAULT_CLAIMS, read_claims)  # replaces the default list


def claim_rule(claim: Claim) -> Rule:
    return Rule(f"claims.{claim.id}", "warning",
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
            lint.report(f"claims.{claim.id}", text.source.path, text.line_of(match.start()),
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

"""The CDC Clear Communication Index of one treatment page, for the standards report.

Every item is scored 0 or 1; the score is points / applicable items x 100 and 90 or more
passes. Items 12 to 14 apply only when the page makes behavioural recommendations, 15 to 17 when it
uses numbers, 18 to 20 when it talks about risk. Each item is one of:

- auto-verified: computed from the files (key facts before the first section, a list, …);
- heuristic: computed from the plain-language lint's findings, for a person to confirm;
  an attestation confirms it, or overrides findings a person judged acceptable;
- attested: only a person can judge it; it counts while its attestation in page.md
  (`attestations:` item, who, when) holds. An attestation expires when the page's
  patient-visible content changes after its day (`visible_history.changed_after`), and an
  expired one counts as not met, saying why.

The items (number, question, kind, what to do when unmet) are data, `cci_items.yml`: as
worded by CDC: Clear Communication Index, https://www.cdc.gov/ccindex/ (the index and its user
guide, 2019), shortened from our reading of it; check it there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from treatment_pages.model import Treatment
from treatment_pages.problems import Diagnostic
from treatment_pages.revisions import HistoryUnavailable

from .lint import plain
from .lint.prose import is_prose
from .visible_history import VisibleChange, changed_after

SOURCE = "CDC, Clear Communication Index, https://www.cdc.gov/ccindex/"
PASS_SCORE = 90
AUTO, HEURISTIC, ATTESTED = "auto-verified", "heuristic", "attested"
MET, NOT_MET, NOT_APPLICABLE = "met", "not met", "not applicable"
BEHAVIOUR, NUMBERS, RISK = range(12, 15), range(15, 18), range(18, 21)


@dataclass(frozen=True)
class Item:
    """One CCI item: its number, its question, how it is judged, and what to do if unmet."""

    number: int
    question: str
    kind: str
    todo: str


def read_items(path: Path) -> tuple[Item, ...]:
    """The items from their data file: the CDC's questions and our advice are words to check
    against the CDC's, not code, so they are kept as data (cci_items.yml)."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = tuple(Item(**row) for row in rows)
    if [item.number for item in items] != list(range(1, 21)) or \
            not {item.kind for item in items} <= {AUTO, HEURISTIC, ATTESTED}:
        raise ValueError(f"{path}: the CDC's items 1 to 20, each {AUTO}, {HEURISTIC} or {ATTESTED}")
    return items


ITEMS = read_items(Path(__file__).with_name("cci_items.yml"))

_NUMBER = re.compile(r"\b\d+\b")
_RISK = re.compile(r"\b(?:risks?|side effects?|warning|dangerous|life-threatening)\b", re.I)
_IMAGE = re.compile(r"!\[")


@dataclass
class Judged:
    """One item's verdict for one page, and why."""

    item: Item
    status: str
    evidence: list[str] = field(default_factory=list)


@dataclass
class Index:
    """A page's CCI: every item judged, its score and whether it passes."""

    items: list[Judged]

    @property
    def applicable(self) -> int:
        return sum(j.status != NOT_APPLICABLE for j in self.items)

    @property
    def points(self) -> int:
        return sum(j.status == MET for j in self.items)

    @property
    def score(self) -> float:
        return 100 * self.points / self.applicable if self.applicable else 0.0

    @property
    def passes(self) -> bool:
        return self.score >= PASS_SCORE


ChangeFinder = Callable[[Treatment, date, dict[str, Any]], VisibleChange | None]


def assess(treatment: Treatment, findings: list[Diagnostic], settings: dict[str, Any],
           changes: ChangeFinder = changed_after) -> Index:
    """Judge every item for `treatment`, from its files, its findings and its attestations
    (`settings`: Pelican's, to read the page at earlier commits as the build would)."""
    page = _Page(treatment, findings, lambda since: changes(treatment, since, settings))
    return Index([page.judge(item) for item in ITEMS])


class _Page:
    def __init__(self, treatment: Treatment, findings: list[Diagnostic],
                 changes: Callable[[date], VisibleChange | None]) -> None:
        self.treatment, self.findings, self.changes = treatment, findings, changes
        self.meta = treatment.meta
        self.sections = [s.source for s in treatment.sections]
        texts = plain.page_texts(treatment)
        self.prose = " ".join(t.text for t in texts if is_prose(t))
        self.bodies = " ".join(s.body for s in self.sections)
        self.attestations = {a.get("item"): a for a in self.meta.get("attestations") or ()}
        self.seen: dict[date, VisibleChange | None] = {}  # one history read per day attested

    def judge(self, item: Item) -> Judged:
        if not self.applies(item.number):
            return Judged(item, NOT_APPLICABLE, [self.why_not_applicable(item.number)])
        if item.kind == AUTO:
            met, evidence = self.auto(item.number)
            return Judged(item, MET if met else NOT_MET, evidence)
        attested, said = self.attested(item.number)
        if item.kind == ATTESTED:
            return Judged(item, MET if attested else NOT_MET, said)
        met, evidence = self.heuristic(item.number)
        if attested:
            return Judged(item, MET, [*said, *evidence])
        note = "heuristic: a person should confirm it (attest the item)" if met else \
            "heuristic: the findings below suggest it is not met"
        return Judged(item, MET if met else NOT_MET,
                      [note, *evidence, *(said if item.number in self.attestations else ())])

    # -- applicability ------------------------------------------------------------------------

    def applies(self, number: int) -> bool:
        if number in BEHAVIOUR:
            return bool(self.care_cards() or self.call_to_action())
        if number in NUMBERS:
            return bool(_NUMBER.search(self.prose))
        if number in RISK:
            return bool(_RISK.search(self.prose))
        return True

    def why_not_applicable(self, number: int) -> str:
        if number in BEHAVIOUR:
            return "the page makes no behavioural recommendation (no care card, no call to action)"
        if number in NUMBERS:
            return "the page's text uses no numbers"
        return "the page's text does not talk about risk or side effects"

    # -- the three kinds ----------------------------------------------------------------------

    def auto(self, number: int) -> tuple[bool, list[str]]:
        facts = self.meta.get("key_facts") or ()
        if number == 2:
            return bool(facts), [f"page.md key_facts: {len(facts)} fact(s), shown under the "
                                 "title before the first section" if facts else
                                 "page.md has no key_facts"]
        if number == 5:
            found = self.call_to_action()
            return bool(found), [f"call to action: {', '.join(found)}" if found else
                                 "no section has call_to_action: true"]
        if number == 8:
            lists = [name for s in self.sections for name in ("steps", "benefits",
                     "indications", "faq", "care_cards") if s.values.get(name)]
            markdown = bool(re.search(r"^\s*(?:[-*+]|\d+\.)\s", self.bodies, re.M))
            found = len(lists) + bool(facts) + markdown
            return bool(found), [f"{found} list(s): key facts, {', '.join(lists) or 'none'}"
                                 + (", Markdown lists" if markdown else "")]
        if number == 9:
            titled = [s.values.get("title") for s in self.sections if s.values.get("title")]
            return len(titled) >= 2, [f"{len(titled)} sections, each under its own heading"]
        cards = self.care_cards()
        return bool(cards), [f"care cards: {', '.join(cards)}" if cards else "no care card"]

    def heuristic(self, number: int) -> tuple[bool, list[str]]:
        if number == 6:
            where = {"page.md", *(s.path.name for s in self.sections
                                  if s.values.get("call_to_action"))}
            found = [f for f in self.of(plain.PASSIVE) if f.path.name in where
                     and (f.path.name != "page.md" or "key_facts" in f.message)]
            return not found, self.listed(found, "no passive voice found in the key facts "
                                                 "or the call to action")
        if number == 7:
            found = self.of(plain.WORDS, plain.ACRONYMS)
            return not found, self.listed(found, "no words to avoid, every acronym explained")
        if number == 10:
            facts = self.meta.get("key_facts") or ()
            return len(facts) >= 3, [f"{len(facts)} key facts at the top of the page"]
        if number in (15, 20):
            found = self.of(plain.NUMBER_WORDS)
            return not found, self.listed(found, "every percentage has a natural frequency")
        if number == 17:
            found = self.of(plain.MIXED_DENOMINATORS)
            return not found, self.listed(found, "no numbers to compare across forms")
        benefits = any(s.values.get("benefits") for s in self.sections)
        risks = bool(_RISK.search(self.prose))
        return benefits and risks, [f"benefits listed: {'yes' if benefits else 'no'}; risks "
                                    f"or side effects described: {'yes' if risks else 'no'}"]

    def attested(self, number: int) -> tuple[bool, list[str]]:
        found = self.attestations.get(number)
        if not found:
            return False, ["no attestation in page.md (attestations: item, who, when)"]
        who, when = found.get("who"), found.get("when")
        said = f"attested by {who} on {when}"
        if not isinstance(when, date):
            return False, [f"{said}: not counted, 'when' is not a date"]
        try:
            if when not in self.seen:
                self.seen[when] = self.changes(when)
            change = self.seen[when]
        except HistoryUnavailable as reason:
            return False, [f"{said}: not counted, the git history that shows it still holds "
                           f"is not available ({reason})"]
        if change:
            return False, [f"{said}: expired — the page changed on {change.day.isoformat()} "
                           f"in commit {change.commit[:10]} '{change.subject}' "
                           f"({', '.join(change.fields[:5])}); check the item again and "
                           "update 'when'"]
        return True, [f"{said}; the page's words are unchanged since"]

    # -- helpers ------------------------------------------------------------------------------

    def of(self, *rules: str) -> list[Diagnostic]:
        return [f for f in self.findings if f.rule in rules and f.level != "acknowledged"]

    @staticmethod
    def listed(found: list[Diagnostic], clean: str) -> list[str]:
        shown = [f"{f.path.name}:{f.line}: {f.rule}: {f.message.split(' (source:')[0]}"
                 for f in found[:8]]
        more = [f"… and {len(found) - 8} more"] if len(found) > 8 else []
        return [*shown, *more] if found else [clean]

    def care_cards(self) -> list[str]:
        return [str(card.get("heading")) for s in self.sections
                for card in s.values.get("care_cards") or ()]

    def call_to_action(self) -> list[str]:
        return [str(s.values.get("title")) for s in self.sections
                if s.values.get("call_to_action")]


def summary(index: Index) -> str:
    """One line: the score, the points over applicable items, and the verdict."""
    verdict = "passes" if index.passes else f"does not pass (needs {PASS_SCORE})"
    return (f"CDC Clear Communication Index {index.score:.0f} ({index.points} of "
            f"{index.applicable} applicable items met): {verdict}")


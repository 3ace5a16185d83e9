"""Readability: Flesch-Kincaid grade and SMOG of every section and of the whole page.

Measured offline by textstat 0.7.4 (syllables from pyphen's bundled dictionaries).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textstat.textstat import textstatistics

from treatment_pages.model import Treatment
from treatment_pages.schema import HEADINGS

from .registry import Target, check, rule, setting
from .texts import text_fields

if TYPE_CHECKING:
    from .linter import Linter

SCORE = "readability.score"
FK_GRADE = "readability.fk-grade"
SMOG = "readability.smog"

_TAG = re.compile(r"<[^>]+>")

setting("fk_grade_max", 8.0)  # NIH: below 8th grade (the AMA asks for 6th)
setting("smog_max", 14.0)  # NHS: content above SMOG 14 is reworked first


@check(Target.TREATMENT)
@rule(SCORE, "info", "Flesch-Kincaid grade and SMOG of every section and page",
      "A figure for every section shows where to start simplifying. SMOG needs at least 3 "
      "sentences; shorter sections show 'n/a'.")
@rule(FK_GRADE, "warning", "Flesch-Kincaid grade above `fk_grade_max` (default 8)",
      "The NIH asks for patient material below 8th-grade reading level and the AMA for "
      "6th grade; half of US adults read below 8th grade.")
@rule(SMOG, "warning", "SMOG index above `smog_max` (default 14)",
      "The NHS measures its health content with SMOG, aims at a reading age of 9 to 11 and "
      "reworks anything above SMOG 14 first.")
def readability(lint: Linter, treatment: Treatment) -> None:
    for passage in passages(treatment):
        score(lint, passage)


@dataclass(frozen=True)
class Passage:
    """What one readability figure is about: a section's words, or the whole page's."""

    what: str  # "section 'Title'" or "whole page"
    path: Path
    line: int | None
    text: str


@dataclass(frozen=True)
class Scores:
    """The figures `invoke check` prints and the standards report shows: one computation."""

    words: int
    sentences: int
    grade: float  # Flesch-Kincaid grade
    smog: float | None  # None below 3 sentences, where SMOG is not defined


def passages(treatment: Treatment) -> list[Passage]:
    """Each section's words, the whole page's (its sections), then its key facts, if any:
    each where its figures are reported."""
    found = []
    for section in treatment.sections:
        source = section.source
        line = source.body_line if source.body.strip() else source.lines.get("title")
        found.append(Passage(f"section '{section.title}'", source.path, line,
                             plain_text(source.values, section.body_html)))
    page = treatment.page
    found.append(Passage("whole page", page.path, page.lines.get("title"),
                         " ".join(p.text for p in found)))
    facts = [item["fact"] for item in treatment.meta.get("key_facts") or () if item["fact"]]
    if facts:
        found.append(Passage("key facts", page.path, page.lines.get("key_facts"),
                             " ".join(facts)))
    return found


class WordCachedTextstat(textstatistics):
    """textstat whose syllable counts are kept per word for the whole run.

    textstat counts a text's syllables word by word through pyphen and keeps only its last
    128 texts; a page's words recur in its passages and across pages (and the whole page is
    measured again), so keeping each word's count saves most of the readability time. The
    figures are textstat's: a text's count is the sum of its words' counts, as textstat
    sums them (punctuation removal never touches whitespace), and SMOG's polysyllables are
    the words of three or more, as textstat counts them word by word (lower case never
    makes a space, so the words are the same).
    """

    def syllable_count(self, text: str, lang: str | None = None) -> int:
        return self.word_counts(text)[0]

    def polysyllabcount(self, text: str) -> int:
        return self.word_counts(text)[1]

    @cache  # noqa: B019 (one module-level instance: nothing is kept alive by it)
    def word_counts(self, text: str) -> tuple[int, int]:
        """The syllables of `text`, and its words of three syllables or more: one pass over
        its words for both Flesch-Kincaid and SMOG."""
        counts = list(map(self.word_syllables, text.lower().split()))
        return sum(counts), len(counts) - counts.count(0) - counts.count(1) - counts.count(2)

    @cache  # noqa: B019 (one module-level instance: nothing is kept alive by it)
    def word_syllables(self, word: str) -> int:
        word = self.remove_punctuation(word)
        return len(self.pyphen.positions(word)) + 1 if word else 0


textstat = WordCachedTextstat()


def measure(text: str) -> Scores | None:
    """Flesch-Kincaid grade and SMOG of `text`; None when it has no words."""
    words = textstat.lexicon_count(text)
    if not words:
        return None
    sentences = textstat.sentence_count(text)
    return Scores(words, sentences, textstat.flesch_kincaid_grade(text),
                  textstat.smog_index(text) if sentences >= 3 else None)


def score(lint: Linter, passage: Passage) -> None:
    what, path, line = passage.what, passage.path, passage.line
    scores = measure(passage.text)
    if scores is None:
        lint.report(SCORE, path, line, f"{what}: no text to measure")
        return
    grade, smog = scores.grade, scores.smog
    smog_text = f"{smog:.1f}" if smog is not None else "n/a (fewer than 3 sentences)"
    lint.report(SCORE, path, line,
                f"{what}: Flesch-Kincaid grade {grade:.1f}, SMOG {smog_text} "
                f"({scores.words} words, {scores.sentences} sentences)")
    if grade > lint.config["fk_grade_max"]:
        lint.report(FK_GRADE, path, line,
                    f"{what}: Flesch-Kincaid grade {grade:.1f} is above "
                    f"{lint.config['fk_grade_max']:g} — use shorter sentences and "
                    "everyday words")
    if smog is not None and smog > lint.config["smog_max"]:
        lint.report(SMOG, path, line,
                    f"{what}: SMOG {smog:.1f} is above {lint.config['smog_max']:g} — use "
                    "fewer words of three or more syllables")


def plain_text(values: dict[str, Any], body_html: str) -> str:
    """The words a patient reads in one file, as sentences (fragments get a full stop)."""
    parts = [_TAG.sub(" ", body_html)]
    for key, value in text_fields(values):
        if key in HEADINGS:
            continue  # headings and metadata (the schema's prose="heading"), not running text
        words = _TAG.sub(" ", value).strip()
        parts.append(words if words.endswith((".", "?", "!", ":")) else words + ".")
    return " ".join(html.unescape(" ".join(parts)).split())

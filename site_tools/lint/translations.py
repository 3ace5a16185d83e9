"""Translations: withheld when the source changed clinically, behind when it changed in words.

The status is decided by `treatment_pages.translation_status` (from git, value by value); the
build uses the same verdicts to withhold a page or show the "source changed" notice. Also
lists translations that are not published because a file is not translated yet, and says
that the English-only rules (readability, claims, key facts…) did not read other languages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import textstat

from treatment_pages.frontmatter import SourceFile
from treatment_pages.schema import PAGE_FIELDS, SECTION_FIELDS, Field, words_only
from treatment_pages.translation_status import BEHIND, UNVERIFIED, WITHHELD, judge
from treatment_pages.translations import missing_files

from .readability import passages
from .registry import Target, check, rule

if TYPE_CHECKING:
    from treatment_pages.model import Treatment

    from .linter import Linter

PREFIX = "translation."  # of every rule here
RULES = {WITHHELD: "translation.withheld", BEHIND: "translation.behind",
         UNVERIFIED: "translation.unverified"}
INCOMPLETE = "translation.incomplete"
UNTRANSLATED = "translation.untranslated"
READABILITY = "translation.readability"
# Readability formulas textstat 0.7.4 has for other languages: (name, formula, lowest score
# for patients). Fernández Huerta (Spanish): 60-70 is "standard", lower is "fairly difficult".
FORMULAS: dict[str, tuple[str, Callable[[str], float], float]] = {
    "es": ("Fernández Huerta", textstat.fernandez_huerta, 60.0),
}
MIN_WORDS = 4  # shorter texts (a name, "Botox") may rightly read the same in both languages
SKIPPED = "translation.english-only"


@check(Target.SITE)
@rule(RULES[WITHHELD], "error", "a field the schema marks clinical (care cards, key facts, "
      "indications and their approval, the safety section, any number in any text) changed in "
      "the source page since the translation's `source_commit` (needs the git history)",
      "A stale translation of a safety instruction must not reach a patient (NHS Standard for "
      "creating health content: make sure the translation remains clinically accurate).",
      blocks_release=True)
@rule(RULES[BEHIND], "warning", "other words of the source page changed since the "
      "translation's `source_commit`: the page shows patients a notice in their language",
      "Patients are told the source is newer, and where to read it (MedlinePlus' criteria).")
@rule(RULES[UNVERIFIED], "warning", "a translation could not be compared with its source (no "
      "git history, or `source_commit` is not a commit)",
      "Says the check did not run instead of guessing.")
@rule(INCOMPLETE, "warning", "a treatment has some files translated into a language but not "
      "all: that language is not published for it yet",
      "No half-translated pages.")
@rule(UNTRANSLATED, "warning", f"a text of {MIN_WORDS} or more words in a translation file is "
      "still the source's text (as `invoke new-translation` creates it)",
      "A page in another language must not show patients the source's words.",
      blocks_release=True)
@rule(READABILITY, "warning", "a translated page's readability, by its language's own formula "
      "where textstat has one (Spanish: Fernández Huerta), is below the level for patients "
      "(Spanish: 60, 'standard')",
      "English formulas mis-measure other languages; each language is measured by its own.")
@rule(SKIPPED, "info", "a translated page was not read by the rules written for English "
      "(readability formulas, risky claims, key facts, care-card headings)",
      "Says which rules did not run instead of applying English rules to other languages.")
def translations(lint: Linter) -> None:
    for verdict in judge(lint.site, lint.settings):
        for status, path, line, message in verdict.findings():
            lint.report(RULES[status], path, line, message)
        _readability(lint, verdict.page)
    for page in lint.site.translated:
        assert page.translation is not None
        source = page.translation.source
        pairs = [(page.page, source.page), *((mine.source, theirs.source) for mine, theirs
                                            in zip(page.sections, source.sections, strict=True))]
        for mine, theirs in pairs:
            for where in _unchanged(mine.values, theirs.values, _fields(theirs), ""):
                lint.report(UNTRANSLATED, mine.path, mine.lines.get(where),
                            f"{where}: still the source's words")
            if len(theirs.body.split()) >= MIN_WORDS and mine.body.strip() == theirs.body.strip():
                lint.report(UNTRANSLATED, mine.path, mine.body_line, "the text below the front "
                            "matter is still the source's")
    for treatment in lint.site.treatments:
        translated = {page.translation.lang for page in lint.site.translated
                      if page.translation and page.translation.source is treatment}
        for lang in lint.site.languages[1:]:
            missing = missing_files(treatment, lang)
            if missing and lang not in translated and len(missing) < 1 + len(treatment.sections):
                names = ", ".join(path.name for path in missing)
                lint.report(INCOMPLETE, treatment.page.path, None, f"not published in '{lang}' "
                            f"until every file is translated: missing {names}")


def _fields(source: SourceFile) -> tuple[Field, ...]:
    return PAGE_FIELDS if source.path.name == "page.md" else SECTION_FIELDS


def _unchanged(mine: dict, theirs: dict, fields: tuple[Field, ...], prefix: str) -> list[str]:
    """The paths of word fields whose text (of MIN_WORDS words or more) is the source's."""
    found = []
    for spec in words_only(fields):
        where, a, b = f"{prefix}{spec.name}", mine.get(spec.name), theirs.get(spec.name)
        if spec.kind == "record":
            found += _unchanged(a or {}, b or {}, spec.fields, f"{where}.")
        elif spec.kind == "list":
            for number, (x, y) in enumerate(zip(a or [], b or [], strict=False), start=1):
                found += _unchanged(x, y, spec.fields, f"{where}[{number}].")
        elif b and a == b and len(str(b).split()) >= MIN_WORDS:
            found.append(where)
    return found


def _readability(lint: Linter, page: Treatment) -> None:
    """Measure a translated page with its language's formula, or say that none ran."""
    lang = str(page.meta["lang"])
    formula = FORMULAS.get(lang.split("-")[0])
    skipped = "the English-only rules (readability formulas, risky claims, key facts, care-card " \
        f"headings) did not read this '{lang}' page"
    if formula is None:
        lint.report(SKIPPED, page.page.path, None, f"{skipped}, and textstat has no "
                    "readability formula for its language")
        return
    name, measure, lowest = formula
    lint.report(SKIPPED, page.page.path, None, f"{skipped}; its readability is measured by "
                f"{name}")
    textstat.set_lang(lang.split("-")[0])
    try:
        for passage in passages(page):
            if len(passage.text.split()) >= MIN_WORDS \
                    and (score := measure(passage.text)) < lowest:
                lint.report(READABILITY, passage.path, passage.line, f"{passage.what}: {name} "
                            f"{score:.0f}, below {lowest:.0f}: use shorter sentences and words")
    finally:
        textstat.set_lang("en")

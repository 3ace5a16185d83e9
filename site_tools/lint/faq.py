"""FAQ hygiene: near-identical questions on one page (exact ones are validation errors)."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from treatment_pages.frontmatter import SourceFile
from treatment_pages.model import Treatment
from treatment_pages.problems import display_path

from .registry import Target, check, rule, setting

if TYPE_CHECKING:
    from .linter import Linter

NEAR_DUPLICATE = "faq.near-duplicate"

setting("near_duplicate_ratio", 0.85)
_PUNCTUATION = re.compile(r"[^\w\s]")


@check(Target.TREATMENT)
@rule(NEAR_DUPLICATE, "warning",
      "two questions on a page are at least `near_duplicate_ratio` (default 0.85) alike",
      "Near-identical questions confuse readers and search engines' FAQ results. (Exact "
      "duplicates on one page are validation errors.)")
def near_duplicates(lint: Linter, treatment: Treatment) -> None:
    # Each earlier question keeps its matcher (difflib indexes the second sequence once), and
    # the cheap upper bounds of the ratio skip the pairs that cannot reach the threshold.
    seen: list[tuple[difflib.SequenceMatcher[str], str, SourceFile, int]] = []
    shown: dict[int, str] = {}  # display_path resolves the path: once per file, not finding
    threshold = lint.config["near_duplicate_ratio"]
    for section in treatment.sections:
        for index, item in enumerate(section.faq, start=1):
            question = item["question"]
            if not question:
                continue  # a validation error already
            normal = " ".join(_PUNCTUATION.sub(" ", question.casefold()).split())
            for matcher, other, other_source, other_index in seen:
                matcher.set_seq1(normal)
                if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                    continue
                ratio = matcher.ratio()
                if ratio >= threshold:
                    line = other_source.lines.get(f"faq[{other_index}]")
                    where = shown.get(id(other_source))
                    if where is None:
                        where = shown[id(other_source)] = display_path(other_source.path)
                    lint.report(NEAR_DUPLICATE, section.source.path,
                                section.source.lines.get(f"faq[{index}].question"),
                                f"'{question}' is {ratio:.0%} alike '{other}' "
                                f"({where}:{line}) — merge them "
                                "or make the difference clear")
            seen.append((difflib.SequenceMatcher(None, b=normal), question,
                         section.source, index))

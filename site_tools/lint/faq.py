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

setting("near_duplicate_ratio", 0.85)


@check(Target.TREATMENT)
@rule("faq.near-duplicate", "warning",
      "two questions on a page are at least `near_duplicate_ratio` (default 0.85) alike",
      "Near-identical questions confuse readers and search engines' FAQ results. (Exact "
      "duplicates on one page are validation errors.)")
def near_duplicates(lint: Linter, treatment: Treatment) -> None:
    seen: list[tuple[str, str, SourceFile, int]] = []
    for section in treatment.sections:
        for index, item in enumerate(section.faq, start=1):
            question = item["question"]
            if not question:
                continue  # a validation error already
            normal = " ".join(re.sub(r"[^\w\s]", " ", question.casefold()).split())
            for other_normal, other, other_source, other_index in seen:
                ratio = difflib.SequenceMatcher(None, normal, other_normal).ratio()
                if ratio >= lint.config["near_duplicate_ratio"]:
                    line = other_source.lines.get(f"faq[{other_index}]")
                    lint.report("faq.near-duplicate", section.source.path,
                                section.source.lines.get(f"faq[{index}].question"),
                                f"'{question}' is {ratio:.0%} alike '{other}' "
                                f"({display_path(other_source.path)}:{line}) — merge them "
                                "or make the difference clear")
            seen.append((normal, question, section.source, index))

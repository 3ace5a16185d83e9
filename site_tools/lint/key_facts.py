"""Key facts: each one sentence, and their reading level reported like a section's.

Whether the page's text supports a fact is the editor's judgement (the scaffold and the
field's help say to write them only from what the page states); these checks keep them short.
Their reading level is one of readability's passages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import textstat

from treatment_pages.model import Treatment

from .registry import Target, check, rule

if TYPE_CHECKING:
    from .linter import Linter

ONE_SENTENCE = "key-facts.one-sentence"


@check(Target.TREATMENT)
@rule(ONE_SENTENCE, "warning", "a key fact in `page.md` is more than one sentence",
      "Key facts are for the patient who reads nothing else: one short sentence each "
      "(NHS.UK content guide, key facts near the top of a page). Their reading level is "
      "reported as `readability.score` for 'key facts'.")
def key_facts(lint: Linter, treatment: Treatment) -> None:
    page = treatment.page
    for index, item in enumerate(treatment.meta.get("key_facts") or (), start=1):
        sentences = textstat.sentence_count(item["fact"] or "")
        if sentences > 1:
            lint.report(ONE_SENTENCE, page.path,
                        page.lines.get(f"key_facts[{index}].fact"),
                        f"key_facts[{index}].fact: {sentences} sentences — keep one, move the "
                        "rest to the page's sections")


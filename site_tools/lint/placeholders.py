"""Placeholders: made-up contact details, reviewers and unfinished text must not be published.

Each rule here blocks a release: `invoke check --release` (what publish, gh-pages and stage
run) reports their unacknowledged findings as errors.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .registry import Target, check, rule, setting
from .texts import Text, text_fields

if TYPE_CHECKING:
    from .linter import Linter

# Regular expressions for text nobody should publish (new-treatment writes "Replace with").
setting("placeholder_text", (r"\bReplace with\b", r"\bTODO\b", r"\bTBD\b", r"(?i)\blorem ipsum\b",
                             r"\bXXX+\b"))
# Contact details reserved for fiction: 555-01xx numbers, example.com/.org/.net domains.
setting("placeholder_contact", (r"555[\s.-]*01\d\d", r"(?i)\bexample\.(com|org|net)\b"))


@check(Target.SITE)
@rule("placeholder.contact", "warning", "`practice.md` has `placeholder: true`, or a "
      "contact field still holds a fictional number or domain (`placeholder_contact`)",
      "Made-up phone numbers and addresses must not reach patients.", blocks_release=True)
def contact_details(lint: Linter) -> None:
    practice = lint.site.practice
    if practice.values.get("placeholder"):
        lint.report("placeholder.contact", practice.path, practice.lines.get("placeholder"),
                    "the practice's contact details are made-up examples — enter the real "
                    "ones, then set placeholder: false")
        return
    for key, value in text_fields(practice.values):
        if any(re.search(p, value) for p in lint.config["placeholder_contact"]):
            lint.report("placeholder.contact", practice.path, practice.lines.get(key),
                        f"{key}: '{value}' is a made-up example — enter the real one")


@check(Target.TEXT)
@rule("placeholder.text", "warning", "text still holds `Replace with`, `TODO`, `TBD`, "
      "`lorem ipsum` or `XXX` (`placeholder_text`)",
      "Scaffolded or unfinished words must not reach patients.", blocks_release=True)
def unfinished_text(lint: Linter, text: Text) -> None:
    for pattern in lint.config["placeholder_text"]:
        for match in re.finditer(pattern, text.text):
            where = f"{text.where}: " if text.where else ""
            lint.report("placeholder.text", text.source.path, text.line_of(match.start()),
                        f"{where}'{match.group(0)}' marks unfinished text — write the real "
                        "words")


@check(Target.SITE)
@rule("placeholder.reviewer", "warning", "`reviewed_by.placeholder: true` in `page.md`",
      "A page must name the real clinician who reviewed it.", blocks_release=True)
def reviewer(lint: Linter) -> None:
    for treatment in lint.site.treatments:
        if (treatment.meta.get("reviewed_by") or {}).get("placeholder"):
            lint.report("placeholder.reviewer", treatment.page.path,
                        treatment.page.lines.get("reviewed_by.placeholder"),
                        "the reviewer is a made-up example — name the real reviewer, then "
                        "set placeholder: false")

"""Markdown hygiene in section files: heading levels, image alt text, empty list items."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .registry import Target, check, rule
from .texts import Text

if TYPE_CHECKING:
    from .linter import Linter

FENCE = re.compile(r"^\s*(```|~~~)")
ATX_HEADING = re.compile(r"^(#{1,6})[ \t]+\S")
SETEXT_UNDERLINE = re.compile(r"^(=+|-+)[ \t]*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s*$")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])(?:\s|$)")
IMAGE_NO_ALT = re.compile(r"!\[\s*\]\s*[(\[]")
TOP_LEVEL = "headings.top-level"
SKIPPED_LEVEL = "headings.skipped-level"
MISSING_ALT = "images.missing-alt"
EMPTY_ITEM = "lists.empty-item"


@check(Target.TEXT, texts=("section",))
@rule(TOP_LEVEL, "warning", "a `#` or `##` heading inside a section's text",
      "The page title is h1 and each section title h2; sub-headings start at `###` "
      "(WCAG 1.3.1, 2.4.6).")
@rule(SKIPPED_LEVEL, "warning", "a heading level is skipped (e.g. `###` then "
      "`#####`)", "Screen-reader users navigate by heading level; gaps suggest missing "
      "content (WCAG 1.3.1).")
@rule(MISSING_ALT, "warning", "an image written `![](…)` with no alt text",
      "Blind and partially sighted readers need a text alternative (WCAG 1.1.1).")
@rule(EMPTY_ITEM, "warning", "a list item with no text",
      "Renders as an empty bullet that screen readers announce as 'blank'.")
def markdown_hygiene(lint: Linter, text: Text) -> None:
    """Headings (body only: FAQ answers sit under their question), images, empty items."""
    previous, in_fence = 2, False
    lines = text.text.split("\n")
    for number, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence or FENCE.match(line):
            continue
        file_line = text.first_line + number
        if IMAGE_NO_ALT.search(line):
            lint.report(MISSING_ALT, text.source.path, file_line,
                        "an image has no alt text — describe it inside the brackets: "
                        "![what the image shows](…)")
        if LIST_ITEM.match(line):
            lint.report(EMPTY_ITEM, text.source.path, file_line,
                        "this list item is empty — write its text or delete the line")
        level = heading_level(lines, number)
        if text.where or level is None:
            continue
        if level <= 2:
            lint.report(TOP_LEVEL, text.source.path, file_line,
                        f"a level-{level} heading inside a section — the section title is "
                        "level 2: start sub-headings with ###")
        elif level > previous + 1:
            lint.report(SKIPPED_LEVEL, text.source.path, file_line,
                        f"the heading jumps from level {previous} to level {level} — use "
                        f"{'#' * (previous + 1)}")
        previous = max(level, 2)


def heading_level(lines: list[str], number: int) -> int | None:
    """The heading level of line `number` (ATX `###`, or text underlined by `===`/`---`)."""
    atx = ATX_HEADING.match(lines[number])
    if atx:
        return len(atx.group(1))
    following = lines[number + 1] if number + 1 < len(lines) else ""
    if (lines[number].strip() and SETEXT_UNDERLINE.match(following)
            and not LIST_MARKER.match(lines[number])):
        return 1 if following.startswith("=") else 2
    return None

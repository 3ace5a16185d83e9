"""What the checks read: every text an editor wrote, and the HTML the page shows for it.

The Site holds every section whose front matter could be read, valid or not, so one
`invoke check` reports every kind of problem of a file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from treatment_pages.frontmatter import SourceFile
from treatment_pages.model import Site, Treatment
from treatment_pages.schema import NOT_PROSE


@dataclass
class Text:
    """A piece of Markdown an editor wrote, with the file line its first line is on."""

    source: SourceFile
    where: str  # "" for the body, else the front-matter key, e.g. "faq[2].answer"
    text: str
    first_line: int
    kind: str  # one of registry.TEXT_KINDS: the kind of file it is in

    def line_of(self, offset: int) -> int:
        return self.first_line + self.text.count("\n", 0, offset)


@dataclass
class Rendered:
    """The HTML the page shows for a section file's body or one of its FAQ answers."""

    treatment: Treatment
    source: SourceFile
    where: str  # "" for the body, else "faq[N].answer"
    html: str


@dataclass
class SectionFile:
    """One section file of a treatment, valid or not, with its rendered body."""

    treatment: Treatment
    source: SourceFile
    body_html: Markup

    def texts(self) -> Iterator[Text]:
        return markdown_texts(self.source, self.source.values, "section")

    def rendered(self) -> Iterator[Rendered]:
        yield Rendered(self.treatment, self.source, "", str(self.body_html))
        for index, item in enumerate(self.source.values.get("faq") or (), start=1):
            yield Rendered(self.treatment, self.source, f"faq[{index}].answer",
                           str(item.get("answer_html", "")))


def markdown_texts(source: SourceFile, values: dict[str, Any], kind: str) -> Iterator[Text]:
    """The body and every text field, each with the line it starts on."""
    yield Text(source, "", source.body, source.body_line, kind)
    for key, value in text_fields(values):
        line = source.lines.get(key, 1)
        # A value holding newlines is a `|` block: its text starts on the line after the key.
        yield Text(source, key, value, line + 1 if "\n" in value.strip() else line, kind)


def text_fields(values: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """Every text value of the front matter, keyed as messages name it (`faq[2].answer`):
    not the fields the schema declares are not patients' prose."""
    for name, value in values.items():
        if name in NOT_PROSE or name.endswith("_html"):
            continue
        key = f"{prefix}{name}"
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, dict):
            yield from text_fields(value, f"{key}.")
        elif isinstance(value, list):
            for index, item in enumerate(value, start=1):
                if isinstance(item, dict):
                    yield from text_fields(item, f"{key}[{index}].")


def site_texts(site: Site) -> Iterator[Text]:
    """The practice file's texts, and the front-matter texts of every page.md."""
    yield from markdown_texts(site.practice, site.practice.values, "practice")
    for treatment in site.treatments:
        yield from (text for text in markdown_texts(treatment.page, treatment.meta, "page")
                    if text.where)


def section_files(site: Site) -> Iterator[SectionFile]:
    """Every section of the Site, including those with validation problems."""
    for treatment in site.treatments:
        for section in treatment.sections:
            yield SectionFile(treatment, section.source, section.body_html)

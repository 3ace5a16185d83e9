"""Every value an editor writes reaches the page, unless the schema says its field is not shown.

A field that validates but that no template renders would otherwise be lost in silence: the
build succeeds and the words are nowhere. The test knows no field by name: it walks each
fixture site's files with the schema, so a new field or a new fixture is covered unedited.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from tests.support.helpers import DATA, ROOT, clinic_content, run_pelican, sample_content
from treatment_pages.frontmatter import read_source
from treatment_pages.schema import (
    PAGE_FIELDS,
    PRACTICE_FIELDS,
    SECTION_FIELDS,
    TRANSLATION_FIELD,
    Field,
    words_only,
)

# Every fixture site (a folder with a practice.md), and the sample site with the test-only
# treatments beside it (tests/data/README.md), which are treatment folders, not sites.
SITES = sorted(path.parent.name for path in DATA.glob("*/practice.md"))
CLINIC = "sample-site with the clinic fixtures"
MARKDOWN = MarkdownIt("commonmark", {"html": False})


def theme_words() -> dict[str, list[str]]:
    """The theme's words (a choice's label among them) and their translations in its catalogs."""
    words: dict[str, list[str]] = {}
    for path in (ROOT / "theme" / "translations").glob("*/LC_MESSAGES/messages.po"):
        with path.open("rb") as file:
            for message in read_po(file):
                if message.id and message.string:
                    words.setdefault(str(message.id), []).append(str(message.string))
    return words


THEME_WORDS = theme_words()


def fields_of(path: Path) -> tuple[tuple[Field, ...], bool]:
    """The schema of a content file, as the build reads it, and whether it has a body."""
    translated = len(path.suffixes) > 1  # page.es.md: only the words of its source's fields
    if path.name.startswith("practice."):
        fields, has_body = PRACTICE_FIELDS, False
    elif path.name.startswith("page."):
        fields, has_body = PAGE_FIELDS, False
    else:
        fields, has_body = SECTION_FIELDS, True
    if translated:
        kept = (TRANSLATION_FIELD,) if path.name.startswith("page.") else ()
        return (*words_only(fields), *kept), has_body
    return fields, has_body


def leaves(values: dict[str, Any], fields: tuple[Field, ...], hidden: set[Any],
           where: str = "") -> Iterator[tuple[str, Field, Any]]:
    """Every string, number and date in `values`, with its place and its field; none of a
    field whose `shown` is in `hidden`. Booleans steer the page rather than appear on it."""
    for spec in fields:
        value, key = values.get(spec.name), f"{where}{spec.name}"
        if spec.shown in hidden or value is None or isinstance(value, bool):
            continue
        if spec.kind == "record":
            yield from leaves(value, spec.fields, hidden, f"{key}.")
        elif spec.kind == "list":
            for index, item in enumerate(value, start=1):
                if spec.fields:
                    yield from leaves(item, spec.fields, hidden, f"{key}[{index}].")
                elif spec.item and spec.item.shown not in hidden:
                    yield f"{key}[{index}]", spec.item, item
        else:
            yield key, spec, value


def needles(spec: Field, value: Any, practice: dict[str, Any]) -> list[str]:
    """What the page shows for a value, any one of which will do: the words of Markdown
    (each run of text); a date in ISO form or written out in a site language; a choice's
    value (its component's CSS modifier) or its label in any language, with practice.md's
    details in it (a care card's "Call {phone}"); any other value as written."""
    if spec.kind == "markdown":
        return [" ".join(BeautifulSoup(MARKDOWN.render(value), "html.parser").stripped_strings)]
    if isinstance(value, date):
        return [value.isoformat(), f"{value.day} {value:%B %Y}",
                format_date(value, "long", locale="es")]
    if spec.kind == "choice":
        label = spec.label_of(value)
        return [value, *(words.format_map(practice)
                         for words in (label, *THEME_WORDS.get(label, ())))]
    return [str(value)]


def body_texts(body: str) -> list[str]:
    """Each run of text of a Markdown body, as the page shows it (HTML escaping undone)."""
    return list(BeautifulSoup(MARKDOWN.render(body), "html.parser").stripped_strings)


def page_words(output: Path) -> str:
    """Every page's text and attribute values (links, datetimes, class modifiers), not the
    JSON-LD: what a patient or their browser meets. Whitespace folded."""
    words = []
    for page in sorted(output.rglob("*.html")):
        if "admin" in page.relative_to(output).parts:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            script.decompose()
        words.append(soup.get_text(" "))
        words.extend(str(value) for tag in soup.find_all(True) for value in tag.attrs.values())
    return " ".join(" ".join(words).split())


def missing_values(content: Path, shown: str) -> list[str]:
    """`path: field = value` for every value of the content the pages do not show."""
    missing = []
    practice = read_source(content / "practice.md", PRACTICE_FIELDS, has_body=False).values
    one_treatment = len(list(content.glob("*/page.md"))) == 1  # no treatments index page
    hidden = {False, "index"} if one_treatment else {False}
    for path in sorted(content.rglob("*.md")):
        fields, has_body = fields_of(path)
        source = read_source(path, fields, has_body=has_body)
        where = path.relative_to(content)
        for key, spec, value in leaves(source.values, fields, hidden):
            if not any(" ".join(n.split()) in shown for n in needles(spec, value, practice)):
                missing.append(f"{where}: {key} = {value!r}")
        missing.extend(f"{where}: body = {text!r}" for text in body_texts(source.body)
                       if " ".join(text.split()) not in shown)
    return missing


@pytest.mark.parametrize("site", [*SITES, CLINIC])
def test_every_value_is_shown(site: str, tmp_path: Path) -> None:
    content = clinic_content(tmp_path) if site == CLINIC else sample_content(tmp_path,
                                                                             DATA / site)
    build = run_pelican(content, tmp_path / "output")
    assert build.returncode == 0, build.log
    missing = missing_values(content, page_words(build.output))
    assert not missing, "not on the page, and not declared shown=False:\n" + "\n".join(missing)

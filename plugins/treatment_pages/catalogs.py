"""The theme's own words in each language: Babel message catalogs, through Jinja's i18n.

Templates write `{{ _("Key facts") }}`; the filters pass the schema's labels (care-card
levels, approvals, actions) through `gettext` too. The source language shows the words as
written, so a one-language site is unchanged. Another language reads them from
`theme/translations/<lang>/LC_MESSAGES/messages.po`, compiled in memory with Babel's API when
the build starts (no `.mo` to commit or forget to rebuild, and it works offline on a fresh
clone). A string the catalog lacks (or marks fuzzy) is an ERROR, which fails the build
(strict_build): no page mixes two languages.

Pages are written one after another, so the language is set per page (`activate`) rather
than passed to every macro (imported macros do not see the page's variables).
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from babel.dates import format_date
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from .schema import (
    APPROVAL_FIELD,
    CARE_ACTION_FIELD,
    CARE_LEVEL_FIELD,
    REGULATORS,
    TRANSLATION_FIELDS,
)

logger = logging.getLogger(__name__)
CATALOG = Path("translations") / "{lang}" / "LC_MESSAGES" / "messages.po"


class Catalogs:
    """The catalogs of the site's languages and the language of the page being written."""

    def __init__(self, theme: Path, languages: list[str]) -> None:
        self.source = languages[0] if languages else ""
        self.lang = self.source
        self.messages: dict[str, dict[str, str]] = {}
        self.missing: set[tuple[str, str]] = set()  # (language, message) with no translation
        for lang in languages[1:]:
            path = theme / str(CATALOG).format(lang=lang.replace("-", "_"))
            if not path.is_file():
                logger.error("The theme has no message catalog for '%s' (%s): translate its "
                             "words there (docs/editing.md, 'How to add a language').", lang, path)
                self.messages[lang] = {}
                continue
            with path.open("rb") as file:
                catalog = read_po(file, locale=lang.replace("-", "_"))
            self.messages[lang] = {str(m.id): str(m.string) for m in catalog
                                   if m.id and m.string and not m.fuzzy}

    def activate(self, lang: str) -> None:
        """The language of the page written next."""
        self.lang = lang

    def gettext(self, message: str) -> str:
        """`message` in the active language; a missing translation is noted (`missing`) for
        `report_missing`."""
        if self.lang not in self.messages:
            return message  # the source language's words are the theme's own
        translated = self.messages[self.lang].get(message)
        if translated is None:
            self.missing.add((self.lang, message))
            return message
        return translated

    def report_missing(self) -> None:
        """Log each missing translation a page needed as an ERROR, once, in order: once the
        pages are written, so that pages written in several processes (forking.py) report
        the same as in one."""
        for lang, message in sorted(self.missing):
            logger.error("The theme's '%s' catalog has no translation of %r: add it to "
                         "theme/%s.", lang, message,
                         str(CATALOG).format(lang=lang.replace("-", "_")))
        self.missing.clear()

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.gettext(singular if count == 1 else plural)

    def long_date(self, value: date) -> str:
        """27 November 2026 in the source language; the language's own long date otherwise."""
        if self.lang not in self.messages:
            return f"{value.day} {value:%B %Y}"
        return format_date(value, "long", locale=self.lang.replace("-", "_"))


def theme_messages(theme: Path) -> list[str]:
    """Every word of the theme a catalog must translate: the templates' `_()` strings
    (Babel's Jinja extractor) and the schema's labels the filters show (each regulator's
    approval words; without a `regulator:` the neutral labels of the docs are shown, which a
    translated page reports as missing)."""
    found = [str(message) for *_, message, _comments, _context in extract_from_dir(
        theme / "templates", method_map=[("**.html", "jinja2")])]
    labelled = (CARE_LEVEL_FIELD, CARE_ACTION_FIELD, *(f for f in TRANSLATION_FIELDS if f.choices))
    approvals = [regulator.label(value) for regulator in REGULATORS
                 for value in APPROVAL_FIELD.choice_values]
    return list(dict.fromkeys([*found, *approvals,
                               *(c.label for f in labelled for c in f.choices)]))


# One build at a time per process: the generator replaces it when it reads the site.
active = Catalogs(Path("."), [])

"""The page model: a treatment's sections, a treatment, a translation's provenance, the
treatments index, the site. Data only: reading it is reading.py (one folder) and loading.py
(the whole site); its Markdown is markdown.py; how its pages link is navigation.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from markupsafe import Markup

from .frontmatter import SourceFile
from .schema import LAYOUT_IDS

PAGE_FILE = "page.md"
PRACTICE_FILE = "practice.md"
# Drafts (`_faq.md`), hidden files and editors' backups (`faq.md~`, `.bak`, `.swp`, `#faq.md#`)
# are not published; `invoke check` lists each one, so none disappears without a word.
SKIPPED_NAME = re.compile(r"^[.#_~]|~$|\.(swp|bak|tmp)$")
# `faq.es.md`, `page.pt-BR.md`: a file's stem, then a language tag, then `.md`.
TRANSLATED_NAME = re.compile(r"^(?P<stem>[^.]+)\.(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)"
                             r"\.md$")


def language_of(path: Path) -> str:
    """The language tag of a translation file's name, or "" for a source file."""
    match = TRANSLATED_NAME.match(path.name)
    return match["lang"] if match else ""

@dataclass
class Section:
    """One section of a treatment page, from one Markdown file."""

    source: SourceFile
    anchor: str
    body_html: Markup

    @property
    def title_id(self) -> str:
        """The id of the section's heading (the section is labelled by it)."""
        return f"{self.anchor}-title"

    def item_id(self, number: int) -> str:
        """The id of the section's FAQ item `number` (from 1): its visible and JSON-LD address."""
        return f"{self.anchor}-{number}"

    def element_ids(self) -> list[str]:
        """The HTML ids the theme gives this section, its heading and its FAQ items."""
        return [self.anchor, self.title_id,
                *(self.item_id(n) for n in range(1, len(self.faq) + 1))]

    def __getattr__(self, name: str) -> Any:
        """Front-matter fields read as attributes, so templates write `section.title`."""
        try:
            return self.__dict__["source"].values[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class Treatment:
    """A whole treatment page: its page metadata and its ordered sections."""

    folder: Path
    page: SourceFile
    sections: list[Section]
    url: str = ""  # relative to SITEURL: "" for the home page, "slug/" otherwise
    save_as: str = ""
    structured_data: Any = None  # JSON-LD for the template (its __html__), set by jsonld
    others: list[Treatment] = field(default_factory=list)  # "Other treatments" (navigation.py)
    # Translations (translations.py): the published language versions of the page, the source
    # first (empty on a one-language site); on a translated page, its provenance.
    versions: list[Treatment] = field(default_factory=list)
    translation: Translation | None = None

    @property
    def meta(self) -> dict[str, Any]:
        return self.page.values

    @property
    def lang(self) -> str:
        return str(self.meta.get("lang") or "")

    @property
    def anchors(self) -> list[str]:
        """The sections' addresses, which a link's error message suggests."""
        return [section.anchor for section in self.sections]

    def element_ids(self) -> set[str]:
        """Every id on the page, which a `#anchor` link may target: the layout's and sections'."""
        return {*LAYOUT_IDS.values(), *(i for s in self.sections for i in s.element_ids())}


@dataclass
class Site:
    practice: SourceFile
    treatments: list[Treatment]
    skipped: list[Path] = field(default_factory=list)  # files and folders not published
    index: TreatmentIndex | None = None  # the list of all treatments, when there are several
    digests: dict[Path, bytes] = field(default_factory=dict)  # each file read: its bytes' hash
    languages: list[str] = field(default_factory=list)  # practice.md's, the source first
    # Every language version of every treatment (translations.py), withheld ones included.
    translated: list[Treatment] = field(default_factory=list)
    # practice.<lang>.md of each other language: practice.md's values with its words.
    practice_translations: dict[str, SourceFile] = field(default_factory=dict)

    def published_translations(self) -> list[Treatment]:
        """The translated pages patients get: complete and not withheld."""
        return [t for t in self.translated if t.translation and t.translation.status != "withheld"]

    def practice_words(self, lang: str) -> dict[str, Any]:
        """practice.md's values, with its words in `lang`."""
        translated = self.practice_translations.get(lang)
        return translated.values if translated else self.practice.values

    def page_languages(self) -> list[str]:
        """The languages the site has pages in: the source's, then each other language with a
        published page (its index and 404 page exist too)."""
        found = {t.lang for t in self.published_translations()}
        return [lang for n, lang in enumerate(self.languages) if n == 0 or lang in found]

    def home_url(self, lang: str) -> str:
        """The home page in `lang`: its version of the site's home page, else its index, else
        the source language's home page."""
        if not self.languages or lang == self.languages[0]:
            return ""
        urls = [t.url for t in self.published_translations() if t.lang == lang]
        indexes = [index.url for index in self.indexes() if index.lang == lang]
        return f"{lang}/" if f"{lang}/" in [*urls, *indexes] else next(iter(indexes), "")

    def indexes(self) -> list[TreatmentIndex]:
        """The treatments index in each language it exists in, the source first."""
        return (self.index.versions or [self.index]) if self.index else []

    def pages(self) -> list[Treatment | TreatmentIndex]:
        """Every page a link may name: the treatments and the index."""
        return [*self.treatments, *([self.index] if self.index else [])]


@dataclass
class Translation:
    """A translated page's provenance and state, beside the source page it translates."""

    lang: str
    source: Treatment
    provenance: dict[str, Any]  # the `translation:` block of page.<lang>.md
    status: str = "current"  # "current", "behind" or "withheld" (translation_status.py)
    changed_on: date | None = None  # when the source last changed, for a "behind" notice


@dataclass
class TreatmentIndex:
    """The page that lists every treatment; written only when there are several."""

    url: str  # "" (the home page) or "treatments/"
    treatments: list[Treatment]
    structured_data: Any = None  # JSON-LD for the template (its __html__), set by jsonld
    lang: str = ""  # on a site of several languages (translations.py); "" = the source's
    # The index in each language that has a published page, the source first (translations.py).
    versions: list[TreatmentIndex] = field(default_factory=list)
    contact_id: ClassVar[str] = "contact"  # the practice's section (the theme's id for it)

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"

    @property
    def last_reviewed(self) -> date | None:
        """The newest review of a listed page: when the list's content last changed."""
        return max((t.meta["last_reviewed"] for t in self.treatments
                    if t.meta.get("last_reviewed")), default=None)

    @property
    def anchors(self) -> list[str]:
        """The index's one section, which a link's error message suggests."""
        return [self.contact_id]

    def element_ids(self) -> set[str]:
        """Every id on the index, which a `#anchor` link may target."""
        return {LAYOUT_IDS["main"], self.contact_id, f"{self.contact_id}-title"}

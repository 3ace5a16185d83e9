"""Translations: a page in another language, from files beside the source's.

`practice.md`'s `languages: [en, es]` names the site's languages, the source first. A
translation file sits beside its source file with the language before `.md`
(`faq.es.md`, `page.es.md`, `practice.es.md`) and holds only the fields the schema marks as
words (`Field.words`); everything else (approvals, dates, positions, how many items a list
has) comes from the source, so a translation cannot say something the source does not.
Lists keep the source's items in the same order and number. `page.<lang>.md` adds the
`translation:` block (who translated and checked it, from which commit).

A language is published for a treatment only when every file of it is translated; a
translated page is a `Treatment` like the source's (so one template renders both) at
`<lang>/<source url>`. Whether it is still current is decided from git by
`translation_status.py`, which withholds or flags it before anything is written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from .frontmatter import SourceFile, read_source
from .model import (
    PAGE_FILE,
    TRANSLATED_NAME,
    Site,
    Translation,
    Treatment,
    TreatmentIndex,
    language_of,
)
from .problems import Diagnostic
from .reading import ContentReader, section_from, with_problems
from .schema import (
    PAGE_FIELDS,
    PRACTICE_FIELDS,
    SECTION_FIELDS,
    TRANSLATION_FIELD,
    Field,
    words_only,
)

NOT_TRANSLATED = "comes from the source file, the same in every language"


@dataclass(frozen=True, order=True)
class ItemCount(Diagnostic):
    """A list of a translation file whose items are not the source's in number: an error
    that `treatment_pages.translation_status.explain` says again in staleness terms when git shows
    the source gained or lost items since the translation's `source_commit`."""


def known_language(tag: str) -> bool:
    """A language tag whose language exists (BCP 47: `cz` is not Czech, `cs` is)."""
    try:
        Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return False
    return True


def load_translations(site: Site, reader: ContentReader) -> None:
    """Read every translation file, check it against its source, and give each treatment its
    language versions (`site.translated`); translation files of no configured language are
    errors (the reader collects every problem)."""
    practice, problems = site.practice, reader.problems
    languages = [str(tag) for tag in practice.values.get("languages") or ()]
    for number, tag in enumerate(languages, start=1):
        if tag and not known_language(tag):
            where = f"languages[{number}]"
            problems.append(Diagnostic(practice.path, practice.lines.get(where), where,
                                       f"'{tag}' is not a known language",
                                       "write a language tag such as en, es, fr, pt-BR or cs"))
    site.languages = languages
    others = languages[1:]
    content = practice.path.parent
    for path in sorted(content.glob("practice.*.md")):
        if language_of(path) in others:
            words = _read(reader, path, PRACTICE_FIELDS, False)
            merged = _merged(practice, words, PRACTICE_FIELDS)
            problems.extend(merged.problems)
            site.practice_translations[language_of(path)] = merged
    for lang in others:
        if lang not in site.practice_translations:
            problems.append(Diagnostic(content / f"practice.{lang}.md", None, "",
                                       f"the practice's words in '{lang}' are missing",
                                       f"run `invoke new-translation <treatment> {lang}`"))
    for treatment in site.treatments:
        _load_treatment(site, treatment, others, reader)
    # os.walk: pathlib's glob("**/*.md") made a Path of each of the site's files (N = 1,000:
    # 10,000), most of an edit's cost here. Folders count too, as glob matched them.
    stray = [Path(folder, name) for folder, folders, files in os.walk(content)
             for name in [*folders, *files]
             if (match := TRANSLATED_NAME.match(name)) and match["lang"] not in others]
    for path in sorted(stray):
        problems.append(Diagnostic(path, 1, "", f"'{language_of(path)}' is not one of the "
                                   "site's languages", "add it to `languages:` in practice.md"
                                   if known_language(language_of(path)) else
                                   "rename the file with a language tag such as es or pt-BR"))


def _load_treatment(site: Site, treatment: Treatment, others: list[str],
                    reader: ContentReader) -> None:
    """The treatment's translated versions, one per language with a page.<lang>.md."""
    problems = reader.problems
    if site.languages and treatment.meta.get("lang") not in (None, site.languages[0]):
        problems.append(Diagnostic(treatment.page.path, treatment.page.lines.get("lang"), "lang",
                                   f"'{treatment.meta['lang']}' is not the source language "
                                   f"'{site.languages[0]}' (the first of practice.md's "
                                   "`languages:`)", "make them the same"))
        return
    for lang in others:
        folder = treatment.folder
        page_path = folder / f"{PAGE_FILE[:-3]}.{lang}.md"
        if not page_path.is_file():
            continue
        words = _read(reader, page_path, PAGE_FIELDS, False, (TRANSLATION_FIELD,))
        page = _merged(treatment.page, words, PAGE_FIELDS)
        problems.extend(page.problems)
        page.values["lang"] = lang
        sections = []
        for section in treatment.sections:
            path = section.source.path.with_name(f"{section.source.path.stem}.{lang}.md")
            if not path.is_file():
                continue
            data = path.read_bytes()
            merged = _merged(section.source, _read(reader, path, SECTION_FIELDS, True),
                             SECTION_FIELDS)
            sections.append(section_from(merged, reader.renderer, data, section.anchor))
            problems.extend(merged.problems)
        if len(sections) < len(treatment.sections):
            continue  # not published: `invoke check` lists what is missing
        translated = Treatment(folder, page, sections, url=f"{lang}/{treatment.url}",
                                     save_as=f"{lang}/{treatment.save_as}")
        translated.translation = Translation(lang, treatment,
                                             words.values.get("translation") or {})
        site.translated.append(translated)


def missing_files(treatment: Treatment, lang: str) -> list[Path]:
    """The translation files of `treatment` in `lang` that do not exist yet."""
    sources = [treatment.page.path, *(s.source.path for s in treatment.sections)]
    return [p.with_name(f"{p.stem}.{lang}.md") for p in sources
            if not p.with_name(f"{p.stem}.{lang}.md").is_file()]


def _read(reader: ContentReader, path: Path, fields: tuple[Field, ...], has_body: bool,
          kept: tuple[Field, ...] = ()) -> SourceFile:
    """A translation file read with only the word fields of `fields` (and `kept` whole); a
    field that is not words is an error that says so, at its line."""
    words = (*words_only(fields), *kept)

    def produce(data: bytes) -> tuple[SourceFile, list[Diagnostic]]:
        source = read_source(path, words, data, has_body=has_body)
        source.problems[:] = [_as_translation_problem(problem, fields)
                              for problem in source.problems]
        return with_problems(source)

    return reader.read(path, produce) or SourceFile(path)


def _as_translation_problem(problem: Diagnostic, fields: tuple[Field, ...]) -> Diagnostic:
    """An "unknown field" of the translation that the source has: it is not translated."""
    if problem.message == "unknown field" and _spec_at(fields, problem.field) is not None:
        return Diagnostic(problem.path, problem.line, problem.field,
                          f"is not translated: it {NOT_TRANSLATED}",
                          "delete this line from the translation")
    return problem


def _spec_at(fields: tuple[Field, ...], where: str) -> Field | None:
    """The schema's field at a path such as `care_cards[1].level`, or None."""
    spec = None
    for name in re.sub(r"\[\d+\]", "", where).split(".") if where else ():
        spec = next((f for f in fields if f.name == name), None)
        if spec is None:
            return None
        fields = spec.fields
    return spec


def _merged(source: SourceFile, words: SourceFile, fields: tuple[Field, ...]) -> SourceFile:
    """The source's values with the translation's words: at the translation's path and lines,
    every word the source has translated and no other; what does not match is among its
    problems."""
    merged = SourceFile(words.path, lines=words.lines, body=words.body,
                        body_line=words.body_line)
    merged.values = _Merge(words, merged).record(source.values, words.values, fields, "")
    if source.body.strip() and not words.body.strip():
        merged.problems.append(Diagnostic(
            words.path, words.body_line, "", "the section's text is not translated",
            "write its translation below the closing '---'"))
    return merged


class _Merge:
    """Overlays a translation's words on its source's values, reporting what does not match
    among the merged file's problems."""

    def __init__(self, words: SourceFile, merged: SourceFile) -> None:
        self.words, self.problems = words, merged.problems

    def problem(self, where: str, message: str, hint: str,
                kind: type[Diagnostic] = Diagnostic) -> None:
        """A problem at the line of `where` in the translation, else of its nearest parent."""
        at, line = where, self.words.lines.get(where)
        while line is None and at:
            at = at.rpartition("[")[0] if at.endswith("]") else at.rpartition(".")[0]
            line = self.words.lines.get(at)
        self.problems.append(kind(self.words.path, line or 1, where, message, hint))

    def record(self, source: dict[str, Any], words: dict[str, Any], fields: tuple[Field, ...],
               prefix: str) -> dict[str, Any]:
        merged = dict(source)
        for spec in fields:
            if not spec.words and not words_only(spec.fields):
                continue
            where = f"{prefix}{spec.name}"
            have, want = words.get(spec.name), source.get(spec.name)
            if spec.kind == "record":
                merged[spec.name] = self.record(want or {}, have or {}, spec.fields, f"{where}.")
            elif spec.kind == "list":
                merged[spec.name] = self.items(want or [], have or [], spec, where)
            elif want and not have:
                self.problem(where, "is not translated", f"translate the source's "
                             f"'{str(want)[:60]}'")
            elif have and not want:
                self.problem(where, "the source has no such text",
                             "delete it, or add it to the source first")
            else:
                merged[spec.name] = have
        return merged

    def items(self, source: list[Any], words: list[Any], spec: Field,
              where: str) -> list[Any]:
        if len(words) != len(source):
            self.problem(where, f"has {len(words)} item(s); the source has {len(source)}",
                         "keep the source's items, in the same order, one translation each",
                         ItemCount)
        return [self.record(item, words[index], spec.fields, f"{where}[{index + 1}].")
                if index < len(words) else item for index, item in enumerate(source)]


def publish(site: Site) -> None:
    """Link each page's published language versions (`versions`, the source first), once the
    translation status has withheld what must not reach patients: each treatment's, and, in
    every language with a published page, the index (listing each treatment in that language
    where it has one, else the source's) and each translated page's "Other treatments"."""
    published = site.published_translations()
    for treatment in site.treatments:
        versions = [t for t in published if t.translation and t.translation.source is treatment]
        if versions:
            treatment.versions = [treatment, *versions]
            for version in versions:
                version.versions = treatment.versions
    index = site.index
    if index is None or len(site.page_languages()) < 2:
        return
    index.lang, index.versions = site.languages[0], [index]
    for lang in site.page_languages()[1:]:
        in_lang = {id(t.translation.source): t for t in published
                   if t.translation and t.translation.lang == lang}
        index.versions.append(TreatmentIndex(f"{lang}/{index.url}", [
            in_lang.get(id(t), t) for t in site.treatments], lang=lang, versions=index.versions))
        for page in in_lang.values():
            assert page.translation is not None
            page.others = [in_lang.get(id(o), o) for o in page.translation.source.others]


def language_name(tag: str, in_lang: str = "") -> str:
    """A language's name in `in_lang`, else in itself: `es` → "Español", in `en` "Spanish"."""
    locale = Locale.parse(tag, sep="-")
    name = locale.get_display_name(Locale.parse(in_lang, sep="-") if in_lang else locale)
    return (name[:1].upper() + name[1:]) if not in_lang else name

"""`invoke new-treatment "Name"`: a new treatment folder, ready to fill in.

The front matter is written from `schema.py`, so the scaffold cannot fall behind the schema;
it holds no YAML comments (the CMS drops them on its first save: guidance is the schema's
help, shown as the CMS's hints and in docs/editing.md). The words are placeholders that say
what to write. What only a person can decide is left out: each indication's `approval` (a
required choice: the build asks for it) and the review dates (the reviewer sets them; until
then the page says "Not yet reviewed"); the reviewer is `placeholder: true`. Publishing
refuses all of these until they are done.

Titles read naturally with any name: they speak of "NAME" when the name already says what
kind of care it is (it contains "treatment" or "therapy": "laser treatment"), else of
"treatment with NAME" ("treatment with dermal fillers", "treatment with PRP"). The name is
kept as typed, except that a name of several capitalised words ("Dermal Fillers") is
lower-cased word by word, as running text writes it; acronyms, one-word names (often brands,
"Botox") and words with inner capitals stay as they are.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from treatment_pages.frontmatter import MISSING, PATTERNS, pattern_problem
from treatment_pages.loading import load_site
from treatment_pages.model import PAGE_FILE, Site, Treatment
from treatment_pages.normalise import slugify
from treatment_pages.problems import Diagnostic
from treatment_pages.schema import (
    PAGE_FIELDS,
    PRACTICE_FIELDS,
    SECTION_FIELDS,
    Field,
    reserved_slugs,
    words_only,
)

# Web addresses stay short and every file system can hold the folder's name.
MAX_SLUG_LENGTH = 60


@dataclass(frozen=True)
class SectionPlan:
    """One section file of a new treatment: its name, title, position and what it holds."""

    stem: str
    title: str  # "{care}" is replaced by the treatment as running text (`care_phrase`)
    position: int
    contents_label: str
    values: tuple[tuple[str, Any], ...] = ()
    body: str = ""


def _item(fields: tuple[Field, ...]) -> dict[str, Any]:
    """A list item that says what to write in each text field; choices are left for a person
    to make (the build asks for each one)."""
    return {f.name: f"Replace with: {f.help}" for f in fields if f.required and not f.choices}


# The required choices of list items, left to a person (an indication's `approval`).
CHOICES_LEFT_OUT = frozenset(f.name for spec in SECTION_FIELDS for f in spec.fields
                             if f.required and f.choices)


def _list_of(name: str) -> tuple[tuple[str, Any], ...]:
    spec = next(f for f in SECTION_FIELDS if f.name == name)
    return ((name, [_item(spec.fields)]),)


# Short placeholders where the field's help is long (the CMS shows the help as a hint): a long
# placeholder would raise the reading-level warnings a new folder must not have.
KEY_FACT = {"fact": "Replace with one sentence the page already states."}
CARE_CARD = {"level": "immediate",
             "heading": "Replace with what to do, such as: Get medical help at once if:",
             "symptoms": [{"text": "Replace with one symptom."}], "action": "call-emergency"}

BODY = "Replace with the section's text, in short sentences and everyday words.\n"

SECTIONS = (
    SectionPlan("what-is", "What is {care}?", 10, "What it is", body=BODY),
    SectionPlan("how-it-works", "How does {care} work?", 20, "How it works", body=BODY),
    SectionPlan("indications", "What {care} can help with", 30, "Conditions it treats",
                _list_of("indications"), BODY),
    SectionPlan("procedure", "What to expect during {care}", 40, "What to expect",
                _list_of("steps")),
    SectionPlan("benefits", "Benefits of {care}", 50, "Benefits", _list_of("benefits")),
    SectionPlan("right-for-you", "Is {care} right for you?", 60, "Is it right for you?",
                body=BODY),
    SectionPlan("safety", "Important safety information", 65, "Safety information",
                (("editorial", True), ("care_cards", [CARE_CARD])), BODY),
    SectionPlan("faq", "Frequently asked questions", 70, "Questions", _list_of("faq")),
    SectionPlan("contact", "Contact us to learn more", 80, "Contact",
                (("call_to_action", True),), BODY),
)
# A name with one of these words already says what kind of care it is.
CARE_WORDS = re.compile(r"\b(treatment|therapy)\b", re.IGNORECASE)


def running_text(name: str) -> str:
    """The name as a sentence writes it: several Capitalised words are lower-cased; acronyms,
    one-word names (often brands) and words with inner capitals are kept."""
    words = name.split()
    if len(words) < 2:
        return name
    return " ".join(w.lower() if w[:1].isupper() and w[1:] == w[1:].lower() else w
                    for w in words)


def care_phrase(name: str) -> str:
    """What the section titles call the treatment: the name itself when it says "treatment"
    or "therapy", else "treatment with NAME" (reads right with plurals and acronyms)."""
    text = running_text(" ".join(name.split()))
    return text if CARE_WORDS.search(text) else f"treatment with {text}"


QUOTED_KINDS = ("text", "markdown", "url", "email", "phone")


def scalar(value: Any, field: Field) -> str:
    """A YAML scalar: free text in double quotes (JSON strings are valid YAML), the rest plain."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if field.kind in QUOTED_KINDS:
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def front_matter(fields: tuple[Field, ...], values: dict[str, Any], indent: str = "") -> list[str]:
    """The fields of `fields` that have a value, in the schema's order (no comments)."""
    lines = []
    for field in fields:
        if field.name not in values:
            continue
        if field.kind == "record":
            lines.append(f"{indent}{field.name}:")
            lines.extend(front_matter(field.fields, values[field.name], indent + "  "))
        elif field.kind == "list":
            lines.append(f"{indent}{field.name}:")
            lines.extend(list_items(field, values[field.name], indent + "  "))
        else:
            lines.append(f"{indent}{field.name}: {scalar(values[field.name], field)}")
    return lines


def list_items(field: Field, items: list[dict[str, Any]], indent: str) -> list[str]:
    """A list's items; a list inside an item is nested."""
    lines = []
    by_name = {sub.name: sub for sub in field.fields}
    for item in items:
        entry: list[str] = []
        for key, value in item.items():
            if by_name[key].kind == "list":
                entry.append(f"{key}:")
                entry.extend(list_items(by_name[key], value, "  "))
            else:
                entry.append(f"{key}: {scalar(value, by_name[key])}")
        lines.append(f"{indent}- {entry[0]}")
        lines.extend(f"{indent}  {line}" for line in entry[1:])
    return lines


def page_values(name: str, slug: str) -> dict[str, Any]:
    """page.md: no review dates until the reviewer has checked the page."""
    return {
        "title": name,
        "description": f"Replace with one or two sentences about {name} for search results.",
        "key_facts": [KEY_FACT],
        "slug": slug,
        "lang": "en",
        "reviewed_by": {"name": "Replace with the reviewer's name",
                        "credentials": "Replace with their qualifications", "placeholder": True},
    }


def create_treatment(content: Path, name: str, slug: str = "",
                     settings: Mapping[str, Any] | None = None) -> list[Path]:
    """Write the new folder and return its files; refuses an existing folder or a bad slug.

    The files are written into a hidden temporary folder that is renamed into place at the
    end, so a failure (a full disk, say) never leaves half a treatment behind. Then the build's
    own loader reads the site with `settings` (the build's), before and after: any problem the
    new folder brings, in its files or elsewhere (another folder's slug), but a choice left to
    a person (`_left_to_choose`) removes it again, so what the scaffold makes is what the build
    accepts, whatever the checks become.
    """
    settings = settings or {}
    slug = slug or slugify(name)
    if not slug:  # a name in another script (Cyrillic, Greek, Chinese…): ask for the address
        raise ValueError(f"'{name}' has no Latin letters or digits to make a web address "
                         f"from: give one, e.g. invoke new-treatment \"{name}\" --slug botox")
    if not PATTERNS["slug"][0].match(slug):
        message, hint = pattern_problem("slug")
        raise ValueError(f"--slug '{slug}' {message}: {hint}".replace("`", ""))
    if slug in (taken := reserved_slugs(settings)):
        raise ValueError(f"'{name}' would make the web address /{slug}/, which is already "
                         f"{taken[slug]}: use another name")
    if len(slug) > MAX_SLUG_LENGTH:
        raise ValueError(f"'{name[:40]}…' would make a web address of {len(slug)} characters; "
                         f"use a shorter name (at most {MAX_SLUG_LENGTH} characters of address), "
                         "then change the title in page.md if you want it longer")
    folder = content / slug
    if folder.exists():
        raise FileExistsError(f"{folder} already exists: nothing was changed")
    content.mkdir(parents=True, exist_ok=True)
    before = set(load_site(content, dict(settings))[1])
    staging = Path(tempfile.mkdtemp(prefix=".new-treatment-", dir=content))
    try:
        written = _write_files(staging, name, slug)
        staging.chmod(0o755)  # mkdtemp makes it private
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _, problems = load_site(content, dict(settings))
    if refused := [p for p in problems if p not in before and not _left_to_choose(p)]:
        shutil.rmtree(folder)
        raise ValueError("the new treatment fails the build's checks, so nothing was created:\n"
                         + "\n".join(str(problem) for problem in refused))
    return [folder / path.name for path in written]


def _left_to_choose(problem: Diagnostic) -> bool:
    """A required choice the scaffold leaves out on purpose (`_item`): the build asks for it."""
    name = problem.field.rpartition(".")[2]
    return problem.message == MISSING and name in CHOICES_LEFT_OUT


def _write_files(folder: Path, name: str, slug: str) -> list[Path]:
    files = {PAGE_FILE: (PAGE_FIELDS, page_values(name, slug), "")}
    care = care_phrase(name)
    for plan in SECTIONS:
        values = {"title": plan.title.format(care=care), "position": plan.position,
                  "contents_label": plan.contents_label, **dict(plan.values)}
        files[f"{plan.stem}.md"] = (SECTION_FIELDS, values, plan.body)
    written = []
    for filename, (fields, values, body) in files.items():
        path = folder / filename
        path.write_text("\n".join(["---", *front_matter(fields, values), "---", body]),
                        encoding="utf-8")
        written.append(path)
    return written


def words_of(values: dict[str, Any], fields: tuple[Field, ...]) -> dict[str, Any]:
    """The word fields of a file's values (schema order), as a translation file holds them."""
    kept: dict[str, Any] = {}
    for field in words_only(fields):
        value = values.get(field.name)
        if field.kind == "record" and value:
            kept[field.name] = words_of(value, field.fields)
        elif field.kind == "list" and value:
            kept[field.name] = [words_of(item, field.fields) for item in value]
        elif field.kind not in ("record", "list") and value:
            kept[field.name] = value
    return kept


def translation_block(commit: str, today: date) -> dict[str, Any]:
    """The `translation:` block of a new page.<lang>.md: who is still to be named."""
    person = {"name": "Replace with the name", "credentials": "Replace with the credentials"}
    return {"source_commit": commit, "method": "professional", "translated_by": dict(person),
            "language_checked_by": dict(person), "clinical_checked_by": dict(person),
            "translated_on": today.isoformat()}


def create_translation(site: Site, treatment: Treatment, lang: str, commit: str,
                       today: date) -> list[Path]:
    """Every missing translation file of `treatment` (and practice.<lang>.md) in `lang`,
    holding the source's words to translate over: valid as created; `invoke check --release`
    refuses them while their words are still the source's (`translation.untranslated`)."""
    files = [(site.practice.path, PRACTICE_FIELDS, site.practice, {}),
             (treatment.page.path, PAGE_FIELDS, treatment.page,
              {"translation": translation_block(commit, today)}),
             *((s.source.path, SECTION_FIELDS, s.source, {}) for s in treatment.sections)]
    created = []
    for path, fields, source, extra in files:
        target = path.with_name(f"{path.stem}.{lang}.md")
        if target.exists():
            continue
        values = {**words_of(source.values, fields), **extra}
        header = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=100) \
            if values else ""
        body = source.body.strip()
        target.write_text(f"---\n{header}---\n" + (f"{body}\n" if body else ""),
                          encoding="utf-8")
        created.append(target)
    return created

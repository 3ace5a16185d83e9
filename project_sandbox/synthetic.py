"""Synthetic treatment folders shaped like the real one, for benchmarks at scale.

Every synthetic folder is derived from the real `content/therapeutic-botox/` at run time,
so it keeps the real folder's sections, fields and text lengths as they change. Each copy
gets its own name ("Botox 0042"), slug and questions; the FAQ list is extended to
`FAQ_COUNT` questions and the indications to `INDICATION_COUNT` by repeating the real
ones with a numbered question or name, so every list item stays unique. Each page names
the next `RELATED_COUNT` treatments in `related:`, so a synthetic site is a clinic's site:
the home treatment, the index of all N at /treatments/, and "Other treatments" on every page.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from site_tools import ROOT

REAL_CONTENT = ROOT / "content"
REAL_TREATMENT = "therapeutic-botox"
FAQ_COUNT = 10
INDICATION_COUNT = 6
EDITED_SECTION = "what-is.md"
RELATED_COUNT = 3  # `related:` slugs per synthetic page (navigation.py allows up to 5)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A content file's YAML front matter (as data) and its Markdown body."""
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


def join_front_matter(values: dict[str, Any], body: str) -> str:
    front = yaml.safe_dump(values, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{front}---\n{body}"


def _renamed(value: Any, number: int) -> Any:
    """Every text in `value` with 'Botox' made specific to treatment `number`."""
    if isinstance(value, str):
        return value.replace("Botox", f"Botox {number:04d}")
    if isinstance(value, list):
        return [_renamed(item, number) for item in value]
    if isinstance(value, dict):
        return {key: _renamed(item, number) for key, item in value.items()}
    return value


def _extended(items: list[dict[str, Any]], count: int, key: str) -> list[dict[str, Any]]:
    """`items` repeated up to `count` entries; repeats get a numbered, unique `key`."""
    extended = []
    for index in range(count):
        item = dict(items[index % len(items)])
        if index >= len(items):
            item[key] = f"{item[key]} ({index + 1})"
        extended.append(item)
    return extended


def slug_of(number: int) -> str:
    """Treatment `number`'s slug; the first keeps the real one (see synthesize_content)."""
    return REAL_TREATMENT if number == 1 else f"{REAL_TREATMENT}-{number:04d}"


def related_to(number: int, count: int) -> list[str]:
    """The next RELATED_COUNT treatments (wrapping round): each page's "Other treatments"."""
    others = [(number + step - 1) % count + 1 for step in range(1, RELATED_COUNT + 1)]
    return [slug_of(other) for other in others if other != number]


def synthesize_treatment(source: Path, target: Path, number: int, count: int) -> None:
    """Write treatment `number` of `count`: the real folder renamed, with the lists at full
    length and `related:` naming the next few treatments, as a clinic's editor would."""
    target.mkdir(parents=True)
    for path in sorted(source.glob("*.md")):
        values, body = split_front_matter(path.read_text(encoding="utf-8"))
        values = _renamed(values, number)
        if path.name == "page.md":
            values["slug"] = slug_of(number)
            if count > 1:
                values["related"] = related_to(number, count)
        if values.get("faq"):
            values["faq"] = _extended(values["faq"], FAQ_COUNT, "question")
        if values.get("indications"):
            values["indications"] = _extended(values["indications"], INDICATION_COUNT, "name")
        (target / path.name).write_text(join_front_matter(values, _renamed(body, number)),
                                        encoding="utf-8")


def synthesize_content(target: Path, count: int, real_content: Path = REAL_CONTENT) -> Path:
    """A content folder with practice.md and `count` synthetic treatment folders.

    The first folder keeps the real slug, so `home:` in practice.md still
    names a treatment and the site has a home page, as the real one does.
    """
    target.mkdir(parents=True)
    shutil.copy(real_content / "practice.md", target / "practice.md")
    source = real_content / REAL_TREATMENT
    for number in range(1, count + 1):
        synthesize_treatment(source, target / f"{REAL_TREATMENT}-{number:04d}", number, count)
    return target


def edit_one_file(content: Path, revision: int) -> Path:
    """Change the text of one section of the middle treatment, as an editor's save would."""
    folders = sorted(entry for entry in content.iterdir() if entry.is_dir())
    path = folders[len(folders) // 2] / EDITED_SECTION
    text = path.read_text(encoding="utf-8").rstrip("\n").rsplit("\n\nEdit ", 1)[0]
    path.write_text(f"{text}\n\nEdit {revision}.\n", encoding="utf-8")
    return path

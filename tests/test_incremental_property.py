"""Incremental builds equal clean builds: after any sequence of edits, every output file has
the bytes a build from nothing writes, and no other file remains.

Each example starts from the same built clinic site (the sample site and the two fixture
treatments; the output, content cache and output record of its first build restored, so
the record still matches), applies a random sequence of edits, and after every edit builds
incrementally (in process, as `invoke build` does) and from nothing into another folder,
and checks that the incremental build wrote only the files whose bytes changed.
A step whose content the build refuses must fail both ways and leave the output as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from blinker import signal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import FileSystemBytecodeCache
from pelican import Pelican
from pelican.settings import read_settings

from tests.support.helpers import (
    CLINIC_FIXTURES,
    DATA,
    ROOT,
    TREATMENT,
    bilingual_clinic,
    clinic_content,
    replace,
)

CONTENT = "pages"  # the content folder's name
SEQUENCES = 200  # examples: each a sequence of 1-3 edits, each edit checked
STEPS = st.lists(st.tuples(st.sampled_from(["body", "title", "add", "remove", "rename",
                                            "related", "practice", "template", "setting"]),
                           st.integers(0, 1000)), min_size=1, max_size=3)


# Compiled templates, shared by every build of the session as the live preview shares them
# (keyed by each template's source, so an edited template recompiles): builds take half the time.
TEMPLATES = FileSystemBytecodeCache(tempfile.mkdtemp(prefix="incremental-templates-"))


def build(content: Path, theme: Path, output: Path, cache: Path, siteurl: str,
          incremental: bool) -> bool:
    """One in-process build; False when the build refused the content."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache),
        "THEME": str(theme), "JSONLD_SITEURL": siteurl, "INCREMENTAL_BUILD": incremental,
        "LOAD_CONTENT_CACHE": incremental})
    settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"],
                                     "bytecode_cache": TEMPLATES}
    try:
        Pelican(settings).run()
    except SystemExit:
        return False
    return True


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino
            for p in root.rglob("*") if p.is_file()}


def treatments(content: Path) -> list[Path]:
    return sorted(p for p in content.iterdir() if p.is_dir())


def slug(folder: Path) -> str:
    return next(line.split(": ", 1)[1] for line in
                (folder / "page.md").read_text(encoding="utf-8").splitlines()
                if line.startswith("slug: "))


def set_related(folder: Path, slugs: list[str]) -> None:
    """Replace the page's `related:` list (none when `slugs` is empty)."""
    page = folder / "page.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("related:")), None)
    if start is not None:
        end = start + 1
        while lines[end].startswith("  - "):
            end += 1
        del lines[start:end]
    if slugs:
        lines[1:1] = ["related:", *(f"  - {s}" for s in slugs)]
    page.write_text("\n".join(lines), encoding="utf-8")


def apply(step: str, number: int, content: Path, theme: Path, state: dict[str, str]) -> None:
    """One editor's change; `number` picks the file and makes the new text unique."""
    folders = treatments(content)
    folder = folders[number % len(folders)]
    if step == "body":
        sections = sorted(p for p in folder.glob("*.md") if p.name != "page.md")
        section = sections[number % len(sections)]
        section.write_text(section.read_text(encoding="utf-8") + f"\nEdit {number}.\n",
                           encoding="utf-8")
    elif step == "title":
        text = (folder / "page.md").read_text(encoding="utf-8")
        start = text.index("title: ") + len("title: ")
        end = text.index("\n", start)
        (folder / "page.md").write_text(f"{text[:start]}Title {number}{text[end:]}",
                                        encoding="utf-8")
    elif step == "add":
        new = content / f"added-{number}"
        if not new.exists():
            shutil.copytree(DATA / CLINIC_FIXTURES[0], new)
            replace(new / "page.md", f"slug: {CLINIC_FIXTURES[0]}", f"slug: added-{number}")
            replace(new / "page.md", "title: Fixture Treatment", f"title: Added {number}")
    elif step == "remove":
        if folder.name != TREATMENT and len(folders) > 2:  # the home page stays
            shutil.rmtree(folder)
            for other in treatments(content):
                set_related(other, [])
    elif step == "rename":
        if folder.name != TREATMENT and not (content / f"renamed-{number}").exists():
            folder.rename(content / f"renamed-{number}")
    elif step == "related":
        others = [slug(f) for f in folders if f != folder]
        set_related(folder, others[: number % 4])
    elif step == "practice":
        practice = content / "practice.md"
        text = practice.read_text(encoding="utf-8")
        start = text.index("address: ") + len("address: ")
        end = text.index("\n", start)
        practice.write_text(f"{text[:start]}{number} Example Avenue{text[end:]}",
                            encoding="utf-8")
    elif step == "template":
        names = ["404.html", "treatments.html", "components/other-treatments.html",
                 "components/faq.html"]
        template = theme / "templates" / names[number % len(names)]
        template.write_text(template.read_text(encoding="utf-8") + f"{{# edit {number} #}}\n"
                            + ("" if number % 2 else f"<!-- {number} -->\n"), encoding="utf-8")
    elif step == "setting":
        state["siteurl"] = f"https://clinic-{number % 3}.example"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, Path]:
    """(work, snapshot): the clinic site, its theme and its first incremental build, made in
    `work` (the output record names its output folder) and kept in `snapshot`."""
    root = tmp_path_factory.mktemp("incremental")
    work, snapshot = root / "work", root / "snapshot"
    # Not named content/: removing a copy would trip conftest's guard on the clinic's content/.
    content = clinic_content(work).rename(work / CONTENT)
    shutil.copytree(ROOT / "theme", work / "theme")
    assert build(content, work / "theme", work / "output", work / "cache",
                 "https://clinic-0.example", incremental=True)
    shutil.copytree(work, snapshot, copy_function=shutil.copy2)
    return work, snapshot


def replay(site: tuple[Path, Path], steps: list, edit: Callable) -> None:
    """Apply `steps` to a fresh copy of the built `site`; after each, the incremental build
    equals a clean build byte for byte (or both refuse), and only changed files were written."""
    work, snapshot = site
    shutil.rmtree(work)
    # The output as hard links (builds replace output files, never write into them): the
    # record's sizes and modification times still match. The rest is edited: copied.
    for name in (CONTENT, "theme", "cache"):
        shutil.copytree(snapshot / name, work / name)
    shutil.copytree(snapshot / "output", work / "output", copy_function=os.link)
    content, theme, output = work / CONTENT, work / "theme", work / "output"
    state: dict = {"siteurl": "https://clinic-0.example"}
    for step, number in steps:
        edit(step, number, content, theme, state)
        before, before_inodes = files(output), inodes(output)
        incremental = build(content, theme, output, work / "cache", state["siteurl"], True)
        clean = build(content, theme, work / "clean", work / "clean-cache", state["siteurl"],
                      False)
        assert incremental == clean, (step, number)
        if clean:
            after = files(output)
            assert after == files(work / "clean"), (step, number)
            # Only files whose bytes changed were written: every other file is the same file.
            unchanged = {name for name in after if before.get(name) == after[name]}
            now = inodes(output)
            assert {n: now[n] for n in unchanged} == {n: before_inodes[n] for n in unchanged}
            shutil.rmtree(work / "clean")
        else:
            assert files(output) == before, (step, number)


@settings(max_examples=SEQUENCES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_incremental_output_equals_a_clean_build_after_every_edit(steps, site):
    replay(site, steps, apply)


# --- A site of two languages: the /es/ pages too ------------------------------------------

BILINGUAL_SEQUENCES = 40  # each a sequence of 1-3 edits; the edits touch both languages
BILINGUAL_STEPS = st.lists(st.tuples(st.sampled_from(
    ["body", "translated body", "title", "translated title", "untranslate", "retranslate",
     "practice", "translated practice", "template", "setting"]), st.integers(0, 1000)),
    min_size=1, max_size=3)


def apply_bilingual(step: str, number: int, content: Path, theme: Path,
                    state: dict[str, str]) -> None:
    """One editor's change to the bilingual clinic (two treatments, every file also in
    `es`)."""
    folder = treatments(content)[number % 2]
    lang = ".es" if step.startswith(("translated", "untranslate", "retranslate")) else ""
    sections = sorted(p for p in folder.glob(f"*{lang}.md") if not p.name.startswith("page.")
                      and (lang or p.suffixes == [".md"]))
    if step in ("body", "translated body"):
        section = sections[number % len(sections)]
        section.write_text(section.read_text(encoding="utf-8") + f"\nEdit {number}.\n",
                           encoding="utf-8")
    elif step in ("title", "translated title"):
        page = folder / f"page{lang}.md"
        text = page.read_text(encoding="utf-8")
        start = text.index("title: ") + len("title: ")
        end = text.index("\n", start)
        page.write_text(f"{text[:start]}Title {number}{text[end:]}", encoding="utf-8")
    elif step == "untranslate":  # a translation file removed: /es/ is no longer published
        section = sections[number % len(sections)]
        state.setdefault("removed", {})[section] = section.read_bytes()
        section.unlink()
    elif step == "retranslate" and state.get("removed"):
        path, data = state["removed"].popitem()
        path.write_bytes(data)
    elif step in ("practice", "translated practice"):
        practice = content / f"practice{lang}.md"
        text = practice.read_text(encoding="utf-8")
        practice.write_text(text.replace("Example Pain Clinic", f"Clinic {number}", 1)
                            if lang else text.replace("100 Example Avenue",
                                                      f"{number} Example Avenue"),
                            encoding="utf-8")
    elif step == "template":
        names = ["404.html", "treatment.html", "components/other-treatments.html",
                 "components/faq.html", "treatments.html"]
        template = theme / "templates" / names[number % len(names)]
        template.write_text(template.read_text(encoding="utf-8") + f"{{# edit {number} #}}\n"
                            + ("" if number % 2 else f"<!-- {number} -->\n"), encoding="utf-8")
    elif step == "setting":
        state["siteurl"] = f"https://clinic-{number % 3}.example"


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory) -> tuple[Path, Path]:
    """(work, snapshot) as `site`, for the bilingual clinic (tests/support/helpers.py)."""
    root = tmp_path_factory.mktemp("incremental-bilingual")
    work, snapshot = root / "work", root / "snapshot"
    bilingual_clinic(work).rename(work / CONTENT)
    shutil.copytree(ROOT / "theme", work / "theme")
    assert build(work / CONTENT, work / "theme", work / "output", work / "cache",
                 "https://clinic-0.example", incremental=True)
    assert (work / "output" / "es").is_dir()
    shutil.copytree(work, snapshot, copy_function=shutil.copy2)
    return work, snapshot


@settings(max_examples=BILINGUAL_SEQUENCES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(steps=BILINGUAL_STEPS)
def test_translated_pages_equal_a_clean_build_after_every_edit(steps, bilingual_site):
    replay(bilingual_site, steps, apply_bilingual)


# --- What an edit re-renders: only the pages that show it, in each language ----------------

RENDERED = [  # (the file edited, the pages whose key changes: re-rendered)
    ("nerve-blocks/overview.md", {"nerve-blocks/index.html", "es/nerve-blocks/index.html"}),
    ("nerve-blocks/overview.es.md", {"es/nerve-blocks/index.html"}),
    ("nerve-blocks/page.md", {"nerve-blocks/index.html", "es/nerve-blocks/index.html",
                              "index.html", f"{TREATMENT}/index.html"}),
    ("nerve-blocks/page.es.md", {"es/nerve-blocks/index.html", "es/index.html",
                                 f"es/{TREATMENT}/index.html"}),
    ("practice.es.md", {"es/index.html", "es/nerve-blocks/index.html",
                        f"es/{TREATMENT}/index.html", "es/404.html"}),
]


@pytest.mark.parametrize(("name", "pages"), RENDERED)
def test_an_edit_re_renders_only_the_pages_that_show_it(tmp_path, name, pages):
    """The key of each output (what strict_build compares with the last build's) changes only
    for the pages that show the edited file; the other pages are reused as they are."""
    content = bilingual_clinic(tmp_path)
    keys: dict[str, str] = {}

    def record(_generator, name: str, key: str) -> bool:
        keys[name] = key
        return False

    reuse = signal("strict_build.reuse_output")
    reuse.connect(record)
    try:
        assert build(content, ROOT / "theme", tmp_path / "output", tmp_path / "cache",
                     "https://clinic-0.example", incremental=True)
        before = dict(keys)
        path = content / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("description: ", "description: Edited. ", 1)
                        if "description: " in text else text + "\nEdited.\n", encoding="utf-8")
        assert build(content, ROOT / "theme", tmp_path / "output", tmp_path / "cache",
                     "https://clinic-0.example", incremental=True)
    finally:
        reuse.disconnect(record)
    assert set(before) == set(keys) and "es/404.html" in keys
    assert {page for page in keys if keys[page] != before[page]} == pages

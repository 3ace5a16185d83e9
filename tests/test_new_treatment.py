"""`invoke new-treatment`: it validates, builds, explains every field, refuses to overwrite."""

from __future__ import annotations

import re

from site_tools.scaffold import SECTIONS
from tests.helpers import findings, invoke
from treatment_pages.schema import PAGE_FIELDS, SECTION_FIELDS

NAME = "Nerve Blocks: Spine & Joints"
SLUG = "nerve-blocks-spine-joints"


def test_new_treatment_passes_check_with_only_placeholder_warnings(project):
    created = invoke(project, "new-treatment", NAME)
    assert created.returncode == 0, created.stderr
    folder = project / "content" / SLUG
    section_files = sorted(p.name for p in folder.glob("*.md") if p.name != "page.md")
    assert len(section_files) == len(SECTIONS) and (folder / "page.md").is_file()
    checked = invoke(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    mine = [f for f in findings(checked.stdout) if f["path"].startswith(f"content/{SLUG}/")]
    assert {f["rule"] for f in mine if f["level"] != "info"} == {"placeholder.reviewer",
                                                                 "placeholder.text"}
    assert all(f["level"] in ("info", "warning") for f in mine)
    unfinished = {f["path"] for f in mine if f["rule"] == "placeholder.text"}
    assert {f"content/{SLUG}/{name}" for name in [*section_files, "page.md"]} == unfinished
    scored = {f["path"] for f in mine if f["rule"] == "readability.score"}
    assert {f"content/{SLUG}/{name}" for name in section_files} <= scored
    built = invoke(project, "build")
    assert built.returncode == 0, built.stderr
    page = (project / "output" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Nerve Blocks: Spine &amp; Joints" in page
    # Not an orphan: the Botox home page links it, and the new index lists both.
    home = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert f'href="./{SLUG}/"' in home and 'href="./treatments/"' in home
    index = (project / "output" / "treatments" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{SLUG}/"' in index and 'href="../"' in index


def test_every_schema_field_is_explained_in_the_scaffold(project):
    invoke(project, "new-treatment", NAME)
    folder = project / "content" / SLUG
    page = (folder / "page.md").read_text(encoding="utf-8")
    section = (folder / "faq.md").read_text(encoding="utf-8")
    for fields, text in ((PAGE_FIELDS, page), (SECTION_FIELDS, section)):
        for field in fields:
            assert re.search(rf"^\s*# {field.name} \((required|optional), ", text, re.M), field


def test_an_existing_folder_is_never_overwritten(project):
    folder = project / "content" / "therapeutic-botox"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    refused = invoke(project, "new-treatment", "Therapeutic Botox")
    assert refused.returncode != 0
    assert "already exists" in refused.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_name_without_letters_is_refused(project):
    refused = invoke(project, "new-treatment", "!!!")
    assert refused.returncode != 0
    assert "web address" in refused.stderr

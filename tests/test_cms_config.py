"""The CMS configuration written by every build: generated from the schema, so its forms
cannot disagree with what the strict build accepts (plugins/cms_admin/config.py)."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml

from cms_admin.config import BODY, config, write_admin
from site_tools.cms import DECAP_DIST
from site_tools.scaffold import create_treatment
from tests.support.helpers import SAMPLE_SITE, TREATMENT, choose_approvals
from tests.support.tools import require_tool
from tests.test_translations import BILINGUAL
from treatment_pages.filters import approval_label
from treatment_pages.frontmatter import PATTERNS, pattern_problem, read_source
from treatment_pages.model import language_of
from treatment_pages.schema import (
    APPROVAL_FIELD,
    PAGE_FIELDS,
    PRACTICE_FIELDS,
    RESERVED_SLUGS,
    SECTION_FIELDS,
    TRANSLATION_FIELD,
    Field,
    words_only,
)

WIDGETS = {"text": "string", "markdown": "markdown", "integer": "number", "boolean": "boolean",
           "date": "datetime", "url": "string", "email": "string", "phone": "string",
           "short_number": "string",
           "choice": "select", "slug": "string", "language": "string", "record": "object",
           "list": "list"}



@pytest.fixture
def cms_bundle() -> None:
    """Without the bundle the build leaves admin/ out (with a warning): skip, or fail in CI."""
    require_tool(DECAP_DIST / "decap-cms.js", "install the node tools with `npm ci` (needs npm)")


@pytest.fixture
def built(site, cms_bundle):
    """The sample site, built with its admin/."""
    return site


SAMPLE_REGULATOR = read_source(SAMPLE_SITE / "practice.md", PRACTICE_FIELDS).values["regulator"]


def config_of(output: Path) -> dict[str, Any]:
    return yaml.safe_load((output / "admin" / "config.yml").read_text(encoding="utf-8"))


def check_fields(form: list[dict[str, Any]], fields: tuple[Field, ...], where: str) -> None:
    """Every schema field has its form field and every form field a schema field, recursively."""
    assert [f["name"] for f in form] == [f.name for f in fields], where
    for options, field in zip(form, fields, strict=True):
        here = f"{where}.{field.name}"
        assert options["widget"] == WIDGETS[field.kind], here
        assert options["required"] is field.required, here
        assert options["hint"] == field.help, here
        if field.kind in PATTERNS:
            regex, message = options["pattern"]
            assert regex.endswith(PATTERNS[field.kind][0].pattern[1:]), here
            if field.kind == "slug":  # and no address the site already uses
                assert not any(re.fullmatch(regex, slug) for slug in RESERVED_SLUGS), here
            build_message, build_hint = pattern_problem(field.kind)
            assert build_message.replace("`", "") in message, here
            assert build_hint in message, here
            assert re.fullmatch(regex, PATTERNS[field.kind][1]), here
        else:
            assert "pattern" not in options, here
        if field.kind == "choice":  # an approval in the words of the site's regulator
            assert [(o["value"], o["label"]) for o in options["options"]] == [
                (choice.value, approval_label(choice.value, SAMPLE_REGULATOR)
                 if field is APPROVAL_FIELD else choice.label) for choice in field.choices], here
        if field.kind == "integer":
            assert options["value_type"] == "int", here
        if field.kind == "date":
            assert options["format"] == "YYYY-MM-DD" and options["time_format"] is False, here
        if field.fields:
            check_fields(options["fields"], field.fields, here)
        if field.item:  # a list of plain values: one `field`
            assert "fields" not in options, here
            check_fields([options["field"]], (field.item,), here)


def test_every_field_of_every_file_has_its_form_field_and_nothing_else(built):
    config = config_of(built.output)
    files = {entry["file"]: entry for collection in config["collections"]
             for entry in collection["files"]}
    assert sorted(files) == sorted(f"content/{path.relative_to(SAMPLE_SITE).as_posix()}"
                                   for path in SAMPLE_SITE.rglob("*.md"))
    for name, entry in files.items():
        if name == "content/practice.md":
            check_fields(entry["fields"], PRACTICE_FIELDS, name)
        elif name.endswith("/page.md"):
            check_fields(entry["fields"], PAGE_FIELDS, name)
        else:
            *schema_fields, body = entry["fields"]
            assert body["name"] == BODY and body["widget"] == "markdown"
            check_fields(schema_fields, SECTION_FIELDS, name)


def test_every_translation_file_is_an_entry_after_its_source_with_only_its_words():
    """Each `<name>.<lang>.md` of the bilingual fixture is its own entry (Decap 3.16 refuses
    `i18n` on files collections), right after its source's, with a form of exactly the fields
    a translation file holds; nothing in the configuration asks for Decap's i18n."""
    options = config(BILINGUAL, {"CMS_REPO": "example/site", "CMS_BRANCH": "main"})
    assert "i18n" not in str(options)
    found = options["collections"]
    files = [entry["file"] for collection in found for entry in collection["files"]]
    assert sorted(files) == sorted(f"{BILINGUAL.name}/{path.relative_to(BILINGUAL).as_posix()}"
                                   for path in BILINGUAL.rglob("*.md"))
    entries = [entry for collection in found for entry in collection["files"]]
    for source, entry in pairwise(entries):
        name = Path(entry["file"])
        if not language_of(name):
            continue
        assert source["file"] == str(name.with_name(f"{name.name.split('.')[0]}.md"))
        assert entry["name"] == f"{source['name']}.{language_of(name)}"
        if name.name.startswith("practice."):
            check_fields(entry["fields"], words_only(PRACTICE_FIELDS), entry["file"])
        elif name.name.startswith("page."):
            check_fields(entry["fields"], (*words_only(PAGE_FIELDS), TRANSLATION_FIELD),
                         entry["file"])
        else:
            *schema_fields, body = entry["fields"]
            assert body["name"] == BODY
            check_fields(schema_fields, words_only(SECTION_FIELDS), entry["file"])
    assert sum(bool(language_of(Path(f))) for f in files) == len(list(BILINGUAL.rglob("*.es.md")))


def test_every_change_is_a_pull_request_and_local_editing_needs_no_login(built):
    config = config_of(built.output)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github"
    assert config["local_backend"]["url"].startswith("http://127.0.0.1:")


def test_approval_is_offered_in_the_regulators_words(built):
    config = config_of(built.output)
    treatment = next(c for c in config["collections"] if c["name"] == TREATMENT)
    indications = next(e for e in treatment["files"] if e["name"] == "indications")
    items = next(f for f in indications["fields"] if f["name"] == "indications")
    approval = next(f for f in items["fields"] if f["name"] == "approval")
    assert approval["options"] == [{"label": "FDA-approved use", "value": "approved"},
                                   {"label": "Off-label use", "value": "off-label"}]


def test_a_new_treatment_appears_in_the_cms_without_hand_edits(content, build, cms_bundle):
    create_treatment(content, "Nerve Blocks")
    choose_approvals(content / "nerve-blocks")
    result = build(content)
    assert result.returncode == 0, result.log
    collection = next(c for c in config_of(result.output)["collections"]
                      if c["name"] == "nerve-blocks")
    assert collection["label"] == "Nerve Blocks"
    assert collection["files"][0]["file"] == "content/nerve-blocks/page.md"
    assert len(collection["files"]) == len(list((content / "nerve-blocks").glob("*.md")))


def test_patient_pages_do_not_link_to_the_cms_and_the_cms_is_not_indexed(built):
    page = built.html()
    assert "/admin" not in page and "admin/" not in page and "<script src" not in page
    admin = built.html("admin/index.html")
    assert '<meta name="robots" content="noindex, nofollow">' in admin


def test_no_content_file_holds_yaml_comments_the_cms_would_drop():
    for path in SAMPLE_SITE.rglob("*.md"):
        front = path.read_text(encoding="utf-8").split("---")[1]
        assert not re.search(r"^\s*#", front, re.M), f"{path}: move the comment into schema help"


def test_the_bundle_published_is_the_one_the_settings_name_under_its_installed_version(tmp_path):
    """A plugin cannot know the project's root: CMS_DECAP_DIST names the bundle to publish,
    and its folder under /admin/ is named by that package's version."""
    dist = tmp_path / "decap-cms" / "dist"
    dist.mkdir(parents=True)
    (dist / "decap-cms.js").write_text("// the bundle\n", encoding="utf-8")
    (dist.parent / "package.json").write_text('{"version": "9.8.7"}', encoding="utf-8")
    output = tmp_path / "output"
    assert write_admin(output, SAMPLE_SITE, {"CMS_DECAP_DIST": str(dist), "CMS_REPO": "o/r",
                                             "CMS_BRANCH": "main"})
    bundle = output / "admin" / "decap-cms-9.8.7" / "decap-cms.js"
    assert bundle.read_text(encoding="utf-8") == "// the bundle\n"
    assert '<script src="decap-cms-9.8.7/decap-cms.js">' in (
        output / "admin" / "index.html").read_text(encoding="utf-8")


def test_an_incremental_build_keeps_the_bundle_only_while_its_files_are_unchanged(
        content, build, tmp_path):
    """The live preview's builds do not copy the bundle again (its files are keyed in the
    output record), but a bundle file npm (or anyone) rewrote, even to the same size, is."""
    dist = tmp_path / "decap-cms" / "dist"
    dist.mkdir(parents=True)
    (dist.parent / "package.json").write_text('{"version": "9.8.7"}', encoding="utf-8")
    source = dist / "decap-cms.js"
    cache = tmp_path / "cache"
    settings = ("--cache-path", str(cache), "-e", f"CMS_DECAP_DIST={json.dumps(str(dist))}")
    name = "admin/decap-cms-9.8.7/decap-cms.js"
    for text in ("// bundle one\n", None, "// bundle two\n"):
        if text:
            source.write_text(text, encoding="utf-8")
        result = build(content, *settings)
        assert result.returncode == 0, result.log
        assert result.html(name) == source.read_text(encoding="utf-8")
        record = json.loads((cache / "outputs.json").read_text(encoding="utf-8"))
        assert record["files"][name][0] is not None  # keyed: a later build may keep it

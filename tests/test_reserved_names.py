"""Issue 18, class 4: no treatment takes an address the site already uses.

One list (`schema.reserved_slugs`: RESERVED_SLUGS plus the settings' STATIC_PATHS) is checked by
the build, the `new-treatment` scaffold and the CMS's slug field; the scaffold also runs the
build's loader on what it creates.
"""

from __future__ import annotations

import re

import pytest
from pelican.settings import DEFAULT_CONFIG

from cms_admin.config import config, pattern
from site_tools.scaffold import create_treatment
from tests.support.helpers import TREATMENT, line_of, replace
from treatment_pages.loading import load_site
from treatment_pages.schema import RESERVED_SLUGS, reserved_slugs


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS))
def test_the_build_refuses_a_reserved_slug_at_its_line(content, slug):
    page = content / TREATMENT / "page.md"
    replace(page, "slug: therapeutic-botox", f'slug: "{slug}"')
    replace(content / "practice.md", f"home: {TREATMENT}", f'home: "{slug}"')
    _, problems = load_site(content, DEFAULT_CONFIG)
    line = line_of(page, "slug:")
    assert any(p.path == page and p.line == line and p.field == "slug"
               and f"'{slug}' is the address of {RESERVED_SLUGS[slug]}" in p.message
               for p in problems), [str(p) for p in problems]


def test_the_build_refuses_a_slug_naming_a_static_folder(content):
    page = content / TREATMENT / "page.md"
    replace(page, "slug: therapeutic-botox", "slug: images")
    (content / "images").mkdir()
    replace(content / "practice.md", f"home: {TREATMENT}", "home: images")
    settings = {**DEFAULT_CONFIG, "STATIC_PATHS": ["images/x"]}
    _, problems = load_site(content, settings)
    assert any("'images' is the address of the static folder images/" in str(p)
               for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("name", ["Admin", "Treatments", "404", "Sitemap"])
def test_the_scaffold_refuses_a_name_whose_address_is_taken(content, name):
    with pytest.raises(ValueError, match="which is already"):
        create_treatment(content, name)
    assert not (content / name.lower()).exists()


@pytest.mark.parametrize("slug", [*RESERVED_SLUGS, "Admin", "admin-"])
def test_the_cms_slug_field_refuses_reserved_and_malformed_slugs(slug):
    regex, message = pattern("slug")
    assert not re.fullmatch(regex, slug)
    assert "an address the site already uses (admin, treatments" in message


@pytest.mark.parametrize("slug", ["administration", "my-treatments", "nerve-blocks", "a404"])
def test_the_cms_slug_field_accepts_other_slugs(slug):
    assert re.fullmatch(pattern("slug")[0], slug)


@pytest.mark.parametrize("name", ["Ботокс", "Βότοξ", "肉毒杆菌", "\u200b"])
def test_a_name_without_latin_letters_asks_for_a_slug(content, name):
    with pytest.raises(ValueError, match=r"has no Latin letters or digits.*--slug"):
        create_treatment(content, name)


def test_a_given_slug_makes_the_address_and_the_name_stays_the_title(content):
    files = create_treatment(content, "Ботокс", slug="botox")
    page = next(f for f in files if f.name == "page.md")
    assert page.parent == content / "botox"
    assert 'title: "Ботокс"' in page.read_text(encoding="utf-8")
    _, problems = load_site(content, DEFAULT_CONFIG)  # the scaffold leaves choices to make
    assert not [p for p in problems if p.path == page], [str(p) for p in problems]


@pytest.mark.parametrize("slug", ["Botox", "botox_2", "-botox", "admin"])
def test_a_given_slug_must_be_a_slug_the_build_accepts(content, slug):
    with pytest.raises(ValueError):
        create_treatment(content, "Ботокс", slug=slug)


STATIC = {**DEFAULT_CONFIG, "STATIC_PATHS": ["images/diagrams", "media", "leaflets/"]}
CMS = {"CMS_REPO": "clinic/site", "CMS_BRANCH": "main", "CMS_AUTH_URL": ""}


def test_the_reserved_list_is_the_builds_addresses_and_the_static_folders():
    assert reserved_slugs(STATIC) == {**RESERVED_SLUGS, "images": "the static folder images/",
                                      "media": "the static folder media/",
                                      "leaflets": "the static folder leaflets/"}


def _page_slug_pattern(content, settings) -> str:
    collection = next(c for c in config(content, {**CMS, **settings})["collections"]
                      if c["name"] == TREATMENT)
    page = next(f for f in collection["files"] if f["name"] == "page")
    return next(f for f in page["fields"] if f["name"] == "slug")["pattern"][0]


@pytest.mark.parametrize("slug", ["images", "media", "leaflets", "admin", "treatments"])
def test_the_cms_slug_field_refuses_the_settings_static_folders(content, slug):
    assert not re.fullmatch(_page_slug_pattern(content, STATIC), slug)


@pytest.mark.parametrize("slug", ["images-2", "social-media", "leaflet"])
def test_the_cms_slug_field_with_static_folders_accepts_other_slugs(content, slug):
    assert re.fullmatch(_page_slug_pattern(content, STATIC), slug)


def test_without_static_paths_a_static_name_is_a_slug_like_any_other(content):
    assert re.fullmatch(_page_slug_pattern(content, {}), "images")


@pytest.mark.parametrize("name", ["Images", "Media", "Leaflets"])
def test_the_scaffold_refuses_a_static_folders_address(content, name):
    with pytest.raises(ValueError, match="which is already the static folder"):
        create_treatment(content, name, settings=STATIC)
    assert not (content / name.lower()).exists()


@pytest.mark.parametrize(("name", "refused"), [
    ("Botox\u200b", "invisible zero-width character (U+200B)"),
    ("Botox\ufeff", "invisible zero-width character (U+FEFF)"),
    ("Botox\x07", "invisible control character (U+0007)"),
    ("Botox\u202e", "invisible direction control (U+202E)"),
])
def test_the_scaffold_runs_the_builds_checks_and_leaves_nothing_when_they_fail(
        content, name, refused):
    before = sorted(p.name for p in content.iterdir())
    with pytest.raises(ValueError, match="fails the build's checks") as raised:
        create_treatment(content, name)
    assert refused in str(raised.value)
    assert "page.md:2: " in str(raised.value)  # the title, at the line the scaffold wrote
    assert sorted(p.name for p in content.iterdir()) == before


@pytest.mark.parametrize("name", ["Nerve blocks", "PRP", "Laser treatment"])
def test_what_the_scaffold_makes_leaves_only_the_approvals_to_choose(content, name):
    folder = create_treatment(content, name)[0].parent
    _, problems = load_site(content, DEFAULT_CONFIG)
    left = [p for p in problems if p.path.is_relative_to(folder)]
    assert left and all(p.field.endswith(".approval") for p in left), [str(p) for p in left]


def test_the_scaffold_refuses_a_slug_another_folder_already_uses(content):
    replace(content / TREATMENT / "page.md", "slug: therapeutic-botox", "slug: nerve-blocks")
    replace(content / "practice.md", f"home: {TREATMENT}", "home: nerve-blocks")
    with pytest.raises(ValueError, match="'nerve-blocks' is already used by"):
        create_treatment(content, "Nerve blocks")
    assert not (content / "nerve-blocks").exists()


def test_the_scaffold_ignores_problems_the_site_had_before(content):
    replace(content / TREATMENT / "what-is.md", "position: 10", "position: ten")
    assert create_treatment(content, "Nerve blocks")[0].parent == content / "nerve-blocks"

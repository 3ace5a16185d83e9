"""What a build writes: one page per treatment, reproducibly, and never half a site."""

from __future__ import annotations

import shutil

from bs4 import BeautifulSoup

from cms_admin.config import ADMIN_DIR
from site_tools.cms import DECAP_DIST
from tests.support.helpers import DATA, TREATMENT, replace, tree_digest


def test_only_the_pages_and_the_cms_are_published(site):
    """The theme's CSS is inside each page (one request renders it): no theme files."""
    files = set(tree_digest(site.output))
    patient = {name for name in files if not name.startswith(f"{ADMIN_DIR}/")}
    assert patient == {"index.html", "404.html"}
    if (DECAP_DIST / "decap-cms.js").is_file():  # without it, the build leaves admin/ out
        cms = {name for name in files - patient if "/decap-cms-" not in name}
        assert cms == {f"{ADMIN_DIR}/index.html", f"{ADMIN_DIR}/config.yml"}


def test_two_builds_of_the_same_input_are_byte_identical(content, build, tmp_path):
    first = build(content, output=tmp_path / "one")
    second = build(content, output=tmp_path / "two")
    assert first.returncode == second.returncode == 0
    assert tree_digest(first.output) == tree_digest(second.output)


def test_a_failed_build_leaves_the_previous_output_intact(content, build, tmp_path):
    good = build(content)
    assert good.returncode == 0
    before = tree_digest(good.output)
    replace(content / TREATMENT / "faq.md", "- question: How many", "- questoin: How many")
    failed = build(content)
    assert failed.returncode == 1
    assert tree_digest(failed.output) == before
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name or ".old-" in p.name] == []


def test_a_successful_build_replaces_the_output_completely(content, build):
    first = build(content)
    (first.output / "stale.html").write_text("left over from an old build")
    second = build(content)
    assert second.returncode == 0
    assert not (second.output / "stale.html").exists()
    assert (second.output / "index.html").exists()


def test_output_retention_entries_survive_the_swap(content, build):
    first = build(content)
    (first.output / ".git").mkdir()
    (first.output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    second = build(content, "-e", 'OUTPUT_RETENTION=[".git"]')
    assert second.returncode == 0
    assert (second.output / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"


def test_a_second_treatment_folder_composes_into_its_own_page(content, build):
    shutil.copytree(DATA / "fixture-treatment", content / "fixture-treatment")
    result = build(content)
    assert result.returncode == 0, result.log
    page = BeautifulSoup(result.html("fixture-treatment/index.html"), "html.parser")
    assert page.h1.get_text() == "Fixture Treatment"
    assert [h.get_text() for h in page.select("section > h2")] == ["Fixture overview",
                                                                   "Fixture questions"]
    assert page.select_one("summary").get_text() == "Is this a fixture?"
    answer = page.select_one(".faq__answer").decode_contents()
    assert answer == "<p>Yes, <em>only</em> for tests.</p>"
    assert page.select_one("head > style").string == \
        BeautifulSoup(result.html(), "html.parser").select_one("head > style").string
    home = BeautifulSoup(result.html(), "html.parser")
    assert home.h1.get_text() == "Therapeutic Botox"


def test_404_page_uses_root_relative_links(site):
    page = BeautifulSoup(site.html("404.html"), "html.parser")
    assert page.h1.get_text() == "Page not found"
    assert page.find("link", rel="stylesheet") is None and page.select_one("head > style")
    assert page.select_one('a[href="/"]') is not None


def test_no_javascript_and_nothing_from_another_origin(site):
    for name in ("index.html", "404.html"):
        soup = BeautifulSoup(site.html(name), "html.parser")
        scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
        assert scripts == []
        assert not soup.find_all(attrs={"onclick": True})
        for tag in soup.find_all(["link", "img", "script", "iframe", "source", "video", "audio"]):
            url = tag.get("src") or tag.get("href") or ""
            assert not url.startswith(("http:", "https:", "//")), f"{name}: {tag}"
        css = soup.select_one("head > style").string
        assert "url(" not in css and "@import" not in css

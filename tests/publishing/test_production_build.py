"""The production build (publishconf.py): SEO files, inline CSS, precompression, determinism."""

from __future__ import annotations

import gzip
import re
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import brotli
import pytest
from bs4 import BeautifulSoup

from tests.support.helpers import DATA, ROOT, SAMPLE_SITE, run_pelican
from treatment_pages.loading import load_site

from .hosting import SITEURL, production_build

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
TEXT_SUFFIXES = {".html", ".css", ".xml", ".txt", ".svg", ".json"}


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def soup_of(root: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((root / name).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("siteurl", ["", "www.example.com", "https://", "/relative"])
def test_publishconf_refuses_to_build_without_an_absolute_siteurl(tmp_path, siteurl):
    result = production_build(SAMPLE_SITE, tmp_path / "output", siteurl=siteurl)
    assert result.returncode != 0
    assert "SITEURL must be the site's absolute address" in result.log
    assert "Traceback" not in result.log
    assert not (tmp_path / "output").exists()


def test_pages_carry_canonical_open_graph_and_twitter_tags(production_site):
    page = soup_of(production_site.output, "index.html")
    description = page.find("meta", attrs={"name": "description"})["content"]
    title = page.h1.get_text(strip=True)
    assert page.find("link", rel="canonical")["href"] == f"{SITEURL}/"
    tags = {tag.get("property") or tag.get("name"): tag["content"] for tag in page.find_all(
        "meta", attrs={"content": True}) if (tag.get("property") or tag.get("name") or "")
        .startswith(("og:", "twitter:"))}
    assert tags == {"og:url": f"{SITEURL}/", "og:type": "website", "og:title": title,
                    "og:description": description, "og:site_name": page.select_one(
                        ".site-header__name").get_text(strip=True),
                    "twitter:card": "summary", "twitter:title": title,
                    "twitter:description": description}


def test_a_development_build_has_no_canonical_address(site):
    page = soup_of(site.output, "index.html")
    assert page.find("link", rel="canonical") is None
    assert page.find("meta", property="og:url") is None
    assert page.find("meta", property="og:title") is not None


def test_sitemap_lists_every_page_and_nothing_else(content, tmp_path):
    shutil.copytree(DATA / "fixture-treatment", content / "fixture-treatment")
    result = production_build(content, tmp_path / "output")
    assert result.returncode == 0, result.log
    tree = ET.parse(result.output / "sitemap.xml")
    entries = {url.findtext("sm:loc", namespaces=SITEMAP_NS):
               url.findtext("sm:lastmod", namespaces=SITEMAP_NS)
               for url in tree.getroot().findall("sm:url", SITEMAP_NS)}
    site, problems = load_site(content, {})
    assert not problems
    expected = {f"{SITEURL}/{t.url}": t.meta["last_reviewed"].isoformat() for t in site.treatments}
    # The treatments index, dated by the newest review of the pages it lists.
    expected[f"{SITEURL}/treatments/"] = "2026-11-27"
    assert entries == expected
    assert set(entries) == {f"{SITEURL}/", f"{SITEURL}/fixture-treatment/",
                            f"{SITEURL}/treatments/"}
    for loc in entries:  # each entry is a page whose canonical address is that entry
        page = soup_of(result.output, loc.removeprefix(SITEURL + "/") + "index.html")
        assert page.find("link", rel="canonical")["href"] == loc


def test_robots_txt_names_the_sitemap(production_site):
    robots = (production_site.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots.splitlines()
    assert "Disallow: /\n" not in robots


def test_404_page_is_not_indexed_and_asks_for_no_favicon(production_site):
    page = soup_of(production_site.output, "404.html")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    for name in ("index.html", "404.html"):  # an empty data: icon: no /favicon.ico request
        assert soup_of(production_site.output, name).find("link", rel="icon")["href"] == "data:,"


def test_every_page_carries_the_theme_css_inline_and_no_theme_file_is_published(
        production_site):
    out = production_site.output
    css = (ROOT / "theme" / "inline" / "main.css").read_text(encoding="utf-8")
    for name in ("index.html", "404.html"):
        page = soup_of(out, name)
        assert page.find("link", rel="stylesheet") is None
        inline = page.select_one("head > style").string
        # Minified: no comments, shorter, every class of the source still styled.
        assert "/*" not in inline and len(inline) < len(css)
        assert set(re.findall(r"\.[a-z][\w-]*", inline)) == \
            set(re.findall(r"\.[a-z][\w-]*", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))
    assert not (out / "theme").exists()


def test_every_text_file_has_identical_gzip_and_brotli_twins(production_site):
    files = files_of(production_site.output)
    text_files = [name for name in files if Path(name).suffix in TEXT_SUFFIXES]
    assert {"index.html", "404.html", "sitemap.xml", "robots.txt"} <= set(text_files)
    for name in text_files:
        packed = files[f"{name}.gz"]
        assert gzip.decompress(packed) == files[name]
        assert packed[4:8] == b"\0\0\0\0", f"{name}.gz has a timestamp"
        assert packed[3] & 0x08 == 0, f"{name}.gz records a file name"
        assert brotli.decompress(files[f"{name}.br"]) == files[name]


def test_no_feeds_and_no_empty_files(production_site):
    files = files_of(production_site.output)
    assert not [name for name in files if "feed" in name or name.endswith((".atom", ".rss"))]
    assert not [name for name, data in files.items() if not data]


def test_rebuilds_are_byte_identical(tmp_path):
    first = production_build(SAMPLE_SITE, tmp_path / "first")
    time.sleep(1.1)  # a timestamp with one-second resolution would now differ
    second = production_build(SAMPLE_SITE, tmp_path / "second")
    assert first.returncode == second.returncode == 0, first.log + second.log
    assert files_of(first.output) == files_of(second.output)


def test_a_style_attribute_fails_the_build_and_keeps_the_old_output(content, tmp_path):
    output = tmp_path / "output"
    assert production_build(content, output).returncode == 0
    before = files_of(output)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<body>", '<body style="margin:0">'),
                    encoding="utf-8")
    result = production_build(content, output, "-t", str(theme))
    assert result.returncode != 0
    assert "index.html: <body style=…>: the CSP blocks style attributes" in result.log
    assert "Traceback" not in result.log
    assert files_of(output) == before


@pytest.mark.parametrize("rule", [".site-header{background:url('../logo.svg')}",
                                  "@import 'print.css';"])
def test_css_that_would_fetch_a_file_fails_the_build(content, tmp_path, rule):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    with (theme / "inline" / "main.css").open("a", encoding="utf-8") as css:
        css.write(f"\n{rule}\n")
    result = production_build(content, tmp_path / "output", "-t", str(theme))
    assert result.returncode != 0
    assert "would make the page fetch another file" in result.log
    assert "Traceback" not in result.log
    assert not (tmp_path / "output").exists()


def test_the_development_build_keeps_plain_names_and_adds_no_production_files(tmp_path):
    result = run_pelican(SAMPLE_SITE, tmp_path / "output")
    assert result.returncode == 0, result.log
    names = set(files_of(result.output))
    assert {"index.html", "404.html"} <= names
    assert not names & {"sitemap.xml", "robots.txt", "_headers", "index.html.gz"}

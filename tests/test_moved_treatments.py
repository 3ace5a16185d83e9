"""Treatments that move: a renamed treatment's old address redirects (a page, `_redirects`, the
nginx snippet) and stays out of the sitemap; a `related:` link to it names where it went."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from tests.publishing.hosting import SITEURL, production_build
from tests.support.helpers import clinic_content, replace, run_pelican

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def rename(content, old: str = "fixture-nerve-blocks", new: str = "nerve-blocks") -> None:
    """Give a treatment a new slug, keeping the old one in previous_slugs."""
    replace(content / old / "page.md", f"slug: {old}\n",
            f"slug: {new}\nprevious_slugs:\n  - {old}\n  - blocks\n")


def test_a_renamed_treatments_old_address_redirects_and_is_not_in_the_sitemap(tmp_path):
    content = clinic_content(tmp_path)
    rename(content)
    built = production_build(content, tmp_path / "output")
    assert built.returncode == 0, built.log
    new = f"{SITEURL}/nerve-blocks/"
    for old in ("fixture-nerve-blocks", "blocks"):
        page = BeautifulSoup(built.html(f"{old}/index.html"), "html.parser")
        assert page.find("link", rel="canonical")["href"] == new
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"
        assert page.find("a")["href"] == new
    redirects = (built.output / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/fixture-nerve-blocks/ /nerve-blocks/ 301" in redirects
    assert "/fixture-nerve-blocks /nerve-blocks/ 301" in redirects
    nginx = (built.output / "_redirects.nginx.conf").read_text(encoding="utf-8")
    assert "location = /blocks/ { return 301 /nerve-blocks/; }" in nginx
    locations = [loc.text for loc in ET.parse(built.output / "sitemap.xml").getroot()
                 .findall("sm:url/sm:loc", SITEMAP)]
    assert f"{SITEURL}/nerve-blocks/" in locations
    assert not [loc for loc in locations if "blocks/" in loc and loc != new]


def test_a_related_link_to_a_moved_treatment_names_its_new_slug(tmp_path):
    content = clinic_content(tmp_path)
    rename(content, "fixture-treatment", "treatment-two")
    built = run_pelican(content, tmp_path / "output")
    assert built.returncode == 1
    assert ("fixture-nerve-blocks/page.md:12: related[1]: no treatment has the slug "
            "'fixture-treatment': it moved to 'treatment-two' — write 'treatment-two'"
            ) in built.stderr


def test_an_old_address_may_not_be_a_live_one(tmp_path):
    content = clinic_content(tmp_path)
    replace(content / "fixture-nerve-blocks" / "page.md", "slug: fixture-nerve-blocks\n",
            "slug: fixture-nerve-blocks\nprevious_slugs:\n  - fixture-treatment\n")
    built = run_pelican(content, tmp_path / "output")
    assert built.returncode == 1
    assert ("previous_slugs[1]: 'fixture-treatment' is the address of a page of this site"
            in built.stderr)


def test_every_page_header_links_the_treatments_index(clinic_home_site, site):
    for name in ("index.html", "fixture-treatment/index.html", "treatments/index.html",
                 "404.html"):
        header = BeautifulSoup(clinic_home_site.html(name), "html.parser").header
        assert [a.get_text() for a in header.select(".site-header__link")] == ["All treatments"]
    # A one-treatment site has no index, and no link to one.
    assert not BeautifulSoup(site.html(), "html.parser").header.select(".site-header__link")

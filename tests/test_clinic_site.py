"""A site of several treatments is a clinic's site: every page reachable from the home page.

Real builds of the real content plus two test-only treatments (tests/data/), with and without
practice.md's `home:`; the crawl follows the links written in the built HTML, nothing else.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from cms_admin.config import ADMIN_DIR
from tests.publishing.hosting import SITEURL, production_build
from tests.structured_data.extract import head_graph, walk
from tests.structured_data.vocabulary import vocabulary
from tests.support.helpers import (
    DATA,
    Build,
    clinic_content,
    line_of,
    replace,
    run_pelican,
    sample_content,
)

BASE = "http://clinic.test/"  # where the crawl pretends the output is served
SLUGS = ["fixture-nerve-blocks", "fixture-treatment", "therapeutic-botox"]


def soup(build: Build, name: str) -> BeautifulSoup:
    return BeautifulSoup(build.html(name), "html.parser")


def file_of(url: str) -> str:
    """The output file a URL of the served site names (a folder serves its index.html)."""
    path = urlsplit(url).path.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def links_of(build: Build, name: str) -> list[str]:
    """Every link of one built page to a page of this site, as a browser resolves it."""
    page_url = urljoin(BASE, name.removesuffix("index.html"))
    targets = [urljoin(page_url, a["href"]) for a in soup(build, name).find_all("a", href=True)]
    return [file_of(t) for t in targets if t.startswith(BASE) and not urlsplit(t).fragment]


def crawl(build: Build) -> dict[str, list[str]]:
    """Every page reached by links from index.html, with the pages each links to."""
    reached: dict[str, list[str]] = {}
    queue = ["index.html"]
    while queue:
        name = queue.pop()
        if name in reached:
            continue
        reached[name] = links_of(build, name)
        queue += reached[name]
    return reached


def pages(build: Build) -> set[str]:
    """The patient pages: every HTML file but the editors' CMS (admin/, linked from no page)."""
    return {name for p in build.output.rglob("*.html")
            if not (name := p.relative_to(build.output).as_posix()).startswith(f"{ADMIN_DIR}/")}


@pytest.fixture(params=["index home", "treatment home"])
def clinic(request, clinic_site, clinic_home_site) -> Build:
    return clinic_site if request.param == "index home" else clinic_home_site


def test_every_page_is_reached_from_the_home_page_and_links_home(clinic):
    reached = crawl(clinic)
    assert set(reached) == pages(clinic) - {"404.html"}
    for name, links in reached.items():
        assert "index.html" in links, f"{name} does not link to the home page"
        assert not {*links} - pages(clinic), f"{name} links to a missing page"
    for name in reached:  # a header link home, and "All N treatments" on every treatment page
        assert soup(clinic, name).select_one("a.site-header__name") is not None


def test_without_treatment_home_the_home_page_is_the_index(clinic_site):
    assert pages(clinic_site) == {"index.html", "404.html",
                                  *(f"{slug}/index.html" for slug in SLUGS)}
    page = soup(clinic_site, "index.html")
    assert page.h1.get_text() == "Treatments at Example Pain Clinic"
    assert page.title.get_text() == "Treatments at Example Pain Clinic | Example Pain Clinic"
    assert page.find("meta", attrs={"name": "description"})["content"].startswith(
        "Treatments for long-lasting pain")
    items = page.select("li.treatment-list__item")
    assert [i.select_one("a.treatment-list__link")["href"] for i in items] == [
        f"./{slug}/" for slug in SLUGS]
    botox = items[2]
    assert botox.h2.get_text() == "Therapeutic Botox"
    assert botox.select_one(".treatment-list__subtitle").get_text() == (
        "A Targeted Approach to Reducing Pain and Tension")
    assert botox.select_one(".treatment-list__description").get_text().startswith(
        "How therapeutic Botox injections relieve pain")
    contact = page.select_one("section#contact")
    assert contact.select_one(".practice__clinician").get_text() == (
        "Dr Alex Example, MD, Pain Medicine")
    assert [a["href"] for a in contact.select(".call-to-action a")] == [
        "tel:+12025550142", "mailto:appointments@example.com", "https://example.com/book"]


def test_with_treatment_home_the_index_is_beside_it(clinic_home_site):
    assert pages(clinic_home_site) == {"index.html", "404.html", "treatments/index.html",
                                       "fixture-treatment/index.html",
                                       "fixture-nerve-blocks/index.html"}
    home = soup(clinic_home_site, "index.html")
    assert home.h1.get_text() == "Therapeutic Botox"
    nav = home.select_one("nav.other-treatments")
    assert [a["href"] for a in nav.select("a")] == ["./fixture-nerve-blocks/",
                                                    "./fixture-treatment/", "./treatments/"]
    assert nav.select("a")[-1].get_text() == "All 3 treatments"
    index = soup(clinic_home_site, "treatments/index.html")
    assert [a["href"] for a in index.select("a.treatment-list__link")] == [
        "../fixture-nerve-blocks/", "../fixture-treatment/", "../"]


def test_other_treatments_are_the_related_slugs_when_given(clinic_site):
    nav = soup(clinic_site, "fixture-nerve-blocks/index.html").select_one("nav.other-treatments")
    assert [a.get_text() for a in nav.select("a")] == ["Fixture Treatment", "All 3 treatments"]
    assert nav.select("a")[-1]["href"] == "../"
    # Without `related:`, a small site links all the others.
    nav = soup(clinic_site, "fixture-treatment/index.html").select_one("nav.other-treatments")
    assert [a.get_text() for a in nav.select("a")] == [
        "Fixture Nerve Blocks", "Therapeutic Botox", "All 3 treatments"]


def test_the_one_treatment_site_has_no_navigation_and_no_index(site):
    assert pages(site) == {"index.html", "404.html"}
    assert "other-treatments" not in site.html() and "treatment-list" not in site.html()
    links = [a["href"] for a in soup(site, "404.html").select(".page__links a")]
    assert links == ["/"]


@pytest.mark.parametrize("which, expected", [
    ("index home", [("Treatments at Example Pain Clinic", "/")]),
    ("treatment home", [("Therapeutic Botox", "/"),
                        ("Treatments at Example Pain Clinic", "/treatments/")])])
def test_the_404_page_links_home_and_the_index(clinic_site, clinic_home_site, which, expected):
    build = clinic_site if which == "index home" else clinic_home_site
    links = soup(build, "404.html").select(".page__links a")
    assert [(a.get_text(), a["href"]) for a in links] == expected


def graph_problems(document: dict) -> list[str]:
    """Vocabulary problems, and @id references that resolve to nothing, in one graph."""
    problems = [p for node in document["@graph"] for p in vocabulary().problems(node)]
    defined, referenced = set(), set()
    for _path, value in walk(document["@graph"]):
        if isinstance(value, dict) and "@id" in value:
            (referenced if set(value) == {"@id"} else defined).add(value["@id"])
    return problems + [f"unresolved {ref}" for ref in referenced - defined]


def test_every_page_graph_is_valid_and_the_index_links_every_treatment(clinic):
    names = sorted(pages(clinic) - {"404.html"})
    for name in names:
        _, document = head_graph(clinic.html(name))
        assert graph_problems(document) == [], name
    index_name = next(n for n in ("treatments/index.html", "index.html") if n in names)
    _, document = head_graph(clinic.html(index_name))
    nodes = {node["@id"]: node for node in document["@graph"]}
    page = next(n for n in nodes.values() if n["@type"] == "CollectionPage")
    site = "http://127.0.0.1:8000/"
    treatment_urls = [urljoin(site, "" if name == "index.html" else name.removesuffix(
        "index.html")) for name in names if name != index_name]
    assert sorted(ref["@id"] for ref in page["hasPart"]) == sorted(treatment_urls)
    assert all(nodes[ref["@id"]]["@type"] == "MedicalWebPage" for ref in page["hasPart"])
    clinic_node = nodes[f"{site}#clinic"]
    assert sorted(ref["@id"] for ref in clinic_node["availableService"]) == sorted(
        f"{url}#therapy" for url in treatment_urls)
    assert page["about"] == {"@id": clinic_node["@id"]}
    crumbs = [n for n in nodes.values() if n["@type"] == "BreadcrumbList"]
    if index_name == "index.html":
        assert crumbs == []  # the home page: one level
    else:
        assert [i["item"] for i in crumbs[0]["itemListElement"]] == [site, f"{site}treatments/"]


def test_the_sitemap_lists_the_index_page(tmp_path):
    built = production_build(clinic_content(tmp_path, home=None), tmp_path / "output")
    assert built.returncode == 0, built.log
    locs = [e.text for e in ET.parse(built.output / "sitemap.xml").iter()
            if e.tag.endswith("}loc")]
    assert locs == [f"{SITEURL}/", *(f"{SITEURL}/{slug}/" for slug in SLUGS)]


def fails(build: Build, *messages: str) -> None:
    assert build.returncode == 1 and "Traceback" not in build.log, build.log
    for message in messages:
        assert message in build.stderr, build.stderr


@pytest.mark.parametrize("home", ["nerve-blocks", "fixture-treatments", "botox"])
def test_a_home_that_names_no_treatment_is_an_error_at_its_line(tmp_path, home):
    content = clinic_content(tmp_path, home=home)
    built = run_pelican(content, tmp_path / "out")
    line = line_of(content / "practice.md", "home:")
    fails(built, f"practice.md:{line}: home: no treatment has the slug '{home}' — use one of: "
                 "fixture-nerve-blocks, fixture-treatment, therapeutic-botox")


@pytest.mark.parametrize("slugs, message", [
    ("[nerve-blocks]", "related[1]: no treatment has the slug 'nerve-blocks' (removed or "
                       "renamed?) — delete it, or use one of: fixture-nerve-blocks, "
                       "fixture-treatment, therapeutic-botox"),
    ("[fixture-nerve-blocks]", "related[1]: 'fixture-nerve-blocks' is this page itself"),
    ("[fixture-treatment, fixture-treatment]", "related[2]: duplicate slug: "
                                               "'fixture-treatment'"),
    ("[Fixture Treatment]", "related[1]: 'Fixture Treatment' is not lower-case letters"),
])
def test_a_wrong_related_slug_is_an_error_at_its_line(tmp_path, slugs, message):
    content = clinic_content(tmp_path)
    page = content / "fixture-nerve-blocks" / "page.md"
    replace(page, "related:\n  - fixture-treatment\n", f"related: {slugs}\n")
    built = run_pelican(content, tmp_path / "out")
    line = line_of(page, "related:")
    fails(built, f"fixture-nerve-blocks/page.md:{line}: {message}")


def test_too_many_related_treatments_is_an_error(tmp_path):
    content = clinic_content(tmp_path)
    page = content / "fixture-nerve-blocks" / "page.md"
    replace(page, "  - fixture-treatment\n", "  - fixture-treatment\n" * 6)
    built = run_pelican(content, tmp_path / "out")
    fails(built, f"page.md:{line_of(page, 'related:')}: related: lists 6 treatments; at most 5")


def test_several_treatments_need_the_index_title_and_description(tmp_path):
    content = clinic_content(tmp_path)
    practice = content / "practice.md"
    text = practice.read_text(encoding="utf-8")
    practice.write_text(re.sub(r"\ntitle: .*?\n---", "\n---", text, flags=re.S),
                        encoding="utf-8")
    built = run_pelican(content, tmp_path / "out")
    fails(built, "practice.md: title: required once the site has two or more treatments",
          "practice.md: description: required once the site has two or more treatments")


def test_no_treatment_may_take_the_index_address(tmp_path):
    content = clinic_content(tmp_path)
    page = content / "fixture-treatment" / "page.md"
    replace(page, "slug: fixture-treatment", "slug: treatments")
    built = run_pelican(content, tmp_path / "out")
    fails(built, f"page.md:{line_of(page, 'slug:')}: slug: 'treatments' is the address of the "
                 "list of all treatments")


def clinic_of(tmp_path: Path, count: int) -> Build:
    """The sample site plus `count` copies of the fixture treatment, each naming the next three
    as related (as the benchmark's synthetic clinics do), built."""
    content = sample_content(tmp_path / f"site-{count}")
    slugs = [f"treatment-{number:03d}" for number in range(count)]
    for number, slug in enumerate(slugs):
        shutil.copytree(DATA / "fixture-treatment", content / slug)
        related = ", ".join(slugs[(number + step) % count] for step in (1, 2, 3))
        replace(content / slug / "page.md", "slug: fixture-treatment",
                f"slug: {slug}\nrelated: [{related}]")
    built = run_pelican(content, tmp_path / f"output-{count}")
    assert built.returncode == 0, built.log
    return built


def test_a_treatment_page_does_not_grow_with_the_number_of_treatments(tmp_path):
    """The navigation is O(1) a page: only the index lists every treatment."""
    small, large = clinic_of(tmp_path, 8), clinic_of(tmp_path, 40)
    name = "treatment-005/index.html"
    growth = len(large.html(name)) - len(small.html(name))
    assert 0 <= growth <= 4  # "All 9 treatments" -> "All 41 treatments", "9" -> "41" in text
    assert len(soup(large, "treatments/index.html").select(".treatment-list__item")) == 41
    assert len(soup(large, "404.html").select(".page__links a")) == 2

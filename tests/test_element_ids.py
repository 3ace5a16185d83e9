"""Element ids and links have one definition each, in the model: the theme, the validation,
the lint and the JSON-LD all use it, so the built page carries exactly those ids."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.structured_data.extract import head_graph
from tests.support.helpers import SAMPLE_SITE
from treatment_pages.links import hrefs, rewrite_hrefs
from treatment_pages.loading import load_site
from treatment_pages.schema import LAYOUT_IDS


def test_the_built_page_carries_the_models_ids(site):
    loaded, problems = load_site(SAMPLE_SITE, {})
    assert problems == []
    treatment = loaded.treatments[0]
    html = site.html()
    page = BeautifulSoup(html, "html.parser")
    assert {element["id"] for element in page.find_all(id=True)} == treatment.element_ids()
    assert page.select_one("a.skip-link")["href"] == f"#{LAYOUT_IDS['main']}"
    assert page.find(id=LAYOUT_IDS["main"]).name == "main"
    contents = page.find(id=LAYOUT_IDS["contents_title"])
    assert contents.find_parent("nav")["aria-labelledby"] == LAYOUT_IDS["contents_title"]
    questions = [node["@id"] for node in head_graph(html)[1]["@graph"]
                 if node["@type"] == "Question"]
    item_ids = []
    for section in treatment.sections:
        assert page.find(id=section.anchor)["aria-labelledby"] == section.title_id
        assert page.find(id=section.title_id).name == "h2"
        item_ids += [section.item_id(n) for n in range(1, len(section.faq) + 1)]
    assert [d["id"] for d in page.find_all("details")] == item_ids
    assert [q.split("#", 1)[1] for q in questions] == item_ids


def test_hrefs_reads_links_as_a_browser_does_and_rewrite_keeps_their_escaping():
    html = '<p><a href="/a?x=1&amp;y=2">a</a> and <a href="#b">b</a></p>'
    assert hrefs(html) == ["/a?x=1&y=2", "#b"]
    assert rewrite_hrefs(html, lambda href: f"https://example.org{href}") == (
        '<p><a href="https://example.org/a?x=1&amp;y=2">a</a> and '
        '<a href="https://example.org#b">b</a></p>')

"""The page's structure as a patient's browser and screen reader meet it."""

from __future__ import annotations

import itertools

import pytest
from bs4 import BeautifulSoup

from tests.support.helpers import SAMPLE_SITE, TREATMENT, section_files
from treatment_pages.schema import APPROVAL_FIELD, REGULATOR_BY_NAME


@pytest.fixture(scope="module")
def page(site) -> BeautifulSoup:
    return BeautifulSoup(site.html(), "html.parser")


def test_landmarks_and_skip_link(page):
    body_children = [t.name for t in page.body.find_all(recursive=False)]
    # The JSON-LD data closes the body, after everything the first render needs.
    assert body_children == ["a", "header", "main", "footer", "script"]
    assert page.body.find_all(recursive=False)[-1]["type"] == "application/ld+json"
    skip = page.body.find("a")
    assert skip["href"] == "#main" and page.find(id="main").name == "main"
    assert page.main.find("nav") is not None
    assert page.html["lang"] == "en"


def test_one_h1_and_no_skipped_heading_levels(page):
    headings = [int(h.name[1]) for h in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert headings.count(1) == 1 and headings[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings))


def test_contents_links_every_section_anchor(page):
    links = [a["href"] for a in page.select("nav.contents a")]
    sections = [s["id"] for s in page.select("main section")]
    assert links == [f"#{s}" for s in sections]
    assert len(sections) == len(section_files(SAMPLE_SITE / TREATMENT))


def test_faq_is_native_details_and_summary(page):
    items = page.select("section#faq details.faq__item")
    assert [d.summary.get_text() for d in items] == [
        "How long does it take to see results from Therapeutic Botox?",
        "Are there any side effects or risks?", "How many Botox sessions will I need?"]
    assert all(d.find(class_="faq__answer").p for d in items)


def test_indications_show_a_visible_approval_label(page):
    labels = [li.select_one(".indications__label") for li in page.select(".indications__item")]
    assert [label.get_text() for label in labels] == [
        "FDA-approved use", "Off-label use", "FDA-approved use", "FDA-approved use",
        "FDA-approved use", "Off-label use"]
    # The regulator's words give the text; the schema's choice value the modifier that colours it.
    fda = REGULATOR_BY_NAME["FDA"]
    for label in labels:
        value = next(c.value for c in APPROVAL_FIELD.choices
                     if fda.label(c.value) == label.get_text())
        assert label["class"] == ["indications__label", f"indications__label--{value}"]


def test_procedure_is_an_ordered_list_and_benefits_an_unordered_one(page):
    steps = page.select("section#procedure ol.list.list--numbered > li.list__item")
    assert [s.strong.get_text() for s in steps] == ["Initial Consultation:", "Preparation:",
                                                    "Injection:", "Post-Injection Care:"]
    benefits = page.select("section#benefits ul.list > li.list__item")
    assert len(benefits) == 5 and all(b.strong["class"] == ["list__name"] for b in benefits)


def test_every_element_the_theme_writes_has_a_class(page):
    """BEM: list items and paragraphs outside editor Markdown carry a class (no bare `li`)."""
    markdown = page.select(".section__body, .faq__answer")
    bare = [tag for tag in page.body.find_all(["li", "p", "ul", "ol"])
            if not tag.get("class") and not any(tag in body.descendants for body in markdown)]
    assert bare == []


def test_call_to_action_links(page):
    hrefs = [a["href"] for a in page.select("section#contact .call-to-action a")]
    assert hrefs == ["tel:+12025550142", "mailto:appointments@example.com",
                     "https://example.com/book"]


def test_review_details_near_the_end(page):
    review = page.select_one("main > .review").get_text(" ", strip=True)
    assert len(page.select(".review > p.review__line")) == 3
    assert "Reviewed by Dr Alex Example, MD, Pain Medicine" in review
    assert "Page last reviewed: 27 November 2026" in review
    assert "Next review due: 27 November 2027" in review
    assert page.select_one('time[datetime="2026-11-27"]') is not None


def test_editorial_section_is_marked(page):
    safety = page.select_one("section#safety")
    assert "section--editorial" in safety["class"]
    assert "trouble swallowing, speaking or breathing" in safety.get_text()


def test_the_404_page_asks_no_feedback_and_makes_no_disclosure(site):
    """It is about no page: "Did this page help?" and who pays for it would mislead."""
    html = site.html("404.html")
    assert 'class="feedback' not in html and 'class="disclosure' not in html
    assert 'class="page__phone"' in html

"""The page reflows: no horizontal scrolling at 320px, nor with text at 200%."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.browser

# Elements whose right edge passes the viewport's: content a reader would have to scroll to.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width,
          beyond: [...document.querySelectorAll('body *')]
            .filter(e => e.checkVisibility() && e.getBoundingClientRect().right > width + 0.5)
            .map(e => `${e.tagName}.${e.className}: ${e.textContent.trim().slice(0, 40)}`)};
}"""
BODY_FONT_PX = "parseFloat(getComputedStyle(document.body).fontSize)"


def assert_no_horizontal_scroll(page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    measured = page.evaluate(OVERFLOW)
    assert measured["scrollWidth"] <= measured["clientWidth"], measured
    assert not measured["beyond"], measured


@pytest.mark.parametrize("path", ["", "404.html"], ids=["home", "404"])
def test_no_horizontal_scroll_at_320px(open_page, path):
    assert_no_horizontal_scroll(open_page(path, viewport={"width": 320, "height": 640}))


@pytest.mark.parametrize("width", [320, 768, 1280])
@pytest.mark.parametrize("path", ["", "404.html"], ids=["home", "404"])
def test_text_at_200_percent_still_reflows(open_page, path, width):
    """Text-only zoom, as a reader's browser setting does it: the root font size doubles.

    Chromium has no text-only zoom to drive, but its default-font-size setting changes exactly
    the root size that every rem and em in the theme derives from, so `html { font-size: 200% }`
    is that setting at 200%. (Full-page zoom is covered by the 320px test: 1280px at 400%.)
    """
    page = open_page(path, viewport={"width": width, "height": 800})
    normal = page.evaluate(BODY_FONT_PX)
    page.add_style_tag(content="html { font-size: 200% }")
    assert page.evaluate(BODY_FONT_PX) == 2 * normal, "the zoom did not reach the body text"
    assert_no_horizontal_scroll(page)


def test_404_page_keeps_its_styles_at_any_depth(browser, site_url):
    """Hosts serve 404.html for any missing path, so its links must not be relative."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    response = page.goto(urljoin(site_url, "no/such/page/"))
    assert response is not None and response.status == 404
    stylesheet_rules = page.evaluate("[...document.styleSheets].map(s => s.cssRules.length)")
    context.close()
    assert stylesheet_rules and all(stylesheet_rules), "404.html lost its stylesheet"


WIDTHS = [320, 375, 768, 1280]
# Each list bullet's vertical centre and the first line of its item: the `::marker` has no box
# to measure, so the bullet's line is the item's first line box (a Range over its first
# character) when the marker sits beside it, and the last line's otherwise.
FIRST_LINES = """(selector) => [...document.querySelectorAll(selector)].map(li => {
  const range = document.createRange();
  const text = li.querySelector('a').firstChild;
  range.setStart(text, 0); range.setEnd(text, 1);
  const first = range.getClientRects()[0];
  const link = li.querySelector('a').getBoundingClientRect();
  const style = getComputedStyle(li.querySelector('a'));
  return {first: first.top, linkTop: link.top, display: style.display,
          lines: Math.round(link.height / parseFloat(style.lineHeight || 24))};
})"""


@pytest.mark.parametrize("width", WIDTHS)
def test_a_sources_bullet_sits_beside_the_first_line_of_its_link(open_page, width):
    """The marker aligns with the first line box of the item's first block: the link must be
    a block, not an inline-block (whose baseline, its last line, carried the bullet down)."""
    page = open_page("", viewport={"width": width, "height": 800})
    items = page.evaluate(FIRST_LINES, ".references__item")
    assert items and all(item["display"] == "block" for item in items), items
    assert all(item["first"] - item["linkTop"] < 16 for item in items), items


@pytest.mark.parametrize("width", WIDTHS)
def test_the_404_phone_number_stays_on_one_line(open_page, width):
    page = open_page("404.html", viewport={"width": width, "height": 800})
    lines = page.locator(".page__phone").evaluate("""a => {
      const range = document.createRange();
      range.selectNodeContents(a);
      return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    }""")
    assert lines == 1, "the phone number is broken across lines"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_feedback_question_and_its_link_leave_no_gap(open_page, width):
    page = open_page("", viewport={"width": width, "height": 800})
    gap = page.evaluate("""() => {
      const text = document.querySelector('.feedback__text').getBoundingClientRect();
      const link = document.querySelector('.feedback__link').getBoundingClientRect();
      return link.top - text.bottom;
    }""")
    assert 0 <= gap <= 4, gap

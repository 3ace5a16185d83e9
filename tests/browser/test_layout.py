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

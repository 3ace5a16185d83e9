"""Print shows every FAQ answer; forced colours keep the FAQ markers and the call to action."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
ANSWERS = """() => [...document.querySelectorAll('.faq__answer')].map(answer => ({
  text: answer.textContent.trim().slice(0, 40), visible: answer.checkVisibility(),
  height: answer.getBoundingClientRect().height, open: answer.parentElement.open}))"""
# Colour of a pseudo-element or element, and the first opaque background behind it.
COLOURS = """([selector, pseudo]) => [...document.querySelectorAll(selector)].map(element => {
  let behind = element, background = 'rgba(0, 0, 0, 0)';
  while (behind && /^rgba\\(.*, 0\\)$|^transparent$/.test(background)) {
    background = getComputedStyle(behind).backgroundColor;
    behind = behind.parentElement;
  }
  const style = getComputedStyle(element, pseudo);
  return {text: element.textContent.trim().slice(0, 40), colour: style.color, background,
          display: getComputedStyle(element).display,
          marker: getComputedStyle(element).listStyleType};
})"""


def rgba(css_colour: str) -> tuple[float, float, float, float]:
    match = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)", css_colour)
    assert match, f"unexpected colour format {css_colour!r}"
    red, green, blue, alpha = match.groups()
    return float(red), float(green), float(blue), float(alpha or 1)


def assert_visible_colours(found: list[dict]) -> None:
    assert found
    for item in found:
        colour, background = rgba(item["colour"]), rgba(item["background"])
        assert colour[3] > 0, f"transparent: {item}"
        assert colour[:3] != background[:3], f"same colour as its background: {item}"


def test_print_shows_every_faq_answer(open_page):
    page = open_page("", **DESKTOP)
    on_screen = page.evaluate(ANSWERS)
    assert on_screen and not any(a["open"] or a["visible"] for a in on_screen), \
        "answers start closed on screen, so print must open them itself"
    page.emulate_media(media="print")
    hidden = [a for a in page.evaluate(ANSWERS) if not (a["visible"] and a["height"] > 0)]
    assert not hidden, f"hidden in print: {hidden}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_forced_colours_keep_faq_markers_and_call_to_action(open_page, scheme):
    page = open_page("", color_scheme=scheme, **DESKTOP)
    page.emulate_media(forced_colors="active")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    markers = page.evaluate(COLOURS, ["summary.faq__question", "::marker"])
    assert all(m["display"] == "list-item" and m["marker"] != "none" for m in markers), markers
    assert_visible_colours(markers)
    assert_visible_colours(page.evaluate(COLOURS, [".call-to-action__link", None]))

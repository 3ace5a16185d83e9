"""Issue 13 in Chromium: 44x44px targets (WCAG 2.5.5) at every width, and care cards that keep
their level in forced colours and print."""

from __future__ import annotations

import pytest

from site_tools.verify.axe import VIEWPORTS
from site_tools.verify.targets import MIN_TARGET, measure, too_small

from .test_media import COLOURS, DESKTOP, assert_visible_colours

pytestmark = pytest.mark.browser

# Every class the brief names must be among the measured targets.
NAMED = ("skip-link", "site-header__phone", "contents__link", "faq__question",
         "call-to-action__link", "care-card__link", "feedback__link")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", ["", "404.html"], ids=["home", "404"])
def test_every_target_outside_a_sentence_is_at_least_44px(open_page, path, viewport):
    page = open_page(path, **VIEWPORTS[viewport])
    targets = measure(page)
    small = too_small(targets)
    assert not small, small
    if not path:
        measured = {t["target"].split(":")[0].split()[0] for t in targets}
        assert set(NAMED) <= measured, set(NAMED) - measured


def test_the_target_check_catches_a_small_link(open_page):
    page = open_page("", viewport={"width": 375, "height": 812})
    page.add_style_tag(content=".contents__link { padding: 0 }")
    small = [t for t in measure(page) if t["height"] < MIN_TARGET]
    assert small and all(t["target"].startswith("contents__link") for t in small)


CARD = """() => { const card = document.querySelector('.care-card');
  const style = getComputedStyle(card);
  const level = card.querySelector('.care-card__level');
  const header = getComputedStyle(card.querySelector('.care-card__header'));
  return {border: parseFloat(style.borderTopWidth), borderColour: style.borderTopColor,
          background: style.backgroundColor, levelVisible: level.checkVisibility(),
          level: level.textContent, headerColour: header.color}; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_forced_colours_keep_the_care_card_border_words_and_link(open_page, scheme):
    page = open_page("", color_scheme=scheme, **DESKTOP)
    page.emulate_media(forced_colors="active")
    card = page.evaluate(CARD)
    assert card["border"] >= 4 and card["levelVisible"], card
    assert card["level"] == "Immediate action required"
    assert card["borderColour"] != card["background"], card
    assert_visible_colours(page.evaluate(COLOURS, [".care-card__link", None]))
    assert_visible_colours(page.evaluate(COLOURS, [".care-card__heading", None]))


def test_print_keeps_the_care_card_border_and_black_words(open_page):
    page = open_page("", **DESKTOP)
    page.emulate_media(media="print")
    card = page.evaluate(CARD)
    assert card["border"] >= 4 and card["levelVisible"], card
    assert card["headerColour"] == "rgb(0, 0, 0)", "white header text would vanish on paper"


def test_screen_readers_hear_the_level_before_the_heading(open_page):
    page = open_page("", **DESKTOP)
    heading = page.get_by_role("heading", level=3, name="Immediate action required: Get medical "
                               "help at once if, after an injection, you have any of these:")
    assert heading.count() == 1
    hidden = page.locator(".care-card__urgency").bounding_box()
    assert hidden is not None and hidden["width"] <= 1 and hidden["height"] <= 1

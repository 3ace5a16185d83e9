"""Keyboard users can skip to the content, reach and operate every FAQ, and always see focus."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
# Every element a browser puts in the Tab order on this page, each numbered for the walk below.
NUMBER_TAB_STOPS = """() => {
  const stops = [...document.querySelectorAll(
    'a[href], summary, button, input, select, textarea, [tabindex]:not([tabindex="-1"])')]
    .filter(element => element.checkVisibility());
  stops.forEach((element, index) => { element.dataset.tabStop = index; });
  return stops.length;
}"""
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {stop: element.dataset.tabStop ?? null, tag: element.tagName,
          text: element.textContent.trim().slice(0, 60), outline: style.outlineStyle,
          outlineWidth: parseFloat(style.outlineWidth), boxShadow: style.boxShadow};
}"""


def test_first_tab_is_the_skip_link_and_it_moves_focus_to_main(open_page):
    page = open_page("", **DESKTOP)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", ["", "404.html"], ids=["home", "404"])
def test_tab_reaches_every_control_with_visible_focus(open_page, path):
    page = open_page(path, **DESKTOP)
    stop_count = page.evaluate(NUMBER_TAB_STOPS)
    reached: list[dict] = []
    for _ in range(stop_count + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["stop"] is None:  # past the last stop: focus left the document's controls
            break
        reached.append(focused)
    assert [int(f["stop"]) for f in reached] == list(range(stop_count)), \
        "Tab must visit every control once, in document order"
    invisible = [f for f in reached
                 if (f["outline"] == "none" or f["outlineWidth"] == 0) and f["boxShadow"] == "none"]
    assert not invisible, f"focus not visible on: {invisible}"
    if path == "":
        assert any(f["tag"] == "SUMMARY" for f in reached)


def test_every_faq_question_toggles_with_enter_and_space(open_page):
    page = open_page("", **DESKTOP)
    questions = page.locator("summary.faq__question")
    assert questions.count() > 0
    for index in range(questions.count()):
        question = questions.nth(index)
        answer = question.locator("xpath=following-sibling::*[1]")
        question.focus()
        for key in ("Enter", "Enter", "Space", "Space"):
            was_open = question.evaluate("summary => summary.parentElement.open")
            page.keyboard.press(key)
            is_open = question.evaluate("summary => summary.parentElement.open")
            assert is_open is not was_open, f"{key} did not toggle {question.text_content()!r}"
            assert answer.is_visible() is is_open

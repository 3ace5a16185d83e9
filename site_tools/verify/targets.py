"""WCAG 2.5.5 (AAA): every link, summary and button outside a sentence is at least 44x44 px."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from .axe import VIEWPORTS
from .browser import open_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

MIN_TARGET = 44
# Links inside a sentence are exempt from 2.5.5: the editor's Markdown and 404's text.
INLINE = ".section__body, .faq__answer, .page__text"
# Every link, summary and button outside a sentence, with its box (the skip link is measured
# while focused, when it is on screen).
TARGETS = """(inline) => {
  document.querySelector('.skip-link')?.focus();
  return [...document.querySelectorAll('a, summary, button')]
    .filter(e => !e.closest(inline))
    .map(e => { const box = e.getBoundingClientRect();
                return {target: `${e.className || e.tagName}: ${e.textContent.trim().slice(0, 30)}`,
                        width: box.width, height: box.height}; });
}"""


def measure(page: Page) -> list[dict[str, Any]]:
    """Every target outside a sentence: its class and text, width and height in px."""
    return page.evaluate(TARGETS, INLINE)


def too_small(targets: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [t for t in targets if t["width"] < MIN_TARGET or t["height"] < MIN_TARGET]


def check_pages(browser: Browser, base_url: str, paths: Iterable[str]) -> tuple[int, list[str]]:
    """Every page at every width: (pages checked, one line per target under 44 px)."""
    failures, paths = [], list(paths)
    for path in paths:
        for name, options in VIEWPORTS.items():
            page = open_page(browser, urljoin(base_url, path), **options)
            failures += [f"/{path} at {name}: {t['target']} is {t['width']:.0f}x"
                         f"{t['height']:.0f} px" for t in too_small(measure(page))]
            page.context.close()
    return len(paths), failures

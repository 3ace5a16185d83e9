"""Debian's Chromium driven by Playwright, launched one way for the gate and the tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from site_tools.lighthouse import CHROMIUM, CHROMIUM_ARGS

from .tools import ToolMissing, tool

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium (never a Playwright browser download); ToolMissing without it."""
    tool(CHROMIUM, "apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ToolMissing("the playwright package is missing: pip install -e '.[test]'") from None
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=list(CHROMIUM_ARGS))
        try:
            yield launched
        finally:
            launched.close()


def open_page(browser: Browser, url: str, **context_options: object):
    """`url` in a fresh context (viewport, color_scheme…); close the page's context after use."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    response = page.goto(url)
    if response is None or not response.ok:
        context.close()
        raise AssertionError(f"{url} did not load")
    return page

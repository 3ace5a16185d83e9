"""Serve the real site once and decide, in one place, whether a missing tool skips or fails.

A check that cannot run here is skipped with the reason, unless REQUIRE_TOOLS=1 (as in
.ci/run): then it fails (tests/support/tools.py), because a skipped check is not a passing one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from site_tools.lighthouse import CHROMIUM
from site_tools.server import serving
from site_tools.verify.browser import chromium as launch_chromium
from tests.support.helpers import ROOT
from tests.support.tools import needs_tools, require_tool

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# Measured figures (page budget, Lighthouse), printed at the end of the run.
FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.write_sep("-", "measured figures (tests/browser)")
        for line in FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def site_url(site) -> Iterator[str]:
    """The real site (tests/conftest.py's `site`) served on 127.0.0.1 on a free port."""
    with serving(site.output) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Path:
    return require_tool(CHROMIUM, "apt-get install chromium")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, launched as the content gate launches it."""
    with needs_tools(), launch_chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def clinic_url(clinic_site) -> Iterator[str]:
    """The three-treatment clinic site (tests/conftest.py's `clinic_site`), served."""
    with serving(clinic_site.output) as url:
        yield url


def page_opener(browser, base_url: str) -> Iterator[Callable[..., object]]:
    """Open a path of a served site in a fresh browser context; contexts close after the test.

    Keyword arguments go to `browser.new_context` (viewport, color_scheme, is_mobile, has_touch).
    """
    contexts = []

    def _open(path: str = "", **context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        response = page.goto(urljoin(base_url, path))
        assert response is not None and response.ok, f"{path!r} did not load"
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def open_page(browser, site_url: str) -> Iterator[Callable[..., object]]:
    """Open a path of the real (one-treatment) site: see `page_opener`."""
    yield from page_opener(browser, site_url)


@pytest.fixture
def open_clinic_page(browser, clinic_url: str) -> Iterator[Callable[..., object]]:
    """Open a path of the three-treatment clinic site: see `page_opener`."""
    yield from page_opener(browser, clinic_url)

"""axe-core's WCAG A, AA and AAA rules on a page, at the four widths, in light and dark."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from .browser import open_page
from .tools import ToolMissing

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# NHS.UK's set: `wcag22aa` alone selects only the rules new in 2.2, so all five are listed;
# `wcag2aaa` adds the AAA rules axe has, among them `color-contrast-enhanced` (7:1 for text).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "wcag2aaa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
VIEWPORTS: dict[str, dict[str, Any]] = {
    "320": {"viewport": {"width": 320, "height": 640}},
    "mobile-375x812": {"viewport": {"width": 375, "height": 812}, "is_mobile": True,
                       "has_touch": True},
    "768": {"viewport": {"width": 768, "height": 1024}},
    "1280x800": {"viewport": {"width": 1280, "height": 800}},
}
SCHEMES = ("light", "dark")
OPEN_ALL_ANSWERS = "document.querySelectorAll('details').forEach(d => { d.open = true; })"


def load_axe():
    """axe-core as bundled by axe-playwright-python (offline); ToolMissing without it."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        raise ToolMissing("axe-playwright-python is missing: pip install -e '.[test]'") from None
    return Axe()


def violations(axe, page: Page) -> tuple[int, str]:
    """Number of violations and axe's readable report; asserts that rules really ran."""
    results = axe.run(page, options=AXE_OPTIONS)
    assert results.response["passes"], "axe ran no rule: the check would prove nothing"
    return results.violations_count, results.generate_report()


def audit(axe, page: Page) -> list[str]:
    """axe's reports of the page as loaded and with every answer open, for each that fails.

    Closed answers are not rendered, so axe skips them: they are checked open too.
    """
    reports = []
    for state in ("as loaded", "with every answer open"):
        if state != "as loaded":
            page.evaluate(OPEN_ALL_ANSWERS)
        count, report = violations(axe, page)
        if count:
            reports.append(f"{state}: {report}")
    return reports


def check_pages(browser: Browser, base_url: str, paths: Iterable[str]) -> tuple[int, list[str]]:
    """Every page at every width in light and dark: (pages checked, failure reports)."""
    axe = load_axe()
    failures, paths = [], list(paths)
    for path in paths:
        for name, options in VIEWPORTS.items():
            for scheme in SCHEMES:
                page = open_page(browser, urljoin(base_url, path), color_scheme=scheme,
                                 **options)
                failures += [f"/{path} at {name} in {scheme}, {report}"
                             for report in audit(axe, page)]
                page.context.close()
    return len(paths), failures

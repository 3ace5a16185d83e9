"""The standards report reads at 320px without horizontal scrolling."""

from __future__ import annotations

import pytest

from site_tools.check import run_checks
from site_tools.report import build_report
from tests.browser.test_layout import assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


def test_standards_report_fits_320px(browser, content, tmp_path):
    html, _ = build_report(run_checks(content, {}))
    report = tmp_path / "standards.html"
    report.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 320, "height": 800})
    try:
        page.goto(report.as_uri())
        assert_no_horizontal_scroll(page)
    finally:
        page.close()

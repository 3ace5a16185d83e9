"""Lighthouse, mobile preset, scores the served page 100 in all four categories (as CI runs it)."""

from __future__ import annotations

import pytest

from site_tools.lighthouse import (
    LIGHTHOUSE,
    LIGHTHOUSE_CATEGORIES,
    LIGHTHOUSE_REPORTS,
    lighthouse_scores,
)
from tests.support.tools import require_tool

from .conftest import FIGURES

pytestmark = pytest.mark.browser


def test_lighthouse_scores_100_everywhere(chromium, site_url):
    require_tool(LIGHTHOUSE, "run `npm ci` (make test does it when npm is installed)")
    scores = lighthouse_scores(site_url)
    FIGURES.append(f"Lighthouse (mobile, median of 3 runs, reports in {LIGHTHOUSE_REPORTS}): "
                   f"{scores}")
    assert scores == dict.fromkeys(LIGHTHOUSE_CATEGORIES, 100)

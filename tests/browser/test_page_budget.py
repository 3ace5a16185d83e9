"""Every page renders from its HTML alone: 1 request, ≤ 14,000 compressed bytes, no JS.

Why those figures, and how a page is measured: site_tools/verify/budget.py, which the content
gate runs on content/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_tools.server import serving
from site_tools.verify.budget import over_budget

from .conftest import FIGURES

pytestmark = pytest.mark.browser


def failures(browser, output: Path, url: str) -> list[str]:
    """What breaks the budget on a served site; its figures go to the end of the run."""
    measured = over_budget(browser, output, url)
    FIGURES.extend(measured.figures)
    return measured.failures


def test_every_page_fits_the_first_round_trip(browser, site, site_url):
    found = failures(browser, site.output, site_url)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("which", ["index home", "treatment home"])
def test_every_clinic_page_fits_one_initial_window(browser, clinic_site, clinic_home_site,
                                                   which):
    """A clinic site's pages (index, treatments with navigation, 404) in RFC 6928's window."""
    build = clinic_site if which == "index home" else clinic_home_site
    with serving(build.output) as url:
        found = failures(browser, build.output, url)
    assert not found, "\n".join(found)

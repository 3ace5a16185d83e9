"""A Spanish page holds the same bar as the source: axe (AA+AAA), 44 px targets, the page
budget, the Nu HTML checker and internal links, through the content gate's own checks; on
the bilingual clinic, so the Spanish index and 404 page are checked too."""

from __future__ import annotations

import pytest

from site_tools.verify.gate import page_checks
from site_tools.verify.pages import page_paths
from tests.support.helpers import bilingual_clinic, run_pelican
from tests.support.tools import unavailable

pytestmark = pytest.mark.browser


def test_the_bilingual_site_passes_every_page_check(tmp_path, browser):
    built = run_pelican(bilingual_clinic(tmp_path), tmp_path / "output")
    assert built.returncode == 0, built.log
    assert (tmp_path / "output" / "es" / "index.html").is_file()
    paths = page_paths(tmp_path / "output")
    assert {"es/", "es/therapeutic-botox/", "es/404.html"} <= set(paths)  # Spanish pages
    outcomes = page_checks(tmp_path / "output", paths, browser)
    for skipped in (o for o in outcomes if o.status == "skipped"):
        unavailable(skipped.reason)
    assert [(o.name, o.status, o.details) for o in outcomes if o.status != "pass"] == []

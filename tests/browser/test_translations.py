"""A Spanish page holds the same bar as the source: axe (AA+AAA), 44 px targets, the page
budget, the Nu HTML checker and internal links, through the content gate's own checks."""

from __future__ import annotations

import shutil

import pytest

from site_tools.verify.gate import page_checks
from site_tools.verify.pages import page_paths
from tests.support.helpers import run_pelican
from tests.support.tools import unavailable
from tests.test_translations import BILINGUAL

pytestmark = pytest.mark.browser


def test_the_bilingual_site_passes_every_page_check(tmp_path, browser):
    shutil.copytree(BILINGUAL, tmp_path / "content")
    built = run_pelican(tmp_path / "content", tmp_path / "output")
    assert built.returncode == 0, built.log
    assert (tmp_path / "output" / "es" / "index.html").is_file()
    paths = page_paths(tmp_path / "output")
    assert "es/" in paths  # the Spanish page is among those checked
    outcomes = page_checks(tmp_path / "output", paths, browser)
    for skipped in (o for o in outcomes if o.status == "skipped"):
        unavailable(skipped.reason)
    assert [(o.name, o.status, o.details) for o in outcomes if o.status != "pass"] == []

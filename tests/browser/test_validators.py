"""Every built HTML file passes the Nu HTML checker, and no internal link or anchor is broken.

The runners are site_tools/verify/nu.py and links.py, which the content gate runs on content/.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from site_tools.verify import links, nu
from site_tools.verify.pages import html_files
from tests.publishing.hosting import production_build
from tests.support.helpers import SAMPLE_SITE
from tests.support.tools import needs_tools

pytestmark = pytest.mark.browser


def nu_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    with needs_tools():
        return nu.nu_check(*paths)


def link_check(output: Path) -> subprocess.CompletedProcess[str]:
    with needs_tools():
        return links.link_check(output)


@pytest.fixture(scope="module")
def production_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The production build (publishconf.py: canonical links, absolute URLs)."""
    built = production_build(SAMPLE_SITE, tmp_path_factory.mktemp("production") / "output")
    assert built.returncode == 0, built.log
    return built.output


@pytest.mark.parametrize("build", ["development", "production"])
def test_every_html_file_passes_the_nu_html_checker(site, production_output, build):
    output = site.output if build == "development" else production_output
    assert len(html_files(output)) >= 2  # the home page and 404.html at least
    result = nu_check(output)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("which", ["index home", "treatment home"])
def test_a_clinic_site_passes_the_nu_html_checker_and_has_no_broken_link(
        clinic_site, clinic_home_site, which):
    build = clinic_site if which == "index home" else clinic_home_site
    assert len([p for p in html_files(build.output) if p.parent.name != "admin"]) == 5
    result = nu_check(build.output)
    assert result.returncode == 0, result.stdout + result.stderr
    result = link_check(build.output)
    assert links.passed(result), result.stdout + result.stderr


def test_nu_html_checker_catches_nesting_the_browser_would_repair(tmp_path):
    page = tmp_path / "invalid.html"
    page.write_text("<!doctype html><html lang=en><title>t</title><ul><div>x</div></ul>")
    result = nu_check(page)
    assert result.returncode != 0 and "div" in result.stdout + result.stderr


def test_no_broken_internal_link_or_anchor(site):
    result = link_check(site.output)
    assert links.passed(result), result.stdout + result.stderr


def test_linkchecker_catches_a_broken_anchor(site, tmp_path):
    copy = tmp_path / "output"
    shutil.copytree(site.output, copy)
    home = copy / "index.html"
    home.write_text(home.read_text().replace('href="#', 'href="#no-such-', 1))
    result = link_check(copy)
    assert result.returncode != 0 and "no-such-" in result.stdout
    assert not links.passed(result)

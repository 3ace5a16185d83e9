"""Every built HTML file passes the Nu HTML checker, and no internal link or anchor is broken."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from site_tools.lighthouse import VNU_JAR
from site_tools.server import serving
from tests.helpers import SAMPLE_SITE
from tests.publishing.hosting import production_build
from tests.tools import require_command, require_tool

pytestmark = pytest.mark.browser

# linkchecker's own command, except that as root it no longer switches to the user `nobody`:
# `nobody` cannot read a checkout inside a private folder (a fresh clone in a mktemp folder,
# a CI workspace), and linkchecker then skips its AnchorCheck plugin without a word.
LINKCHECKER = [sys.executable, "-c", "import sys; import linkcheck.command.linkchecker as cli; "
               "cli.drop_privileges = lambda: None; sys.exit(cli.linkchecker())"]
# AnchorCheck makes linkchecker report `#fragment`s that match no id (off by default).
LINKCHECKER_CONFIG = "[AnchorCheck]\n"


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def nu_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    """The Nu HTML checker (npm vnu-jar) on files or folders; any non-zero exit is a failure."""
    java = require_command("java", "apt-get install default-jre-headless")
    jar = require_tool(VNU_JAR, "run `npm ci` (make test does it when npm is installed)")
    return subprocess.run([java, "-jar", str(jar), "--errors-only", "--skip-non-html",
                           *map(str, paths)],
                          capture_output=True, text=True, check=False, timeout=300)


@pytest.fixture(scope="module")
def production_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The production build (publishconf.py: canonical links, absolute URLs)."""
    built = production_build(SAMPLE_SITE, tmp_path_factory.mktemp("production") / "output")
    assert built.returncode == 0, built.log
    return built.output


def link_check(output: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """linkchecker over every HTML file, served over HTTP so root-relative links resolve.

    Links to other hosts are outside linkchecker's default domain filter: never fetched.
    """
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG)
    with serving(output) as url:
        pages = [urljoin(url, page.relative_to(output).as_posix()) for page in html_files(output)]
        return subprocess.run([*LINKCHECKER, "--no-status", "--config", str(config), *pages],
                              capture_output=True, text=True, check=False, timeout=300)


@pytest.mark.parametrize("build", ["development", "production"])
def test_every_html_file_passes_the_nu_html_checker(site, production_output, build):
    output = site.output if build == "development" else production_output
    assert len(html_files(output)) >= 2  # the home page and 404.html at least
    result = nu_check(output)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("which", ["index home", "treatment home"])
def test_a_clinic_site_passes_the_nu_html_checker_and_has_no_broken_link(
        clinic_site, clinic_home_site, tmp_path, which):
    build = clinic_site if which == "index home" else clinic_home_site
    assert len([p for p in html_files(build.output) if p.parent.name != "admin"]) == 5
    result = nu_check(build.output)
    assert result.returncode == 0, result.stdout + result.stderr
    result = link_check(build.output, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 errors found" in result.stdout and " 0 warnings found" in result.stdout


def test_nu_html_checker_catches_nesting_the_browser_would_repair(tmp_path):
    page = tmp_path / "invalid.html"
    page.write_text("<!doctype html><html lang=en><title>t</title><ul><div>x</div></ul>")
    result = nu_check(page)
    assert result.returncode != 0 and "div" in result.stdout + result.stderr


def test_no_broken_internal_link_or_anchor(site, tmp_path):
    result = link_check(site.output, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 errors found" in result.stdout and " 0 warnings found" in result.stdout


def test_linkchecker_catches_a_broken_anchor(site, tmp_path):
    copy = tmp_path / "output"
    shutil.copytree(site.output, copy)
    home = copy / "index.html"
    home.write_text(home.read_text().replace('href="#', 'href="#no-such-', 1))
    result = link_check(copy, tmp_path)
    assert result.returncode != 0 and "no-such-" in result.stdout

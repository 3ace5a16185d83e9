"""The production site, served with its own `_headers`, breaks no rule of its CSP in Chromium.

The host is local (tests/publishing/hosting.py); the site is built for the host's address,
so every link stays on it. A page with an unhashed inline style shows the check can fail.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.publishing.hosting import HeadersHost, headers_host, production_build
from tests.support.helpers import ROOT, SAMPLE_SITE

pytestmark = pytest.mark.browser

# Reported to the console too, but an event also catches reports the console might not show.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""
PROBE = "getComputedStyle(document.documentElement).getPropertyValue('--probe').trim()"
RULES_LOADED = "[...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0)"


@pytest.fixture(scope="module")
def host() -> Iterator[HeadersHost]:
    with headers_host() as running:
        yield running


def build_for(host: HeadersHost, output: Path, *extra: str) -> Path:
    address = "http://{}:{}".format(*host.server_address)
    result = production_build(SAMPLE_SITE, output, *extra, siteurl=address)
    assert result.returncode == 0, result.log
    host.root = output
    return output


def visit(browser, host: HeadersHost, path: str):
    """Open `path`; returns the page, its response and every console error or warning."""
    url = "http://{}:{}{}".format(*host.server_address, path)
    page = browser.new_page()
    problems: list[str] = []

    def record(message) -> None:
        # A missing page's own 404 status is expected; a 404 for anything it loads is not.
        own_status = message.text.startswith("Failed to load resource") \
            and message.location.get("url") == url
        if message.type in ("error", "warning") and not own_status:
            problems.append(f"{message.type}: {message.text}")

    page.on("console", record)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.add_init_script(REPORT_VIOLATIONS)
    response = page.goto(url)
    page.wait_for_load_state("load")
    return page, response, problems


@pytest.mark.parametrize("path", ["/", "/404.html", "/no-such-page/"])
def test_the_real_site_breaks_no_csp_rule(browser, host, tmp_path, path):
    build_for(host, tmp_path / "output")
    page, response, problems = visit(browser, host, path)
    if path != "/no-such-page/":
        # An unknown address gets no policy from _headers: `/*` cannot carry the patient
        # pages' policy without also giving it to /admin/ (docs/publishing.md). Its 404 page
        # has no script, and nginx still sends the policy.
        assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert page.evaluate(RULES_LOADED) > 0, "the stylesheet did not load"
    assert problems == []
    page.close()


def test_a_hashed_inline_style_applies_and_an_unhashed_one_is_blocked(browser, host, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace(
        "</head>", "<style>:root{--probe:1px}</style>\n</head>"), encoding="utf-8")
    output = build_for(host, tmp_path / "output", "-t", str(theme))
    page, _, problems = visit(browser, host, "/")
    assert page.evaluate(PROBE) == "1px"
    assert problems == []
    page.close()

    # The same page with the style's bytes changed after the build: its hash no longer matches.
    index = output / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("--probe:1px", "--probe:2px"),
                     encoding="utf-8")
    page, _, problems = visit(browser, host, "/")
    assert page.evaluate(PROBE) == ""
    assert any("CSP violation: style-src" in problem for problem in problems), problems
    page.close()

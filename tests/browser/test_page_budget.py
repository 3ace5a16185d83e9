"""Every page renders from its first round trip: ≤ 14,000 compressed bytes, ≤ 2 requests, no JS.

RFC 6928's initial congestion window carries about 14,600 bytes; 14,000 leaves room for headers.
The budget counts what Chromium actually fetched while loading each page (the HTML and the CSS it
links), compressed as a server would send it: gzip -9 and, separately, brotli at quality 11.
The favicon (the page's own `<link rel=icon>`) is reported but kept out of the request count and
the byte budget: nothing on the page waits for it (Chromium fetches it at idle priority, apart
from rendering), and inlining it as a data: URI would clash with the production CSP. It must
still come from the same origin.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import brotli
import pytest

from site_tools.cms import ADMIN_DIR

from .conftest import FIGURES

if TYPE_CHECKING:
    from playwright.sync_api import Request

pytestmark = pytest.mark.browser

BUDGET_BYTES = 14_000
MAX_RENDER_REQUESTS = 2
MOBILE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
# Script that would run: <script> without a data type, and inline event handler attributes.
EXECUTABLE_SCRIPT = """() => {
  const dataTypes = ['application/ld+json', 'application/json'];
  const scripts = [...document.scripts].filter(s => !dataTypes.includes(s.type.toLowerCase()));
  const handlers = [...document.querySelectorAll('*')].flatMap(element =>
    [...element.attributes].filter(a => a.name.startsWith('on')).map(a => a.value));
  const urls = [...document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]')];
  return scripts.map(s => s.src || s.text).join('').length + handlers.join('').length
    + urls.length;
}"""


def page_paths(output: Path) -> list[str]:
    """URL path of every patient page, as a visitor would ask for it (index.html as its folder).

    The CMS's page (admin/) is for editors, not patients: tests/browser/test_cms.py checks it.
    """
    paths = []
    for page in sorted(output.rglob("*.html")):
        path = page.relative_to(output).as_posix()
        if path.startswith(f"{ADMIN_DIR}/"):
            continue
        paths.append(path.removesuffix("index.html"))
    return paths


def gzip9(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def brotli11(data: bytes) -> int:
    return len(brotli.compress(data, quality=11))


@dataclass
class PageLoad:
    """What Chromium fetched while loading one page, and the script the page carries."""

    render: list[Request]  # requests the first render needs
    favicons: list[Request]
    bodies: list[bytes]  # of the render requests
    javascript_bytes: int


def load(browser, url: str) -> PageLoad:
    context = browser.new_context(**MOBILE)
    page = context.new_page()
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    icons = page.evaluate("[...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)")
    render = [r for r in requests if r.url not in icons]
    loaded = PageLoad(render, [r for r in requests if r.url in icons],
                      [request.response().body() for request in render],
                      page.evaluate(EXECUTABLE_SCRIPT))
    context.close()
    return loaded


def test_every_page_fits_the_first_round_trip(browser, site, site_url):
    origin = urlsplit(site_url).netloc
    failures = []
    for path in page_paths(site.output):
        loaded = load(browser, urljoin(site_url, path))
        requests = loaded.render + loaded.favicons
        raw, gzipped, brotlied = (sum(map(measure, loaded.bodies))
                                  for measure in (len, gzip9, brotli11))
        FIGURES.append(f"page budget /{path}: {len(loaded.render)} requests to render "
                       f"({', '.join(r.resource_type for r in loaded.render)}) "
                       f"+ {len(loaded.favicons)} favicon; {raw} bytes raw, {gzipped} gzip -9, "
                       f"{brotlied} brotli; JavaScript {loaded.javascript_bytes} bytes")
        if len(loaded.render) > MAX_RENDER_REQUESTS:
            failures.append(f"/{path}: {len(loaded.render)} requests: "
                            f"{[r.url for r in loaded.render]}")
        if max(gzipped, brotlied) > BUDGET_BYTES:
            failures.append(f"/{path}: {gzipped} bytes gzip, {brotlied} brotli > {BUDGET_BYTES}")
        scripts = [r.url for r in requests if r.resource_type == "script"]
        if loaded.javascript_bytes or scripts:
            failures.append(f"/{path}: ships JavaScript ({loaded.javascript_bytes} bytes inline, "
                            f"{scripts})")
        foreign = [r.url for r in requests if urlsplit(r.url).netloc != origin]
        if foreign:
            failures.append(f"/{path}: loads from another origin: {foreign}")
    assert not failures, "\n".join(failures)

"""Every page renders from its HTML alone: 1 request, ≤ 14,000 compressed bytes, no JS.

The theme's CSS is inlined into each page and the favicon is an empty data: URL, so the whole
first render is one response. RFC 6928's initial congestion window carries about 14,600 bytes;
14,000 (issue 13, which added key facts, care cards, the disclosure and the feedback link to
every page: `/` went from 6,976 to about 7,800 bytes gzip) keeps a page inside it with room for
headers. The 404 page, which has no content to grow, keeps issue 10's 7,000. The budget
counts every request Chromium made while loading each page (a favicon too, were one fetched),
compressed as a server would send it: gzip -9 and, separately, brotli at quality 11.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import brotli

from .pages import page_paths

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request

BUDGET_BYTES = 14_000
NOT_FOUND_BUDGET_BYTES = 7_000  # 404.html: no content of its own to grow
MAX_REQUESTS = 1
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


def gzip9(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def brotli11(data: bytes) -> int:
    return len(brotli.compress(data, quality=11))


@dataclass
class PageLoad:
    """What Chromium fetched while loading one page, and the script the page carries."""

    requests: list[Request]
    bodies: list[bytes]  # of the requests
    javascript_bytes: int


def load(browser: Browser, url: str) -> PageLoad:
    context = browser.new_context(**MOBILE)
    page = context.new_page()
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    loaded = PageLoad(requests, [request.response().body() for request in requests],
                      page.evaluate(EXECUTABLE_SCRIPT))
    context.close()
    return loaded


@dataclass
class Budget:
    """The outcome for a whole site: what breaks the budget, and the measured figures."""

    pages: int
    failures: list[str]
    figures: list[str]


def over_budget(browser: Browser, output: Path, base_url: str,
                budget: int = BUDGET_BYTES, paths: list[str] | None = None) -> Budget:
    """Load every patient page of a served site (or those of `paths`) and measure it."""
    origin = urlsplit(base_url).netloc
    paths = page_paths(output) if paths is None else paths
    failures, figures = [], []
    for path in paths:
        loaded = load(browser, urljoin(base_url, path))
        requests = loaded.requests
        raw, gzipped, brotlied = (sum(map(measure, loaded.bodies))
                                  for measure in (len, gzip9, brotli11))
        figures.append(f"page budget {output.parent.name}/{path}: {len(requests)} request(s) "
                       f"({', '.join(r.resource_type for r in requests)}); {raw} bytes raw, "
                       f"{gzipped} gzip -9, {brotlied} brotli; "
                       f"JavaScript {loaded.javascript_bytes} bytes")
        if len(requests) > MAX_REQUESTS:
            failures.append(f"/{path}: {len(requests)} requests: {[r.url for r in requests]}")
        # The 404 page in every language (404.html, es/404.html): no content of its own.
        limit = min(budget, NOT_FOUND_BUDGET_BYTES) if path.rpartition("/")[2] == "404.html" \
            else budget
        if max(gzipped, brotlied) > limit:
            failures.append(f"/{path}: {gzipped} bytes gzip, {brotlied} brotli > {limit}")
        scripts = [r.url for r in requests if r.resource_type == "script"]
        if loaded.javascript_bytes or scripts:
            failures.append(f"/{path}: ships JavaScript ({loaded.javascript_bytes} bytes inline, "
                            f"{scripts})")
        foreign = [r.url for r in requests if urlsplit(r.url).netloc != origin]
        if foreign:
            failures.append(f"/{path}: loads from another origin: {foreign}")
    return Budget(len(paths), failures, figures)

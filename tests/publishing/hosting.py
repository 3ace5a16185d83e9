"""The publishing tests' tools: a production build, and a static host that obeys `_headers`.

The `_headers` and nginx readers here are written from the hosts' documented rules, not from
plugins/publish_extras, so the tests check the plugin's files instead of echoing its code.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_tools.server import SiteRequestHandler
from tests.support.helpers import Build, run_pelican

SITEURL = "https://clinic.example.org"
Rules = list[tuple[str, dict[str, str]]]


def production_build(content: Path, output: Path, *extra: str, siteurl: str = SITEURL) -> Build:
    """`pelican -s publishconf.py` with SITEURL set, as `invoke publish` runs it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEURL", siteurl)
        return run_pelican(content, output, *extra, settings="publishconf.py")


def read_headers_file(text: str) -> Rules:
    """Netlify / Cloudflare Pages `_headers`: a path line, then indented `Name: value` lines."""
    rules: Rules = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
            continue
        name, value = line.strip().split(":", 1)
        headers = rules[-1][1]
        # Both hosts join the values of a header that several matching rules set.
        headers[name] = f"{headers[name]}, {value.strip()}" if name in headers else value.strip()
    return rules


def headers_for(rules: Rules, path: str) -> dict[str, str]:
    """What the host sends for `path`: every matching rule applies; `*` matches any rest."""
    sent: dict[str, str] = {}
    for pattern, headers in rules:
        if path == pattern or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            for name, value in headers.items():
                sent[name] = f"{sent[name]}, {value}" if name in sent else value
    return sent


def read_nginx_locations(text: str) -> dict[str, dict[str, str]]:
    """Prefix `location` blocks and their `add_header … always;` lines."""
    return {match[1]: dict(re.findall(r'add_header\s+(\S+)\s+"([^"]*)"\s+always;', match[2]))
            for match in re.finditer(r"location\s+(/\S*)\s*\{(.*?)\}", text, re.S)}


def nginx_headers_for(locations: dict[str, dict[str, str]], path: str) -> dict[str, str]:
    """nginx uses the longest matching prefix location, and only its own add_header lines."""
    best = max((prefix for prefix in locations if path.startswith(prefix)), key=len)
    return locations[best]


class HeadersHost(ThreadingHTTPServer):
    """A local static host for `root` that sends what its `_headers` file says."""

    root: Path


class HeadersRequestHandler(SiteRequestHandler):
    server: HeadersHost

    def __init__(self, request, client_address, server: HeadersHost) -> None:
        super().__init__(request, client_address, server, directory=str(server.root))

    def end_headers(self) -> None:
        rules = read_headers_file((self.server.root / "_headers").read_text(encoding="utf-8"))
        for name, value in headers_for(rules, urlsplit(self.path).path).items():
            self.send_header(name, value)
        super().end_headers()


@contextmanager
def headers_host() -> Iterator[HeadersHost]:
    """A host listening on a free port before there is a site, so the site can be built
    for its address (`host.server_address`); set `host.root` before the first request."""
    host = HeadersHost(("127.0.0.1", 0), HeadersRequestHandler)
    thread = threading.Thread(target=host.serve_forever, daemon=True)
    thread.start()
    try:
        yield host
    finally:
        host.shutdown()
        host.server_close()
        thread.join()

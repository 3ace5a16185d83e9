"""The `_headers` file and the nginx snippet: security headers, CSP hashes, cache lifetimes."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from publish_extras.headers import ADMIN_CSP
from site_tools.cms import DECAP_DIST
from tests.support.helpers import ROOT
from tests.support.tools import require_tool

from .hosting import (
    headers_for,
    nginx_headers_for,
    production_build,
    read_headers_file,
    read_nginx_locations,
)

NGINX_SNIPPET = ROOT / "docs" / "nginx-headers.conf"
INLINE_STYLE = "<style>:root{--probe:1px}</style>"


def served_paths(root: Path) -> list[str]:
    """Every URL path of the site: files by name, pages also by their folder address."""
    paths = []
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_file() and name != "_headers" and not name.endswith((".gz", ".br")):
            paths.append(f"/{name}")
            if path.name == "index.html":
                paths.append(f"/{name.removesuffix('index.html')}")
    return paths


def rules_of(root: Path):
    return read_headers_file((root / "_headers").read_text(encoding="utf-8"))


def directives(csp: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}


def style_source(css: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"


def inline_styles(root: Path) -> set[str]:
    return {match for page in root.rglob("*.html")
            for match in re.findall(r"<style>(.*?)</style>", page.read_text(encoding="utf-8"),
                                    re.S)}


def test_every_path_gets_the_security_headers(production_site):
    rules = rules_of(production_site.output)
    theme_css = inline_styles(production_site.output)
    assert len(theme_css) == 1  # the theme's CSS, the same in every page
    for path in [*served_paths(production_site.output), "/no-such-page/"]:
        sent = headers_for(rules, path)
        check_security_headers(sent)
        if path.startswith("/admin/"):
            assert sent["Content-Security-Policy"] == ADMIN_CSP, path
            assert sent["X-Robots-Tag"] == "noindex, nofollow", path
        elif path != "/no-such-page/":  # an unknown address: the 404 page, no policy
            check_patient_policy(sent, style_source(next(iter(theme_css))))


def test_the_cms_policy_is_only_on_admin_and_the_patient_policy_allows_no_script(
        production_site):
    require_tool(DECAP_DIST / "decap-cms.js", "install the node tools with `npm ci` (needs npm)")
    rules = rules_of(production_site.output)
    paths = served_paths(production_site.output)
    assert "/admin/" in paths and "/" in paths
    for path in paths:
        policy = headers_for(rules, path)["Content-Security-Policy"]
        assert ("unsafe-eval" in policy) == path.startswith("/admin/"), path
        assert "script-src" not in policy or path.startswith("/admin/"), path


def check_security_headers(sent: dict[str, str]) -> None:
    max_age = int(re.search(r"max-age=(\d+)", sent["Strict-Transport-Security"])[1])
    assert max_age >= 31536000
    assert sent["X-Content-Type-Options"] == "nosniff"
    assert sent["Referrer-Policy"] == "no-referrer"
    features = dict(item.strip().split("=") for item in sent["Permissions-Policy"].split(","))
    assert {"camera", "microphone", "geolocation", "payment"} <= set(features)
    assert set(features.values()) == {"()"}


def check_patient_policy(sent: dict[str, str], theme_style: str) -> None:
    policy = directives(sent["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    assert policy["style-src"] == ["'self'", theme_style]  # the inlined theme CSS, hashed
    assert policy["img-src"] == ["'self'", "data:"]  # data: for the empty favicon
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in sent["Content-Security-Policy"]


def test_every_file_is_cached_briefly(production_site):
    """No file is fingerprinted (the CSS is inside the pages), so none is cached for long."""
    rules = rules_of(production_site.output)
    paths = served_paths(production_site.output)
    assert "/" in paths and "/sitemap.xml" in paths
    for path in paths:
        cache = headers_for(rules, path)["Cache-Control"]
        max_age = [int(age) for age in re.findall(r"max-age=(\d+)", cache)]
        assert len(max_age) == 1, f"{path}: {cache!r} (two rules set Cache-Control)"
        if path.startswith("/admin/decap-cms-"):  # the CMS bundle, named by its version
            assert max_age[0] >= 31536000 and "immutable" in cache, path
        else:
            assert max_age[0] <= 600 and "immutable" not in cache, path


def test_an_inline_style_is_allowed_by_the_hash_of_its_exact_bytes(content, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</head>", f"{INLINE_STYLE}\n</head>"),
                    encoding="utf-8")
    result = production_build(content, tmp_path / "output", "-t", str(theme))
    assert result.returncode == 0, result.log
    styles = inline_styles(result.output)
    assert ":root{--probe:1px}" in styles and len(styles) == 2  # the probe and the theme's CSS
    csp = headers_for(rules_of(result.output), "/")["Content-Security-Policy"]
    assert sorted(directives(csp)["style-src"]) == sorted(["'self'", *map(style_source, styles)])


def test_the_nginx_snippet_sends_the_same_headers_as_the_headers_file(production_site):
    rules = rules_of(production_site.output)
    locations = read_nginx_locations(NGINX_SNIPPET.read_text(encoding="utf-8"))
    stale = ("docs/nginx-headers.conf is out of date: regenerate it with "
             "`python plugins/publish_extras/headers.py output/_headers`")
    for path in served_paths(production_site.output):
        assert nginx_headers_for(locations, path) == headers_for(rules, path), f"{path}: {stale}"
    # A missing page: the same security headers (nginx adds a short Cache-Control too).
    missing = nginx_headers_for(locations, "/no-such-page/")
    assert missing | headers_for(rules, "/no-such-page/") == missing, stale


@pytest.mark.parametrize("directive", ["error_page 404 /404.html;", "gzip_static on;"])
def test_the_nginx_snippet_serves_the_404_page_and_the_gzip_files(directive):
    lines = [line.split("#")[0].strip() for line in
             NGINX_SNIPPET.read_text(encoding="utf-8").splitlines()]
    assert directive in lines

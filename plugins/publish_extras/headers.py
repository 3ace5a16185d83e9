"""HTTP headers for the published site: one definition, rendered for two kinds of host.

`headers_file` writes the `_headers` file that Netlify and Cloudflare Pages read from the
site's root; `nginx_conf` writes the same headers as an nginx snippet (docs/nginx-headers.conf).
Each header name is set by exactly one rule for any path: both hosts join the values of a
header that two matching rules set, which would give a file two contradicting Cache-Control
values, or the CMS at /admin/ two policies (a browser obeys both, and the patient pages'
policy allows no script). So `/*` sets only the headers every path shares, and the
Content-Security-Policy is set by the rule of each file: the patient pages' strict policy on
every page, the CMS's own on `/admin/*`. An unknown address gets the shared headers and the
404 page, which has no script (nginx also sends the strict policy there).

Regenerate the nginx snippet from a production build with
`python plugins/publish_extras/headers.py output/_headers > docs/nginx-headers.conf`.
"""

from __future__ import annotations

import base64
import hashlib
import sys
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

# Browsers that have seen the site refuse plain HTTP to it for two years.
HSTS = "max-age=63072000; includeSubDomains"
# No feature a patient page needs; each is a feature Chromium knows, so none logs a warning.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
    "encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid", "magnetometer",
    "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
))
SECURITY_HEADERS = {
    "Strict-Transport-Security": HSTS,
    "X-Content-Type-Options": "nosniff",
    # Sites a patient follows a link to (booking, references) do not learn which page sent them.
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": PERMISSIONS_POLICY,
}
# Every file keeps its name across edits (the theme's CSS and icon are inside each page, so
# there are no fingerprinted files): edits show within minutes. Only the CMS's bundle, whose
# folder is named by its version, is cached forever.
CACHE_SHORT = "public, max-age=300"
CACHE_FOREVER = "public, max-age=31536000, immutable"


def style_hash(css: str) -> str:
    """The CSP source for one inline <style> element, hashed from its exact UTF-8 bytes."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(inline_styles: Iterable[str]) -> str:
    """No script, no third party: styles and images from the site itself, plus hashed styles.

    `data:` images are the favicon, inlined into each page (no request); a data: URL carries
    only its own bytes, so it cannot reach another site.
    """
    hashes = sorted({style_hash(css) for css in inline_styles})
    return "; ".join((
        "default-src 'none'",
        " ".join(["style-src 'self'", *hashes]),
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ))


# The CMS (Decap, at /admin/ only), measured in Chromium by tests/browser/test_cms.py, which
# serves /admin/ with this policy and fails on any violation. Decap validates its
# configuration with compiled JSON schemas (ajv: `new Function`), so without 'unsafe-eval'
# it stops at "Error loading the CMS configuration"; its styles are injected at run time
# (emotion): 'unsafe-inline' for styles. Neither reaches the patient pages' policy.
# GitHub: its API, and avatars in the header; the sign-in window is opened by the OAuth
# client and reports back by postMessage, which CSP does not govern.
ADMIN_CSP = "; ".join((
    "default-src 'none'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://avatars.githubusercontent.com",
    "font-src 'self' data:",
    "connect-src 'self' https://api.github.com",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
))
# The CMS is for editors: search engines must not list it (its page also says so).
ADMIN_HEADERS = {"Content-Security-Policy": ADMIN_CSP, "X-Robots-Tag": "noindex, nofollow"}


def all_paths_headers(csp: str) -> dict[str, str]:
    return {"Content-Security-Policy": csp, **SECURITY_HEADERS}


def headers_file(csp: str, served_paths: Iterable[str],
                 admin: tuple[str, str] | None = None) -> str:
    """The `_headers` file: one rule per path for each header (see the module docstring).

    `admin` is the CMS's folder and the folder of its versioned bundle, cached forever.
    """
    blocks = [("/*", SECURITY_HEADERS)]
    if admin:
        blocks += [(f"/{admin[0]}/*", ADMIN_HEADERS),
                   (f"/{admin[0]}/{admin[1]}/*", {"Cache-Control": CACHE_FOREVER})]
    for path in sorted(served_paths):
        under_admin = admin and path.startswith(f"/{admin[0]}/")
        blocks.append((path, {"Cache-Control": CACHE_SHORT} if under_admin else
                       {"Content-Security-Policy": csp, "Cache-Control": CACHE_SHORT}))
    lines = ["# Netlify / Cloudflare Pages headers, written by each production build "
             "(plugins/publish_extras)."]
    for path, headers in blocks:
        lines.append(path)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def nginx_conf(csp: str, admin: tuple[str, str] | None = None) -> str:
    """The same headers for nginx, to include inside the site's `server { }` block.

    nginx drops inherited `add_header`s in a block that has its own, so the location repeats
    the security headers; `always` adds them to error responses (the 404 page) too.
    """
    security = [f'    add_header {name} "{value}" always;'
                for name, value in all_paths_headers(csp).items()]
    lines = [
        "# Security and cache headers equal to the _headers file of a production build.",
        "# Made by plugins/publish_extras/headers.py from output/_headers (docs/publishing.md).",
        "# Include it inside the site's server { } block.",
        "error_page 404 /404.html;",
        "gzip_static on;  # serves the .gz files the build writes beside each text file",
        "# brotli_static on;  # the same for .br files, with the ngx_brotli module",
        "",
        "location / {",
        *security,
        f'    add_header Cache-Control "{CACHE_SHORT}" always;',
        "}",
    ]
    if admin:
        cms = [f'    add_header {name} "{value}" always;'
               for name, value in {**ADMIN_HEADERS, **SECURITY_HEADERS}.items()]
        lines += ["", "# The CMS: its own policy (plugins/publish_extras/headers.py, ADMIN_CSP).",
                  f"location /{admin[0]}/ {{", *cms,
                  f'    add_header Cache-Control "{CACHE_SHORT}" always;', "}", "",
                  f"location /{admin[0]}/{admin[1]}/ {{", *cms,
                  f'    add_header Cache-Control "{CACHE_FOREVER}" always;', "}"]
    return "\n".join(lines) + "\n"


def csp_of_headers_file(text: str) -> str:
    """The patient pages' Content-Security-Policy a `_headers` file sets (not the CMS's)."""
    prefix = "Content-Security-Policy:"
    return next(line.strip()[len(prefix):].strip() for line in text.splitlines()
                if line.strip().startswith(prefix) and ADMIN_CSP not in line)


def admin_of_headers_file(text: str) -> tuple[str, str] | None:
    """The CMS's folder and its bundle's folder, from a `_headers` file (None: no CMS)."""
    lines = [line.rstrip() for line in text.splitlines()]
    admin = next((path[1:-2] for path, first in pairwise(lines)
                  if path.startswith("/") and ADMIN_CSP in first), None)
    if admin is None:
        return None
    bundle = next(line for line in lines if line.startswith(f"/{admin}/")
                  and line.endswith("/*") and line != f"/{admin}/*")
    return admin, bundle[len(admin) + 2:-2]


def main(headers_path: str) -> None:
    """Print the nginx snippet for a built `_headers` file."""
    text = Path(headers_path).read_text(encoding="utf-8")
    sys.stdout.write(nginx_conf(csp_of_headers_file(text), admin_of_headers_file(text)))


if __name__ == "__main__":
    main(*sys.argv[1:])

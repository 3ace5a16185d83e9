"""HTTP headers for the published site: one definition, rendered for two kinds of host.

`headers_file` writes the `_headers` file that Netlify and Cloudflare Pages read from the
site's root; `nginx_conf` writes the same headers as an nginx snippet (docs/nginx-headers.conf).
Each header name is set by exactly one rule for any path: both hosts join the values of a
header that two matching rules set, which would give a file two contradicting Cache-Control
values.

Regenerate the nginx snippet from a production build with
`python plugins/publish_extras/headers.py output/_headers > docs/nginx-headers.conf`.
"""

from __future__ import annotations

import base64
import hashlib
import sys
from collections.abc import Iterable
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
# there are no fingerprinted files to cache forever): edits show within minutes.
CACHE_SHORT = "public, max-age=300"


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


def all_paths_headers(csp: str) -> dict[str, str]:
    return {"Content-Security-Policy": csp, **SECURITY_HEADERS}


def headers_file(csp: str, served_paths: Iterable[str]) -> str:
    """The `_headers` file: security headers everywhere, one cache rule per served path."""
    blocks = [("/*", all_paths_headers(csp))]
    blocks += [(path, {"Cache-Control": CACHE_SHORT}) for path in sorted(served_paths)]
    lines = ["# Netlify / Cloudflare Pages headers, written by each production build "
             "(plugins/publish_extras)."]
    for path, headers in blocks:
        lines.append(path)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def nginx_conf(csp: str) -> str:
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
    return "\n".join(lines) + "\n"


def csp_of_headers_file(text: str) -> str:
    """The Content-Security-Policy value a `_headers` file sets."""
    prefix = "Content-Security-Policy:"
    return next(line.strip()[len(prefix):].strip() for line in text.splitlines()
                if line.strip().startswith(prefix))


def main(headers_path: str) -> None:
    """Print the nginx snippet for a built `_headers` file."""
    csp = csp_of_headers_file(Path(headers_path).read_text(encoding="utf-8"))
    sys.stdout.write(nginx_conf(csp))


if __name__ == "__main__":
    main(*sys.argv[1:])

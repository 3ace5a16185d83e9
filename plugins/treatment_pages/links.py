"""The one reader of links in rendered HTML, for validation, the lint and the JSON-LD.

Rendered Markdown writes every link as `href="…"` with entities escaped, so one pattern finds
them all; `hrefs` gives what a browser follows, `rewrite_hrefs` changes them in place.
`page_at` and `href_line` resolve a link to a page of the site and to its line in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import unescape
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from .frontmatter import SourceFile

HREF = re.compile(r'href="([^"]*)"')
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def hrefs(html: str) -> list[str]:
    """Every link target in `html`, entities decoded, as a browser reads it."""
    return [unescape(href) for href in HREF.findall(html)]


def rewrite_hrefs(html: str, rewrite: Callable[[str], str]) -> str:
    """`html` with each href's attribute text (as written, escaped) replaced by `rewrite(it)`."""
    return HREF.sub(lambda match: f'href="{rewrite(match.group(1))}"', html)


def is_external(href: str) -> bool:
    """A link with a scheme (https:, mailto:, tel:) or to another host (//host)."""
    return bool(EXTERNAL.match(href))


def page_at(pages: Iterable[Any], path: str, from_url: str = "", root: str = "/") -> Any | None:
    """The page (anything with a `url` like "slug/") a link's path reaches, if any.

    The path is resolved as a browser resolves it: relative to the page it is on (`from_url`,
    "" for the home page) under the site's own path (`root`, SITEURL's path: "/repo/" for a
    GitHub Pages project site); a path outside the site reaches no page.
    """
    reached = urljoin(root + from_url, path)
    if not reached.startswith(root):
        return None
    wanted = reached[len(root):].removesuffix("index.html").strip("/")
    return next((page for page in pages if page.url.strip("/") == wanted), None)


def site_path(site_url: str) -> str:
    """The path part of SITEURL, as "/" or "/repo/": where the site's root is served."""
    return urlsplit(site_url).path.rstrip("/") + "/"


def href_line(source: SourceFile, where: str, href: str) -> int | None:
    """The file line of a link: its field's line, or the body line that writes it: as
    `(href`, an autolink `<href>`, a reference definition `]: href`, or the address alone.
    None when the body spells it otherwise (with entities): the file, not a wrong line."""
    if where:
        return source.lines.get(where)
    offset = next((found for written in (f"({href}", f"<{href}>", f"]: {href}", href)
                   if (found := source.body.find(written)) >= 0), -1)
    if offset < 0:
        return None
    return source.body_line + source.body.count("\n", 0, offset)

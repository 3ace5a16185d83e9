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


def page_at(pages: Iterable[Any], path: str) -> Any | None:
    """The page (anything with a `url` like "slug/") a site-relative link path names, if any."""
    wanted = re.sub(r"^(?:\.{1,2}/|/)+", "", path).removesuffix("index.html").strip("/")
    return next((page for page in pages if page.url.strip("/") == wanted), None)


def href_line(source: SourceFile, where: str, href: str) -> int | None:
    """The file line of a link: its field's line, or the body line that writes `(href`."""
    if where:
        return source.lines.get(where)
    offset = source.body.find(f"({href}")
    return source.body_line + source.body.count("\n", 0, max(offset, 0))

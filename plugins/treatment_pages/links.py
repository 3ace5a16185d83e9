"""The one reader of links in rendered HTML, for validation, the lint and the JSON-LD.

Rendered Markdown writes every link as `href="…"` with entities escaped, so one pattern finds
them all; `hrefs` gives what a browser follows, `rewrite_hrefs` changes them in place.
`page_at` and `href_line` resolve a link to a page of the site and to its line in the file;
`on_this_site` reads a link to the site's own address (`own_hosts`) as the path it names, and
`published_file` an image's address as the file the build publishes there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from html import unescape
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

from markdown_it.common.normalize_url import normalizeLink
from markdown_it.common.utils import unescapeAll

if TYPE_CHECKING:
    from .frontmatter import SourceFile

HREF = re.compile(r'href="([^"]*)"')
# A link's destination as the body writes it: inline `](dest` or a reference definition
# `[label]: dest`, either possibly in <angle brackets>.
DESTINATION = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]+)"
                         r"|^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
SRC = re.compile(r'<img src="([^"]*)"')
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def hrefs(html: str) -> list[str]:
    """Every link target in `html`, entities decoded, as a browser reads it."""
    return [unescape(href) for href in HREF.findall(html)]


def srcs(html: str) -> list[str]:
    """Every image address in `html`, entities decoded, as a browser reads it."""
    return [unescape(src) for src in SRC.findall(html)]


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
    reached = resolve(path, from_url, root)
    if not reached.startswith(root):
        return None
    wanted = reached[len(root):].removesuffix("index.html").strip("/")
    return next((page for page in pages if page.url.strip("/") == wanted), None)


def resolve(address: str, from_url: str, root: str = "/") -> str:
    """The path a browser reaches from the page at `root` + `from_url` by following `address`:
    resolved against an absolute URL, since `urljoin` keeps a path-only base's surplus `../`
    ("/" + "../a" is "a" to it, "/a" to the browser). Query and #fragment are dropped."""
    return urlsplit(urljoin(f"https://site{root}{from_url}", address)).path


def site_path(site_url: str) -> str:
    """The path part of SITEURL, as "/" or "/repo/": where the site's root is served."""
    return urlsplit(site_url).path.rstrip("/") + "/"


def own_hosts(settings: Mapping[str, Any]) -> frozenset[str]:
    """The hosts the site is served from: SITE_HOSTS (set in pelicanconf.py, so the
    development build knows them too) and SITEURL's host when it is set."""
    hosts = [*settings.get("SITE_HOSTS", ()), urlsplit(settings.get("SITEURL", "")).hostname]
    return frozenset(host.lower() for host in hosts if host)


def on_this_site(href: str, hosts: Collection[str], root: str = "/") -> str | None:
    """What a link names within this site, to check like any link of the site: a relative
    link as written; `https://own-host/root/path#anchor` as `/root/path#anchor`; None for a
    link elsewhere (another host, or another site under the same host, outside `root`)."""
    if not is_external(href):
        return href
    parts = urlsplit(href)
    path = parts.path if parts.path + "/" != root else root  # "/repo" is the root "/repo/"
    if parts.scheme != "https" or (parts.hostname or "").lower() not in hosts \
            or not (path or "/").startswith(root):
        return None
    return (path or "/") + (f"?{parts.query}" if parts.query else "") \
        + (f"#{parts.fragment}" if parts.fragment else "")


def published_file(content: Path, static_paths: Iterable[str], src: str, from_url: str,
                   root: str = "/") -> Path | None:
    """The file an image's address reaches, if the build publishes it: a file under a folder
    (or a file) of STATIC_PATHS, which Pelican copies from `content` to the same address. The
    address is resolved as the browser resolves it, from the page's own address."""
    reached = resolve(src, from_url, root)
    if not reached.startswith(root):
        return None
    wanted = PurePosixPath(unquote(reached[len(root):]))
    if ".." in wanted.parts:
        return None
    for static in static_paths:
        folder = PurePosixPath(static.strip("/"))
        if wanted == folder or folder in wanted.parents:
            path = content / wanted
            return path if path.is_file() else None
    return None


def href_line(source: SourceFile, where: str, href: str) -> int | None:
    """The file line of a link (or an image): its field's line, or the body line that writes it: as
    `(href`, an autolink `<href>`, a reference definition `]: href`, the address alone, or a
    destination that reads as `href` once its entities and escapes are decoded and it is
    normalised as the renderer does (`&#x2F;x`, `café`). None when none does: the file, not a
    wrong line."""
    if where:
        return source.lines.get(where)
    offset = next((found for written in (f"({href}", f"<{href}>", f"]: {href}", href)
                   if (found := source.body.find(written)) >= 0), -1)
    if offset < 0:
        offset = next((match.start() for match in DESTINATION.finditer(source.body)
                       if normalizeLink(unescapeAll((match.group(1) or match.group(2))
                                                    .removeprefix("<").removesuffix(">")))
                       == href), -1)
    if offset < 0:
        return None
    return source.body_line + source.body.count("\n", 0, offset)

"""Treatments that move: each `previous_slugs:` entry of a page.md keeps its old address working.

A renamed treatment's old address is printed on leaflets, bookmarked and indexed by search
engines. The build writes, for each old slug:
- `old-slug/index.html`: a small page with the canonical link and a meta refresh to the new
  address (every host, GitHub Pages included, serves it), never listed in the sitemap;
- a line of `_redirects` (Netlify and Cloudflare Pages answer it with a real 301);
- a line of `_redirects.nginx.conf`, for an nginx server block to `include`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Diagnostic

if TYPE_CHECKING:
    from .model import Site

REDIRECTS_FILE = "_redirects"
NGINX_FILE = "_redirects.nginx.conf"


@dataclass(frozen=True)
class Redirect:
    """An old address (`old/`) and the page that lives at `new` now ("" is the home page)."""

    old: str
    new: str
    title: str


def site_redirects(site: Site) -> list[Redirect]:
    return [Redirect(f"{slug}/", treatment.url, treatment.meta["title"])
            for treatment in site.treatments
            for slug in treatment.meta.get("previous_slugs") or () if slug]


def redirect_problems(site: Site) -> Iterator[Diagnostic]:
    """Yields a problem for each old address that is a live one (the index's too: call it
    after `link_pages`), or the old address of two treatments."""
    live = {t.url for t in site.treatments} | ({site.index.url} if site.index else set())
    seen: dict[str, Path] = {}
    for treatment in site.treatments:
        page = treatment.page
        for number, slug in enumerate(treatment.meta.get("previous_slugs") or (), start=1):
            where = f"previous_slugs[{number}]"
            if f"{slug}/" in live:
                yield Diagnostic(page.path, page.lines.get(where), where,
                                 f"'{slug}' is the address of a page of this site",
                                 "list only addresses no page has now")
            elif slug in seen and seen[slug] != page.path:
                yield Diagnostic(page.path, page.lines.get(where), where,
                                 f"'{slug}' is also an old address of {seen[slug].parent.name}",
                                 "keep it in one treatment's previous_slugs")
            seen.setdefault(slug, page.path)


def redirect_page(redirect: Redirect, siteurl: str) -> str:
    """The page at the old address: the canonical link and a refresh to the new one."""
    target = escape(f"{siteurl}/{redirect.new}")
    title = escape(redirect.title)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} has moved</title>
<link rel="canonical" href="{target}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>This page has moved: <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def write_redirects(output: Path, redirects: list[Redirect], siteurl: str) -> None:
    """Every redirect page, `_redirects` and the nginx snippet (nothing without redirects)."""
    if not redirects:
        return
    for redirect in redirects:
        folder = output / redirect.old
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(redirect_page(redirect, siteurl), encoding="utf-8")
    (output / REDIRECTS_FILE).write_text("".join(
        f"/{r.old} /{r.new} 301\n/{r.old.rstrip('/')} /{r.new} 301\n" for r in redirects),
        encoding="utf-8")
    (output / NGINX_FILE).write_text("".join(
        f"location = /{r.old.rstrip('/')} {{ return 301 /{r.new}; }}\n"
        f"location = /{r.old} {{ return 301 /{r.new}; }}\n" for r in redirects),
        encoding="utf-8")

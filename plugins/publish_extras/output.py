"""Finishing a production build in the staging folder; every step is deterministic."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import brotli

from .headers import content_security_policy, headers_file

TEXT_SUFFIXES = {".html", ".css", ".xml", ".txt", ".svg", ".json", ".js", ".webmanifest"}
COMPRESSED_SUFFIXES = (".gz", ".br")
HEADERS_FILE = "_headers"
JSON_LD = "application/ld+json"


class PageScan(HTMLParser):
    """Collects a page's inline styles and links, and anything the CSP would block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.styles: list[str] = []
        self.links: list[str] = []
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if "style" in names:
            self.problems.append(f"<{tag} style=…>: the CSP blocks style attributes; "
                                 "use a class in the theme's main.css")
        if any(name.startswith("on") for name in names):
            self.problems.append(f"<{tag} on…=>: the CSP blocks inline event handlers")
        if tag == "script" and dict(attrs).get("type") != JSON_LD:
            self.problems.append("<script>: the CSP allows no script; only JSON-LD data")
        if tag == "style":
            self._in_style = True
            self.styles.append("")
        self.links += [value for name, value in attrs if name in ("href", "src") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:  # style content is raw text: no entities are decoded in it
            self.styles[-1] += data


def site_files(root: Path) -> list[Path]:
    """Every file below `root`, in a stable order."""
    return sorted(p for p in root.rglob("*") if p.is_file())


def local_target(link: str, siteurl: str, root: Path) -> Path | None:
    """The output file a link to this site points at, or None for other addresses."""
    if not link.startswith(f"{siteurl}/"):
        return None
    path = link[len(siteurl) + 1:].split("#", 1)[0].split("?", 1)[0]
    return root / (path + "index.html" if path == "" or path.endswith("/") else path)


def scan_pages(root: Path, siteurl: str, admin: str | None = None
               ) -> tuple[list[str], list[str]]:
    """Inline styles of every page, and every problem: CSP-blocked markup, broken links.

    The CMS's page (`admin/`) is not a patient page: it has its own policy (headers.ADMIN_CSP).
    """
    styles, problems = [], []
    for page in (p for p in site_files(root) if p.suffix == ".html"
                 and not (admin and p.is_relative_to(root / admin))):
        scan = PageScan()
        scan.feed(page.read_text(encoding="utf-8"))
        scan.close()
        styles += scan.styles
        where = page.relative_to(root).as_posix()
        problems += [f"{where}: {problem}" for problem in scan.problems]
        for link in scan.links:
            target = local_target(link, siteurl, root)
            if target is not None and not target.is_file():
                problems.append(f"{where}: link to a missing file: {link}")
    return styles, problems


def sitemap(siteurl: str, pages: Iterable[tuple[str, date | None]],
            alternates: dict[str, list[tuple[str, str]]] | None = None) -> str:
    """The pages (url, last reviewed) only: no 404 page, no section files. A page not yet
    reviewed has no lastmod. A page with language versions (`alternates`: url → (language,
    url) of each) lists them all and `x-default` (the source, first), as Google reads
    hreflang from a sitemap."""
    alternates = alternates or {}
    entries = []
    for url, reviewed in sorted(pages, key=lambda page: page[0]):
        lastmod = f"    <lastmod>{reviewed.isoformat()}</lastmod>\n" if reviewed else ""
        versions = alternates.get(url, [])
        cluster = [*versions, ("x-default", versions[0][1])] if versions else []
        links = "".join(f'    <xhtml:link rel="alternate" hreflang="{lang}" '
                        f'href="{escape(f"{siteurl}/{href}")}"/>\n' for lang, href in cluster)
        entries.append(f"  <url>\n    <loc>{escape(f'{siteurl}/{url}')}</loc>\n{lastmod}{links}"
                       "  </url>\n")
    xhtml = ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' if alternates else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{xhtml}>\n'
            f"{''.join(entries)}</urlset>\n")


def robots(siteurl: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/sitemap.xml\n"


def served_paths(root: Path, bundle: str | None = None) -> list[str]:
    """URL paths of the site's files: pages by file name and by folder address.

    Not the files of `bundle` (the CMS's versioned bundle folder): one rule caches it forever.
    """
    paths = []
    for path in site_files(root):
        name = path.relative_to(root).as_posix()
        if name == HEADERS_FILE or name.endswith(COMPRESSED_SUFFIXES) \
                or (bundle and name.startswith(f"{bundle}/")):
            continue
        paths.append(f"/{name}")
        if path.name == "index.html":
            paths.append(f"/{name.removesuffix('index.html')}")
    return paths


# The CMS's 6 MB bundle at brotli's quality 11 would add about 15 s of CPU to every production
# build; quality 5 takes under 1 s and is ~10% larger. Editors load it, not patients.
BUNDLE_BROTLI_QUALITY = 5


def compress_text_files(root: Path, bundle: str | None = None) -> None:
    """A .gz and a .br beside each text file: gzip without a timestamp or name, brotli at 11.

    Files under `bundle` (the CMS's bundle folder) get brotli's quicker quality 5.
    """
    for path in site_files(root):
        if path.suffix in TEXT_SUFFIXES:
            data = path.read_bytes()
            quick = bundle and path.is_relative_to(root / bundle)
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
            path.with_name(path.name + ".br").write_bytes(
                brotli.compress(data, quality=BUNDLE_BROTLI_QUALITY if quick else 11))


def finish_site(root: Path, settings: dict[str, Any], pages: list[tuple[str, date]],
                alternates: dict[str, list[tuple[str, str]]] | None = None) -> None:
    """Every production-only step, in order; any problem stops the build (no traceback)."""
    siteurl = settings["SITEURL"]
    if not siteurl.startswith(("https://", "http://")):
        raise SystemExit("PUBLISH_EXTRAS needs an absolute SITEURL such as https://example.com")
    admin_dir = settings.get("CMS_ADMIN_PATH")
    bundles = sorted(p for p in (root / admin_dir).iterdir() if p.is_dir()) \
        if admin_dir and (root / admin_dir).is_dir() else []
    admin = (admin_dir, bundles[0].name) if bundles else None
    styles, problems = scan_pages(root, siteurl, admin_dir)
    if problems:
        raise SystemExit("\n".join([*problems, f"Build failed: {len(problems)} problem(s) in "
                                    "the built pages. The previous output is unchanged."]))
    (root / "sitemap.xml").write_text(sitemap(siteurl, pages, alternates), encoding="utf-8")
    (root / "robots.txt").write_text(robots(siteurl), encoding="utf-8")
    policy = content_security_policy(styles)
    bundle = admin and "/".join(admin)
    (root / HEADERS_FILE).write_text(headers_file(policy, served_paths(root, bundle), admin),
                                     encoding="utf-8")
    compress_text_files(root, bundle)

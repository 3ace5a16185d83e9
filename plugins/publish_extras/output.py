"""Finishing a production build in the staging folder; every step is deterministic."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from collections.abc import Iterable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from xml.sax.saxutils import escape

import brotli

from .headers import content_security_policy, headers_file

TEXT_SUFFIXES = {".html", ".css", ".xml", ".txt", ".svg", ".json", ".js", ".webmanifest"}
COMPRESSED_SUFFIXES = (".gz", ".br")
HEADERS_FILE = "_headers"
JSON_LD = "application/ld+json"
LOCAL_CSS_URL = re.compile(r"""url\(\s*['"]?(?!data:|https?:|#)([^'")\s]+)""")


def fingerprinted_name(name: str, data: bytes) -> str:
    """'css/main.css' -> 'css/main.<first 10 hex digits of its SHA-256>.css'."""
    path = PurePosixPath(name)
    digest = hashlib.sha256(data).hexdigest()[:10]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


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
                                 "use a class in main.css")
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


def css_file_references(root: Path) -> list[str]:
    """CSS `url()`s naming a file of the site: renaming that file would break them."""
    problems = []
    for path in (p for p in site_files(root) if p.suffix == ".css"):
        for target in LOCAL_CSS_URL.findall(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(root).as_posix()}: url({target}) names a file "
                            "that gets a fingerprinted name; use a data: URL or drop it")
    return problems


def fingerprint_static(root: Path, static_dir: str) -> None:
    """Rename every theme static file to its fingerprinted name (the templates use it)."""
    folder = root / static_dir
    for path in site_files(folder) if folder.is_dir() else []:
        name = path.relative_to(folder).as_posix()
        os.replace(path, folder / fingerprinted_name(name, path.read_bytes()))


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


def sitemap(siteurl: str, treatments: Iterable[Any]) -> str:
    """The treatment pages only (no 404 page, no section files), dated by their review."""
    entries = []
    for treatment in sorted(treatments, key=lambda t: t.url):
        reviewed: date = treatment.meta["last_reviewed"]
        entries.append(f"  <url>\n    <loc>{escape(f'{siteurl}/{treatment.url}')}</loc>\n"
                       f"    <lastmod>{reviewed.isoformat()}</lastmod>\n  </url>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{''.join(entries)}</urlset>\n")


def robots(siteurl: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/sitemap.xml\n"


def served_paths(root: Path, static_dir: str, bundle: str | None = None) -> list[str]:
    """URL paths of the files not fingerprinted: pages by file name and by folder address.

    `bundle` (the CMS's versioned bundle folder) is cached forever like fingerprinted files.
    """
    paths = []
    for path in site_files(root):
        name = path.relative_to(root).as_posix()
        if name == HEADERS_FILE or name.startswith(f"{static_dir}/") \
                or (bundle and name.startswith(f"{bundle}/")) \
                or name.endswith(COMPRESSED_SUFFIXES):
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


def finish_site(root: Path, settings: dict[str, Any], treatments: list[Any]) -> None:
    """Every production-only step, in order; any problem stops the build (no traceback)."""
    siteurl, static_dir = settings["SITEURL"], settings["THEME_STATIC_DIR"]
    if not siteurl.startswith(("https://", "http://")):
        raise SystemExit("PUBLISH_EXTRAS needs an absolute SITEURL such as https://example.com")
    problems = css_file_references(root)
    fingerprint_static(root, static_dir)
    admin_dir = settings.get("CMS_ADMIN_PATH")
    bundles = sorted(p for p in (root / admin_dir).iterdir() if p.is_dir()) \
        if admin_dir and (root / admin_dir).is_dir() else []
    admin = (admin_dir, bundles[0].name) if bundles else None
    styles, page_problems = scan_pages(root, siteurl, admin_dir)
    problems += page_problems
    if problems:
        raise SystemExit("\n".join([*problems, f"Build failed: {len(problems)} problem(s) in "
                                    "the built pages. The previous output is unchanged."]))
    (root / "sitemap.xml").write_text(sitemap(siteurl, treatments), encoding="utf-8")
    (root / "robots.txt").write_text(robots(siteurl), encoding="utf-8")
    policy = content_security_policy(styles)
    (root / HEADERS_FILE).write_text(
        headers_file(policy, static_dir,
                     served_paths(root, static_dir, admin and "/".join(admin)), admin),
        encoding="utf-8")
    compress_text_files(root, admin and "/".join(admin))

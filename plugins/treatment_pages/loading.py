"""Load the whole site: the practice file, every treatment folder, the addresses, the links
between pages, redirects, translations and the checks of fact across files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .cache import ContentCache
from .facts import check_facts
from .forking import processes
from .model import PRACTICE_FILE, SKIPPED_NAME, Site, language_of
from .navigation import link_pages
from .problems import Diagnostic, display_path
from .readahead import reading_ahead
from .reading import ContentReader, load_treatment
from .redirects import redirect_problems
from .schema import (
    PRACTICE_FIELDS,
    reserved_slugs,
    static_folders,
)
from .translations import load_translations


def load_site(content: Path, settings: dict[str, Any],
              cache: ContentCache | None = None) -> tuple[Site, list[Diagnostic]]:
    """Read the practice file and every treatment folder below `content`.

    Folders named in STATIC_PATHS are skipped. Returns the site and every problem found.
    With a `cache`, files whose bytes are unchanged since the last build are not re-read.
    """
    reader = ContentReader(cache)
    problems = reader.problems
    cold = cache is None or cache.cold()  # before any file is read and remembered
    excluded = static_folders(settings)
    practice = reader.required_source(
        content / PRACTICE_FILE, PRACTICE_FIELDS, "the practice file is missing",
        "create it with the practice's name and contact details")
    site = Site(practice, [], digests=reader.digests)
    entries = [entry for entry in sorted(content.iterdir()) if entry.name not in excluded]
    folders = [entry for entry in entries if entry.is_dir() and entry.name != PRACTICE_FILE
               and not SKIPPED_NAME.search(entry.name)]
    treatment_folders = set(folders)
    with reading_ahead(folders if cold else [], reader, processes(settings)) as ahead:
        for entry in entries:
            if SKIPPED_NAME.search(entry.name):
                site.skipped.append(entry)
            elif entry in treatment_folders:
                ahead.reach(entry)
                site.treatments.append(load_treatment(entry, reader, site.skipped))
            elif entry.name != PRACTICE_FILE and not language_of(entry):
                problems.append(Diagnostic(entry, None, "", "this file is not part of any "
                                           "treatment", "move it into a treatment folder, or "
                                           "delete it"))
    if not site.treatments:
        problems.append(Diagnostic(content, None, "", "there is no treatment folder to publish",
                                   "add one with `.venv/bin/invoke new-treatment \"Name\"`"
                                   + _skipped_hint(site.skipped)))
    problems.extend(_assign_urls(site, reserved_slugs(settings)))
    problems.extend(link_pages(site))
    problems.extend(redirect_problems(site))
    load_translations(site, reader)
    problems.extend(check_facts(site, settings))
    return site, problems


def _skipped_hint(skipped: list[Path]) -> str:
    """Names an editor may have meant: folders skipped for their name."""
    folders = [p.name for p in skipped if p.is_dir()]
    return (f" (skipped for their names: {', '.join(folders)}; names starting with "
            "'.', '_', '#' or '~' are not published)") if folders else ""


def _assign_urls(site: Site, taken: dict[str, str]) -> list[Diagnostic]:
    """Give each treatment its URL: the home treatment (practice.md's `home`, or the only
    treatment) at the site root, others at /slug/. A slug the site already uses for
    something else (`taken`: `reserved_slugs`) is refused: the problems are returned."""
    problems = []
    home = site.practice.values.get("home")
    slugs: dict[str, Path] = {}
    for treatment in site.treatments:
        slug = treatment.meta.get("slug")
        if slug in taken:
            problems.append(Diagnostic(treatment.page.path, treatment.page.lines.get("slug"),
                                       "slug", f"'{slug}' is the address of {taken[slug]}",
                                       "give this treatment another slug"))
        if slug and slug in slugs:
            problems.append(Diagnostic(treatment.page.path, treatment.page.lines.get("slug"),
                                       "slug",
                                       f"'{slug}' is already used by {display_path(slugs[slug])}",
                                    "give each treatment its own slug"))
        elif slug:
            slugs[slug] = treatment.page.path
    if not home and len(slugs) == 1:
        home = next(iter(slugs))
    every_slug_known = len(slugs) == len(site.treatments)
    if home and site.treatments and home not in slugs and every_slug_known:
        problems.append(Diagnostic(site.practice.path, site.practice.lines.get("home"), "home",
                                   f"no treatment has the slug '{home}'",
                                   f"use one of: {', '.join(slugs)}, or remove the line to make "
                                   "the list of treatments the home page"
                                   + _skipped_hint(site.skipped)))
    for treatment in site.treatments:
        slug = treatment.meta.get("slug") or treatment.folder.name
        treatment.url = "" if slug == home else f"{slug}/"
        treatment.save_as = f"{treatment.url}index.html"
    return problems

"""The Pelican generator that turns treatment folders into one page each."""

from __future__ import annotations

import time
from pathlib import Path

from pelican.generators import Generator

from . import summary
from .cache import ContentCache
from .model import Site, load_site
from .navigation import not_found_links
from .problems import ContentError
from .redirects import site_redirects, write_redirects

# The theme's inline stylesheets (theme/inline/): every page has main.css; a site of several
# treatments adds clinic.css (the index and "Other treatments"), so a one-treatment page
# carries no byte of navigation it does not show.
PAGE_STYLES = ("main.css",)
CLINIC_STYLES = ("main.css", "clinic.css")


class TreatmentGenerator(Generator):
    """Reads `content/practice.md` and every treatment folder; writes one page per folder."""

    site: Site

    def generate_context(self) -> None:
        started = time.perf_counter()
        caching = self.settings["CACHE_CONTENT"] or self.settings["LOAD_CONTENT_CACHE"]
        cache = ContentCache(self.settings) if caching else None
        self.site, problems = load_site(Path(self.path), self.settings, cache)
        if cache:
            # Saved before the output is written, and even when there are problems: each
            # file's problems are cached with it, so fixing one file re-reads only that file.
            cache.save_cache()
        if problems:
            raise ContentError(problems)
        self.context["practice"] = self.site.practice.values
        self.context["treatments"] = self.site.treatments
        self.context["treatment_index"] = self.site.index
        files = 1 + sum(1 + len(treatment.sections) for treatment in self.site.treatments)
        summary.record(len(self.site.treatments), files, started)

    def generate_output(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        site = self.site
        styles = CLINIC_STYLES if site.index else PAGE_STYLES
        template = self.get_template("treatment")
        for treatment in site.treatments:
            writer.write_file(treatment.save_as, template, self.context, relative_urls=relative,
                              treatment=treatment, page_url=treatment.url, inline_styles=styles)
        if site.index:
            writer.write_file(site.index.save_as, self.get_template("treatments"), self.context,
                              relative_urls=relative, index=site.index, page_url=site.index.url,
                              inline_styles=styles)
        write_redirects(Path(self.output_path), site_redirects(site),
                        self.settings.get("SITEURL", ""))
        # The 404 page is served at any depth, so its links are root-relative, never relative.
        writer.write_file("404.html", self.get_template("404"), self.context,
                          relative_urls=False, page_url="404.html", inline_styles=PAGE_STYLES,
                          links=not_found_links(site))

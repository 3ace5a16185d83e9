"""The Pelican generator that turns treatment folders into one page each."""

from __future__ import annotations

import time
from pathlib import Path

from pelican.generators import Generator

from . import summary
from .cache import ContentCache
from .model import Site, load_site
from .problems import ContentError


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
        files = 1 + sum(1 + len(treatment.sections) for treatment in self.site.treatments)
        summary.record(len(self.site.treatments), files, started)

    def generate_output(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        template = self.get_template("treatment")
        for treatment in self.site.treatments:
            writer.write_file(treatment.save_as, template, self.context, relative_urls=relative,
                              treatment=treatment, page_url=treatment.url)
        # The 404 page is served at any depth, so its links are root-relative, never relative.
        writer.write_file("404.html", self.get_template("404"), self.context,
                          relative_urls=False, page_url="404.html")

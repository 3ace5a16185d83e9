"""The Pelican generator that turns treatment folders into one page each."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pelican.generators import Generator

from .cache import ContentCache
from .model import Site, load_site
from .problems import ContentError


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the content is read, then freeze what was read.

    Reading makes hundreds of thousands of long-lived objects and almost no cycles; each full
    collection rescans all of them, so with the collector on, reading time grew faster than
    the number of pages. Frozen objects are also skipped by collections while pages are written.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


class TreatmentGenerator(Generator):
    """Reads `content/practice.md` and every treatment folder; writes one page per folder."""

    site: Site

    def generate_context(self) -> None:
        with collector_paused():
            cache = ContentCache(self.settings)
            self.site, problems = load_site(Path(self.path), self.settings, cache)
            # Saved before the output is written, and even when there are problems: each
            # file's problems are cached with it, so fixing one file re-reads only that file.
            cache.save_cache()
        if problems:
            raise ContentError(problems)
        self.context["practice"] = self.site.practice.values
        self.context["treatments"] = self.site.treatments

    def generate_output(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        template = self.get_template("treatment")
        for treatment in self.site.treatments:
            writer.write_file(treatment.save_as, template, self.context, relative_urls=relative,
                              treatment=treatment, page_url=treatment.url)
        # The 404 page is served at any depth, so its links are root-relative, never relative.
        writer.write_file("404.html", self.get_template("404"), self.context,
                          relative_urls=False, page_url="404.html")

"""The Pelican generator that turns treatment folders into one page each."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, NamedTuple

from blinker import signal
from pelican.generators import Generator

from . import catalogs, summary
from .cache import ContentCache
from .dependencies import Keys
from .forking import processes, share_out
from .loading import load_site
from .model import Site
from .navigation import not_found_pages
from .problems import ContentError
from .redirects import site_redirects, write_redirects
from .translations import publish

# Sent with `site=`, `settings=` and `problems=` (the list so far, which a receiver may say
# better in place) once the site is read, before its pages are written: receivers may judge
# and withhold translations (the translation status, from git) or report more problems.
site_loaded = signal("treatment_pages.site_loaded")
# Sent with `site=` and `settings=` once the site is as its pages will show it (translations
# judged and published), before any page is written: structured data, the sitemap.
site_ready = signal("treatment_pages.site_ready")

# The theme's inline stylesheets (theme/inline/): every page has main.css; a site of several
# treatments adds clinic.css (the index and "Other treatments"), so a one-treatment page
# carries no byte of navigation it does not show.
PAGE_STYLES = ("main.css",)
CLINIC_STYLES = ("main.css", "clinic.css")
LANGUAGE_STYLES = "languages.css"  # a site of several languages: the switcher, provenance
# strict_build's: answered True when the last build's file made from the same key is in place.
reuse_output = signal("strict_build.reuse_output")


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
        for _receiver, found in site_loaded.send(self, site=self.site, settings=self.settings,
                                                  problems=problems):
            problems.extend(found or ())
        if problems:
            raise ContentError(problems)
        publish(self.site)
        site_ready.send(self, site=self.site, settings=self.settings)
        catalogs.active = catalogs.Catalogs(Path(self.settings["THEME"]), self.site.languages)
        self.env.add_extension("jinja2.ext.i18n")
        self.env.install_gettext_callables(  # type: ignore[attr-defined]
            lambda message: catalogs.active.gettext(message),
            lambda singular, plural, count: catalogs.active.ngettext(singular, plural, count),
            newstyle=True)
        self.context["practice"] = self.site.practice.values
        self.context["treatments"] = self.site.treatments
        self.context["treatment_index"] = self.site.index
        files = 1 + sum(1 + len(treatment.sections) for treatment in self.site.treatments)
        summary.record(len(self.site.treatments), files, started)

    def generate_output(self, writer) -> None:
        """Every page in every language, except those whose key says the output holds them."""
        relative = self.settings.get("RELATIVE_URLS", False)
        site = self.site
        keys = Keys(self.settings, self.env, site)
        styles, not_found_styles = (CLINIC_STYLES if site.index else PAGE_STYLES), PAGE_STYLES
        if len(site.languages) > 1:
            styles, not_found_styles = (*styles, LANGUAGE_STYLES), (*PAGE_STYLES, LANGUAGE_STYLES)
        indexes = {index.lang: index for index in site.indexes()}
        template = self.get_template("treatment")
        pages = []
        for treatment in [*site.treatments, *site.published_translations()]:
            lang = treatment.lang
            index = indexes.get(lang, site.index)
            pages.append(Page(treatment.save_as, keys.treatment(treatment, styles, index),
                              template, lang, dict(
                                  relative_urls=relative, treatment=treatment,
                                  page_url=treatment.url, inline_styles=styles,
                                  treatment_index=index, practice=site.practice_words(lang))))
        self.write_pages(writer, pages)
        for index in site.indexes():
            self.write(writer, index.save_as, keys.index(index), self.get_template("treatments"),
                       index.lang, relative_urls=relative, index=index, page_url=index.url,
                       inline_styles=styles, treatment_index=index,
                       practice=site.practice_words(index.lang))
        write_redirects(Path(self.output_path), site_redirects(site),
                        self.settings.get("SITEURL", ""))
        # The 404 page is served at any depth, so its links are root-relative, never relative.
        for page in not_found_pages(site, indexes, self.settings["DEFAULT_LANG"]):
            index = indexes.get(page.lang, site.index)
            self.write(writer, page.save_as, keys.not_found(page, index),
                       self.get_template("404"), page.lang, relative_urls=False,
                       page_url=page.url, inline_styles=not_found_styles, not_found=page,
                       links=page.links, treatment_index=index,
                       practice=site.practice_words(page.lang))
        catalogs.active.report_missing()
        catalogs.active.activate(catalogs.active.source)

    def write_pages(self, writer, pages: list[Page]) -> None:
        """Write `pages` (those whose files are not current), shared with forked children
        when there are enough of them (forking.py): each renders and writes its own."""
        changed = [page for page in pages if not self.reused(page.name, page.key)]

        def write(share: list[Page]) -> set[tuple[str, str]]:
            for page in share:
                self.render(writer, page.name, page.template, page.lang, **page.variables)
            return catalogs.active.missing  # a child's, for this process to report

        for missing in share_out(write, changed, processes(self.settings)):
            catalogs.active.missing |= missing

    def reused(self, name: str, key: str) -> bool:
        """True when a receiver of `reuse_output` says `name`'s file is current."""
        return any(reused for _, reused in reuse_output.send(self, name=name, key=key))

    def write(self, writer, name: str, key: str, template, lang: str, **variables) -> None:
        """Render `name` in `lang`, unless a receiver of `reuse_output` says its file is
        current."""
        if not self.reused(name, key):
            self.render(writer, name, template, lang, **variables)

    def render(self, writer, name: str, template, lang: str, **variables) -> None:
        """Render `name` in `lang` into the output."""
        catalogs.active.activate(lang)
        writer.write_file(name, template, self.context, home_url=self.site.home_url(lang),
                          **variables)


class Page(NamedTuple):
    """One page to write: its output name, its key (dependencies.py), how to render it."""

    name: str
    key: str
    template: Any
    lang: str
    variables: dict[str, Any]

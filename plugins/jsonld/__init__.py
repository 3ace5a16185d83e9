"""jsonld: one schema.org JSON-LD @graph per treatment page, and one for the treatments index.

For every page written by the `treatment_pages` plugin, this plugin builds a linked
`@graph` (see `graph.py`) from the same parsed content objects that render the visible
page, and stores its safely escaped text (see `embed.py`) on `treatment.structured_data`;
the theme prints it in one `<script type="application/ld+json">` at the end of
`<body>`, after everything a patient reads.

Settings:
- `JSONLD_PARTS`: switch pieces off, e.g. `{"faq": False}`. Keys: `faq` (FAQPage and the
  Question nodes), `conditions` (one MedicalCondition per indication), `practice` (the
  MedicalClinic and IndividualPhysician), `breadcrumbs` (BreadcrumbList below the home page).
- `JSONLD_SITEURL`: the absolute base for `@id`s when `SITEURL` is not absolute (the
  development build); defaults to the preview server, `http://127.0.0.1:8000`.
"""

from __future__ import annotations

from functools import partial

from treatment_pages.generator import site_ready
from treatment_pages.model import Site

from .embed import DeferredScript
from .graph import DEFAULT_PARTS, build_graph, build_index_graph

PREVIEW_URL = "http://127.0.0.1:8000"


def site_url(settings: dict) -> str:
    """SITEURL when absolute (production), else JSONLD_SITEURL: @ids must be absolute."""
    url = settings.get("SITEURL") or ""
    if not url.startswith(("http://", "https://")):
        url = settings.get("JSONLD_SITEURL") or PREVIEW_URL
    return url.rstrip("/")


def add_structured_data(_generator, site: Site, settings: dict) -> None:
    """Give every page to be written its graph, built only if the page is rendered."""
    parts = {**DEFAULT_PARTS, **settings.get("JSONLD_PARTS", {})}
    for treatment in [*site.treatments, *site.published_translations()]:
        words = site.practice_words(treatment.lang)
        treatment.structured_data = DeferredScript(partial(
            build_graph, treatment, words, site_url(settings), parts, site.languages))
    for index in site.indexes():
        index.structured_data = DeferredScript(partial(
            build_index_graph, index, site.practice_words(index.lang), site_url(settings),
            parts, index.lang or settings["DEFAULT_LANG"]))


def register() -> None:
    site_ready.connect(add_structured_data)

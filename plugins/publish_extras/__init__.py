"""publish_extras: what a production build adds to the pages, and the theme's inlining.

In every build, templates get (the theme tests `"publish_extras" is plugin_enabled`):
- `inline_css(*names)`: the text of `theme/inline/NAME` (several joined), minified and
  checked, for a `<style>` element, read once per build, so every page renders from its
  HTML alone (`inline.py`);
- the filter `absolute_url`: `{{ treatment.url | absolute_url }}` is a page's absolute
  address, or "" when SITEURL is empty (a development build has no canonical address).

With `PUBLISH_EXTRAS = True` (publishconf.py), once every page is in strict_build's staging
folder, `output.finish_site` checks that every local link resolves, writes sitemap.xml,
robots.txt and `_headers` (CSP hashing each inline style from its real bytes), and writes a
.gz and a .br beside every text file. A problem stops the build with a message, and
strict_build then leaves the previous output untouched.

Needs strict_build: it runs these steps through strict_build's `output_written` signal,
inside the staging folder and before the swap.

Why not pelican-sitemap (1.2.2): it lists every file a generator writes (its
`content_written` receiver), so it would list the treatment pages, but also 404.html unless
excluded; each lastmod is `modified` or `date` of a Pelican article or page, else the build
time, and a treatment page is neither, so every build would change every date. Ours dates
each page by its `last_reviewed`, so an unchanged site gives a byte-identical sitemap. And
pelican-sitemap writes in `finalized`, where it may run after strict_build has swapped the
staging folder in; ours is written before the swap, so a failed build publishes no sitemap.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from blinker import signal
from markupsafe import Markup
from pelican import signals

from .inline import inline_css
from .output import finish_site

_pages: list[tuple[str, date | None]] = []  # (url, last reviewed) of every page for the sitemap
_alternates: dict[str, list[tuple[str, str]]] = {}  # url → (language, url) of its versions


def add_template_helpers(pelican) -> None:
    """Register the global and the filter; a new build (live preview) reads the CSS anew."""
    settings = pelican.settings
    siteurl, theme = settings["SITEURL"], settings["THEME"]

    @cache
    def css(*names: str) -> Markup:
        return Markup(inline_css(theme, *names))  # checked CSS: no markup to escape in <style>

    def absolute_url(url: str) -> str:
        return f"{siteurl}/{url}" if siteurl else ""

    settings.setdefault("JINJA_GLOBALS", {}).update(inline_css=css)
    settings.setdefault("JINJA_FILTERS", {}).update(absolute_url=absolute_url)
    if settings.get("PUBLISH_EXTRAS", False) and "strict_build" not in settings["PLUGINS"]:
        raise SystemExit("PUBLISH_EXTRAS needs the strict_build plugin in PLUGINS.")


def remember_pages(_generator, site, settings: dict) -> None:
    """Keep the pages for the sitemap: the treatments and, on a site of several, the index in
    each language, dated by the newest review of what it lists."""
    index, treatments = site.index, site.treatments
    versions = [version for t in treatments for version in t.versions[1:]]
    _pages[:] = [(t.url, t.meta.get("last_reviewed")) for t in [*treatments, *versions]]
    _alternates.clear()
    _alternates.update({version.url: [(v.meta["lang"], v.url) for v in t.versions]
                        for t in treatments for version in t.versions})
    indexes = (index.versions or [index]) if index else []
    _pages.extend((version.url, version.last_reviewed) for version in indexes)
    if len(indexes) > 1:
        _alternates.update({version.url: [(v.lang, v.url) for v in indexes]
                            for version in indexes})


def finish(pelican) -> None:
    if pelican.settings.get("PUBLISH_EXTRAS", False):
        finish_site(Path(pelican.output_path), pelican.settings, _pages, _alternates)


def register() -> None:
    signals.initialized.connect(add_template_helpers)
    signal("treatment_pages.site_ready").connect(remember_pages)
    signal("strict_build.output_written").connect(finish)

"""treatment_pages: one patient page per folder of section files.

Each folder under `content/` is a treatment: `page.md` holds the page's metadata, every
other `.md` file is a section (front matter + Markdown), ordered by `position`.
`content/practice.md` holds the practice's details once for the whole site. All files
are validated against `schema.py`; any problem stops the build with `path:line` messages.
`home:` in `practice.md` names the treatment written as the site's home page (`index.html`);
without it the treatments index is, and with one treatment, that treatment always is. It is
content, not a setting, so the CMS edits it and errors point at its line.

A successful build ends with "N treatment page(s) from M files in X s" (summary.py).
"""

import logging
from functools import partial

from pelican import signals

from . import forking, summary
from .filters import FILTERS, feedback_href
from .generator import TreatmentGenerator, site_loaded
from .schema import LAYOUT_IDS, SECTION_COMPONENTS
from .translation_status import explain, judge


def add_template_helpers(pelican) -> None:
    """The filters, and as Jinja globals the layout's ids (defined once in `schema.py`) and the
    section fields the page shows by a component (the schema's, so a new list needs no template).

    `feedback_href` reads SITEURL here: in templates, RELATIVE_URLS rewrites it to '.'.
    """
    filters = {**FILTERS, "feedback_href": partial(feedback_href,
                                                   site_url=pelican.settings["SITEURL"])}
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(filters)
    pelican.settings.setdefault("JINJA_GLOBALS", {}).update(
        LAYOUT_IDS=LAYOUT_IDS, SECTION_COMPONENTS=SECTION_COMPONENTS)


def check_settings(pelican) -> None:
    """A wrong BUILD_PROCESSES stops the build before anything is read, saying what to write."""
    if problem := forking.check_setting(pelican.settings):
        raise SystemExit(problem)


def judge_translations(_generator, site, settings, problems) -> list:
    """Withhold or flag each translation by its source's changes since it was translated; a
    list item the source gained or lost since then is said so in `problems`.

    The judgement reads git (`revisions.py`, which the history check and `invoke diff` also
    use); `invoke check` reports the same verdicts as findings.
    """
    verdicts = judge(site, settings)
    problems[:] = explain(problems, verdicts)
    for verdict in verdicts:
        for status, path, line, message in verdict.findings():
            logging.getLogger(__name__).warning("%s:%s: %s: %s", path, line or "", status,
                                                message)
    return []


def get_generators(_pelican) -> type[TreatmentGenerator]:
    return TreatmentGenerator


def register() -> None:
    summary.install()
    signals.initialized.connect(check_settings)
    signals.initialized.connect(add_template_helpers)
    signals.get_generators.connect(get_generators)
    site_loaded.connect(judge_translations)

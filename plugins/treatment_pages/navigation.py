"""How a site of several treatments links its pages, in bytes that grow linearly with N.

One treatment: its page is the home page and nothing here applies (no index, no empty
navigation). Several: a treatments index lists every treatment, at the home page (`/`)
when practice.md names no `home:`, else at `/treatments/` beside the home treatment. Every
treatment page ends with "Other treatments": the `related:` slugs of its page.md, or, on a
site of at most `OTHER_TREATMENTS_LIMIT + 1` treatments, all the others; and always a link to
the index. So the full list is written once (the index), never once per page: 1,000
treatments make 1,000 pages of a bounded size plus one index, not 1,000 lists of 999 links.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Site, Treatment, TreatmentIndex
from .problems import Diagnostic
from .schema import INDEX_SLUG

# At most this many treatments under "Other treatments" on one page.
OTHER_TREATMENTS_LIMIT = 5
INDEX_FIELDS = ("title", "description")  # of practice.md, which the index is written from


def link_pages(site: Site) -> list[Diagnostic]:
    """Decide the index and each page's "Other treatments"; return what cannot be linked."""
    problems: list[Diagnostic] = []
    if len(site.treatments) < 2:
        return problems
    by_slug = {t.meta["slug"]: t for t in site.treatments if t.meta.get("slug")}
    home_is_a_treatment = any(t.url == "" for t in site.treatments)
    site.index = TreatmentIndex(f"{INDEX_SLUG}/" if home_is_a_treatment else "",
                                site.treatments)
    practice = site.practice
    for name in INDEX_FIELDS:
        if practice.values and not practice.values.get(name):
            problems.append(Diagnostic(practice.path, None, name, "required once the site has "
                                       "two or more treatments: the treatments index page is "
                                       "written from it",
                                       f"add '{name}: …' (see docs/editing.md)"))
    for treatment in site.treatments:
        treatment.others, unlinked = _others(treatment, site.treatments, by_slug)
        problems.extend(unlinked)
    return problems


def _others(treatment: Treatment, treatments: list[Treatment], by_slug: dict[str, Treatment]
            ) -> tuple[list[Treatment], list[Diagnostic]]:
    """The page's related treatments (or all the others on a small site), and the problems
    of its `related:` list."""
    page = treatment.page
    related = [slug for slug in treatment.meta.get("related") or () if slug]
    problems: list[Diagnostic] = []
    if not related:
        if len(treatments) - 1 <= OTHER_TREATMENTS_LIMIT:
            return [t for t in treatments if t is not treatment], problems
        return [], problems
    if len(related) > OTHER_TREATMENTS_LIMIT:
        problems.append(Diagnostic(page.path, page.lines.get("related"), "related",
                                   f"lists {len(related)} treatments; at most "
                                   f"{OTHER_TREATMENTS_LIMIT} fit a short list",
                                   "keep the closest ones: every page also links the list of "
                                   "all treatments"))
    others = []
    for number, slug in enumerate(related, start=1):
        where = f"related[{number}]"
        if slug == treatment.meta.get("slug"):
            problems.append(Diagnostic(page.path, page.lines.get(where), where,
                                       f"'{slug}' is this page itself",
                                       "list other treatments' slugs"))
        elif slug not in by_slug:
            moved = next((t.meta["slug"] for t in treatments
                          if slug in (t.meta.get("previous_slugs") or ())), None)
            problems.append(Diagnostic(page.path, page.lines.get(where), where,
                                       f"no treatment has the slug '{slug}'"
                                       + (f": it moved to '{moved}'" if moved else
                                          " (removed or renamed?)"),
                                       f"write '{moved}'" if moved else
                                       f"delete it, or use one of: {', '.join(sorted(by_slug))}"))
        else:
            others.append(by_slug[slug])
    return others, problems


@dataclass
class NotFoundPage:
    """The page a missing address gets (`404.html`; `<lang>/404.html` in another language)."""

    lang: str
    url: str
    links: list[tuple[str, str]]  # (title, url) of the pages it leads to
    versions: list[NotFoundPage] = field(default_factory=list)  # as TreatmentIndex.versions

    @property
    def save_as(self) -> str:
        return self.url


def not_found_links(treatments: list[Treatment], index: TreatmentIndex | None, title: str,
                    root: str = "") -> list[tuple[str, str]]:
    """The 404 page's links (title, url): every treatment of a one-page site, else the home
    page and the index (`title`: practice.md's), so the page stays the same size with 1,000
    treatments. `treatments`, `index` and `root` (the home page's address) are those of the
    page's language."""
    if index is None:
        return [(t.meta["title"], t.url) for t in treatments]
    home = [(t.meta["title"], t.url) for t in treatments if t.url == root]
    return [*home, (title, index.url)]


def not_found_pages(site: Site, indexes: dict[str, TreatmentIndex],
                    source_lang: str) -> list[NotFoundPage]:
    """The 404 page in each language the site has pages in (`indexes`: the index of each),
    the source's at `404.html`, another's at `<lang>/404.html`."""
    languages = site.page_languages() or [source_lang]
    versions: list[NotFoundPage] = []
    for number, lang in enumerate(languages):
        root = f"{lang}/" if number else ""
        treatments = site.treatments if not number else \
            [t for t in site.published_translations() if t.lang == lang]
        words = site.practice_words(lang)
        versions.append(NotFoundPage(lang, f"{root}404.html", not_found_links(
            treatments, indexes.get(lang, site.index), words.get("title") or "All treatments",
            root), versions if len(languages) > 1 else []))
    return versions

"""Links: every link to this site must reach a page, and every `#anchor` an element of it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from treatment_pages.frontmatter import SourceFile
from treatment_pages.links import hrefs
from treatment_pages.model import Site, Treatment

from .registry import Target, check, rule
from .texts import Rendered

if TYPE_CHECKING:
    from .linter import Linter

EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


@check(Target.HTML)
@rule("links.broken-anchor", "error", "a `#anchor` link matches no section on the page",
      "A link that goes nowhere fails the patient (WCAG 2.4.4 link purpose).")
@rule("links.broken-internal", "error", "a link to another page of this site matches no page",
      "A link that goes nowhere fails the patient.")
def internal_links(lint: Linter, rendered: Rendered) -> None:
    for href in hrefs(rendered.html):
        if EXTERNAL.match(href):
            continue
        line = href_line(rendered.source, rendered.where, href)
        path, _, anchor = href.partition("#")
        target = rendered.treatment if not path else page_at(lint.site, path)
        if target is None:
            lint.report("links.broken-internal", rendered.source.path, line,
                        f"the link '{href}' matches no page of this site — use a page's "
                        "address, e.g. /slug/")
        elif anchor and anchor not in target.element_ids():
            choices = ", ".join(f"#{a}" for a in sorted(s.anchor for s in target.sections))
            lint.report("links.broken-anchor", rendered.source.path, line,
                        f"the link '{href}' matches no section of the page — use one of: "
                        f"{choices}")


def page_at(site: Site, path: str) -> Treatment | None:
    """The treatment page a site-relative or root-relative link path names, if any."""
    wanted = re.sub(r"^(?:\.{1,2}/|/)+", "", path).removesuffix("index.html").strip("/")
    return next((t for t in site.treatments if t.url.strip("/") == wanted), None)


def href_line(source: SourceFile, where: str, href: str) -> int | None:
    """The file line of a link: its field's line, or the body line that writes `(href`."""
    if where:
        return source.lines.get(where)
    offset = source.body.find(f"({href}")
    return source.body_line + source.body.count("\n", 0, max(offset, 0))

"""Issue 18, class 5: links resolve where the browser resolves them.

A relative link is read from the page it is on; a link from the site's root is read under
SITEURL's path (a GitHub Pages project site lives under /repository/); `http:` and `//host`
links are refused. In-process through the loader, on the three-treatment fixture clinic.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.settings import DEFAULT_CONFIG

from tests.helpers import CLINIC_FIXTURES, SECTION, clinic_content, line_of
from treatment_pages.model import load_site

OTHER = CLINIC_FIXTURES[0]  # at /fixture-treatment/, the home treatment at /


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    return clinic_content(tmp_path)


def link_problems(content: Path, file: Path, link: str, site_url: str = "") -> list[str]:
    file.write_text(file.read_text(encoding="utf-8") + f"\nSee [the page]({link}).\n",
                    encoding="utf-8")
    settings = {**DEFAULT_CONFIG, "SITEURL": site_url}
    line = line_of(file, f"({link})")
    return [str(p) for p in load_site(content, settings)[1]
            if p.path == file and p.line == line]


@pytest.mark.parametrize("link", [
    f"{CLINIC_FIXTURES[1]}/",  # from /fixture-treatment/: /fixture-treatment/fixture-nerve-blocks/
    f"./{CLINIC_FIXTURES[1]}/",
    f"{SECTION}/#faq",
])
def test_a_relative_link_is_read_from_the_page_it_is_on(clinic, link):
    found = link_problems(clinic, clinic / OTHER / "overview.md", link)
    assert any("matches no page of this site" in p for p in found), found


@pytest.mark.parametrize("link", [f"../{CLINIC_FIXTURES[1]}/", f"/{CLINIC_FIXTURES[1]}/",
                                  "../", "/", f"../{CLINIC_FIXTURES[1]}/index.html"])
def test_links_that_reach_a_page_from_where_they_are_are_accepted(clinic, link):
    assert link_problems(clinic, clinic / OTHER / "overview.md", link) == []


def test_from_the_home_page_a_relative_link_reaches_the_other_pages(clinic):
    assert link_problems(clinic, clinic / SECTION / "what-is.md", f"{OTHER}/") == []


@pytest.mark.parametrize(("link", "ok"), [(f"/{OTHER}/", False), (f"/repo/{OTHER}/", True),
                                          (f"../{CLINIC_FIXTURES[1]}/", True)])
def test_links_from_the_root_are_read_under_siteurls_path(clinic, link, ok):
    found = link_problems(clinic, clinic / OTHER / "overview.md", link,
                          "https://example.github.io/repo")
    assert (found == []) is ok, found
    if not ok:
        assert any("e.g. /repo/slug/" in p for p in found), found


@pytest.mark.parametrize("link", ["http://example.com/", "HTTP://example.com/",
                                  "//cdn.example.com/x", "///evil.example/x"])
def test_insecure_and_other_host_links_are_refused(clinic, link):
    found = link_problems(clinic, clinic / SECTION / "what-is.md", link)
    assert any("is not allowed — link to https:// (not http:)" in p for p in found), found

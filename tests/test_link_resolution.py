"""Issue 18, class 5: links resolve where the browser resolves them.

A relative link is read from the page it is on; a link from the site's root is read under
SITEURL's path (a GitHub Pages project site lives under /repository/); `http:` and `//host`
links are refused. A link to the site's own address (SITE_HOSTS, SITEURL's host) is checked
like a link within the site, in the development build too; an image must be a file the build
publishes (a STATIC_PATHS folder). In-process through the loader, on the three-treatment
fixture clinic; a few end to end through `pelican`; a property test against urljoin.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.settings import DEFAULT_CONFIG

from tests.support.helpers import CLINIC_FIXTURES, TREATMENT, clinic_content, line_of
from treatment_pages.links import on_this_site, page_at
from treatment_pages.loading import load_site

OTHER = CLINIC_FIXTURES[0]  # at /fixture-treatment/, the home treatment at /


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    return clinic_content(tmp_path)


def link_problems(content: Path, file: Path, link: str, site_url: str = "",
                  written: str = "See [the page]({link}).", **extra: object) -> list[str]:
    """The problems at the line that writes `link` (as `written`), and only those."""
    text = written.format(link=link)
    file.write_text(file.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    line = line_of(file, text)
    return [str(p) for p in load_site(content, {**DEFAULT_CONFIG, "SITEURL": site_url,
                                                **extra})[1]
            if p.path == file and p.line == line]


@pytest.mark.parametrize("link", [
    f"{CLINIC_FIXTURES[1]}/",  # from /fixture-treatment/: /fixture-treatment/fixture-nerve-blocks/
    f"./{CLINIC_FIXTURES[1]}/",
    f"{TREATMENT}/#faq",
])
def test_a_relative_link_is_read_from_the_page_it_is_on(clinic, link):
    found = link_problems(clinic, clinic / OTHER / "overview.md", link)
    assert any("matches no page of this site" in p for p in found), found


@pytest.mark.parametrize("link", [f"../{CLINIC_FIXTURES[1]}/", f"/{CLINIC_FIXTURES[1]}/",
                                  "../", "/", f"../{CLINIC_FIXTURES[1]}/index.html"])
def test_links_that_reach_a_page_from_where_they_are_are_accepted(clinic, link):
    assert link_problems(clinic, clinic / OTHER / "overview.md", link) == []


def test_from_the_home_page_a_relative_link_reaches_the_other_pages(clinic):
    assert link_problems(clinic, clinic / TREATMENT / "what-is.md", f"{OTHER}/") == []


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
    found = link_problems(clinic, clinic / TREATMENT / "what-is.md", link)
    assert any("is not allowed — link to https:// (not http:)" in p for p in found), found


OWN = "www.springfield-pain.org"


@pytest.mark.parametrize(("link", "message"), [
    (f"https://{OWN}/no-such-page/", "matches no page of this site"),
    (f"https://{OWN}/{OTHER}/#no-such-section", "matches no section of the page"),
    (f"https://{OWN.upper()}/{OTHER}s/", "matches no page of this site"),
    (f"https://{OWN}/#no-such-section", "matches no section of the page"),
])
def test_a_link_to_the_sites_own_host_is_checked_in_the_development_build(clinic, link, message):
    found = link_problems(clinic, clinic / TREATMENT / "what-is.md", link, SITE_HOSTS=[OWN])
    assert any(f"'{link}' {message}" in p for p in found), found


@pytest.mark.parametrize("link", [f"https://{OWN}/{OTHER}/", f"https://{OWN}/{OTHER}/#questions",
                                  f"https://{OWN}/", f"https://{OWN}",
                                  f"https://{OWN}/{OTHER}/index.html"])
def test_a_link_to_the_sites_own_host_that_reaches_a_page_is_accepted(clinic, link):
    assert link_problems(clinic, clinic / TREATMENT / "what-is.md", link, SITE_HOSTS=[OWN]) == []


@pytest.mark.parametrize(("link", "ok"), [
    ("https://example.github.io/repo/no-such-page/", False),
    (f"https://example.github.io/repo/{OTHER}/", True),
    ("https://example.github.io/repo", True),
    ("https://example.github.io/other-project/", True),  # another site on the same host
    ("https://example.github.io/repository/", True),
])
def test_siteurls_host_is_the_sites_own_and_its_path_the_root(clinic, link, ok):
    found = link_problems(clinic, clinic / TREATMENT / "what-is.md", link,
                          "https://example.github.io/repo")
    assert (found == []) is ok, found


def test_other_hosts_are_not_this_site(clinic):
    assert link_problems(clinic, clinic / TREATMENT / "what-is.md", "https://example.org/x/",
                         SITE_HOSTS=[OWN]) == []


MEDIA = {"STATIC_PATHS": ["media"]}


@pytest.fixture
def with_media(clinic: Path) -> Path:
    (clinic / "media").mkdir()
    (clinic / "media" / "diagram.png").write_bytes(b"\x89PNG")
    return clinic


@pytest.mark.parametrize(("file", "image", "settings_"), [
    (TREATMENT, "media/missing.png", MEDIA),  # no such file
    (OTHER, "media/diagram.png", MEDIA),  # from /fixture-treatment/: /fixture-treatment/media/…
    (TREATMENT, "media/diagram.png", {}),  # the file is there, but no build copies it
    (TREATMENT, f"{TREATMENT}/what-is.md", MEDIA),  # a file, but not one the build copies as is
    (TREATMENT, "/media/../practice.md", MEDIA),
])
def test_an_image_the_build_does_not_publish_is_refused_at_its_line(with_media, file, image,
                                                                   settings_):
    found = link_problems(with_media, with_media / file / "what-is.md" if file == TREATMENT
                          else with_media / file / "overview.md", image,
                          written="![A diagram]({link})", **settings_)
    assert any(f"the image '{image}' is not a file this site publishes" in p for p in found), \
        found


@pytest.mark.parametrize(("file", "image"), [(TREATMENT, "media/diagram.png"),
                                             (TREATMENT, "/media/diagram.png"),
                                             (OTHER, "../media/diagram.png"),
                                             (OTHER, "/media/diagram.png")])
def test_an_image_the_build_publishes_is_accepted(with_media, file, image):
    path = with_media / TREATMENT / "what-is.md" if file == TREATMENT \
        else with_media / OTHER / "overview.md"
    assert link_problems(with_media, path, image, written="![A diagram]({link})", **MEDIA) == []


def test_the_built_page_shows_the_published_image_and_a_missing_one_fails(with_media, build):
    what_is = with_media / TREATMENT / "what-is.md"
    what_is.write_text(what_is.read_text(encoding="utf-8") + "\n![A diagram](media/diagram.png)\n",
                       encoding="utf-8")
    static = f"STATIC_PATHS={json.dumps(MEDIA['STATIC_PATHS'])}"
    built = build(with_media, "-e", static)
    assert built.returncode == 0, built.log
    assert (built.output / "media" / "diagram.png").read_bytes() == b"\x89PNG"
    assert 'src="media/diagram.png"' in (built.output / "index.html").read_text(encoding="utf-8")
    (with_media / "media" / "diagram.png").unlink()
    failed = build(with_media, "-e", static)
    line = line_of(what_is, "![A diagram](media/diagram.png)")
    assert failed.returncode != 0
    assert f"what-is.md:{line}: error: images.unpublished:" in failed.log, failed.log


def test_the_built_site_checks_a_link_to_its_own_host(clinic, build):
    what_is = clinic / TREATMENT / "what-is.md"
    what_is.write_text(what_is.read_text(encoding="utf-8")
                       + f"\nSee [it](https://{OWN}/gone/).\n", encoding="utf-8")
    failed = build(clinic, "-e", f"SITE_HOSTS={json.dumps([OWN])}")
    line = line_of(what_is, f"See [it](https://{OWN}/gone/).")
    assert failed.returncode != 0
    assert f"what-is.md:{line}: error: links.broken-internal:" in failed.log, failed.log


class _Page:
    def __init__(self, url: str) -> None:
        self.url = url


SEGMENT = st.sampled_from(["a", "b", "c", ".", ".."])
RELATIVE = st.builds(lambda up, parts, slash, anchor: "../" * up + "/".join(parts)
                     + ("/" if slash and parts else "") + anchor,
                     st.integers(0, 3), st.lists(SEGMENT, max_size=3), st.booleans(),
                     st.sampled_from(["", "#faq", "#x-1"]))


@settings(max_examples=300, deadline=None)
@given(link=RELATIVE, from_url=st.sampled_from(["", "a/", "a/b/", "c/"]),
       root=st.sampled_from(["/", "/repo/"]))
def test_a_link_reaches_the_page_urljoin_reaches(link, from_url, root):
    pages = [_Page(url) for url in ("", "a/", "b/", "c/", "a/b/", "a/c/", "b/a/", "c/a/")]
    path = link.partition("#")[0]
    if not path:
        return  # an anchor alone stays on its page (facts._internal_links)
    # "…/a" is the folder "…/a/" (static hosts redirect), "…/index.html" the folder itself
    reached = urljoin(f"https://host{root}{from_url}", path)
    folder = reached.removesuffix("index.html").rstrip("/") + "/"
    expected = next((page for page in pages if folder == f"https://host{root}{page.url}"),
                    None)
    assert page_at(pages, path, from_url, root) is expected
    # The same address written out with the site's own host reaches the same page.
    local = on_this_site(reached.replace("https://host", f"https://{OWN}"), {OWN}, root)
    assert (page_at(pages, local, from_url, root) if local else None) is expected

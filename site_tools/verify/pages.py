"""Which files of a built site the checks look at."""

from __future__ import annotations

from pathlib import Path

from site_tools.cms import ADMIN_DIR


def html_files(output: Path) -> list[Path]:
    """Every HTML file of the build, the CMS's page included (the validators check it too)."""
    return sorted(output.rglob("*.html"))


def page_paths(output: Path) -> list[str]:
    """URL path of every patient page, as a visitor asks for it (index.html as its folder).

    The CMS's page (admin/) is for editors, not patients: tests/browser/test_cms.py checks it.
    """
    paths = []
    for page in html_files(output):
        path = page.relative_to(output).as_posix()
        if not path.startswith(f"{ADMIN_DIR}/"):
            paths.append(path.removesuffix("index.html"))
    return paths

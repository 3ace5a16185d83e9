"""Shared fixtures: real Pelican builds of frozen fixture sites into temporary folders."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from project_sandbox import copy_project
from tests.support.helpers import (
    LINT_TODAY,
    ROOT,
    SAMPLE_SITE,
    Build,
    clinic_content,
    run_pelican,
    sample_content,
)

# The clinic's own content/: product tests never read it (tests/data/README.md); only tests
# marked `content_gate` may. Reading it in the test process raises at once; what subprocesses
# read is proven by tests/test_content_independence.py, which runs the suite on other content.
LIVE_CONTENT = str(ROOT / "content")
_guard = {"on": True}


def _refuse_live_content(event: str, args: tuple) -> None:
    if _guard["on"] and event in ("open", "os.listdir", "os.scandir", "shutil.copytree") \
            and args and isinstance(args[0], str | bytes | os.PathLike):
        path = os.path.abspath(os.fsdecode(args[0]))
        if path == LIVE_CONTENT or path.startswith(LIVE_CONTENT + os.sep):
            raise PermissionError(f"a product test read the clinic's content/ ({path}): build "
                                  "a fixture site from tests/data/ instead")


sys.addaudithook(_refuse_live_content)


@pytest.fixture(autouse=True)
def live_content_guard(request: pytest.FixtureRequest):
    """Lifts the guard for the content-gate group only, for the length of the test."""
    _guard["on"] = request.node.get_closest_marker("content_gate") is None
    yield
    _guard["on"] = True


@pytest.fixture(autouse=True)
def pinned_lint_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """`invoke check` judges review dates against today: pin it, so verdicts do not age."""
    monkeypatch.setenv("LINT_TODAY", LINT_TODAY)


@pytest.fixture(autouse=True, scope="session")
def cms_settings() -> Iterator[None]:
    """What the publishing workflow passes a production build with the CMS on; for the
    session, since session fixtures build production sites (tests of an unset setting delete
    them with `monkeypatch`)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GITHUB_REPOSITORY", "springfield-pain/website")
        patch.setenv("CMS_AUTH_URL", "https://auth.springfield-pain.org")
        yield


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the sample fixture site, for a test to change."""
    return sample_content(tmp_path)


@pytest.fixture
def build(tmp_path: Path):
    """Build a content folder into a fresh output folder."""

    def _build(content: Path, *extra: str, output: Path | None = None) -> Build:
        return run_pelican(content, output or tmp_path / "output", *extra)

    return _build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The sample fixture site, built once from a copy named content/, as a clinic's is."""
    folder = tmp_path_factory.mktemp("site")
    result = run_pelican(sample_content(folder), folder / "output")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project (plugins, theme, settings, tasks) with the sample fixture site as
    its content/, to run tasks in."""
    return copy_project(tmp_path / "project", SAMPLE_SITE)


@pytest.fixture(scope="session")
def clinic_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A clinic of three treatments and no `home:`: the home page is the index."""
    folder = tmp_path_factory.mktemp("clinic")
    result = run_pelican(clinic_content(folder, home=None), folder / "output")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def clinic_home_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The same three treatments with `home:` (the Botox page is the home page)."""
    folder = tmp_path_factory.mktemp("clinic-home")
    result = run_pelican(clinic_content(folder), folder / "output")
    assert result.returncode == 0, result.log
    return result

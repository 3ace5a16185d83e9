"""Shared fixtures: real Pelican builds of real content into temporary folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from site_tools.sandbox import copy_project
from tests.helpers import (
    LINT_TODAY,
    SAMPLE_SITE,
    Build,
    clinic_content,
    run_pelican,
    sample_content,
)


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
    """The sample fixture site, built once."""
    result = run_pelican(SAMPLE_SITE, tmp_path_factory.mktemp("site") / "output")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project (plugins, theme, settings, tasks) with the sample fixture site as
    its content/, to run tasks in."""
    return copy_project(tmp_path / "project", SAMPLE_SITE)


@pytest.fixture(scope="session")
def clinic_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A clinic of three treatments and no TREATMENT_HOME: the home page is the index."""
    folder = tmp_path_factory.mktemp("clinic")
    result = run_pelican(clinic_content(folder), folder / "output", "-e", "TREATMENT_HOME=null")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def clinic_home_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The same three treatments with TREATMENT_HOME (the Botox page is the home page)."""
    folder = tmp_path_factory.mktemp("clinic-home")
    result = run_pelican(clinic_content(folder), folder / "output")
    assert result.returncode == 0, result.log
    return result

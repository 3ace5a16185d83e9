"""Shared fixtures: real Pelican builds of real content into temporary folders."""

from __future__ import annotations

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

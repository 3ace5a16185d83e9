"""Shared fixtures: real Pelican builds of real content into temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_tools.sandbox import copy_project
from tests.helpers import LINT_TODAY, ROOT, Build, clinic_content, run_pelican


@pytest.fixture(autouse=True)
def pinned_lint_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """`invoke check` judges review dates against today: pin it, so verdicts do not age."""
    monkeypatch.setenv("LINT_TODAY", LINT_TODAY)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the real content/ folder, for a test to change."""
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


@pytest.fixture
def build(tmp_path: Path):
    """Build a content folder into a fresh output folder."""

    def _build(content: Path, *extra: str, output: Path | None = None) -> Build:
        return run_pelican(content, output or tmp_path / "output", *extra)

    return _build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once from the real content/ folder."""
    result = run_pelican(ROOT / "content", tmp_path_factory.mktemp("site") / "output")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project (content, plugins, theme, settings, tasks) to run tasks in."""
    return copy_project(tmp_path / "project")


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

"""Fixtures for the publishing tests: one production build of the real content."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.helpers import ROOT, SAMPLE_SITE, Build

from .hosting import production_build


@pytest.fixture(scope="session")
def production_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real content built with publishconf.py for https://clinic.example.org."""
    result = production_build(SAMPLE_SITE, tmp_path_factory.mktemp("prod") / "output")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture
def release_project(project: Path) -> Path:
    """A copy of the project that can publish: publishconf.py, and a git repository."""
    shutil.copy(ROOT / "publishconf.py", project / "publishconf.py")
    for command in (["init", "-q"], ["config", "user.name", "Test Publisher"],
                    ["config", "user.email", "publisher@example.org"]):
        subprocess.run(["git", *command], cwd=project, check=True)
    return project

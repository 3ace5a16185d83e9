"""Shared fixtures: real Pelican builds of real content into temporary folders."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Build:
    """The outcome of one `pelican` run."""

    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def log(self) -> str:
        return self.stdout + self.stderr

    def html(self, name: str = "index.html") -> str:
        return (self.output / name).read_text(encoding="utf-8")


def run_pelican(content: Path, output: Path, *extra: str, settings: str = "pelicanconf.py",
                cwd: Path = ROOT) -> Build:
    """Run the plain `pelican` CLI exactly as an editor or CI would."""
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", settings, "-o", str(output), *extra],
        cwd=cwd, capture_output=True, text=True, check=False,
    )
    return Build(result.returncode, result.stdout, result.stderr, output)


LINT_TODAY = "2027-01-15"  # between the shipped last_reviewed and next_review_due


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

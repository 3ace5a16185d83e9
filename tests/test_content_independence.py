"""The product tests belong to the product, not to the sample content.

A clinic rewrites every word of `content/`, its dates and contact details, adds and removes
treatments: the product's tests must stay green. Here the project is copied with its
`content/` replaced by another valid site (tests/data/other-clinic: other treatments, wording,
review dates, contact details and home page) and the product tests run there, unchanged.
Browser tests are left out of that run for time: they build fixture sites through the same
helpers, and conftest.py's guard fails any test that reads `content/` in the test process.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.helpers import OTHER_SITE, ROOT

# What a clone holds that a copy need not: history, environments, outputs and caches.
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "node_modules", "output", "test-artifacts",
                                    "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis",
                                    "cache", "*.egg-info")


def not_copied(folder: str, names: list[str]) -> set[str]:
    """NOT_COPIED, and the project's own content/ (never read: it is replaced)."""
    return NOT_COPIED(folder, names) | ({"content"} if Path(folder) == ROOT else set())


def project_with_content(target: Path, content: Path) -> Path:
    """A copy of the whole project (tests included) whose content/ is `content`."""
    shutil.copytree(ROOT, target, ignore=not_copied)
    shutil.copytree(content, target / "content")
    if (ROOT / "node_modules").is_dir():
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def test_the_product_tests_pass_when_content_is_another_clinics_site(tmp_path):
    project = project_with_content(tmp_path / "project", OTHER_SITE)
    assert not (project / "content" / "therapeutic-botox").exists()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
         "-m", "not browser and not content_gate",
         "--ignore", "tests/test_content_independence.py",
         "--basetemp", str(tmp_path / "temporary")],  # apart from this run's own folders
        cwd=project, capture_output=True, text=True, check=False)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in summary and "failed" not in summary, summary

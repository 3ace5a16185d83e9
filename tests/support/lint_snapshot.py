"""The lint's findings on frozen fixture sites, as JSON: the snapshot `test_lint_snapshot.py`
compares with, so an optimisation of the lint cannot change a single finding unnoticed.

Regenerate it only when a rule deliberately changes (and say so in the commit):

    .venv/bin/python -m tests.support.lint_snapshot
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from project_sandbox.synthetic import synthesize_content
from site_tools.lint.linter import Linter
from site_tools.lint.profiles import profile_settings
from site_tools.lint.registry import settings_from
from tests.support.helpers import DATA, LINT_TODAY, OTHER_SITE, ROOT, clinic_content, sample_content
from treatment_pages.loading import load_site

SNAPSHOT = DATA / "lint-findings.json"
SYNTHETIC_COUNT = 5  # treatments of the synthetic clinic (project_sandbox/synthetic.py)
PROFILES = ("nhs", "pif", "easy-read")


def sites(folder: Path) -> dict[str, Path]:
    """Each fixture site as a content folder under `folder` (outside git: the history rules
    only say so, and the snapshot does not depend on this repository's commits)."""
    return {
        "sample-site": sample_content(folder / "sample"),
        "other-clinic": sample_content(folder / "other", OTHER_SITE),
        "clinic": clinic_content(folder / "clinic"),
        "synthetic": synthesize_content(folder / "synthetic" / "content", SYNTHETIC_COUNT,
                                        DATA / "sample-site"),
    }


def findings(content: Path, profile: str) -> list[list[Any]]:
    """The lint's findings on `content` with `profile`: path (relative), line, level, rule,
    message (with the folder's absolute path written <content>)."""
    settings: dict[str, Any] = {}
    site, _ = load_site(content, settings)
    config = settings_from(settings, profile_settings(profile))
    return [[f.path.relative_to(content).as_posix(), f.line, f.level, f.rule,
             f.message.replace(str(content), "<content>")]
            for f in Linter(site, config).run()]


def snapshot() -> dict[str, list[list[Any]]]:
    """Every fixture site's findings with every profile, keyed 'site/profile'."""
    os.environ["LINT_TODAY"] = LINT_TODAY
    with tempfile.TemporaryDirectory() as folder:
        return {f"{name}/{profile}": findings(content, profile)
                for name, content in sites(Path(folder)).items() for profile in PROFILES}


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(snapshot(), indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}")

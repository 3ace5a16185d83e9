""".pre-commit-config.yaml is valid, its `invoke check` hook works, and ruff's pin matches."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import yaml

from tests.support.helpers import ROOT, TREATMENT, replace

CONFIG = ROOT / ".pre-commit-config.yaml"


def hooks() -> dict[str, tuple[dict, dict]]:
    """Every hook by id, with the repository entry it belongs to."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return {hook["id"]: (repo, hook) for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_accepts_the_config():
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(CONFIG)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_hook_is_pinned_to_the_installed_ruff():
    repo, _ = hooks()["ruff-check"]
    assert repo["rev"] == f"v{version('ruff')}"


def test_yaml_files_are_checked():
    assert "check-yaml" in hooks()


def test_check_hook_runs_on_content_and_code_changes_only():
    _, hook = hooks()["invoke-check"]
    files = re.compile(hook["files"])
    assert files.search(f"content/{TREATMENT}/faq.md")
    assert files.search("site_tools/lint/rules.py")
    assert not files.search("docs/editing.md")


def run_hook(project: Path) -> subprocess.CompletedProcess[str]:
    """The hook's own command, with this environment's invoke in place of .venv/bin/invoke."""
    _, hook = hooks()["invoke-check"]
    command = shlex.split(hook["entry"])
    command[0] = str(Path(sys.executable).parent / Path(command[0]).name)
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)


def test_check_hook_passes_good_content_and_blocks_an_error(project):
    assert run_hook(project).returncode == 0
    faq = project / "content" / TREATMENT / "faq.md"
    replace(faq, "- question: How many", "- questoin: How many")
    blocked = run_hook(project)
    assert blocked.returncode == 1
    assert "faq[3].questoin: unknown field" in blocked.stderr

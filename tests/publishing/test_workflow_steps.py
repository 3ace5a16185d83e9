"""The workflow's shell steps, run here in a throw-away git clone as GitHub would run them.

Which steps run is decided by their `if:` conditions, evaluated with a small translation of
GitHub's expressions (only the operators this workflow uses). Steps that install system
packages are not run; the content gate itself is tested in tests/test_content_gate.py, so
`.venv/bin/invoke verify` is recorded here, not run; every other task runs for real.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from project_sandbox import copy_project
from tests.publishing.test_workflow import workflow
from tests.support.helpers import SAMPLE_SITE, TREATMENT, replace

# Run here (the others install packages as root or are GitHub's own actions).
LOCAL = ("Choose the checks", "Content gate", "What patients will read differently")
SUITE = "The whole test suite"
DIFF_HEADING = "## What patients will read differently"
# GitHub's bash: `shell: bash` runs `bash --noprofile --norc -eo pipefail {0}`.
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]
# .venv/bin/invoke in the clone: records its arguments; `verify` stops there.
FAKE_INVOKE = """#!/bin/sh
echo "$*" >> "$INVOKE_CALLS"
[ "$1" = verify ] && exit 0
exec {python} -m invoke "$@"
"""


def namespace(value: object) -> object:
    """Nested dicts as attribute access, as an expression reads the context."""
    if isinstance(value, dict):
        return SimpleNamespace(**{k: namespace(v) for k, v in value.items()})
    return value


def evaluate(expression: str, context: dict) -> object:
    """A GitHub expression (`${{ … }}` or a bare `if:`) of the forms this workflow uses."""
    expression = expression.strip().removeprefix("${{").removesuffix("}}")
    python = (expression.replace("&&", " and ").replace("||", " or ")
              .replace("cancelled()", "False").replace("success()", "True"))
    python = re.sub(r"!(?!=)", " not ", python)
    return eval(python, {"__builtins__": {}}, {k: namespace(v) for k, v in context.items()})


class Run:
    """One workflow run's state: the clone, the step outputs, the summary and the calls."""

    def __init__(self, clone: Path, event: str, base: str, head: str) -> None:
        self.clone = clone
        self.summary = clone.parent / "step-summary.md"
        self.calls = clone.parent / "invoke-calls"
        self.summary.touch()
        self.calls.touch()
        pull_request = {"base": {"sha": base}, "head": {"sha": head}}
        self.context = {
            "github": {"event_name": event, "ref": "refs/pull/1/merge",
                       "event": {"pull_request": pull_request if event == "pull_request"
                                 else {"base": {"sha": ""}, "head": {"sha": ""}},
                                 "before": base, "after": head}},
            "steps": {}, "vars": {"SITEURL": ""},
        }
        self.selected: list[str] = []
        self.results: dict[str, subprocess.CompletedProcess[str]] = {}

    def step(self, step: dict) -> None:
        """Run one step if its condition holds (its name is then `selected`)."""
        if not evaluate(step.get("if", "success()"), self.context):
            return
        name = step.get("name", step.get("uses", ""))
        self.selected.append(name)
        if name not in LOCAL:
            return
        output = self.clone.parent / f"output-{len(self.results)}"
        output.touch()
        env = {**os.environ, "GITHUB_EVENT_NAME": self.context["github"]["event_name"],
               "GITHUB_BASE_REF": "main", "GITHUB_OUTPUT": str(output),
               "GITHUB_STEP_SUMMARY": str(self.summary), "GITHUB_WORKSPACE": str(self.clone),
               "INVOKE_CALLS": str(self.calls),
               **{k: str(evaluate(v, self.context)) for k, v in step.get("env", {}).items()}}
        result = subprocess.run([*BASH, "-c", step["run"]], cwd=self.clone, env=env,
                                capture_output=True, text=True, check=False, timeout=600)
        self.results[name] = result
        if "id" in step:
            outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
            self.context["steps"][step["id"]] = {"outputs": outputs}


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True,
                          check=True).stdout.strip()


def run_workflow(tmp_path: Path, change: str, event: str = "pull_request",
                 base: str | None = None) -> Run:
    """A repository on main, a clone with one commit changing `change` ("content" or
    "code"), and the build job's steps run in the clone (`base`: the base commit GitHub
    names, by default the commit before the change)."""
    origin = copy_project(tmp_path / "origin", SAMPLE_SITE)
    shutil.copytree(Path(__file__).parents[2] / ".github", origin / ".github")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "-c", "user.name=Clinic", "-c", "user.email=c@example.org", "commit", "-qm",
        "The site")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    before = git(clone, "rev-parse", "HEAD")
    if change == "content":
        replace(clone / "content" / TREATMENT / "faq.md", "within a few days", "within days")
    else:
        replace(clone / "tasks.py", '"""Tasks for editors', '"""Tasks, for editors')
    git(clone, "-c", "user.name=Editor", "-c", "user.email=e@example.org", "commit", "-qam",
        "An edit")
    head = git(clone, "rev-parse", "HEAD")
    invoke = clone / ".venv" / "bin" / "invoke"
    invoke.parent.mkdir(parents=True)
    invoke.write_text(FAKE_INVOKE.format(python=sys.executable))
    invoke.chmod(0o755)
    run = Run(clone, event, base or before, head)
    for step in workflow()["jobs"]["build"]["steps"]:
        run.step(step)
    return run


def test_a_content_only_pull_request_runs_the_gate_but_not_the_whole_suite(tmp_path):
    run = run_workflow(tmp_path, "content")
    choose = run.results["Choose the checks"]
    assert choose.returncode == 0, choose.stderr
    assert "Only content/ changed" in choose.stdout
    assert SUITE not in run.selected
    assert run.results["Content gate"].returncode == 0
    assert run.calls.read_text().splitlines()[0] == "verify"


def test_a_code_change_selects_the_whole_suite(tmp_path):
    run = run_workflow(tmp_path, "code")
    assert "Files outside content/ changed" in run.results["Choose the checks"].stdout
    assert SUITE in run.selected
    assert "Content gate" in run.selected


def test_a_push_of_a_new_branch_runs_the_whole_suite(tmp_path):
    """GitHub's `before` is all zeros when there is no previous commit to compare with."""
    run = run_workflow(tmp_path, "content", event="push", base="0" * 40)
    assert "Cannot compare with the base commit" in run.results["Choose the checks"].stdout
    assert SUITE in run.selected


def test_main_runs_the_gate_as_the_release_gate(tmp_path):
    run = run_workflow(tmp_path, "content", event="push")
    assert run.calls.read_text().splitlines() == ["verify --release"]
    assert "What patients will read differently" not in run.selected
    assert SUITE not in run.selected


def test_a_pull_request_posts_what_patients_will_read_differently(tmp_path):
    """Needs the `invoke diff` task (issue 17 item 4): it appends its Markdown to the summary."""
    run = run_workflow(tmp_path, "content")
    diff = run.results["What patients will read differently"]
    assert run.calls.read_text().splitlines()[1] == "diff --base origin/main"
    assert diff.returncode == 0, diff.stdout + diff.stderr
    assert DIFF_HEADING in run.summary.read_text(encoding="utf-8")


@pytest.mark.parametrize("expression, expected", [
    ("${{ !cancelled() && github.event_name == 'pull_request' }}", True),
    ("github.event_name == 'push'", False),
    ("${{ vars.SITEURL || 'https://preview.example.org' }}", "https://preview.example.org"),
])
def test_the_expression_translation(expression, expected):
    assert evaluate(expression, {"github": {"event_name": "pull_request"},
                                 "vars": {"SITEURL": ""}}) == expected

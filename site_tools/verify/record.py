"""The content gate's last result, kept for the standards report.

Accessibility cannot be shown by the files: only the gate's run in Chromium can. `invoke
verify` records its verdict here, with the commit it checked, and `invoke report` counts it
only for that same commit. A run with uncommitted content changes, or with a browser check
skipped, records no commit to claim: it checked something other than a commit, or not all.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

GATE_FILE = "test-artifacts/browser-gate.json"


@dataclass(frozen=True)
class GateResult:
    """The gate's verdict on one commit: passed only if every check ran and passed."""

    commit: str
    date: str
    passed: bool
    summary: str


def read_gate(path: Path) -> GateResult | None:
    """The recorded result, or None when there is none (or it cannot be read)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return GateResult(str(data["commit"]), str(data["date"]), bool(data["passed"]),
                          str(data.get("summary", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def head_commit(folder: Path) -> str:
    """The commit `folder` is at ("" outside a git repository)."""
    result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True,
                            text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else ""


def clean_commit(root: Path, content: Path) -> str:
    """HEAD, if `content` has no uncommitted change; else "" (the run checked no commit)."""
    status = subprocess.run(["git", "status", "--porcelain", "--", str(content)], cwd=root,
                            capture_output=True, text=True, check=False)
    return head_commit(root) if status.returncode == 0 and not status.stdout.strip() else ""


def write_gate(root: Path, content: Path, passed: bool, summary: str) -> Path:
    """Record a gate run in `root`/GATE_FILE; returns the file written."""
    path = root / GATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    result = GateResult(clean_commit(root, content), date.today().isoformat(), passed, summary)
    path.write_text(json.dumps(asdict(result), indent=2) + "\n", encoding="utf-8")
    return path

"""`invoke check`: strict validation plus the editorial lint, as text, JSON or CI annotations."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from treatment_pages.model import load_site
from treatment_pages.problems import Problem, display_path, report

from .lint.linter import Finding, Linter
from .lint.rules import LEVELS, settings_from, today_for

FORMATS = ("text", "json")
PLURALS = {"error": "errors", "warning": "warnings"}


def run_check(content: Path, settings: dict[str, Any], output_format: str = "text") -> int:
    """Validate and lint `content`, print the report, return the exit status (1 on errors)."""
    if output_format not in FORMATS:
        print(f"--format must be one of: {', '.join(FORMATS)}", file=sys.stderr)
        return 2
    try:
        config = settings_from(settings)
        today_for(config)
    except ValueError as error:
        print(f"invoke check: {error}", file=sys.stderr)
        return 2
    site, problems = load_site(content, settings)
    findings = Linter(site, config, {p.path for p in problems}).run()
    counts = {level: sum(f.level == level for f in findings) for level in LEVELS}
    counts["error"] += len(problems)
    sections = sum(len(t.sections) for t in site.treatments)
    summary = (f"{len(site.treatments)} treatment page(s), {sections} sections: "
               + ", ".join(f"{counts[level]} {PLURALS.get(level, level)}" for level in LEVELS))
    if output_format == "json":
        print(json.dumps({"summary": counts,
                          "findings": [*map(problem_record, problems),
                                       *map(finding_record, findings)]}, indent=2))
    else:
        for finding in findings:
            print(finding)
        if problems:
            print(report(problems, "Check failed: {summary}. Fix them before publishing."),
                  file=sys.stderr)
        else:
            print(f"Content OK: {len(site.treatments)} treatment page(s), {sections} sections.")
        print(f"Checked {summary}.")
    if os.environ.get("GITHUB_ACTIONS") == "true" and output_format == "text":
        annotations = [annotation(r) for r in
                       (*map(problem_record, problems), *map(finding_record, findings))]
        print("\n".join(a for a in annotations if a))
    return 1 if counts["error"] else 0


def finding_record(finding: Finding) -> dict[str, Any]:
    return {"path": display_path(finding.path), "line": finding.line, "level": finding.level,
            "rule": finding.rule, "message": finding.message}


def problem_record(problem: Problem) -> dict[str, Any]:
    """A validation problem in the findings' shape: always an error, rule `validation`."""
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return {"path": display_path(problem.path), "line": problem.line, "level": "error",
            "rule": "validation", "message": message + (f" — {problem.hint}" if problem.hint
                                                         else "")}


def annotation(record: dict[str, Any]) -> str:
    """A GitHub Actions workflow command (errors and warnings only), escaped as GitHub asks."""
    if record["level"] not in ("error", "warning"):
        return ""
    properties = f"file={_escape(record['path'], True)}"
    if record["line"]:
        properties += f",line={record['line']}"
    properties += f",title={_escape(record['rule'], True)}"
    return f"::{record['level']} {properties}::{_escape(record['message'])}"


def _escape(value: str, is_property: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if is_property else value

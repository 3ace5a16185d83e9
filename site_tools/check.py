"""`invoke check`: strict validation plus the editorial lint, as text, JSON or CI annotations.

`invoke check --release` is the publishing gate: the same check, in which the findings of
rules that block a release (sample values, placeholders, risky claims) are errors unless
acknowledged, printed as a to-do list grouped by file.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treatment_pages.loading import load_site
from treatment_pages.model import Site
from treatment_pages.problems import VALIDATION, Diagnostic, display_path, report
from treatment_pages.translation_status import explain, judge
from treatment_pages.translations import ItemCount

from .lint.linter import Linter
from .lint.profiles import DEFAULT_PROFILE, PROFILES, Profile, profile_settings
from .lint.registry import LEVELS, settings_from, today_for

FORMATS = ("text", "json")
PLURALS = {"error": "errors", "warning": "warnings"}
# How an editor runs the check from a fresh clone (`make build` makes .venv; invoke is not on PATH).
CHECK_COMMAND = ".venv/bin/invoke check"


@dataclass
class Inspection:
    """One run of validation and the lint: what `invoke check` prints and the report shows."""

    site: Site
    linter: Linter
    invalid: list[Diagnostic]  # validation problems, listed as the build lists them
    findings: list[Diagnostic]  # the build's checks of fact and the lint's findings
    profile: Profile  # whose thresholds the lint applied

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self.invalid, *self.findings]

    def counts(self) -> dict[str, int]:
        return {level: sum(d.level == level for d in self.diagnostics) for level in LEVELS}


def run_checks(content: Path, settings: dict[str, Any], release: bool = False,
            profile: str = DEFAULT_PROFILE) -> Inspection:
    """Validate and lint `content` once with `profile`'s thresholds (ValueError for a wrong
    profile, EDITORIAL_LINT or LINT_TODAY)."""
    config = settings_from(settings, profile_settings(profile))
    today_for(config)
    site, problems = load_site(content, settings)
    linter = Linter(site, config, release, settings)
    # Validation problems are listed as the build lists them; the build's checks of fact
    # (broken links, review order) carry a rule id and are listed with the lint's findings.
    invalid = [p for p in problems if p.rule == VALIDATION]
    if any(isinstance(p, ItemCount) for p in invalid):
        invalid = explain(invalid, judge(site, settings))
    findings = sorted([*(p for p in problems if p.rule != VALIDATION), *linter.run()],
                      key=lambda f: (str(f.path), f.line or 0, f.rule))
    return Inspection(site, linter, invalid, findings, PROFILES[profile])


def run_check(content: Path, settings: dict[str, Any], output_format: str = "text",
              release: bool = False, profile: str = DEFAULT_PROFILE) -> int:
    """Validate and lint `content` with `profile`'s thresholds, print the report, return the
    exit status (1 on errors)."""
    if output_format not in FORMATS:
        print(f"--format must be one of: {', '.join(FORMATS)}", file=sys.stderr)
        return 2
    try:
        run = run_checks(content, settings, release, profile)
    except ValueError as error:
        print(f"invoke check: {error}", file=sys.stderr)
        return 2
    site, invalid, findings = run.site, run.invalid, run.findings
    diagnostics, counts = run.diagnostics, run.counts()
    sections = sum(len(t.sections) for t in site.treatments)
    summary = (f"{len(site.treatments)} treatment page(s), {sections} sections: "
               + ", ".join(f"{counts[level]} {PLURALS.get(level, level)}" for level in LEVELS))
    if output_format == "json":
        print(json.dumps({"summary": counts, "findings": [d.record() for d in diagnostics]},
                         indent=2))
    else:
        print_findings(findings, grouped=release)
        if invalid:
            print(report(invalid, "Check failed: {summary}. Fix them before publishing."),
                  file=sys.stderr)
        elif not counts["error"]:
            print(f"Content OK: {len(site.treatments)} treatment page(s), {sections} sections.")
        if release and counts["error"]:
            files = sorted({display_path(d.path) for d in diagnostics if d.level == "error"})
            print(f"Not ready to publish: {counts['error']} thing(s) to do in "
                  f"{', '.join(files)} (listed above, by file). Replace every sample value "
                  "and unfinished text with the real words; change each risky claim, or have "
                  "the clinician acknowledge it (a lint_ack whose reason says who decided and "
                  f"why). Then run `{CHECK_COMMAND} --release` again (or pass "
                  "--allow-placeholders for a test site).", file=sys.stderr)
        print(f"Checked {summary}.")
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print("\n".join(filter(None, map(annotation, diagnostics))))
    return 1 if counts["error"] else 0


def print_findings(findings: list[Diagnostic], grouped: bool) -> None:
    """One line per finding; `grouped` (the release gate): the other findings, then the errors
    as a to-do list under the name of each file."""
    todo = [f for f in findings if f.level == "error"] if grouped else []
    for finding in findings:
        if finding not in todo:
            print(finding)
    if todo:
        print("\nTo do before publishing:")
    for path, group in itertools.groupby(todo, key=lambda f: display_path(f.path)):
        items = list(group)
        print(f"\n{path}: {len(items)} to do")
        print("\n".join(map(str, items)))


def annotation(diagnostic: Diagnostic) -> str:
    """A GitHub Actions workflow command (errors and warnings only), escaped as GitHub asks."""
    record = diagnostic.record()
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

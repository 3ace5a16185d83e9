"""The Linter: runs every registered check over the validated `Site` model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from treatment_pages.model import Site
from treatment_pages.problems import Diagnostic

from .registry import CHECKS, Rule, Target, rules_for, today_for
from .texts import Text, section_files, site_texts


class Linter:
    """Runs every check over a site; `findings` collects the results.

    Sections with validation problems are in the Site too, so one report shows both kinds of
    problem. With `release`, the publishing gate, unacknowledged findings of rules that block
    a release are errors.
    """

    def __init__(self, site: Site, config: dict[str, Any], release: bool = False,
                 settings: dict[str, Any] | None = None) -> None:
        self.site = site
        self.config = config
        self.settings = settings or {}  # Pelican's: how checks that re-read the site read it
        self.release = release
        self.rules: dict[str, Rule] = rules_for(config)
        self.today: date = today_for(config)
        self.findings: list[Diagnostic] = []
        # What checks work out once per run and share (keyed by the function that computes
        # it): a text's prose split into sentences, a page's words…
        self.shared: dict[Any, Any] = {}
        self._text_checks: dict[str, list[Callable[[Linter, Text], None]]] = {}

    def report(self, rule: str, path: Path, line: int | None, message: str) -> None:
        """Record a finding of `rule` (one its check declares) at its configured level."""
        level = self.config["levels"].get(rule, self.rules[rule].level)
        if level != "off":
            self.findings.append(Diagnostic(path, line, message=message, level=level, rule=rule))

    def run(self) -> list[Diagnostic]:
        self._run(Target.SITE)
        for treatment in self.site.treatments:
            self._run(Target.TREATMENT, treatment)
        for text in site_texts(self.site):
            self._check_text(text)
        for section in section_files(self.site):
            for text in section.texts():
                self._check_text(text)
            for rendered in section.rendered():
                self._run(Target.HTML, rendered)
        for treatment in self.site.treatments:
            self._run(Target.FINDINGS, treatment)
        if self.release:
            self.findings = [replace(f, level="error") if self.blocks_release(f) else f
                             for f in self.findings]
        self.findings.sort(key=lambda f: (str(f.path), f.line or 0, f.rule))
        return self.findings

    def blocks_release(self, finding: Diagnostic) -> bool:
        """Whether `finding` stops a release: its rule says so, and it is not acknowledged."""
        rule = self.rules.get(finding.rule)  # the build's checks of fact are not lint rules
        return bool(rule and rule.blocks_release) and finding.level != "acknowledged"

    def _run(self, target: Target, *subject: Any) -> None:
        for registered in CHECKS:
            if registered.target is target:
                registered.run(self, *subject)

    def _check_text(self, text: Text) -> None:
        checks = self._text_checks.get(text.kind)
        if checks is None:  # chosen once per kind of file, not for each of its texts
            checks = self._text_checks[text.kind] = [
                registered.run for registered in CHECKS
                if registered.target is Target.TEXT and text.kind in registered.text_kinds]
        for run in checks:
            run(self, text)

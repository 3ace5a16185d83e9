"""Acknowledgements: a section's `lint_ack` entries turn its warnings of a rule into
`acknowledged`, and an entry that matches nothing is itself reported."""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import TYPE_CHECKING

from treatment_pages.model import Treatment

from .registry import Target, check, rule

if TYPE_CHECKING:
    from .linter import Linter

STALE = "ack.stale"


@check(Target.FINDINGS)
@rule(STALE, "warning", "a `lint_ack` entry that matches no warning in its file",
      "Old acknowledgements would silently hide a future, different problem.")
def acknowledgements(lint: Linter, treatment: Treatment) -> None:
    for section in treatment.sections:
        source = section.source
        for index, ack in enumerate(source.values.get("lint_ack") or (), start=1):
            matched = False
            rule = lint.rules.get(ack["rule"])
            if rule and not rule.acknowledgeable:
                lint.report(STALE, source.path, source.lines.get(f"lint_ack[{index}]"),
                            f"'{ack['rule']}' cannot be acknowledged — replace what it finds, "
                            "then delete this acknowledgement")
                continue
            for position, finding in enumerate(lint.findings):
                if (finding.path == source.path and finding.rule == ack["rule"]
                        and finding.level == "warning"):
                    lint.findings[position] = replace(
                        finding, level="acknowledged",
                        message=f"{finding.message} (acknowledged: {ack['reason']})")
                    matched = True
            if matched:
                continue
            line = source.lines.get(f"lint_ack[{index}]")
            if ack["rule"] in lint.rules:
                message = (f"nothing in this file triggers '{ack['rule']}' as a warning any "
                           "more — delete this acknowledgement")
            else:
                close = difflib.get_close_matches(ack["rule"], lint.rules, n=1)
                message = (f"there is no rule '{ack['rule']}'"
                           + (f" — did you mean '{close[0]}'?" if close else ""))
            lint.report(STALE, source.path, line, message)

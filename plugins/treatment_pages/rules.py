"""One rule type for everything that reports a finding by id: the build's checks of fact
(`facts.py`, which fail the build) and the lint's rules (`site_tools/lint/registry.py`).

It lives with the build, which may not import the tools; the lint imports it from here. A
module that needs a rule's id imports the rule and reads `.id`, never spelling the id again.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One rule: its stable id, default level, what fires it, and why (with its source).

    `blocks_release`: `invoke check --release`, the publishing gate, reports its
    unacknowledged findings as errors. `acknowledgeable`: whether a `lint_ack` may keep its
    findings (not for sample values: no decision makes a made-up address true).
    """

    id: str
    level: str
    checks: str
    rationale: str
    blocks_release: bool = False
    acknowledgeable: bool = True

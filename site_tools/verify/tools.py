"""Which optional tool a check needs, and what a missing one means: in one place.

A check that cannot run raises `ToolMissing` with how to get the tool. The gate reports it as
skipped, the tests skip; under REQUIRE_TOOLS=1 (CI, .ci/run) both fail instead, because a
skipped check is not a passing one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class ToolMissing(Exception):
    """A check cannot run on this machine; the message says what is missing and how to get it."""


def tools_required() -> bool:
    """True under REQUIRE_TOOLS=1: a missing tool is a failure, not a skip."""
    return os.environ.get("REQUIRE_TOOLS") == "1"


def tool(path: Path, how_to_get_it: str) -> Path:
    """`path` if it exists, else ToolMissing saying how to get it."""
    if not path.exists():
        raise ToolMissing(f"{path} is missing: {how_to_get_it}")
    return path


def command(name: str, how_to_get_it: str) -> str:
    """The command `name` found on PATH, else ToolMissing saying how to get it."""
    found = shutil.which(name)
    if found is None:
        raise ToolMissing(f"{name} is not installed: {how_to_get_it}")
    return found

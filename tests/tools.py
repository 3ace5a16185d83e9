"""Optional tools some tests need (Chromium, Java, node tools, rsync): skip or fail, in one place.

On a laptop without a tool, a test that needs it is skipped with a message saying how to get
it. Under REQUIRE_TOOLS=1 (set by .ci/run) it fails instead: a skipped check is not a passing one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

REQUIRED = os.environ.get("REQUIRE_TOOLS") == "1"


def unavailable(reason: str) -> NoReturn:
    """Skip with `reason`; fail instead when REQUIRE_TOOLS=1."""
    if REQUIRED:
        pytest.fail(f"{reason} (REQUIRE_TOOLS=1, so this is a failure, not a skip)",
                    pytrace=False)
    pytest.skip(f"{reason}; set REQUIRE_TOOLS=1 to turn this skip into a failure")


def require_tool(path: Path, how_to_get_it: str) -> Path:
    """`path` if it exists, else skip (or fail under REQUIRE_TOOLS=1) saying how to get it."""
    if not path.exists():
        unavailable(f"{path} is missing: {how_to_get_it}")
    return path


def require_command(name: str, how_to_get_it: str) -> str:
    """The command `name` found on PATH, else skip (or fail) saying how to get it."""
    found = shutil.which(name)
    if found is None:
        unavailable(f"{name} is not installed: {how_to_get_it}")
    return found

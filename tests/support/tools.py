"""Optional tools some tests need (Chromium, Java, node tools, rsync): skip or fail, in one place.

On a laptop without a tool, a test that needs it is skipped with a message saying how to get
it. Under REQUIRE_TOOLS=1 (set by .ci/run) it fails instead: a skipped check is not a passing one.
What is missing, and how to get it, is decided by site_tools/verify/tools.py, for the content
gate (`invoke verify`) and the tests alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest

from site_tools.verify import tools
from site_tools.verify.tools import ToolMissing

REQUIRED = tools.tools_required()


def unavailable(reason: str) -> NoReturn:
    """Skip with `reason`; fail instead when REQUIRE_TOOLS=1."""
    if REQUIRED:
        pytest.fail(f"{reason} (REQUIRE_TOOLS=1, so this is a failure, not a skip)",
                    pytrace=False)
    pytest.skip(f"{reason}; set REQUIRE_TOOLS=1 to turn this skip into a failure")


@contextmanager
def needs_tools() -> Iterator[None]:
    """Run a site_tools.verify check: a tool it misses skips the test (fails it when required)."""
    try:
        yield
    except ToolMissing as missing:
        unavailable(str(missing))


def require_tool(path: Path, how_to_get_it: str) -> Path:
    """`path` if it exists, else skip (or fail under REQUIRE_TOOLS=1) saying how to get it."""
    try:
        return tools.tool(path, how_to_get_it)
    except ToolMissing as missing:
        unavailable(str(missing))


def require_command(name: str, how_to_get_it: str) -> str:
    """The command `name` found on PATH, else skip (or fail) saying how to get it."""
    try:
        return tools.command(name, how_to_get_it)
    except ToolMissing as missing:
        unavailable(str(missing))

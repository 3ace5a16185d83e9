"""A missing tool skips a check on a laptop, but fails it under REQUIRE_TOOLS=1 (CI)."""

from __future__ import annotations

import pytest

from tests.support import tools


def test_missing_tool_skips_with_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.setattr(tools, "REQUIRED", False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        tools.require_tool(tmp_path / "chromium", "apt-get install chromium")


def test_missing_tool_fails_when_required(monkeypatch, tmp_path):
    monkeypatch.setattr(tools, "REQUIRED", True)
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_TOOLS=1"):
        tools.require_tool(tmp_path / "vnu.jar", "run `npm ci`")


def test_present_tool_is_returned(tmp_path):
    tool = tmp_path / "tool"
    tool.touch()
    assert tools.require_tool(tool, "unused") == tool


def test_missing_command_skips_with_how_to_get_it(monkeypatch):
    monkeypatch.setattr(tools, "REQUIRED", False)
    monkeypatch.setenv("PATH", "")
    with pytest.raises(pytest.skip.Exception, match="rsync is not installed: apt-get install"):
        tools.require_command("rsync", "apt-get install rsync")

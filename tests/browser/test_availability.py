"""A missing tool skips a check on a laptop, but fails it under REQUIRE_BROWSER=1 (CI)."""

from __future__ import annotations

import pytest

from . import conftest


def test_missing_tool_skips_with_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "REQUIRED", False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        conftest.require_tool(tmp_path / "chromium", "apt-get install chromium")


def test_missing_tool_fails_when_required(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "REQUIRED", True)
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_BROWSER=1"):
        conftest.require_tool(tmp_path / "vnu.jar", "run `npm ci`")


def test_present_tool_is_returned(tmp_path):
    tool = tmp_path / "tool"
    tool.touch()
    assert conftest.require_tool(tool, "unused") == tool

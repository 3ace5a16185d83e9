"""The invoke tasks are as strict as `pelican`, and the editors' guide matches the schema."""

from __future__ import annotations

import shutil

import pytest

from site_tools.docs import REFERENCE_END, REFERENCE_START, reference_markdown
from tests.support.helpers import ROOT, TREATMENT, invoke, line_of, replace, section_files


def test_build_and_check_succeed_on_good_content(project):
    built = invoke(project, "build")
    assert built.returncode == 0, built.stderr
    assert (project / "output" / "index.html").exists()
    checked = invoke(project, "check")
    assert checked.returncode == 0, checked.stderr
    sections = len(section_files(project / "content" / TREATMENT))
    assert f"Content OK: 1 treatment page(s), {sections} sections." in checked.stdout


@pytest.mark.parametrize("task", ["build", "rebuild", "check", "preview"])
def test_tasks_fail_on_a_content_error_with_file_and_line(project, task, monkeypatch):
    if task == "preview":
        shutil.copy(ROOT / "publishconf.py", project / "publishconf.py")
        monkeypatch.setenv("SITEURL", "https://www.example.com")
    faq = project / "content" / TREATMENT / "faq.md"
    replace(faq, "- question: How many", "- questoin: How many")
    result = invoke(project, task)
    assert result.returncode != 0
    line = line_of(faq, "- questoin: How many")
    assert f"content/{TREATMENT}/faq.md:{line}: faq[3].questoin: unknown field" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("task", ["publish", "gh-pages", "preview"])
def test_publishing_without_an_address_refuses_clearly(project, task, monkeypatch):
    monkeypatch.delenv("SITEURL", raising=False)
    monkeypatch.delenv("PUBLISH_TARGET", raising=False)
    shutil.copy(ROOT / "publishconf.py", project / "publishconf.py")
    result = invoke(project, task)
    assert result.returncode != 0
    assert "SITEURL" in result.stderr or "No publish target" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / "output").exists()


def test_editing_guide_field_reference_matches_the_schema():
    guide = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    generated = guide.split(REFERENCE_START, 1)[1].split(REFERENCE_END, 1)[0]
    assert generated.strip() == reference_markdown().strip(), "run `invoke docs`"

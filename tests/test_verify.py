"""The content gate (`invoke verify`) on fixture sites: it passes, it fails with the editor's
file and line, and it says what it could not check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_tools.verify import gate
from site_tools.verify.gate import BROWSER_CHECKS, VALIDATORS, run_gate
from site_tools.verify.pages import VerifiedPages, page_paths
from site_tools.verify.record import GATE_FILE, read_gate, write_gate
from site_tools.verify.tools import ToolMissing
from tests.support.git_repos import Repo
from tests.support.helpers import TREATMENT, gate_summary, invoke, line_of, replace
from tests.support.tools import unavailable

CHECKS = ("build", "check", *BROWSER_CHECKS, *VALIDATORS)
PAGE_CHECKS = CHECKS[2:]


@pytest.mark.browser
def test_the_gate_passes_on_the_sample_site_with_one_line_per_check(project):
    result = invoke(project, "verify")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = gate_summary(result.stdout)
    assert tuple(summary) == CHECKS
    assert "… axe AA+AAA" in result.stdout  # progress while it runs
    assert "invoke verify: " in result.stdout.splitlines()[-2]
    assert not (project / "output").exists(), "the gate builds into a temporary folder"
    skipped = [check for check, status in summary.items() if status == "SKIPPED"]
    if skipped:
        unavailable(f"the gate skipped {', '.join(skipped)}")
    assert set(summary.values()) == {"PASS"}
    # Recorded for the standards report; no commit to claim outside a git repository.
    recorded = read_gate(project / GATE_FILE)
    assert recorded is not None and recorded.passed and recorded.commit == ""
    assert recorded.summary == f"{len(CHECKS)} passed, 0 failed, 0 skipped"


def break_faq_answer(content: Path) -> str:
    faq = content / TREATMENT / "faq.md"
    replace(faq, "    answer: Many patients", "    answr: Many patients")
    return f"content/{TREATMENT}/faq.md:{line_of(faq, '    answr:')}: faq[1].answr: unknown field"


def add_off_site_image(content: Path) -> str:
    section = content / TREATMENT / "benefits.md"
    section.write_text(section.read_text() + "\n![A chart](https://example.com/chart.png)\n")
    line = line_of(section, "![A chart]")
    return f"content/{TREATMENT}/benefits.md:{line}: image 'https://example.com/chart.png'"


def add_broken_anchor(content: Path) -> str:
    section = content / TREATMENT / "benefits.md"
    section.write_text(section.read_text() + "\nSee [the risks](#no-such-section).\n")
    line = line_of(section, "See [the risks]")
    return f"content/{TREATMENT}/benefits.md:{line}: error: links.broken-anchor"


@pytest.mark.parametrize("mistake", [break_faq_answer, add_off_site_image, add_broken_anchor])
def test_an_editors_mistake_fails_the_gate_naming_the_file(project, mistake):
    expected = mistake(project / "content")
    result = invoke(project, "verify")
    assert result.returncode != 0
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    summary = gate_summary(result.stdout)
    assert summary["build"] == summary["check"] == "FAIL"
    assert {summary[check] for check in PAGE_CHECKS} == {"SKIPPED"}  # nothing was built
    assert "the build failed" in result.stdout


@pytest.fixture
def no_browser_or_java(monkeypatch, tmp_path):
    """This machine as a laptop without Chromium or the Nu checker's jar."""
    monkeypatch.setattr("site_tools.verify.browser.CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setattr("site_tools.verify.nu.VNU_JAR", tmp_path / "no-vnu.jar")
    monkeypatch.delenv("REQUIRE_TOOLS", raising=False)


def test_without_the_tools_the_gate_says_what_it_skipped(project, no_browser_or_java, capsys):
    assert run_gate(project, "pelicanconf.py", release=False) == 0
    output = capsys.readouterr().out
    summary = gate_summary(output)
    assert {summary[check] for check in (*BROWSER_CHECKS, VALIDATORS[0])} == {"SKIPPED"}
    assert summary["build"] == summary["check"] == summary[VALIDATORS[1]] == "PASS"
    assert "no-chromium is missing: apt-get install chromium" in output
    # Nu needs Java and the jar: a machine without Java is told about Java first.
    assert "no-vnu.jar is missing: run `npm ci`" in output or \
        "java is not installed: apt-get install default-jre-headless" in output


def test_release_refuses_the_sample_sites_placeholders(project, no_browser_or_java, capsys):
    assert run_gate(project, "pelicanconf.py", release=True) == 1
    captured = capsys.readouterr()
    assert gate_summary(captured.out)["check --release"] == "FAIL"
    assert "placeholder.contact" in captured.out + captured.err


def test_a_missing_tool_fails_the_gate_under_require_tools(monkeypatch):
    def needs_java() -> tuple[int, list[str]]:
        raise ToolMissing("java is not installed: apt-get install default-jre-headless")

    monkeypatch.delenv("REQUIRE_TOOLS", raising=False)
    assert gate.run_one("Nu HTML checker", needs_java).status == "skipped"
    monkeypatch.setenv("REQUIRE_TOOLS", "1")
    outcome = gate.run_one("Nu HTML checker", needs_java)
    assert outcome.status == "fail" and "REQUIRE_TOOLS=1" in outcome.line()


def test_only_pages_whose_bytes_changed_are_due_again(tmp_path):
    """After a gate passed them, an unchanged page is skipped; the home page, the index and
    the 404 page never are; a new version of the checks makes every page due."""
    output = tmp_path / "output"
    for name in ("index.html", "a/index.html", "b/index.html", "treatments/index.html",
                 "404.html", "admin/index.html"):
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(f"<p>{name}</p>", encoding="utf-8")
    record = tmp_path / "cache" / gate.VERIFIED_FILE
    verified = VerifiedPages(record, "checks-1")
    assert verified.due(output, gate.ALWAYS_CHECKED) == page_paths(output)  # nothing recorded
    verified.save(output)
    (output / "b" / "index.html").write_text("<p>changed</p>", encoding="utf-8")
    due = VerifiedPages(record, "checks-1").due(output, gate.ALWAYS_CHECKED)
    assert sorted(due) == ["", "404.html", "b/", "treatments/"]
    assert VerifiedPages(record, "checks-2").due(output, set()) == page_paths(output)


def test_the_summary_says_how_many_pages_were_checked(project, no_browser_or_java, capsys):
    assert run_gate(project, "pelicanconf.py", release=False) == 0
    assert re.search(r"^Pages: \d+ checked, 0 skipped", capsys.readouterr().out, re.M)


def test_the_record_claims_a_commit_only_for_committed_content(tmp_path):
    """The report counts the gate for the commit it ran on: uncommitted words are no commit."""
    repo = Repo(tmp_path / "repo")
    write_gate(repo.top, repo.content, True, "7 passed, 0 failed, 0 skipped")
    assert read_gate(repo.top / GATE_FILE).commit == repo.first
    replace(repo.content / TREATMENT / "faq.md", "Many patients", "Most patients")
    write_gate(repo.top, repo.content, True, "7 passed, 0 failed, 0 skipped")
    assert read_gate(repo.top / GATE_FILE).commit == ""

"""`invoke check` as editors and CI run it: the acceptance cases, JSON and GitHub annotations."""

from __future__ import annotations

import json
import re

from tests.support.helpers import (
    TREATMENT,
    findings,
    invoke,
    line_of,
    lines_of,
    make_details_real,
    replace,
    section_files,
)


def test_shipped_content_passes_and_reports_drug_free_and_every_sections_readability(project):
    result = invoke(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    right = project / "content" / TREATMENT / "right-for-you.md"
    reported = findings(result.stdout)
    assert {"path": f"content/{TREATMENT}/right-for-you.md",
            "line": str(line_of(right, "drug-free")),
            "level": "warning", "rule": "claims.drug-free"}.items() <= next(
        f for f in reported if f["rule"] == "claims.drug-free").items()
    scored = {f["path"] for f in reported if f["rule"] == "readability.score"}
    folder = project / "content" / TREATMENT
    sections = {f"content/{TREATMENT}/{p.name}" for p in folder.glob("*.md")
                if p.name != "page.md"}
    assert sections <= scored
    assert all(re.search(r"Flesch-Kincaid grade \d+\.\d", f["message"]) for f in reported
               if f["rule"] == "readability.score")
    assert not [f for f in reported if f["level"] == "error"]
    sections = len(section_files(project / "content" / TREATMENT))
    assert re.search(rf"Checked 1 treatment page\(s\), {sections} sections: 0 errors, \d+ warnings",
                     result.stdout)


def edit_like_an_editor(project) -> None:
    """The acceptance edits: overdue review, placeholder, claim, duplicate question, anchor."""
    folder = project / "content" / TREATMENT
    replace(folder / "page.md", "next_review_due: 2027-11-27", "next_review_due: 2027-01-01")
    replace(folder / "benefits.md", "Effective Pain Relief\n    text: Botox can provide",
            "Effective Pain Relief\n    text: Guaranteed results. Botox can provide")
    replace(folder / "faq.md", "- question: How many Botox sessions will I need?",
            "- question: How long does it take to see results from Therapeutic Botox?")
    replace(folder / "what-is.md", "Therapeutic Botox works by",
            "See [the risks](#risks). Therapeutic Botox works by")


def test_edited_content_fails_with_each_finding_at_its_line(project):
    edit_like_an_editor(project)
    result = invoke(project, "check")
    assert result.returncode == 1
    folder = project / "content" / TREATMENT
    reported = {(f["path"], int(f["line"]), f["level"], f["rule"])
                for f in findings(result.stdout)}
    where = f"content/{TREATMENT}"
    assert {
        (f"{where}/page.md", line_of(folder / "page.md", "next_review_due"), "error",
         "review.overdue"),
        ("content/practice.md", line_of(project / "content/practice.md", "placeholder: true"),
         "warning", "placeholder.contact"),
        (f"{where}/benefits.md", line_of(folder / "benefits.md", "Guaranteed"), "warning",
         "claims.guarantee"),
        (f"{where}/what-is.md", line_of(folder / "what-is.md", "#risks"), "error",
         "links.broken-anchor"),
    } <= reported
    duplicate = lines_of(folder / "faq.md", "How long does it take")[1]
    assert (f"{where}/faq.md:{duplicate}: faq[3].question: duplicate question"
            in result.stderr)


def test_claims_and_anchors_in_a_file_with_validation_errors_are_still_reported(project):
    faq = project / "content" / TREATMENT / "faq.md"
    replace(faq, "- question: How many Botox sessions will I need?",
            "- question: How long does it take to see results from Therapeutic Botox?")
    replace(faq, "Most patients require", "We promise guaranteed results. Most patients require")
    replace(faq, "Your doctor will review all", "See [risks](#risks). Your doctor will review all")
    result = invoke(project, "check")
    assert result.returncode == 1
    assert "duplicate question" in result.stderr
    reported = {(f["rule"], f["path"], int(f["line"])) for f in findings(result.stdout)}
    assert {("claims.guarantee", f"content/{TREATMENT}/faq.md", line_of(faq, "guaranteed")),
            ("links.broken-anchor", f"content/{TREATMENT}/faq.md", line_of(faq, "#risks"))
            } <= reported


def test_a_malformed_lint_date_is_refused_clearly(project, monkeypatch):
    monkeypatch.setenv("LINT_TODAY", "27/11/2026")
    result = invoke(project, "check")
    assert result.returncode == 2
    assert "must be a date written YYYY-MM-DD, not '27/11/2026'" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_output_lists_validation_problems_and_findings(project, monkeypatch):
    edit_like_an_editor(project)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # annotations must not break the JSON
    result = invoke(project, "check", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    rules = {f["rule"] for f in report["findings"]}
    assert {"validation", "review.overdue", "claims.guarantee", "links.broken-anchor"} <= rules
    assert report["summary"]["error"] == sum(f["level"] == "error" for f in report["findings"])


def test_github_actions_gets_annotations_for_errors_and_warnings(project, monkeypatch):
    edit_like_an_editor(project)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = invoke(project, "check")
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    folder = project / "content" / TREATMENT
    duplicate = lines_of(folder / "faq.md", "How long does it take")[1]
    claim = line_of(folder / "right-for-you.md", "drug-free")
    assert any(a.startswith(f"::error file=content/{TREATMENT}/faq.md,line={duplicate},"
                            "title=validation::faq[3].question: duplicate question")
               for a in annotations)
    assert any(a.startswith(f"::warning file=content/{TREATMENT}/right-for-you.md,line={claim},"
                            "title=claims.drug-free::") for a in annotations)
    assert not any("readability.score" in a for a in annotations)  # info stays in the log


def test_annotations_are_not_printed_outside_github(project, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert "::warning" not in invoke(project, "check").stdout


def test_release_check_makes_placeholders_errors_and_names_them(project):
    plain = invoke(project, "check")
    assert plain.returncode == 0, plain.stderr
    result = invoke(project, "check", "--release")
    assert result.returncode == 1
    practice = project / "content" / "practice.md"
    page = project / "content" / TREATMENT / "page.md"
    errors = {(f["path"], int(f["line"]), f["rule"]) for f in findings(result.stdout)
              if f["level"] == "error"}
    # The shipped disclosure says what to write ("Replace with…"): unfinished text. Every
    # sample value is refused by value, and so is the sample page's unacknowledged claim.
    assert {e for e in errors if e[2] != "placeholder.sample"} == {
        ("content/practice.md", line_of(practice, "disclosure:"), "placeholder.text"),
        ("content/practice.md", line_of(practice, "placeholder: true"), "placeholder.contact"),
        (f"content/{TREATMENT}/page.md", line_of(page, "placeholder: true"),
         "placeholder.reviewer"),
        (f"content/{TREATMENT}/right-for-you.md",
         line_of(project / "content" / TREATMENT / "right-for-you.md", "drug-free"),
         "claims.drug-free"),
    }
    assert {(e[0], e[1]) for e in errors if e[2] == "placeholder.sample"} == {
        ("content/practice.md", line_of(practice, needle)) for needle in (
            "name: Example", "clinician:", "phone:", "email:", "booking_url:", "address:",
            "who pays for", "title:", "Clinic: what each")} | {
        (f"content/{TREATMENT}/page.md", line_of(page, "name: Dr Alex Example"))}
    assert "Content OK" not in result.stdout
    assert "\ncontent/practice.md: " in result.stdout  # the to-do list, grouped by file
    assert "Not ready to publish" in result.stderr and "--allow-placeholders" in result.stderr
    assert "`.venv/bin/invoke check --release`" in result.stderr
    assert [f for f in findings(result.stdout) if f["level"] != "error"] == [
        f for f in findings(plain.stdout)
        if not f["rule"].startswith(("placeholder.", "claims."))]


def test_release_check_passes_real_details_and_spares_acknowledged_text(project):
    make_details_real(project)
    section = project / "content" / TREATMENT / "right-for-you.md"
    replace(section, "lint_ack:\n", "lint_ack:\n  - rule: placeholder.text\n"
                                     "    reason: The clinician fills this in at the desk\n")
    replace(section, "drug-free approach", "drug-free (TBD) approach")
    result = invoke(project, "check", "--release")
    assert result.returncode == 0, result.stdout + result.stderr
    reported = {(f["rule"], f["level"]) for f in findings(result.stdout)}
    assert ("placeholder.text", "acknowledged") in reported
    assert not {rule for rule, level in reported if level == "error"}
    assert "Not ready to publish" not in result.stderr


def test_release_check_reports_unfinished_text_as_an_error_in_json(project):
    make_details_real(project)
    replace(project / "content" / TREATMENT / "benefits.md", "name: Quick Procedure",
            "name: Replace with a benefit")
    result = invoke(project, "check", "--release", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [(f["rule"], f["level"]) for f in report["findings"]
            if f["rule"].startswith("placeholder.")] == [("placeholder.text", "error")]
    assert report["summary"]["error"] == 1

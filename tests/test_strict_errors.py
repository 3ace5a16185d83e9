"""Every kind of editor mistake fails the plain `pelican` build with file, line and a fix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pelican.settings import DEFAULT_CONFIG

from tests.support.helpers import ROOT, TREATMENT, line_of, output_line, replace, run_pelican
from treatment_pages.loading import load_site


@dataclass
class Case:
    file: str
    change: Callable[[Path], None]
    message: str
    line_marker: str | None  # text on the line the error must point at (after the change)


CASES = {
    "yaml-syntax": Case(
        "faq.md",
        lambda f: replace(f, "- question: Are there any side effects or risks?",
                          "- question: Risks: are there any?"),
        "YAML syntax error", "Risks: are there any?"),
    "unclosed-front-matter": Case(
        "what-is.md", lambda f: replace(f, "contents_label: What it is\n---\n",
                                        "contents_label: What it is\n"),
        "front matter is never closed", "---"),
    "no-front-matter": Case(
        "what-is.md", lambda f: f.write_text("Just text, no front matter.\n"),
        "does not start with front matter", "Just text"),
    "tab-indentation": Case(
        "faq.md", lambda f: replace(f, "  - question: How many", "\t- question: How many"),
        "a tab is used for indentation", "\t- question: How many"),
    "missing-required": Case(
        "benefits.md", lambda f: replace(f, "title: Benefits of Therapeutic Botox\n", ""),
        "title: this required field is missing", "position:"),
    "empty-required": Case(
        "faq.md", lambda f: replace(f, "    answer: Botox is generally safe", '    answer: ""\n#'),
        "faq[2].answer: must not be empty", '    answer: ""'),
    "blank-required": Case(
        "faq.md", lambda f: replace(f, "    answer: Botox is generally safe", "    answer:\n#"),
        "faq[2].answer: must not be empty", "    answer:"),
    "empty-title": Case(
        "what-is.md", lambda f: replace(f, "title: What Is Therapeutic Botox?", 'title: ""'),
        "title: must not be empty", 'title: ""'),
    "unknown-key": Case(
        "faq.md", lambda f: replace(f, "- question: How many", "- questoin: How many"),
        "unknown field — did you mean 'question'?", "questoin"),
    "duplicate-key": Case(
        "what-is.md", lambda f: replace(f, "position: 10\n", "position: 10\nposition: 11\n"),
        "position: this field appears twice", "position: 11"),
    "wrong-type-integer": Case(
        "what-is.md", lambda f: replace(f, "position: 10", "position: first"),
        "'first' is not a whole number", "position: first"),
    "wrong-type-list": Case(
        "faq.md", lambda f: f.write_text("---\ntitle: FAQ\nposition: 70\nfaq: just text\n---\n"),
        "faq: must be a list", "faq: just text"),
    "wrong-type-text": Case(
        "what-is.md", lambda f: replace(f, "title: What Is Therapeutic Botox?",
                                        "title:\n  - What Is Therapeutic Botox?"),
        "title: must be plain text, not a list", "- What Is Therapeutic Botox?"),
    "wrong-choice": Case(
        "indications.md", lambda f: replace(f, "approval: off-label", "approval: maybe"),
        "'maybe' is not allowed — use one of: approved, off-label", "approval: maybe"),
    "duplicate-question": Case(
        "faq.md", lambda f: replace(f, "How many Botox sessions will I need?",
                                    "how long does it take to see results from therapeutic botox?"),
        "duplicate question", "how long does it take"),
    "duplicate-position": Case(
        "how-it-works.md", lambda f: replace(f, "position: 20", "position: 10"),
        "position 10 is also used by", "position: 10"),
    "invalid-date": Case(
        "page.md",
        lambda f: replace(f, "next_review_due: 2027-11-27", "next_review_due: 2027-02-30"),
        "'2027-02-30' is not a real date", "next_review_due"),
    "date-wrong-format": Case(
        "page.md", lambda f: replace(f, "last_reviewed: 2026-11-27", "last_reviewed: 27/11/2026"),
        "is not a date written YYYY-MM-DD", "last_reviewed"),
    "empty-file": Case("new-section.md", lambda f: f.write_text(""), "the file is empty", None),
    "whitespace-only-file": Case("new-section.md", lambda f: f.write_text("\n  \n"),
                                 "the file is empty", None),
    "two-lists-in-one-section": Case(
        "benefits.md",
        lambda f: replace(f, "benefits:\n", "steps:\n  - name: A\n    text: B\nbenefits:\n"),
        "a section may hold only one list", "benefits:"),
    "text-after-hash-is-a-comment": Case(
        "indications.md",
        lambda f: replace(f, "description: Botox is FDA-approved",
                          "description: We are the #1 choice. Botox is FDA-approved"),
        "indications[1].description: the text after ' #' is read as a comment", "#1 choice"),
    "comment-line-inside-text": Case(
        "faq.md", lambda f: replace(f, "    answer: The number of Botox treatments",
                                    "    answer: The number of Botox\n      #treatments"),
        "faq[3].answer: the text after ' #' is read as a comment", "    answer: The number"),
    "yaml-tag-drops-words": Case(
        "faq.md", lambda f: replace(f, "- question: How many", "- question: !Important How many"),
        "faq[3].question: a value may not start with '!'", "!Important"),
    "yaml-anchor-drops-words": Case(
        "what-is.md", lambda f: replace(f, "title: What Is", "title: &t What Is"),
        "'&' and '*' make a YAML anchor or alias", "&t What Is"),
    "line-separator-in-front-matter": Case(
        "what-is.md", lambda f: replace(f, "title: What Is Therapeutic Botox?",
                                        "title: What Is\u2028Therapeutic Botox?"),
        "contains an invisible line separator", "title: What Is"),
    "duplicate-question-across-sections": Case(
        "more-questions.md",
        lambda f: f.write_text("---\ntitle: More questions\nposition: 75\nfaq:\n"
                               "  - question: How many Botox sessions will I need?\n"
                               "    answer: Several.\n---\n"),
        "faq[1].question: duplicate question", "  - question: How many"),
    "anchor-collides-with-the-layout": Case(
        "main.md", lambda f: f.write_text("---\ntitle: Main\nposition: 5\n---\nText.\n"),
        "its address '#main' is already used by the page layout", None),
    "anchor-collides-with-a-faq-item": Case(
        "faq-1.md", lambda f: f.write_text("---\ntitle: One\nposition: 75\n---\nText.\n"),
        "its address '#faq-1' is already used by faq.md", None),
    "javascript-link": Case(
        "what-is.md", lambda f: f.write_text(f.read_text() + "\n[click](javascript:alert(1))\n"),
        "link 'javascript:alert(1)' is not allowed", None),
}


def located(problems: list[str], target: Path, case: Case) -> list[str]:
    """The problem lines naming the case's file (and the line of its marker, if any)."""
    location = f"{TREATMENT}/{case.file}"
    if case.line_marker:
        location += f":{line_of(target, case.line_marker)}:"
    matching = [line for line in problems if location in line]
    assert matching, f"no line naming {location!r} in:\n" + "\n".join(problems)
    return matching


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_refused_naming_file_and_line(name, content):
    """Every case, through the loader the build uses (in-process: many cases, little time)."""
    case = CASES[name]
    target = content / TREATMENT / case.file
    case.change(target)
    _site, problems = load_site(content, DEFAULT_CONFIG)
    lines = [str(problem) for problem in problems]
    assert any(case.message in line for line in located(lines, target, case)), lines


# One case of each kind of failure, end to end through the plain `pelican` command.
END_TO_END = ["yaml-syntax", "unknown-key", "empty-file", "anchor-collides-with-the-layout",
              "javascript-link", "duplicate-question-across-sections"]


@pytest.mark.parametrize("name", END_TO_END)
def test_bad_input_fails_the_pelican_build_naming_file_and_line(name, content, build):
    case = CASES[name]
    target = content / TREATMENT / case.file
    case.change(target)
    result = build(content)
    assert result.returncode != 0, result.log
    assert "Traceback" not in result.log
    assert not (result.output / "index.html").exists()
    lines = result.stderr.splitlines()
    assert any(case.message in line for line in located(lines, target, case)), result.stderr


def test_message_names_the_path_relative_to_the_repository(content, tmp_path):
    """Run from the folder holding content/, as an editor does: the path starts at content/."""
    replace(content / TREATMENT / "faq.md", "    answer: Botox is generally safe",
            "    answer:\n#")
    result = run_pelican(Path("content"), tmp_path / "output",
                         settings=str(ROOT / "pelicanconf.py"), cwd=tmp_path)
    line = output_line(result.stderr, "faq[2].answer")
    assert line.startswith(f"content/{TREATMENT}/faq.md:"), line
    assert " — " in line


def test_all_problems_are_reported_in_one_run(content, build):
    replace(content / TREATMENT / "faq.md", "- question: How many", "- questoin: How many")
    replace(content / TREATMENT / "page.md", "next_review_due: 2027-11-27", "next_review_due: soon")
    replace(content / TREATMENT / "what-is.md", "position: 10", "position: ten")
    result = build(content)
    assert result.returncode == 1
    for fragment in ("faq.md:", "page.md:", "what-is.md:"):
        assert fragment in result.stderr
    assert "Build failed: 4 content problems in 3 files" in result.stderr


def test_stray_files_are_errors_not_silently_ignored(content, build):
    (content / "notes.md").write_text("---\ntitle: x\n---\n")
    (content / TREATMENT / "faq.yaml").write_text("faq: []\n")
    (content / "new-treatment").mkdir()
    (content / "new-treatment" / "intro.md").write_text("---\ntitle: x\nposition: 1\n---\nText\n")
    result = build(content)
    assert result.returncode == 1
    assert "notes.md: this file is not part of any treatment" in result.stderr
    assert "faq.yaml: this is not a section file" in result.stderr
    assert "new-treatment/page.md: the treatment folder has no page.md" in result.stderr


def test_a_logged_error_fails_the_build(content, build):
    result = build(content, "-e", 'PLUGINS=["strict_build", "treatment_pages", "no_such_plugin"]')
    assert result.returncode == 1
    assert "Build failed: 1 error(s) were logged above" in result.stderr


def test_a_template_typo_fails_the_build(content, tmp_path, build):
    import shutil

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    replace(theme / "templates" / "treatment.html", "{{ meta.title }}</h1>",
            "{{ meta.titel }}</h1>")
    result = build(content, "-t", str(theme))
    assert result.returncode != 0
    assert "titel" in result.log
    assert not (result.output / "index.html").exists()

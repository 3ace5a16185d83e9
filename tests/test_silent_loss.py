"""Issue 11: every way an editor's words could vanish or change silently is refused with a line.

Each class is tried with the reported example and other instances (other files, fields and
positions). A case names the file, the change, the message and the line it must point at.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.helpers import DATA, TREATMENT, findings, invoke, line_of, replace, section_files

FAQ_ANSWER = "    answer: The number of Botox treatments depends on the condition being treated"
TIP = "keep a headache diary before each visit."


def append_after(path: Path, anchor_line_start: str, added: str) -> None:
    """Insert `added` after the (whole) line that starts with `anchor_line_start`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(anchor_line_start))
    lines[index + 1:index + 1] = added.split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def append_to_file(path: Path, added: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")


def move_below_front_matter(path: Path, block: str) -> None:
    """Cut `block` out of the front matter and paste it below the closing '---'."""
    replace(path, block, "")
    append_to_file(path, block)


@dataclass
class Case:
    file: str  # relative to content/
    change: Callable[[Path], None]
    message: str
    line_marker: str | None  # text on the line the error must point at (after the change)


CASES = {
    # 1. YAML comments inside or right after text.
    "comment-after-blank-line-in-faq-answer": Case(
        f"{TREATMENT}/faq.md", lambda f: append_after(f, FAQ_ANSWER, f"\n      #1 tip: {TIP}"),
        "faq[3].answer: the text after ' #' is read as a comment", "    answer: The number of"),
    "comment-after-blank-line-in-subtitle": Case(
        f"{TREATMENT}/page.md", lambda f: append_after(f, "subtitle:", f"\n  #1 tip: {TIP}"),
        "subtitle: the text after ' #' is read as a comment", "subtitle:"),
    "comment-continuing-an-indication": Case(
        f"{TREATMENT}/indications.md",
        lambda f: append_after(f, "    description: Botox is FDA-approved", "      # for adults"),
        "indications[1].description: the text after ' #' is read as a comment",
        "    description: Botox is FDA-approved"),
    "comment-ending-a-folded-block": Case(
        f"{TREATMENT}/page.md",
        lambda f: append_after(f, "  treats, what happens", " # and who it is for"),
        "description: the text after ' #' is read as a comment", "description: >-"),
    "comment-after-a-practice-address": Case(
        "practice.md", lambda f: replace(f, "Springfield, ZZ 00000", "Springfield #2 floor"),
        "address: the text after ' #' is read as a comment", "address:"),
    # 2. Text after the front matter of a file that has no body.
    "field-below-page-front-matter": Case(
        f"{TREATMENT}/page.md", lambda f: append_to_file(f, "\nnext_review_due: 2028-01-01\n"),
        "text below the closing '---' is not used", "next_review_due: 2028"),
    "drug-block-moved-below-page-front-matter": Case(
        f"{TREATMENT}/page.md", lambda f: move_below_front_matter(
            f, "drug:\n  generic_name: onabotulinumtoxinA\n  brand_name: Botox\n"
               "  prescription_only: true\n"),
        "text below the closing '---' is not used", "drug:"),
    "words-below-practice-front-matter": Case(
        "practice.md", lambda f: append_to_file(f, "\nOpen Monday to Friday.\n"),
        "text below the closing '---' is not used", "Open Monday to Friday."),
    # 9. Field kinds enforced as documented.
    "booking-url-over-http": Case(
        "practice.md", lambda f: replace(f, "https://example.com/book", "http://example.com/book"),
        "booking_url: 'http://example.com/book' is not a full web address starting with https://",
        "booking_url:"),
    "reference-url-over-http": Case(
        f"{TREATMENT}/safety.md", lambda f: replace(f, "url: https://", "url: http://"),
        "is not a full web address starting with https://", "url: http://"),
    "phone-without-digits": Case(
        "practice.md", lambda f: replace(f, '"+1 202-555-0142"', '"(((( ))))"'),
        "phone: '(((( ))))' is not a phone number", "phone:"),
    "phone-with-too-few-digits": Case(
        "practice.md", lambda f: replace(f, '"+1 202-555-0142"', '"+1 (202) 55"'),
        "phone: '+1 (202) 55' is not a phone number", "phone:"),
    # 10. Invisible characters.
    "zero-width-space-in-a-question": Case(
        f"{TREATMENT}/faq.md",
        lambda f: replace(f, "- question: How many Botox", "- question: How many\u200b Botox"),
        "faq[3].question: contains an invisible zero-width character (U+200B)",
        "- question: How many"),
    "word-joiner-in-a-section-title": Case(
        f"{TREATMENT}/what-is.md", lambda f: replace(f, "title: What Is", "title: What\u2060 Is"),
        "title: contains an invisible zero-width character (U+2060)", "title: What"),
    "zero-width-joiner-in-a-reviewer-name": Case(
        f"{TREATMENT}/page.md", lambda f: replace(f, "name: Dr Alex", "name: Dr\u200d Alex"),
        "reviewed_by.name: contains an invisible zero-width character (U+200D)", "  name: Dr"),
    "bidi-override-in-a-question": Case(
        f"{TREATMENT}/faq.md",
        lambda f: replace(f, "- question: How many", "- question: \u202eHow many"),
        "contains an invisible direction control (U+202E)", "- question: \u202eHow many"),
    "bidi-isolate-in-a-section-body": Case(
        f"{TREATMENT}/what-is.md", lambda f: append_to_file(f, "\nSafe \u2067and\u2069 proven.\n"),
        "contains an invisible direction control (U+2067)", "Safe "),
    "right-to-left-mark-in-practice-name": Case(
        "practice.md", lambda f: replace(f, "name: Example", "name: \u200fExample"),
        "contains an invisible direction control (U+200F)", "name: \u200fExample"),
    # 12. Minor: an unclosed quote at its opening line; a null word where text is expected.
    "unclosed-quote-points-at-its-opening": Case(
        f"{TREATMENT}/what-is.md", lambda f: replace(f, "title: What Is", 'title: "What Is'),
        "YAML syntax error", 'title: "What Is'),
    "null-contents-label": Case(
        f"{TREATMENT}/faq.md",
        lambda f: replace(f, "contents_label: Questions", "contents_label: Null"),
        "contents_label: 'Null' is YAML's word for 'no value'", "contents_label: Null"),
    "tilde-subtitle": Case(
        f"{TREATMENT}/page.md",
        lambda f: replace(f, "subtitle: A Targeted Approach to Reducing Pain and Tension",
                          "subtitle: ~"),
        "subtitle: '~' is YAML's word for 'no value'", "subtitle: ~"),
}


def test_a_comment_line_between_fields_is_still_a_comment(content, build):
    """Comments at a field's own indentation (as the scaffold writes them) stay allowed."""
    append_after(content / TREATMENT / "faq.md", FAQ_ANSWER, "  # a note for the next editor")
    append_after(content / TREATMENT / "page.md", "subtitle:", "# the slug is the address")
    result = build(content)
    assert result.returncode == 0, result.log


def test_quoted_words_that_look_like_comments_and_nulls_are_kept(content, build):
    replace(content / TREATMENT / "faq.md", "contents_label: Questions", 'contents_label: "Null"')
    replace(content / TREATMENT / "faq.md", FAQ_ANSWER, f'{FAQ_ANSWER} "#1 tip"')
    result = build(content)
    assert result.returncode == 0, result.log
    page = result.html()
    assert '>Null</a>' in page
    assert "\u201c#1 tip\u201d" in page or '"#1 tip"' in page or "&#34;#1 tip&#34;" in page


CONFLICT = "<<<<<<< HEAD\n{ours}\n=======\n{theirs}\n>>>>>>> edits-from-the-cms\n"

CASES_OF_FILES = {
    # 6. File-system oddities end in a message, not a traceback.
    "dangling-link-as-a-section": Case(
        f"{TREATMENT}/extra.md", lambda f: f.symlink_to("/nonexistent/file.md"),
        "cannot be read: it is a link to a file that does not exist", None),
    "dangling-link-as-page-md": Case(
        f"{TREATMENT}/page.md", lambda f: (f.unlink(), f.symlink_to("/nonexistent/page.md")),
        "cannot be read: it is a link to a file that does not exist", None),
    "dangling-link-in-the-content-root": Case(
        "notes.md", lambda f: f.symlink_to("/nonexistent/notes.md"),
        "this file is not part of any treatment", None),
    # 7. Merge-conflict markers, in a body, in front matter and in the practice file.
    "conflict-in-a-section-body": Case(
        f"{TREATMENT}/what-is.md", lambda f: append_to_file(f, "\n" + CONFLICT.format(
            ours="It lasts 3 months.", theirs="It lasts 6 months.")),
        "a merge-conflict marker", "<<<<<<< HEAD"),
    "conflict-in-front-matter": Case(
        f"{TREATMENT}/faq.md", lambda f: replace(f, "contents_label: Questions\n", CONFLICT.format(
            ours="contents_label: Questions", theirs="contents_label: FAQ")),
        "a merge-conflict marker", ">>>>>>> edits-from-the-cms"),
    "conflict-in-practice-md": Case(
        "practice.md", lambda f: replace(f, "name: Example Pain Clinic\n", CONFLICT.format(
            ours="name: Example Pain Clinic", theirs="name: Example Clinic")),
        "a merge-conflict marker", "======="),
}


@pytest.mark.parametrize("name", [*CASES, *CASES_OF_FILES])
def test_silent_loss_is_refused_with_file_and_line(name, content, build):
    case = {**CASES, **CASES_OF_FILES}[name]
    target = content / case.file
    case.change(target)
    result = build(content)
    assert result.returncode != 0, result.log
    assert "Traceback" not in result.log
    location = f"{case.file}:{line_of(target, case.line_marker)}:" if case.line_marker \
        else f"{case.file}:"
    assert any(location in line and case.message in line for line in result.stderr.splitlines()), \
        result.stderr


# 3. Files and folders skipped by name: never a "successful" site without its pages.
def test_a_deleted_treatment_folder_fails_the_build(content, build):
    shutil.rmtree(content / TREATMENT)
    result = build(content)
    assert result.returncode == 1 and "Traceback" not in result.log
    assert "there is no treatment folder to publish" in result.stderr


@pytest.mark.parametrize("hidden",
                         [f"_{TREATMENT}", f".{TREATMENT}", f"#{TREATMENT}", f"{TREATMENT}~"])
def test_a_treatment_folder_skipped_for_its_name_fails_and_says_why(hidden, content, build):
    (content / TREATMENT).rename(content / hidden)
    result = build(content)
    assert result.returncode == 1 and "Traceback" not in result.log
    assert f"skipped for their names: {hidden}" in result.stderr


def test_a_home_treatment_that_does_not_exist_is_an_error(content, build):
    shutil.copytree(DATA / "fixture-treatment", content / "fixture-treatment")
    (content / TREATMENT).rename(content / f"_{TREATMENT}")
    result = build(content)
    assert result.returncode == 1 and "Traceback" not in result.log
    assert f"content/practice.md:{line_of(content / 'practice.md', 'home:')}: home: no " \
        f"treatment has the slug '{TREATMENT}'" in result.stderr
    assert f"skipped for their names: _{TREATMENT}" in result.stderr


def test_a_treatment_folder_with_only_page_md_is_an_error(content, build):
    for path in section_files(content / TREATMENT):
        path.unlink()
    result = build(content)
    assert result.returncode == 1 and "Traceback" not in result.log
    assert f"{TREATMENT}: the treatment folder has no section files" in result.stderr


@pytest.mark.parametrize("name", ["x" * 300, "Botox " * 60, "é" * 200])
def test_new_treatment_refuses_a_name_too_long_for_an_address(project, name):
    result = invoke(project, "new-treatment", name)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "use a shorter name" in result.stderr
    assert sorted(p.name for p in (project / "content").iterdir()) == ["practice.md", TREATMENT]


# 11. Editor text quoted in a message never starts an output line (CI reads `::` commands).
SPOOF = "\\n::error file=README.md,line=1::SPOOFED"


@pytest.mark.parametrize(("file", "old", "new"), [
    (f"{TREATMENT}/indications.md", "    approval: approved", f'    approval: "off{SPOOF}"'),
    (f"{TREATMENT}/page.md", "slug: therapeutic-botox", f'slug: "botox{SPOOF}"'),
    ("practice.md", "email: appointments@example.com", f'email: "a@b{SPOOF}"'),
    (f"{TREATMENT}/faq.md", "contents_label: Questions", f'contents_label: "Questions{SPOOF}"\n'
                                                       f'indications: "x{SPOOF}"'),
])
@pytest.mark.parametrize("task", ["build", "check"])
def test_quoted_editor_text_cannot_start_an_output_line(project, file, old, new, task,
                                                         monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    replace(project / "content" / file, old, new)
    result = invoke(project, task)
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).splitlines()
    assert not [line for line in lines if "SPOOFED" in line and not line.startswith(
        ("content/", "::error file=content/"))], "\n".join(lines)
    assert any("\\n::error file=README.md" in line or "%0A::error" in line for line in lines)


@pytest.mark.parametrize("name", ["_faq.md", "safety.md.bak", "benefits.md~", "#what-is.md#"])
def test_check_lists_a_section_file_skipped_for_its_name(project, name):
    folder = project / "content" / TREATMENT
    shutil.copy(folder / name.strip("_#~").removesuffix(".bak"), folder / name)
    result = invoke(project, "check")
    skipped = [f for f in findings(result.stdout) if f["rule"] == "files.skipped"] or [
        line for line in result.stdout.splitlines() if "files.skipped" in line]
    assert skipped, result.stdout
    assert any(f"content/{TREATMENT}/{name}" in str(item) for item in skipped)


@pytest.mark.parametrize("task", ["build", "check"])
@pytest.mark.parametrize("link", [f"{TREATMENT}/extra.md", f"{TREATMENT}/faq.md", "practice.md"])
def test_a_dangling_link_is_a_message_in_every_task(project, task, link):
    target = project / "content" / link
    target.unlink(missing_ok=True)
    target.symlink_to("/nonexistent/file.md")
    result = invoke(project, task)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"content/{link}: cannot be read" in result.stderr or \
        f"content/{link}: the practice file is missing" in result.stderr, result.stderr


# 12. Every problem of a file in one run, each at its own line.
@pytest.mark.parametrize(("file", "line_text"), [
    ("what-is.md", "See [this](javascript:alert(1)) first."),
    ("how-it-works.md", "Or [that](data:text/html,hi) page."),
    ("safety.md", "- [a list link](vbscript:x)"),
])
def test_a_refused_link_is_reported_at_its_own_line(content, build, file, line_text):
    path = content / TREATMENT / file
    append_to_file(path, f"\nFirst paragraph.\n\n{line_text}\n")
    result = build(content)
    assert result.returncode == 1
    assert f"{TREATMENT}/{file}:{line_of(path, line_text)}: link '" in result.stderr, result.stderr


def test_an_unknown_field_does_not_hide_the_files_other_problems(content, build):
    faq = content / TREATMENT / "faq.md"
    replace(faq, "contents_label: Questions", "contents_lable: Questions")
    replace(faq, "Most patients require", "See [x](javascript:void). Most patients require")
    what_is = content / TREATMENT / "what-is.md"
    replace(what_is, "position: 10", "positon: 10")
    append_to_file(what_is, "\n<!-- note to self -->\n")
    result = build(content)
    assert result.returncode == 1
    for expected in (f"faq.md:{line_of(faq, 'contents_lable')}: contents_lable: unknown field",
                     "faq.md:", "link 'javascript:void' is not allowed",
                     f"what-is.md:{line_of(what_is, 'positon')}: positon: unknown field",
                     f"what-is.md:{line_of(what_is, '<!--')}:"):
        assert expected in result.stderr, (expected, result.stderr)

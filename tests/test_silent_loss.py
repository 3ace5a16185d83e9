"""Issue 11: every way an editor's words could vanish or change silently is refused with a line.

Each class is tried with the reported example and other instances (other files, fields and
positions). A case names the file, the change, the message and the line it must point at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import SECTION, line_of, replace

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
        f"{SECTION}/faq.md", lambda f: append_after(f, FAQ_ANSWER, f"\n      #1 tip: {TIP}"),
        "faq[3].answer: the text after ' #' is read as a comment", "    answer: The number of"),
    "comment-after-blank-line-in-subtitle": Case(
        f"{SECTION}/page.md", lambda f: append_after(f, "subtitle:", f"\n  #1 tip: {TIP}"),
        "subtitle: the text after ' #' is read as a comment", "subtitle:"),
    "comment-continuing-an-indication": Case(
        f"{SECTION}/indications.md",
        lambda f: append_after(f, "    description: Botox is FDA-approved", "      # for adults"),
        "indications[1].description: the text after ' #' is read as a comment",
        "    description: Botox is FDA-approved"),
    "comment-ending-a-folded-block": Case(
        f"{SECTION}/page.md",
        lambda f: append_after(f, "  treats, what happens", " # and who it is for"),
        "description: the text after ' #' is read as a comment", "description: >-"),
    "comment-after-a-practice-address": Case(
        "practice.md", lambda f: replace(f, "Springfield, ZZ 00000", "Springfield #2 floor"),
        "address: the text after ' #' is read as a comment", "address:"),
    # 2. Text after the front matter of a file that has no body.
    "field-below-page-front-matter": Case(
        f"{SECTION}/page.md", lambda f: append_to_file(f, "\nnext_review_due: 2028-01-01\n"),
        "text below the closing '---' is not used", "next_review_due: 2028"),
    "drug-block-moved-below-page-front-matter": Case(
        f"{SECTION}/page.md", lambda f: move_below_front_matter(
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
        f"{SECTION}/safety.md", lambda f: replace(f, "url: https://", "url: http://"),
        "is not a full web address starting with https://", "url: http://"),
    "phone-without-digits": Case(
        "practice.md", lambda f: replace(f, '"+1 202-555-0142"', '"(((( ))))"'),
        "phone: '(((( ))))' is not a phone number", "phone:"),
    "phone-with-too-few-digits": Case(
        "practice.md", lambda f: replace(f, '"+1 202-555-0142"', '"+1 (202) 55"'),
        "phone: '+1 (202) 55' is not a phone number", "phone:"),
    # 10. Invisible characters.
    "zero-width-space-in-a-question": Case(
        f"{SECTION}/faq.md",
        lambda f: replace(f, "- question: How many Botox", "- question: How many\u200b Botox"),
        "faq[3].question: contains an invisible zero-width character (U+200B)",
        "- question: How many"),
    "word-joiner-in-a-section-title": Case(
        f"{SECTION}/what-is.md", lambda f: replace(f, "title: What Is", "title: What\u2060 Is"),
        "title: contains an invisible zero-width character (U+2060)", "title: What"),
    "zero-width-joiner-in-a-reviewer-name": Case(
        f"{SECTION}/page.md", lambda f: replace(f, "name: Dr Alex", "name: Dr\u200d Alex"),
        "reviewed_by.name: contains an invisible zero-width character (U+200D)", "  name: Dr"),
    "bidi-override-in-a-question": Case(
        f"{SECTION}/faq.md",
        lambda f: replace(f, "- question: How many", "- question: \u202eHow many"),
        "contains an invisible direction control (U+202E)", "- question: \u202eHow many"),
    "bidi-isolate-in-a-section-body": Case(
        f"{SECTION}/what-is.md", lambda f: append_to_file(f, "\nSafe \u2067and\u2069 proven.\n"),
        "contains an invisible direction control (U+2067)", "Safe "),
    "right-to-left-mark-in-practice-name": Case(
        "practice.md", lambda f: replace(f, "name: Example", "name: \u200fExample"),
        "contains an invisible direction control (U+200F)", "name: \u200fExample"),
    # 12. Minor: an unclosed quote at its opening line; a null word where text is expected.
    "unclosed-quote-points-at-its-opening": Case(
        f"{SECTION}/what-is.md", lambda f: replace(f, "title: What Is", 'title: "What Is'),
        "YAML syntax error", 'title: "What Is'),
    "null-contents-label": Case(
        f"{SECTION}/faq.md",
        lambda f: replace(f, "contents_label: Questions", "contents_label: Null"),
        "contents_label: 'Null' is YAML's word for 'no value'", "contents_label: Null"),
    "tilde-subtitle": Case(
        f"{SECTION}/page.md",
        lambda f: replace(f, "subtitle: A Targeted Approach to Reducing Pain and Tension",
                          "subtitle: ~"),
        "subtitle: '~' is YAML's word for 'no value'", "subtitle: ~"),
}


@pytest.mark.parametrize("name", CASES)
def test_silent_loss_is_refused_with_file_and_line(name, content, build):
    case = CASES[name]
    target = content / case.file
    case.change(target)
    result = build(content)
    assert result.returncode != 0, result.log
    assert "Traceback" not in result.log
    location = f"{case.file}:{line_of(target, case.line_marker)}:" if case.line_marker \
        else case.file
    matching = [line for line in result.stderr.splitlines() if location in line]
    assert matching, f"no line naming {location!r} in:\n{result.stderr}"
    assert any(case.message in line for line in matching), "\n".join(matching)


def test_a_comment_line_between_fields_is_still_a_comment(content, build):
    """Comments at a field's own indentation (as the scaffold writes them) stay allowed."""
    append_after(content / SECTION / "faq.md", FAQ_ANSWER, "  # a note for the next editor")
    append_after(content / SECTION / "page.md", "subtitle:", "# the slug is the address")
    result = build(content)
    assert result.returncode == 0, result.log


def test_quoted_words_that_look_like_comments_and_nulls_are_kept(content, build):
    replace(content / SECTION / "faq.md", "contents_label: Questions", 'contents_label: "Null"')
    replace(content / SECTION / "faq.md", FAQ_ANSWER, f'{FAQ_ANSWER} "#1 tip"')
    result = build(content)
    assert result.returncode == 0, result.log
    page = result.html()
    assert '>Null</a>' in page
    assert "\u201c#1 tip\u201d" in page or '"#1 tip"' in page or "&#34;#1 tip&#34;" in page

"""Issue 18, class 7: messages point at the right place, in an editor's words.

In-process through the loader (`load_site`), on the sample fixture site: links at the line
that writes them however they are spelt, comment lines that shift nothing, unreadable
characters at their line, and no PyYAML or Python spelling in any message.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pelican.settings import DEFAULT_CONFIG

from tests.support.helpers import TREATMENT, line_of
from treatment_pages.loading import load_site


@pytest.mark.parametrize(("added", "marker"), [
    ("See <javascript:alert(1)> now.", "<javascript:"),
    ("See [the form][form].\n\n[form]: javascript:alert(1)", "[form]: javascript"),
    ("Text.\n\nMore text, then [a link](data:text/html,x).", "[a link]"),
    ("See [the form][f] and more.\n\n\n[f]: <vbscript:x>", "[f]: <vbscript"),
])
def test_a_refused_link_is_reported_at_the_line_that_writes_it(content, added, marker):
    what_is = content / TREATMENT / "what-is.md"
    what_is.write_text(what_is.read_text(encoding="utf-8") + f"\n{added}\n", encoding="utf-8")
    _, problems = load_site(content, DEFAULT_CONFIG)
    lines = [p.line for p in problems if "is not allowed" in p.message]
    assert lines == [line_of(what_is, marker)], [str(p) for p in problems]


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


@pytest.mark.parametrize(("added", "marker", "message"), [
    ("[x](&#106;avascript:alert)", "[x](&#106;", "is not allowed"),
    ("See [x][r].\n\n[r]: &#x2F;nowhere/", "[r]: &#x2F;", "matches no page"),
    ("Read [this](/caf&eacute;/) first.", "Read [this]", "matches no page"),
    ("Read [this](/caf\u00e9/) first.", "Read [this]", "matches no page"),
    ("Read [this](/no\\_where/).", "Read [this]", "matches no page"),
    ("Text.\n\nSee [x](<&#x2F;no where/>).", "See [x]", "matches no page"),
])
def test_a_link_spelt_with_entities_or_escapes_is_reported_at_its_line(content, added, marker,
                                                                        message):
    what_is = content / TREATMENT / "what-is.md"
    append(what_is, added)
    _, problems = load_site(content, DEFAULT_CONFIG)
    found = [p for p in problems if message in p.message]
    assert [(p.path, p.line) for p in found] == [(what_is, line_of(what_is, marker))], \
        [str(p) for p in problems]


# A '#' comment line in the front matter shifts nothing: every line after it is still reported
# at its own number (the comment's own line was reported one too low).
@pytest.mark.parametrize(("comment_after", "comment"), [
    ("---", "# a note for editors"),
    ("title: What Is Therapeutic Botox?", "# about the position"),
    ("title: What Is Therapeutic Botox?", "  # indented, under the title"),
    ("position: 10", "#no space after the mark"),
])
def test_comment_lines_do_not_shift_line_numbers(content, comment_after, comment):
    what_is = content / TREATMENT / "what-is.md"
    lines = what_is.read_text(encoding="utf-8").split("\n")
    lines.insert(lines.index(comment_after) + 1, comment)
    what_is.write_text("\n".join(lines).replace("contents_label: What it is",
                                                "contents_label: [What it is]"), encoding="utf-8")
    _, problems = load_site(content, DEFAULT_CONFIG)
    found = {(p.line, p.field) for p in problems if p.path == what_is}
    assert (line_of(what_is, "contents_label: [What it is]"), "contents_label") in found, found
    for problem in problems:  # a comment named in a message is named at its own line
        if "read as a comment" in problem.message:
            assert f"(line {line_of(what_is, comment)})" in problem.message, str(problem)


def test_an_indented_comment_under_text_is_named_at_its_own_line(content):
    what_is = content / TREATMENT / "what-is.md"
    lines = what_is.read_text(encoding="utf-8").split("\n")
    lines.insert(lines.index("title: What Is Therapeutic Botox?") + 1, "   # and more words")
    what_is.write_text("\n".join(lines), encoding="utf-8")
    _, problems = load_site(content, DEFAULT_CONFIG)
    assert [str(p).split("what-is.md", 1)[1] for p in problems if p.path == what_is] == [
        f":{line_of(what_is, 'title: What Is Therapeutic Botox?')}: title: the text after ' #' "
        f"is read as a comment and dropped (line {line_of(what_is, '   # and more words')}) — "
        "wrap the whole text in quotes"]


@pytest.mark.parametrize(("file", "field"), [
    ("practice.md", "name:"), (f"{TREATMENT}/page.md", "subtitle:"),
    (f"{TREATMENT}/what-is.md", "contents_label:"), (f"{TREATMENT}/faq.md", "title:"),
])
@pytest.mark.parametrize("character", ["\ufffe", "\uffff"])
def test_a_character_yaml_cannot_read_is_named_at_its_line_in_words(content, file, field,
                                                                     character):
    path = content / file
    line = line_of(path, next(x for x in path.read_text(encoding="utf-8").split("\n")
                              if x.startswith(field)))
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] += character
    path.write_text("\n".join(lines), encoding="utf-8")
    _, problems = load_site(content, DEFAULT_CONFIG)
    assert [str(p).split(path.name, 1)[1] for p in problems if p.path == path] == [
        f":{line}: the character U+{ord(character):04X} cannot be read in the front matter — "
        "delete it (retype the text around it if you cannot see it)"]


# Bad front matter of every kind: each message is in words (no PyYAML or Python spelling) at a line.
INTERNALS = re.compile(r"<unicode string>|Node\(|tag:yaml\.org|position \d|<class |\\x|"
                       r"\\u|\bNone\b|Traceback|datetime\.|\{'|\['|object at 0x")
BAD_FRONT_MATTER = [
    "title: a\ufffeb", "title:\ta", "? [a, b]\n: c", "title: !!binary aGVsbG8=", "? a",
    "title: [a, b]", "title: {a: b}", "title: 2020-01-01", "title: ~", "title: a\ntitle: b",
    "titel: a", "1: a", "title:\n  - a", "position: 1.5", "position: 99999999999999999999",
    "faq: hello", "faq:\n  - hello", "faq:\n  - question: q\n    answer: a\n    x: {y: 1}",
    "position: yes", "position: .inf", "position: 0x1A", "title: &a x", "position: [1]",
    "<<: {title: x}", ": x", 'title: "abc',
]


@pytest.mark.parametrize("front", BAD_FRONT_MATTER)
def test_no_message_spells_python_or_yaml_internals(content, front):
    what_is = content / TREATMENT / "what-is.md"
    what_is.write_text("---\n" + front + "\n" + what_is.read_text(encoding="utf-8")
                       .split("\n", 1)[1], encoding="utf-8")
    _, problems = load_site(content, DEFAULT_CONFIG)
    mine = [p for p in problems if p.path == what_is]
    assert mine, front
    for problem in mine:
        assert not INTERNALS.search(problem.detail), str(problem)
        assert problem.line, str(problem)


def test_a_section_of_care_cards_alone_has_text(content):
    (content / TREATMENT / "when-to-get-help.md").write_text(
        "---\ntitle: When to get help\nposition: 66\ncare_cards:\n  - level: urgent\n"
        "    heading: 'Call the clinic if:'\n    symptoms:\n      - text: a fever\n"
        "    action: call-clinic\n---\n", encoding="utf-8")
    _, problems = load_site(content, DEFAULT_CONFIG)
    assert [str(p) for p in problems if "when-to-get-help" in str(p.path)] == []

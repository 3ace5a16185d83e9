"""Issue 18, class 2: no input crashes or hangs; each is a message at its file (and line).

Instances run in-process through the loader (`load_site`, as the build does), with a few
end to end through `pelican`, `invoke check` (text and JSON) and `invoke report`. The fuzz
test generates front matter from the schema, valid and broken.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.settings import DEFAULT_CONFIG

from tests.support.helpers import TREATMENT, content_copy, invoke, line_of, replace
from treatment_pages.frontmatter import MAY_ANCHOR, _anchors_and_aliases
from treatment_pages.loading import load_site
from treatment_pages.problems import Diagnostic
from treatment_pages.schema import PAGE_FIELDS, SECTION_FIELDS, Field

SETTINGS = DEFAULT_CONFIG
FAQ_TOP = "---\ntitle: Questions\nposition: 70\n"
ALIAS_BOMB = FAQ_TOP + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefghij", "bcdefghijk", strict=True)
).replace("[*a, ", "[x, ").replace("b: &b [x, *a", "b: &b [x, x").join(["a: &a [x, x]\n", ""]) \
    + "faq: *k\n---\nText.\n"
PYTHON_INTERNALS = re.compile(r"Node\(|Traceback|Error\b|<[a-z_.]+ object|\bNone\b")


def write(relative: str, text: str | bytes) -> Callable[[Path], None]:
    def change(content: Path) -> None:
        path = content / relative
        if path.is_dir():
            path.rmdir()
        data = text.encode() if isinstance(text, str) else text
        path.write_bytes(data)
    return change


def page_field(name: str, value: str) -> Callable[[Path], None]:
    """page.md with the (one-line or block) field `name` replaced by `name: value`."""
    def change(content: Path) -> None:
        page = content / TREATMENT / "page.md"
        lines = page.read_text().split("\n")
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
        end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
        lines[start:end] = [f"{name}: {value}"]
        page.write_text("\n".join(lines))
    return change


def symlink(relative: str, target: str) -> Callable[[Path], None]:
    def change(content: Path) -> None:
        path = content / relative
        if path.exists() or path.is_symlink():
            path.unlink()
        os.symlink(target, path)
    return change


def folder(relative: str) -> Callable[[Path], None]:
    def change(content: Path) -> None:
        (content / relative).unlink()
        (content / relative).mkdir()
    return change


CASES = {  # name: (change, file, line or None, message)
    "empty-front-matter": (write(f"{TREATMENT}/faq.md", "---\n---\nText.\n"), "faq.md", 2,
                           "title: this required field is missing"),
    "all-comments-front-matter": (write(f"{TREATMENT}/faq.md", "---\n# a note\n  # another\n---\n"
                                        "Text.\n"), "faq.md", 2, "title: this required field"),
    "empty-practice-front-matter": (write("practice.md", "---\n---\n"), "practice.md", 2,
                                    "name: this required field is missing"),
    "faq-empty-list": (write(f"{TREATMENT}/faq.md", FAQ_TOP + "faq: []\n---\nText.\n"), "faq.md",
                       4, "faq: the list is empty"),
    "key-facts-empty-list": (page_field("key_facts", "[]"), "page.md", 7,
                             "key_facts: the list is empty"),
    "reviewed-by-empty-map": (page_field("reviewed_by", "{}"), "page.md", 17,
                              "reviewed_by.name: this required field is missing"),
    "related-empty-list": (page_field("slug", "therapeutic-botox\nrelated: []"), "page.md", 16,
                           "related: the list is empty"),
    "care-card-empty-symptoms": (write(f"{TREATMENT}/faq.md", FAQ_TOP + "care_cards:\n  - level: "
                                       "urgent\n    heading: 'Call if:'\n    symptoms: []\n"
                                       "    action: book\n---\nText.\n"), "faq.md", 7,
                                 "care_cards[1].symptoms: the list is empty"),
    "faq-item-empty-map": (write(f"{TREATMENT}/faq.md", FAQ_TOP + "faq:\n  - {}\n---\n"),
                           "faq.md", 5, "faq[1].question: this required field is missing"),
    "complex-key": (write(f"{TREATMENT}/faq.md", FAQ_TOP + "? [a, b]\n: c\n---\nText.\n"),
                    "faq.md", 4, "a field name must be a word, not a list"),
    "complex-key-in-record": (page_field("drug", "\n  ? {a: 1}\n  : x"), "page.md", 22,
                              "drug: a field name must be a word, not a group of fields"),
    "latin-1-byte": (write(f"{TREATMENT}/faq.md", b"---\ntitle: Caf\xe9\nposition: 70\n---\n"),
                     "faq.md", 2, "is not UTF-8 text (byte 0xE9 cannot be read)"),
    "latin-1-byte-in-body": (write(f"{TREATMENT}/faq.md", FAQ_TOP.encode() + b"---\n\nna\xefve\n"),
                             "faq.md", 6, "is not UTF-8 text"),
    "alias-bomb": (write(f"{TREATMENT}/faq.md", ALIAS_BOMB), "faq.md", 4,
                   "'&' and '*' make a YAML anchor or alias"),
    "alias-of-a-title": (write(f"{TREATMENT}/faq.md", "---\ntitle: &t Questions\n"
                               "contents_label: *t\nposition: 70\n---\nText.\n"), "faq.md", 2,
                         "'&' and '*' make a YAML anchor or alias"),
    "symlink-loop-section": (symlink(f"{TREATMENT}/faq.md", "faq.md"), "faq.md", None,
                             "cannot be read: it is a link that leads back to itself"),
    "symlink-loop-practice": (symlink("practice.md", "practice.md"), "practice.md", None,
                              "cannot be read: it is a link that leads back to itself"),
    "symlink-loop-folder": (symlink("loop", "loop"), "loop", None,
                            "this file is not part of any treatment"),
    "practice-md-is-a-folder": (folder("practice.md"), "practice.md", None,
                                "is a folder, not the file practice.md"),
    "page-md-is-a-folder": (folder(f"{TREATMENT}/page.md"), "page.md", None,
                            "is a folder, not the file page.md"),
    "section-is-a-folder": (folder(f"{TREATMENT}/faq.md"), "faq.md", None,
                            "this is not a section file"),
}


def located(problem: Diagnostic, name: str, line: int | None) -> bool:
    return problem.path.name == name and problem.line == line


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_a_message_at_its_file_and_line(name):
    change, file, line, message = CASES[name]
    with content_copy() as content:
        change(content)
        started = time.monotonic()
        _, problems = load_site(content, SETTINGS)
        elapsed = time.monotonic() - started
        shown = [str(problem) for problem in problems]
    assert elapsed < 1, f"{elapsed:.2f} s"
    assert any(located(p, file, line) and message in str(p) for p in problems), shown
    assert not any(PYTHON_INTERNALS.search(text) for text in shown), shown


def test_the_alias_bomb_is_a_real_bomb():
    """Without the refusal, the bomb's last alias stands for 9**10 values."""
    assert ALIAS_BOMB.count("*") > 80 and "k: &k" in ALIAS_BOMB


# An anchor or alias in every place YAML lets one start: a value, a key, a list item, a line
# of its own, flow collections (with and without spaces), after a tag and an explicit key.
ANCHORS_EVERYWHERE = (
    "title: &t Questions", "&t title: Questions", "faq:\n- &q\n  question: Why?",
    "faq:\n  &q\n  - question: Why?", "related: [&r a, *r]", "related: [&r a,*r]",
    'labels: {"a":&x 1}', "related: [?&k a]", "title: !!str &t Questions",
    "title:\t&t Questions", "related: {a: &x 1}",
)


@pytest.mark.parametrize("front", ANCHORS_EVERYWHERE)
def test_an_anchor_or_alias_anywhere_is_refused_at_its_line(front):
    """Each is found by the prefilter (MAY_ANCHOR) and reported by the parser's events."""
    with content_copy() as content:
        write(f"{TREATMENT}/faq.md", f"---\nposition: 70\n{front}\n---\nText.\n")(content)
        _, problems = load_site(content, SETTINGS)
    line = 3 + next(i for i, text in enumerate(front.split("\n")) if "&" in text or "*" in text)
    assert any(located(p, "faq.md", line) and "make a YAML anchor or alias" in p.message
               for p in problems), [str(p) for p in problems]


@given(st.text(st.sampled_from("&*ab -:?,[]{}!\"'#|>\t\n"), max_size=30))
@settings(max_examples=500, deadline=None)
def test_the_anchor_prefilter_never_misses_what_the_parser_finds(text):
    """The parser's events are read only where MAY_ANCHOR matches: wherever they hold an
    anchor or alias, it does."""
    try:
        found = _anchors_and_aliases("\n" + text)
    except yaml.YAMLError:
        return  # not YAML: reported as a syntax error, whatever the prefilter says
    if found:
        assert MAY_ANCHOR.search(text), text


def test_an_ampersand_inside_a_word_or_address_needs_no_second_reading():
    for text in ("url: https://example.org/search?a=1&b=2", "title: R&D", "title: 2*3"):
        assert not MAY_ANCHOR.search(text), text


def test_the_build_check_and_report_name_every_bad_file(project):
    """End to end: no traceback, a located message for each, JSON that stays JSON."""
    content = project / "content"
    for name in ("alias-bomb", "complex-key-in-record", "symlink-loop-folder"):
        CASES[name][0](content)
    write(f"{TREATMENT}/what-is.md", "---\n---\nText.\n")(content)
    write(f"{TREATMENT}/safety.md", b"---\ntitle: Caf\xe9\nposition: 70\n---\n")(content)
    os.symlink("loop.md", content / TREATMENT / "loop.md")
    replace(content / "practice.md", 'emergency_number: "911"', "emergency_number: 000")
    build = invoke(project, "build")
    check = invoke(project, "check")
    as_json = invoke(project, "check", "--format", "json")
    report = invoke(project, "report")
    for run in (build, check, as_json, report):
        output = run.stdout + run.stderr
        assert "Traceback" not in output, output
        assert run.returncode != 0 or run is report, output  # the report lists the errors
    assert re.search(r"\b[1-9][0-9]* error\(s\)", report.stdout), report.stdout
    for needle in ("what-is.md:2: title: this required field is missing",
                   "safety.md:2: is not UTF-8", "faq.md:4: '&' and '*'", "page.md:22:",
                   "loop.md: cannot be read: it is a link that leads back to itself",
                   f"practice.md:{line_of(content / 'practice.md', 'emergency_number:')}: "
                   "emergency_number: '000' without quotes"):
        assert needle in build.stderr + build.stdout, build.stderr
        assert needle in check.stdout + check.stderr, check.stdout
    records = json.loads(as_json.stdout)["findings"]
    assert {"path": "content/practice.md",
            "line": line_of(content / "practice.md", "emergency_number:")} in \
        [{k: r[k] for k in ("path", "line")} for r in records]


BROKEN = ["", "[]", "{}", "~", "000", "yes", "'x'", "[a, b]", "{a: 1}", "&a x", "*a",
          "!!str x", "\"\\u0007\"", "'", "x: y", "- x", "2026-13-45", "+1", "\u00e9\u200b",
          "? a", ">\n  - a\n  - b", "|\n  # x", "'2026-11-27T10:00:00Z'"]


def valid(spec: Field) -> str:
    """A valid YAML value for `spec`, from the schema's examples (nested under its key)."""
    if spec.kind == "record":
        return "\n" + indent(required_fields(spec.fields), "  ")
    if spec.kind == "list":
        item = valid(spec.item) if spec.item else indent(required_fields(spec.fields), "    ")[4:]
        return f"\n  - {item}"
    example = spec.example or "x"
    if spec.kind == "choice":
        return spec.choice_values[0]
    return f'"{example}"' if spec.kind in ("short_number", "phone", "text") else example


def indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


def required_fields(fields: tuple[Field, ...]) -> str:
    return "\n".join(f"{f.name}: {valid(f)}" for f in fields if f.required)


@st.composite
def front_matter(draw, fields: tuple[Field, ...]) -> tuple[str, dict[str, str]]:
    """Every required field and some optional ones, valid, with at most one field broken;
    returns the YAML and the one-line texts written, which a clean read must keep."""
    optional = [f for f in fields if not f.required and f.kind != "list"]
    chosen = [f for f in fields if f.required or f in draw(st.sets(st.sampled_from(optional)))]
    broken = draw(st.none() | st.sampled_from(chosen))
    lines, texts = [], {}
    for spec in chosen:
        value = draw(st.sampled_from(BROKEN)) if spec is broken else valid(spec)
        lines.append(f"{spec.name}: {value}")
        if spec is not broken and spec.kind == "text":
            texts[spec.name] = spec.example
    return "\n".join(lines), texts


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=front_matter(PAGE_FIELDS), section=front_matter(SECTION_FIELDS),
       body=st.sampled_from(["", "Text.", "### x", "- a\n- b", "> q", "~~x~~", "| a |\n|---|"]))
def test_fuzzed_front_matter_keeps_every_word_or_is_refused_at_a_line_quickly(page, section,
                                                                             body):
    with content_copy() as content:
        (content / TREATMENT / "page.md").write_text(f"---\n{page[0]}\n---\n", encoding="utf-8")
        own_position = section[0].replace("position: 10", "position: 95")  # what-is.md has 10
        (content / TREATMENT / "faq.md").write_text(f"---\n{own_position}\n---\n{body}\n",
                                                  encoding="utf-8")
        started = time.monotonic()
        site, problems = load_site(content, SETTINGS)
        elapsed = time.monotonic() - started
    assert elapsed < 2, f"{elapsed:.2f} s"
    shown = [str(problem) for problem in problems]
    assert not any(PYTHON_INTERNALS.search(text) for text in shown), shown
    for problem in problems:
        if problem.path.name in ("page.md", "faq.md"):
            assert problem.line, str(problem)
    if not any(p.path.name in ("page.md", "faq.md") for p in problems):
        treatment = site.treatments[0]
        faq = next(s for s in treatment.sections if s.source.path.name == "faq.md")
        for values, texts in ((treatment.meta, page[1]), (faq.source.values, section[1])):
            assert {name: values[name] for name in texts} == texts

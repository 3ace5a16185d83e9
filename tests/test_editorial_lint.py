"""Every editorial lint rule, firing and not firing, on edited copies of the real content."""

from __future__ import annotations

import ast
import re
import socket
from pathlib import Path
from typing import Any

import pytest

from site_tools.lint.claims import DEFAULT_CLAIMS, claim_pattern
from site_tools.lint.linter import Linter
from site_tools.lint.registry import (
    CHECKS,
    RULES_END,
    RULES_START,
    Target,
    check,
    rule,
    rule_table_markdown,
    settings_from,
)
from site_tools.lint.texts import Text
from tests.support.helpers import LINT_TODAY, ROOT, TREATMENT, line_of, replace
from treatment_pages.loading import load_site
from treatment_pages.problems import VALIDATION, Diagnostic

TODAY = LINT_TODAY


@pytest.fixture(autouse=True)
def no_date_from_environment(monkeypatch):
    """Tests pin the date through the setting; a LINT_TODAY in the shell must not leak in."""
    monkeypatch.delenv("LINT_TODAY", raising=False)


def lint(content: Path, **config: Any) -> list[Diagnostic]:
    """What `invoke check` reports for valid content: the build's checks of fact, and the lint."""
    settings = {"EDITORIAL_LINT": {"today": TODAY, **config}}
    site, problems = load_site(content, settings)
    assert [p for p in problems if p.rule == VALIDATION] == []
    return [*problems, *Linter(site, settings_from(settings)).run()]


def rules(findings: list[Diagnostic], level: str | None = None) -> set[str]:
    return {f.rule for f in findings if level is None or f.level == level}


def of(findings: list[Diagnostic], rule: str) -> list[Diagnostic]:
    return [f for f in findings if f.rule == rule]


def section_file(content: Path, name: str) -> Path:
    return content / TREATMENT / name


def set_body(path: Path, body: str) -> None:
    """Replace the Markdown body of a section file, keeping its front matter."""
    text = path.read_text(encoding="utf-8")
    closing = text.index("\n---\n", 4) + len("\n---\n")
    path.write_text(text[:closing] + body, encoding="utf-8")


# Readability -----------------------------------------------------------------------------

def test_every_section_and_the_page_get_a_readability_figure(content):
    findings = lint(content)
    scored = {f.path.name for f in of(findings, "readability.score")}
    sections = {p.name for p in (content / TREATMENT).glob("*.md")}
    assert scored == sections  # every section file, and page.md for the whole page
    assert all(f.level == "info" and "Flesch-Kincaid grade" in f.message
               for f in of(findings, "readability.score"))


def test_hard_text_fires_readability_warnings_and_plain_text_does_not(content):
    what_is = section_file(content, "what-is.md")
    hard = [f for f in lint(content) if f.path == what_is]
    assert {"readability.fk-grade", "readability.smog"} <= rules(hard, "warning")
    # Plain for the plain.* rules too: active voice, a paragraph of at most 4 sentences.
    set_body(what_is, "Botox is a medicine. A doctor puts it in a muscle with a thin needle. "
                      "The muscle then rests. It can ease pain for a few months.\n")
    plain = [f for f in lint(content) if f.path == what_is]
    assert rules(plain) == {"readability.score"}


def test_readability_thresholds_are_settings(content):
    assert not rules(lint(content, fk_grade_max=40, smog_max=40)) & {
        "readability.fk-grade", "readability.smog"}


def test_smog_is_not_guessed_for_fewer_than_three_sentences(content):
    contact = of(lint(content), "readability.score")
    short = next(f for f in contact if f.path.name == "contact.md")
    assert "SMOG n/a" in short.message


# Risky claims ----------------------------------------------------------------------------

def test_shipped_drug_free_claim_is_reported_with_its_line(content):
    path = section_file(content, "right-for-you.md")
    found = of(lint(content), "claims.drug-free")
    assert [(f.path, f.line, f.level) for f in found] == [
        (path, line_of(path, "drug-free"), "warning")]
    assert "prescription medicine" in found[0].message


def test_reworded_claim_is_not_reported(content):
    replace(section_file(content, "right-for-you.md"), "drug-free", "tablet-free")
    assert not any(r.startswith("claims.") for r in rules(lint(content)))


def test_claim_in_a_front_matter_block_points_at_its_own_line(content):
    faq = section_file(content, "faq.md")
    replace(faq, "    answer: The number of Botox treatments",
            "    answer: |\n      Botox treatment is quick.\n      Guaranteed results for all.\n"
            "      The number of Botox treatments")
    found = of(lint(content), "claims.guarantee")
    assert [(f.line, f.level) for f in found] == [(line_of(faq, "Guaranteed results"),
                                                   "warning")]
    assert found[0].message.startswith("faq[3].answer: 'Guaranteed'")


@pytest.mark.parametrize(("text", "claim"), [
    ("a DRUG FREE option", "drug-free"), ("a drug-\nfree option", "drug-free"),
    ("results are guaranteed", "guarantee"), ("it cured me", "cure"),
    ("100% safe", "absolutely-safe"), ("No side effects at all", "no-side-effects"),
    ("works permanently", "permanent"), ("a risk-free visit", "risk-free"),
])
def test_claim_phrases_match_whole_words_in_any_case(text, claim):
    pattern = claim_pattern(next(c for c in DEFAULT_CLAIMS if c.id == claim))
    assert pattern.search(text)


@pytest.mark.parametrize(("text", "claim"), [
    ("a secure, procured supply", "cure"), ("an impermanent effect", "permanent"),
    ("not-drug-freely", "drug-free"), ("side effects are mild", "no-side-effects"),
])
def test_claim_phrases_do_not_match_inside_other_words(text, claim):
    pattern = claim_pattern(next(c for c in DEFAULT_CLAIMS if c.id == claim))
    assert not pattern.search(text)


def test_claims_list_is_a_setting(content):
    claims = [{"id": "excellent", "phrases": ["excellent option"], "reason": "promotional",
               "suggestion": "'an option'"}]
    found = lint(content, claims=claims)
    assert not of(found, "claims.drug-free")
    assert [f.path.name for f in of(found, "claims.excellent")] == ["right-for-you.md"]


# Review dates and placeholders -----------------------------------------------------------

def review(content: Path, last: str, due: str, today: str = TODAY) -> list[Diagnostic]:
    page = content / TREATMENT / "page.md"
    replace(page, "last_reviewed: 2026-11-27", f"last_reviewed: {last}")
    replace(page, "next_review_due: 2027-11-27", f"next_review_due: {due}")
    return [f for f in lint(content, today=today) if f.rule.startswith("review.")]


def test_review_in_good_time_is_not_reported(content):
    assert review(content, "2026-11-27", "2027-11-27") == []


def test_a_review_date_in_the_future_is_an_error_on_its_line(content):
    found = review(content, "2027-11-27", "2028-11-27", today="2026-12-01")
    page = content / TREATMENT / "page.md"
    assert [(f.rule, f.level, f.line) for f in found] == [
        ("review.future", "error", line_of(page, "last_reviewed:"))]


def test_overdue_review_is_an_error_on_the_due_line(content):
    found = review(content, "2026-11-27", "2027-11-27", today="2027-11-28")
    page = content / TREATMENT / "page.md"
    assert [(f.rule, f.level, f.line) for f in found] == [
        ("review.overdue", "error", line_of(page, "next_review_due"))]


def test_review_due_within_the_window_warns(content):
    found = review(content, "2026-11-27", "2027-11-27", today="2027-11-01")
    assert [(f.rule, f.level) for f in found] == [("review.due-soon", "warning")]
    assert review_window_setting(content) == []


def review_window_setting(content: Path) -> list[Diagnostic]:
    return [f for f in lint(content, today="2027-11-01", review_warn_days=10)
            if f.rule.startswith("review.")]


@pytest.mark.parametrize(("last", "due", "rule"), [
    ("2026-11-27", "2029-11-28", "review.interval"),  # editorial: the lint, level configurable
    ("2026-11-27", "2026-11-27", "review.order")])  # a fact: the build fails too
def test_review_interval_over_three_years_or_backwards_is_an_error(content, last, due, rule):
    found = review(content, last, due, today=last)
    assert [(f.rule, f.level) for f in found if f.rule != "review.due-soon"] == [(rule, "error")]


def test_review_exactly_three_years_later_is_allowed(content):
    assert review(content, "2026-11-27", "2029-11-27") == []


def test_date_comes_from_lint_today(content, monkeypatch):
    monkeypatch.setenv("LINT_TODAY", "2030-01-01")
    assert "review.overdue" in rules(lint(content))


def test_placeholders_warn_until_replaced(content):
    found = lint(content)
    assert [(f.path.name, f.level) for f in of(found, "placeholder.contact")] == [
        ("practice.md", "warning")]
    assert [f.path.name for f in of(found, "placeholder.reviewer")] == ["page.md"]
    practice = content / "practice.md"
    replace(practice, "placeholder: true", "placeholder: false")
    replace(content / TREATMENT / "page.md", "placeholder: true", "placeholder: false")
    # The flags cleared, the sample values are still found by value, each at its line.
    samples = of(lint(content), "placeholder.sample")
    assert {line_of(practice, key) for key in ("phone:", "email:", "booking_url:", "address:")
            } <= {f.line for f in samples if f.path.name == "practice.md"}
    assert not rules(lint(content)) & {"placeholder.contact", "placeholder.reviewer"}


def test_unfinished_text_warns_and_finished_text_does_not(content):
    # The shipped disclosure says what to write, on purpose: publishing refuses it.
    disclosure = ("practice.md", line_of(content / "practice.md", "disclosure:"))
    assert [(f.path.name, f.line) for f in of(lint(content), "placeholder.text")] == [disclosure]
    path = section_file(content, "what-is.md")
    set_body(path, "Botox relaxes muscles.\n\nTODO: add the dose.\n")
    replace(section_file(content, "benefits.md"), "name: Quick Procedure",
            "name: Replace with a benefit")
    found = of(lint(content), "placeholder.text")
    assert {(f.path.name, f.line) for f in found} == {
        disclosure, ("what-is.md", line_of(path, "TODO")),
        ("benefits.md", line_of(section_file(content, "benefits.md"), "Replace with"))}


# Document hygiene ------------------------------------------------------------------------

def add_question(content: Path, question: str) -> None:
    with section_file(content, "faq.md").open("r+", encoding="utf-8") as faq:
        text = faq.read().replace("\n---\n", f"\n  - question: {question}\n    answer: Yes.\n---\n")
        faq.seek(0)
        faq.write(text)


def test_near_duplicate_question_warns(content):
    add_question(content, "How many Botox sessions do I need?")
    found = of(lint(content), "faq.near-duplicate")
    assert [(f.level, f.line) for f in found] == [
        ("warning", line_of(section_file(content, "faq.md"), "sessions do I need"))]
    assert "How many Botox sessions will I need?" in found[0].message


def test_distinct_questions_do_not_warn(content):
    add_question(content, "Will my insurance pay for Botox?")
    assert of(lint(content), "faq.near-duplicate") == []


@pytest.mark.parametrize(("link", "rule"), [
    ("[risks](#safety)", None), ("[risks](#safety-title)", None), ("[top](#main)", None),
    ("[home](/)", None), ("[risks](/#safety)", None), ("[web](https://example.com/#x)", None),
    ("[risks](#saftey)", "links.broken-anchor"), ("[risks](/#nowhere)", "links.broken-anchor"),
    ("[other](/other-treatment/)", "links.broken-internal"),
])
def test_links_in_section_text(content, link, rule):
    path = section_file(content, "what-is.md")
    set_body(path, f"Botox relaxes muscles.\n\nRead about the {link} first.\n")
    found = [f for f in lint(content) if f.rule.startswith("links.")]
    assert [(f.rule, f.line) for f in found] == (
        [(rule, line_of(path, "Read about"))] if rule else [])


def test_broken_anchor_in_a_faq_answer(content):
    faq = section_file(content, "faq.md")
    replace(faq, "Your doctor will review all potential risks",
            "See [the risks](#risk). Your doctor will review all potential risks")
    found = of(lint(content), "links.broken-anchor")
    assert [(f.path, f.line, f.level) for f in found] == [
        (faq, line_of(faq, "#risk"), "error")]


@pytest.mark.parametrize(("body", "expected"), [
    ("### Before\n\nText.\n\n#### During\n\nText.\n\n### After\n\nText.\n", []),
    ("### Before\n\nText.\n\n##### During\n\nText.\n", [("headings.skipped-level", 5)]),
    ("#### Before\n\nText.\n", [("headings.skipped-level", 1)]),
    ("## Before\n\nText.\n", [("headings.top-level", 1)]),
    ("Before\n======\n\nText.\n", [("headings.top-level", 1)]),
    ("```\n# not a heading\n```\n\nText.\n", []),
])
def test_heading_levels_in_section_text(content, body, expected):
    path = section_file(content, "what-is.md")
    set_body(path, body)
    found = [(f.rule, f.line - body_start(path) + 1) for f in lint(content)
             if f.rule.startswith("headings.")]
    assert found == expected


def body_start(path: Path) -> int:
    """The file line of the body's first line (the line after the closing `---`)."""
    return path.read_text(encoding="utf-8").split("\n").index("---", 1) + 2


@pytest.mark.parametrize(("image", "fires"), [("![](diagram.png)", True),
                                              ("![ ](diagram.png)", True),
                                              ("![Where the injections go](diagram.png)", False)])
def test_images_need_alt_text(content, image, fires):
    set_body(section_file(content, "what-is.md"), f"Botox relaxes muscles.\n\n{image}\n")
    assert bool(of(lint(content), "images.missing-alt")) is fires


def test_empty_list_item_warns_and_a_full_list_does_not(content):
    safety = section_file(content, "safety.md")
    assert of(lint(content), "lists.empty-item") == []  # the shipped lists are complete
    replace(safety, "after an injection.\n",
            "after an injection.\n\n- muscle weakness anywhere in your body\n-\n")
    found = of(lint(content), "lists.empty-item")
    item = line_of(safety, "- muscle weakness anywhere in your body")
    assert [f.line for f in found] == [item + 1]


# Acknowledgements and levels -------------------------------------------------------------

def acknowledge(content: Path, rule: str) -> Path:
    path = section_file(content, "right-for-you.md")
    replace(path, "position: 60\n",
            f"position: 60\nlint_ack:\n  - rule: {rule}\n    reason: Kept by the clinician\n")
    return path


def test_acknowledged_finding_is_reported_as_acknowledged(content):
    acknowledge(content, "claims.drug-free")
    found = of(lint(content), "claims.drug-free")
    assert [f.level for f in found] == ["acknowledged"]
    assert "Kept by the clinician" in found[0].message
    assert of(lint(content), "ack.stale") == []


def test_stale_acknowledgement_is_reported(content):
    path = acknowledge(content, "claims.cure")
    found = of(lint(content), "ack.stale")
    assert [(f.level, f.line) for f in found] == [("warning", line_of(path, "claims.cure"))]
    assert [f.level for f in of(lint(content), "claims.drug-free")] == ["warning"]


def test_acknowledging_an_unknown_rule_suggests_the_right_one(content):
    acknowledge(content, "claims.drugfree")
    assert "did you mean 'claims.drug-free'?" in of(lint(content), "ack.stale")[0].message


def test_rule_levels_are_settings(content):
    found = lint(content, levels={"claims.drug-free": "error", "readability.score": "off"})
    assert [f.level for f in of(found, "claims.drug-free")] == ["error"]
    assert of(found, "readability.score") == []


def test_unknown_settings_are_refused():
    with pytest.raises(ValueError, match="fk_grade"):
        settings_from({"EDITORIAL_LINT": {"fk_grade": 6}})
    with pytest.raises(ValueError, match="levels"):
        settings_from({"EDITORIAL_LINT": {"levels": {"claims.cure": "loud"}}})


# Documentation and offline use -----------------------------------------------------------

def test_editing_guide_rule_table_matches_the_registry():
    guide = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    generated = guide.split(RULES_START, 1)[1].split(RULES_END, 1)[0]
    assert generated.strip() == rule_table_markdown().strip(), "run `invoke docs`"


def test_lint_never_touches_the_network(content, monkeypatch):
    """textstat 0.7.4 counts syllables with pyphen's bundled dictionaries: no downloads."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the lint tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    set_body(section_file(content, "what-is.md"), "Unusualwordington extraordinarily. " * 5)
    assert of(lint(content), "readability.score")


def test_links_to_faq_items_and_the_contents_are_not_broken(content):
    set_body(section_file(content, "what-is.md"),
             "See [sessions](#faq-3), [contents](#contents-title) and [nowhere](#faq-9).")
    broken = [f.message for f in of(lint(content), "links.broken-anchor")]
    assert len(broken) == 1 and "#faq-9" in broken[0]


@pytest.fixture
def registered_checks():
    """The registry as shipped, restored after a test registers a check of its own."""
    saved = list(CHECKS)
    yield
    CHECKS[:] = saved


def test_a_new_rule_is_declared_in_one_place(content, registered_checks):
    """One decorated function: the lint reports it, settings and lint_ack know it, docs list it."""

    @check(Target.TEXT, texts=("section",))
    @rule("tone.exclamation", "warning", "an exclamation mark", "Medical pages inform calmly.")
    def exclamations(linter: Linter, text: Text) -> None:
        for match in re.finditer("!", text.text):
            linter.report("tone.exclamation", text.source.path, text.line_of(match.start()),
                          "write a full stop instead")

    path = section_file(content, "what-is.md")
    set_body(path, "Botox relaxes muscles!\n")
    assert [(f.path, f.line, f.level) for f in of(lint(content), "tone.exclamation")] == [
        (path, line_of(path, "muscles!"), "warning")]
    assert of(lint(content, levels={"tone.exclamation": "off"}), "tone.exclamation") == []
    assert "| `tone.exclamation` | warning | an exclamation mark |" in rule_table_markdown()
    acknowledge(content, "tone.exclamation")
    replace(section_file(content, "right-for-you.md"), "drug-free", "drug-free!")
    assert {(f.path.name, f.level) for f in of(lint(content), "tone.exclamation")} == {
        ("what-is.md", "warning"), ("right-for-you.md", "acknowledged")}


def test_a_check_may_report_only_the_rules_declared_on_it(content, registered_checks):
    @check(Target.SITE)
    def undeclared(linter: Linter) -> None:
        linter.report("tone.undeclared", linter.site.practice.path, 1, "never declared")

    with pytest.raises(KeyError, match=r"tone\.undeclared"):
        lint(content)


def test_rule_ids_are_named_once_and_never_spelled_where_reported():
    """A rule id is a module constant that `@rule` and `report` both use: no typo splits them."""
    spelled = []
    for module in sorted((ROOT / "site_tools" / "lint").glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            called = getattr(node, "func", None)
            name = getattr(called, "id", getattr(called, "attr", None))
            if name in {"rule", "report"} and node.args and isinstance(
                    node.args[0], ast.Constant | ast.JoinedStr | ast.BinOp):
                spelled.append(f"{module.name}:{node.lineno}: {node.args[0].value}")
    assert spelled == []

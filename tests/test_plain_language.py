"""Plain-language rules (site_tools/lint/plain.py): what each flags and what it must not.

Each rule gets sentences it must flag and sentences it must leave alone, among them the
false positives found on the sample page (tests/data/sample-site) while the rules were built.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from site_tools.check import run_checks
from site_tools.lint import plain
from site_tools.lint.linter import Linter
from site_tools.lint.profiles import (
    PROFILES,
    PROFILES_END,
    PROFILES_START,
    profile_settings,
    profile_table_markdown,
)
from site_tools.lint.registry import rules_for, settings_from
from site_tools.lint.texts import Text
from tests.support.helpers import ROOT, SAMPLE_SITE, invoke
from tests.support.helpers import findings as parsed
from treatment_pages.frontmatter import SourceFile
from treatment_pages.model import Section, Treatment

PLAIN = (plain.plain_text,)


def findings(body: str, where: str = "", profile: str = "nhs",
             **config: Any) -> list[tuple[str, int, str]]:
    """(rule, line, message) of the plain TEXT rules on `body`, a section body from line 1."""
    linter = Linter(None, settings_from({"EDITORIAL_LINT": config}, profile_settings(profile)))
    text = Text(SourceFile(Path("section.md")), where, body, 1, "section")
    for run in PLAIN:
        run(linter, text)
    return [(f.rule, f.line or 0, f.message) for f in linter.findings]


def fired(body: str, **config: Any) -> set[str]:
    return {rule for rule, _, _ in findings(body, **config)}


CASES = {
    plain.SENTENCE_LENGTH: (
        ["While Botox is often linked to cosmetic uses, in small doses it can treat a range of "
         "painful conditions, mostly those with muscle spasms, tension or long-term pain.",
         "Most people can go back to normal activities straight away, but do not rub or "
         "massage the treated area for a few hours after the injections.",
         "If you have been struggling with conditions like migraines or neck spasms for a "
         "long time, Botox may offer the relief you have been looking for."],
        ["Botox can ease pain and tight muscles.",
         "Dr. Smith and Mr. Jones will see you at 10 a.m. for your first check, e.g. a chat.",
         # a heading and a link's address are not words of a sentence
         "## A heading that is long but is a heading and not a sentence at all, so it "
         "is not counted\n\nSee [the guide](https://example.org/a/very/long/address/that/"
         "would/add/many/words/if/it/were/counted/as/words) for more."]),
    plain.WORDS: (
        ["Most patients feel better.", "You may require a second injection.",
         "Stop eating prior to the procedure.", "It helps with chronic pain.",
         "This can alleviate discomfort.", "It prevents excessive tension."],
        ["It prevents chronic migraines.", "Most people feel better.",
         "You may need a second injection.", "Stop eating before the procedure.",
         "The patient-facing leaflet explains it.",
         # the NHS's name for hyperhidrosis (found on the sample page)
         "Botox can reduce excessive sweating."]),
    plain.CONTRACTIONS: (
        ["Don't rub the area.", "It\u2019s advised to rest.",
         "If you\u2019ve had Botox before, tell us.", "You're welcome to ask."],
        ["Do not rub the area.", "The FDA's warning is serious.",
         "Botox\u2019s effect wears off.", "Its effect wears off."]),
    plain.ETC: (
        ["Bring your tablets, creams, etc.", "Bring your tablets etc to the clinic."],
        ["Bring your tablets and creams.", "Ask about etching or a sketch."]),
    plain.AMPERSAND: (
        ["Bruising & swelling are common.", "Go to the clinic & ask."],
        ["Go to A&E at once.", "Bruising and swelling are common.",
         "Read [the leaflet](https://example.org/?a=1&b=2)."]),
    plain.DOUBLE_NEGATIVE: (
        ["Bruising is not uncommon.", "It is not impossible to drive home.",
         "The injection is not without risk.", "You cannot not tell your doctor."],
        ["Bruising is uncommon.", "No, Botox is not a cure.",
         "It is not approved for migraine on fewer days.",
         "Botox is not FDA-approved for TMJ disorders."]),
    plain.NESTED_CLAUSES: (
        ["While Botox is often used for looks, when it is given in small doses it can treat "
         "pain.",
         "If you have pain when you chew, which is common, tell us.",
         "Because the medicine can spread, tell us if you have trouble swallowing."],
        ["Tell us if you have trouble swallowing.",
         "Botox reduces sweating by blocking the nerve signals that trigger sweat glands.",
         "Most people need another treatment every 3 to 6 months."]),
    plain.PASSIVE: (
        ["The injection sites will be cleaned.", "A fine needle is used to inject Botox.",
         "Multiple injections may be needed.", "It is given as small injections.",
         "Botox is also used off-label."],
        ["Your nurse cleans the skin.", "Botox is FDA-approved for chronic migraine.",
         "You may feel tired.", "Most people are used to it.", "You will need a check-up.",
         "Botox is generally safe."]),
    plain.NUMBER_WORDS: (
        ["About 20% of people get a headache.", "It works for 70 percent of people."],
        ["About 20 in 100 people (20%) get a headache.", "It lasts 3 to 6 months.",
         "See [the table](https://example.org/20%25)."]),
    plain.MIXED_DENOMINATORS: (
        ["1 in 3 people get bruising. 20% get a headache.",
         "1 in 3 people get bruising and 1 in 20 get a headache."],
        ["33 in 100 people get bruising and 20 in 100 get a headache.",
         "1 in 3 people get bruising.\n\n20% get a headache, 20 in 100 people."]),
    plain.PARAGRAPH_LENGTH: (
        ["One. Two. Three. Four. Five.",
         "Botox is a medicine. It relaxes muscles. It can ease pain. It lasts months. "
         "You need more."],
        ["One. Two. Three. Four.", "One. Two.\n\nThree. Four.\n\nFive. Six.",
         "- one. two.\n- three. four.\n- five."]),
    plain.ONE_IDEA: (
        ["The medicine can spread in the body: get help at once; call 911.",
         "Botox is generally safe, but side effects may occur, and some are serious, which "
         "is why we check."],
        ["Botox is generally safe, but some side effects may occur, such as mild bruising, "
         "headache, or temporary weakness in nearby muscles.",
         "Replace with: who pays for this page, any payment from the makers, and "
         "'Advertising: none'.",
         "It is given as small injections into the muscles, with a fine needle."]),
}


@pytest.mark.parametrize(("rule", "body"), [(rule, body) for rule, (flagged, _) in CASES.items()
                                            for body in flagged])
def test_flags(rule, body):
    assert rule in fired(body)


@pytest.mark.parametrize(("rule", "body"), [(rule, body) for rule, (_, clean) in CASES.items()
                                            for body in clean])
def test_does_not_flag(rule, body):
    assert rule not in fired(body)


def acronyms_in(*bodies: str) -> list[str]:
    """The acronyms plain.acronyms reports on a page whose sections have `bodies`, in order."""
    linter = Linter(None, settings_from({}))
    sections = [Section(SourceFile(Path(f"s{i}.md"), body=body), f"s{i}", Markup(""))
                for i, body in enumerate(bodies)]
    plain.acronyms(linter, Treatment(Path("page"), SourceFile(Path("page.md")), sections))
    return [f.message.split("'")[1] for f in linter.findings]


ACRONYM_CASES = (  # (section bodies, the acronyms to report)
    (["The FDA approved it."], ["FDA"]),
    (["Ask the MHRA.", "The Medicines and Healthcare products Regulatory Agency (MHRA)."],
     ["MHRA"]),  # explained only in a later section: the first use is what counts
    (["Botox helps TMJ pain and EMGs guide the needle."], ["TMJ", "EMG"]),
    (["Temporomandibular joint (TMJ) pain. TMJ pain can last."], []),
    (["The FDA (Food and Drug Administration) approved it; the FDA says so."], []),
    (["Go to A&E, call 999, or ask your GP or the NHS. OK?"], []),
    (["Electromyography (EMG) guides it. EMGs are quick."], []),
    (["See [the leaflet](https://example.org/PDF/LEAFLET.html) or `HTML` or I."], []),
)


@pytest.mark.parametrize(("bodies", "expected"), ACRONYM_CASES)
def test_acronyms_flags_a_first_use_without_its_words(bodies, expected):
    assert acronyms_in(*bodies) == expected


def test_every_plain_rule_has_cases_and_a_source_with_an_address():
    ids = {r for r in rules_for(settings_from({})) if r.startswith("plain.")}
    assert ids == {*CASES, plain.ACRONYMS}
    for rule in ids:
        assert "https://" in plain.SOURCES[rule]
        assert all("source: " in m and "https://" in m for r, _, m in findings(
            " ".join(CASES[rule][0])) if r == rule) if rule in CASES else True


def test_names_addresses_and_references_are_not_prose():
    for where in ("indications[1].name", "steps[2].name", "title", "address", "credentials"):
        assert findings("Patients & etc don't require it prior to 20%.", where=where) == []
    assert findings("Patients require it.", where="faq[1].answer")


def test_unfinished_scaffold_text_waits_for_the_real_words():
    """Found on the sample page (its disclosure) and a new treatment's scaffold."""
    assert findings("Replace with: who pays, any payment, and 'Advertising: none' & etc.") == []


def test_findings_quote_what_to_write_instead():
    (message,) = [m for r, _, m in findings("Most patients feel better.") if r == plain.WORDS]
    assert "'patients' — write instead 'you', or 'people'" in message


def test_words_list_and_known_acronyms_are_settings():
    assert plain.WORDS not in fired("Most patients feel better.", plain_words=[])
    assert plain.WORDS in fired("Use a stethoscope.", plain_words=[
        {"forms": ["stethoscope"], "instead": "'a listening tube'"}])


def test_levels_setting_turns_a_rule_off():
    assert plain.CONTRACTIONS not in fired("Don't.", levels={plain.CONTRACTIONS: "off"})


# Profiles change thresholds, not rules -------------------------------------------------------

SIXTEEN = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
          "fifteen sixteen."


def test_easy_read_profile_lowers_the_thresholds_only():
    assert plain.SENTENCE_LENGTH not in fired(SIXTEEN)
    assert plain.SENTENCE_LENGTH in {r for r, _, _ in findings(SIXTEEN, profile="easy-read")}
    two_ideas = "Botox is safe, but it can spread."
    assert plain.ONE_IDEA not in fired(two_ideas)
    assert plain.ONE_IDEA in {r for r, _, _ in findings(two_ideas, profile="easy-read")}
    for name in PROFILES:
        assert set(rules_for(settings_from({}, profile_settings(name)))) == \
            set(rules_for(settings_from({})))


def test_invoke_check_profile_changes_thresholds_through_the_cli(project):
    counts = {}
    for profile in ("nhs", "easy-read"):
        result = invoke(project, "check", "--profile", profile)
        assert result.returncode == 0 or "error" in result.stdout, result.stderr
        counts[profile] = Counter(f["rule"] for f in parsed(result.stdout))
    assert counts["easy-read"][plain.SENTENCE_LENGTH] > counts["nhs"][plain.SENTENCE_LENGTH]
    assert counts["easy-read"][plain.WORDS] == counts["nhs"][plain.WORDS]
    refused = invoke(project, "check", "--profile", "simple")
    assert refused.returncode == 2 and "--profile must be one of: nhs, pif, easy-read" in \
        refused.stderr


def test_editorial_lint_wins_over_a_profile():
    config = settings_from({"EDITORIAL_LINT": {"sentence_words_max": 30}},
                           profile_settings("easy-read"))
    assert config["sentence_words_max"] == 30 and config["ideas_per_sentence_max"] == 1


def test_editing_guide_profile_table_is_generated():
    guide = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    generated = guide.split(PROFILES_START, 1)[1].split(PROFILES_END, 1)[0]
    assert generated.strip() == profile_table_markdown().strip(), "run `invoke docs`"
    assert "`easy-read`" in generated and "`sentence_words_max` 15" in generated


def test_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="nhs, pif, easy-read"):
        profile_settings("plain")


# The sample page: every finding judged (see the branch's report for the list) -------------

SAMPLE_COUNTS = {  # rule -> findings on the frozen sample page, each judged correct
    plain.WORDS: 46, plain.PASSIVE: 13, plain.SENTENCE_LENGTH: 11, plain.CONTRACTIONS: 4,
    plain.ACRONYMS: 2, plain.NESTED_CLAUSES: 1,
}


def test_sample_page_findings_are_the_judged_ones():
    run = run_checks(SAMPLE_SITE, {})
    counts: dict[str, int] = {}
    for finding in run.findings:
        if finding.rule.startswith("plain."):
            counts[finding.rule] = counts.get(finding.rule, 0) + 1
    assert counts == SAMPLE_COUNTS
    acronyms = {f.message.split("'")[1]: (f.path.name, f.line) for f in run.findings
                if f.rule == plain.ACRONYMS}
    # TMJ is used in "How it works" before "Indications" explains it; FDA is never spelled out.
    assert acronyms == {"TMJ": ("how-it-works.md", 6), "FDA": ("indications.md", 7)}


# Property: a finding's line holds the words it quotes ---------------------------------------

PIECES = ["Most patients feel better.", "Don't rub it.", "It is given by a nurse.",
          "Bruising & swelling.", "It is not uncommon.", "About 20% of people.",
          "While it works, when it is given, if it helps, it lasts.", "Plain words here.",
          "One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen twenty twenty-one."]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", "\n", "\n\n", "\n- "])),
                min_size=1, max_size=8))
def test_finding_lines_point_at_the_quoted_words(parts):
    body = "".join(piece + gap for piece, gap in parts)
    lines = body.split("\n")
    for _, line, message in findings(body):
        quoted = message.split("'")[1].rstrip("…").split()[:3]
        assert 1 <= line <= len(lines)
        assert " ".join(quoted).split()[0] in lines[line - 1], (body, line, message)

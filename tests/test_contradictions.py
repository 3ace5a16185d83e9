"""Issue 18, class 6: facts that contradict each other are errors at their line.

In-process through the loader (`load_site`), on the sample fixture site; the reviewer's
JSON-LD end to end through `pelican`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican.settings import DEFAULT_CONFIG

from tests.support.helpers import TREATMENT, line_of, replace
from treatment_pages.loading import load_site

SETTINGS = DEFAULT_CONFIG
CARD_HEADING = ('    heading: "Get medical help at once if, after an injection, you have any of '
                'these:"')
QUESTION = "  - question: How many Botox sessions will I need?"


def problems_of(content: Path) -> list[str]:
    return [str(problem) for problem in load_site(content, SETTINGS)[1]]


@pytest.mark.parametrize(("heading", "number"), [
    ("Call 999 if:", "999"), ("Dial 112 at once if you have:", "112"),
    ("If you cannot breathe, phone 000:", "000"), ("RING 999 if:", "999"),
])
def test_a_care_card_naming_another_emergency_number_is_refused(content, heading, number):
    safety = content / TREATMENT / "safety.md"
    replace(safety, CARD_HEADING, f'    heading: "{heading}"')
    line = line_of(safety, heading)
    found = problems_of(content)
    assert any(f"safety.md:{line}: error: care.emergency-number: care_cards[1].heading: names "
               f"{number}, but the practice's emergency number is 911" in p for p in found), found


@pytest.mark.parametrize("heading", ["Call 911 if:", "Call the clinic on 020 7946 0000 if:",
                                     "Call us within 24 hours if:"])
def test_a_care_card_naming_the_right_number_or_a_phone_is_accepted(content, heading):
    replace(content / TREATMENT / "safety.md", CARD_HEADING, f'    heading: "{heading}"')
    assert problems_of(content) == []


@pytest.mark.parametrize("email", ["mailto:appointments@example.com",
                                   "MAILTO:appointments@example.com", "mail:to@example.com"])
def test_an_email_written_as_a_link_is_refused(content, email):
    replace(content / "practice.md", "email: appointments@example.com", f"email: {email}")
    found = problems_of(content)
    assert any(f"practice.md:6: email: '{email}' is not an email address" in p
               for p in found), found


@pytest.mark.parametrize("twin", [
    "Are there any side effects or ri\u00ADsks?",  # a soft hyphen
    "Are there any side effects or risks\uFF1F",  # a full-width question mark
    "Are there any side effects or risks?\u00A0",  # a no-break space
    "Are there any side e\uFB00ects or risks?",  # the "ff" ligature
])
def test_questions_that_look_the_same_are_duplicates(content, twin):
    faq = content / TREATMENT / "faq.md"
    replace(faq, QUESTION, f'  - question: "{twin}"')
    found = problems_of(content)
    assert any(f"faq.md:{line_of(faq, twin)}: faq[3].question: duplicate question" in p
               for p in found), found


def test_decomposed_accents_make_duplicate_questions_across_sections(content):
    replace(content / TREATMENT / "faq.md", QUESTION, '  - question: "Is it safe in caf\u00e9s?"')
    more = content / TREATMENT / "more-questions.md"
    more.write_text('---\ntitle: More questions\nposition: 75\nfaq:\n  - question: "Is it '
                    'safe in cafe\u0301s?"\n    answer: Yes.\n---\n', encoding="utf-8")
    found = problems_of(content)
    assert any("more-questions.md:5: faq[1].question: duplicate question" in p
               for p in found), found


@pytest.mark.parametrize("names", [["X", "X 3", "X"], ["Migraine", "migraine", "Migraine 2"],
                                   ["Мигрень", "1", "Боль"], ["A", "A", "A 2", "A 2"]])
def test_conditions_get_distinct_json_ld_ids(names):
    from jsonld.graph import unique_slugs

    slugs = unique_slugs(names)
    assert len(set(slugs)) == len(names), slugs


# The reviewer named as the clinician: one person in the JSON-LD, so one set of credentials.
REVIEWER_CREDENTIALS = "  credentials: MD, Pain Medicine"


@pytest.mark.parametrize(("name", "credentials"), [
    ("Dr Alex Example", "MD"),  # shortened
    ("Dr Alex Example", "MD, Pain Medicine, FRCP"),  # a qualification added on one side only
    ("DR  ALEX EXAMPLE", "PhD, Neurology"),  # the same name as a reader sees it
    ("Dr Alex Exam\u00adple", "MBBS"),  # a soft hyphen hides nothing
])
def test_the_clinician_as_reviewer_with_other_credentials_is_refused_at_its_line(
        content, name, credentials):
    page = content / TREATMENT / "page.md"
    replace(page, "  name: Dr Alex Example", f'  name: "{name}"')
    replace(page, REVIEWER_CREDENTIALS, f'  credentials: "{credentials}"')
    line = line_of(page, f'  credentials: "{credentials}"')
    found = problems_of(content)
    assert any(f"page.md:{line}: error: review.reviewer-credentials: reviewed_by.credentials: "
               f"'{credentials}', but practice.md gives the clinician Dr Alex Example the "
               "credentials 'MD, Pain Medicine'" in p for p in found), found


@pytest.mark.parametrize(("name", "credentials"), [
    ("Dr Alex Example", "md,  pain medicine"),  # the same credentials as a reader sees them
    ("Dr Sam Rivera", "FRCP, Neurology"),  # another person: a Person of their own
    ("Dr Alex Examples", "MBBS"),
])
def test_the_same_credentials_or_another_reviewer_is_accepted(content, name, credentials):
    page = content / TREATMENT / "page.md"
    replace(page, "  name: Dr Alex Example", f'  name: "{name}"')
    replace(page, REVIEWER_CREDENTIALS, f'  credentials: "{credentials}"')
    assert not [p for p in problems_of(content) if "reviewer-credentials" in p]


@pytest.mark.parametrize(("name", "physician"), [("dr alex  example", True),
                                                 ("Dr Sam Rivera", False)])
def test_the_json_ld_reviewer_is_the_physician_exactly_when_the_check_says_so(
        content, build, name, physician):
    page = content / TREATMENT / "page.md"
    replace(page, "  name: Dr Alex Example", f'  name: "{name}"')
    if not physician:
        replace(page, REVIEWER_CREDENTIALS, '  credentials: "FRCP, Neurology"')
    built = build(content)
    assert built.returncode == 0, built.log
    graph = json.loads(BeautifulSoup(built.html(), "html.parser")
                       .find("script", type="application/ld+json").string)["@graph"]
    page_node = next(node for node in graph if "reviewedBy" in node)
    reviewer = next(node for node in graph if node["@id"] == page_node["reviewedBy"]["@id"])
    assert (reviewer["@type"] == "IndividualPhysician") is physician
    if not physician:
        assert reviewer["hasCredential"]["name"] == "FRCP, Neurology"

"""Issue 13: key facts, care cards, the feedback route and the disclosure, through real builds
and the real `invoke check` / `invoke new-treatment` CLI."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from site_tools.build import pelican_command
from tests.structured_data.extract import head_graph
from tests.support.helpers import (
    ROOT,
    SAMPLE_SITE,
    TREATMENT,
    choose_approvals,
    findings,
    invoke,
    line_of,
    make_details_real,
    replace,
    run_pelican,
    visible_text,
)
from treatment_pages.frontmatter import read_source
from treatment_pages.schema import CARE_LEVEL_FIELD, PAGE_FIELDS

# safety.md's words before issue 13 moved its "Get medical help at once" list into a care card.
SAFETY_WORDS = [
    "Botox carries the FDA's most serious kind of warning, a boxed warning.",
    "The medicine can spread from the injection site to other parts of the body.",
    "This can happen hours to weeks after an injection.",
    "Get medical help at once if, after an injection, you have any of these:",
    "trouble swallowing, speaking or breathing", "muscle weakness anywhere in your body",
    "double or blurred vision, or drooping eyelids",
    "a hoarse voice, or losing control of your bladder",
    "Problems with swallowing and breathing can be life-threatening.",
    "Tell your doctor about all the medicines you take, and if you have had Botox or a similar "
    "medicine before.",
]
CARD = """care_cards:
  - level: urgent
    heading: Call the clinic if
    symptoms:
      - text: the injection site is hot and swollen
    action: call-clinic
"""


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def page(site) -> BeautifulSoup:
    return soup(site.html())


def test_key_facts_come_right_under_the_title_before_the_contents(page):
    main = [child for child in page.main.children if getattr(child, "name", None)]
    assert [c.get("class")[0] for c in main[:3]] == ["page__header", "key-facts", "contents"]
    facts = [li.get_text() for li in page.select(".key-facts > ul.key-facts__list > "
                                                 "li.key-facts__item")]
    shipped = read_source(SAMPLE_SITE / TREATMENT / "page.md", PAGE_FIELDS)
    assert facts == [item["fact"] for item in shipped.values["key_facts"]]
    assert len(facts) == 7 and page.select_one(".key-facts__title").name == "h2"


def test_every_word_of_the_safety_section_is_still_on_the_page(site):
    text = visible_text(site.html())
    safety = text[text.index("Important safety information"):]
    assert [words for words in SAFETY_WORDS if words not in safety] == []


def test_the_care_card_shows_its_level_in_words_for_eyes_and_screen_readers(page):
    card = page.select_one("section#safety .care-card")
    assert card["class"] == ["care-card", "care-card--immediate"]
    label = CARE_LEVEL_FIELD.label_of("immediate")
    visible = card.select_one("p.care-card__level")
    assert visible.get_text() == label and visible["aria-hidden"] == "true"
    heading = card.select_one("h3.care-card__heading")
    assert heading.select_one(".care-card__urgency").get_text() == f"{label}: "
    assert heading.get_text() == (f"{label}: Get medical help at once if, after an injection, "
                                  "you have any of these:")
    assert len(card.select("ul.care-card__symptoms > li.care-card__symptom")) == 4
    link = card.select_one("p.care-card__action > a.care-card__link")
    assert (link["href"], link.get_text()) == ("tel:911", "Call 911 now")


def test_the_emergency_number_comes_from_the_practice_not_the_theme(content, build):
    replace(content / "practice.md", 'emergency_number: "911"', 'emergency_number: "999"')
    result = build(content)
    assert result.returncode == 0, result.log
    link = soup(result.html()).select_one(".care-card__link")
    assert (link["href"], link.get_text()) == ("tel:999", "Call 999 now")
    assert "911" not in result.html()
    theme = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "theme").rglob("*.*"))
    assert "911" not in theme and "999" not in theme


@pytest.mark.parametrize(("line", "message"), [
    ('emergency_number: "911"', "emergency_number: this required field is missing"),
    ('emergency_number: "9-1-1"', "emergency_number: '9-1-1' is not a short number to dial"),
])
def test_a_missing_or_wrong_emergency_number_fails_the_build(content, build, line, message):
    old = 'emergency_number: "911"'
    replace(content / "practice.md", old, "" if line == old else line)
    result = build(content)
    assert result.returncode == 1 and message in result.stderr
    assert "Traceback" not in result.log


def test_a_care_card_without_an_action_fails_the_build_and_check(project):
    safety = project / "content" / TREATMENT / "safety.md"
    replace(safety, "    action: call-emergency\n", "")
    result = invoke(project, "check")
    line = line_of(safety, "  - level: immediate")
    assert result.returncode == 1
    assert (f"content/{TREATMENT}/safety.md:{line}: care_cards[1].action: this required field "
            "is missing") in result.stdout + result.stderr
    built = run_pelican(project / "content", project / "output", cwd=project)
    assert built.returncode == 1 and "care_cards[1].action" in built.stderr


def test_a_care_card_level_must_be_one_of_the_three(content, build):
    replace(content / TREATMENT / "safety.md", "level: immediate", "level: emergency")
    result = build(content)
    assert result.returncode == 1
    assert "'emergency' is not allowed — use one of: non-urgent, urgent, immediate" in result.stderr


def test_check_allows_two_care_cards_refuses_a_third_and_advises_on_headings(project):
    faq = project / "content" / TREATMENT / "faq.md"
    replace(faq, "contents_label: Questions\n", f"contents_label: Questions\n{CARD}")
    result = invoke(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    mine = [f for f in findings(result.stdout) if f["rule"].startswith("care-cards.")]
    assert [(f["path"], int(f["line"]), f["level"], f["rule"]) for f in mine] == [
        (f"content/{TREATMENT}/faq.md", line_of(faq, "heading: Call the clinic if"), "warning",
         "care-cards.heading")]
    contact = project / "content" / TREATMENT / "contact.md"
    replace(contact, "call_to_action: true\n",
            "call_to_action: true\n" + CARD.replace("Call the clinic if", '"Call the clinic if:"'))
    result = invoke(project, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    too_many = [f for f in findings(result.stdout) if f["rule"] == "care-cards.too-many"]
    assert [(f["path"], int(f["line"]), f["level"]) for f in too_many] == [
        (f"content/{TREATMENT}/contact.md", line_of(contact, "  - level: urgent"), "error")]


def test_check_wants_one_sentence_per_key_fact_and_reports_their_reading_level(project):
    page = project / "content" / TREATMENT / "page.md"
    replace(page, "- fact: The effect can last 3 to 6 months.",
            "- fact: The effect can last 3 to 6 months. Then it wears off.")
    result = invoke(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    found = findings(result.stdout)
    assert [(int(f["line"]), f["level"]) for f in found
            if f["rule"] == "key-facts.one-sentence"] == [
        (line_of(page, "Then it wears off."), "warning")]
    scores = [f for f in found if f["rule"] == "readability.score"
              and f["message"].startswith("key facts:")]
    assert len(scores) == 1 and int(scores[0]["line"]) == line_of(page, "key_facts:")


def test_every_page_ends_with_a_feedback_link_naming_the_page(site, clinic_site):
    """Every page patients read ends with it; the 404 page, about no page, does not."""
    for built, name, title in ((site, "index.html", "Therapeutic Botox"),
                               (clinic_site, "fixture-treatment/index.html", "Fixture Treatment"),
                               (clinic_site, "index.html", "Example Pain Clinic")):
        main = soup(built.html(name)).main
        last = [child for child in main.children if getattr(child, "name", None)][-1]
        assert last["class"] == ["feedback"]
        link = last.select_one("a.feedback__link")
        address, _, query = link["href"].partition("?subject=")
        assert address == "mailto:appointments@example.com"
        subject = unquote(query)
        assert subject.startswith(f"Feedback on {title} (/")
    assert not soup(site.html()).find(["form", "input", "button", "script"],
                                      type=lambda t: t != "application/ld+json")
    assert soup(site.html("404.html")).select_one(".feedback") is None


def test_a_feedback_url_replaces_the_email_and_production_names_the_full_address(
        content, build, tmp_path):
    production = _production_build(content, tmp_path)
    subject = unquote(soup(production).select_one(".feedback__link")["href"].split("=", 1)[1])
    assert subject == "Feedback on Therapeutic Botox (https://clinic.example.org/)"
    replace(content / "practice.md", "placeholder: true",
            "feedback_url: https://example.com/feedback\nplaceholder: true")
    result = build(content)
    assert result.returncode == 0, result.log
    assert soup(result.html()).select_one(".feedback__link")["href"] == \
        "https://example.com/feedback"


def _production_build(content: Path, tmp_path: Path) -> str:
    """The home page of a production build (publishconf.py, an absolute SITEURL)."""
    output = tmp_path / "production"
    subprocess.run(pelican_command("publishconf.py", content=content, output=output), cwd=ROOT,
                   check=True, capture_output=True,
                   env={**os.environ, "SITEURL": "https://clinic.example.org"})
    return (output / "index.html").read_text(encoding="utf-8")


def test_the_disclosure_is_on_every_page_next_to_the_review(site, page):
    review = page.select_one("main > .review")
    disclosure = review.find_next_sibling()
    assert disclosure["class"] == ["disclosure"]
    assert disclosure.get_text().startswith("Who pays for this page: Replace with: who pays")
    assert soup(site.html("404.html")).select_one(".disclosure") is None  # about no page


def test_a_disclosure_is_required(content, build):
    practice = content / "practice.md"
    text = practice.read_text(encoding="utf-8")
    start = text.index("disclosure:")
    practice.write_text(text[:start] + text[text.index("placeholder:", start):], encoding="utf-8")
    result = build(content)
    assert result.returncode == 1
    assert "disclosure: this required field is missing" in result.stderr


def test_publishing_refuses_the_placeholder_disclosure_and_accepts_a_real_one(project):
    make_details_real(project)
    result = invoke(project, "check", "--release", "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    practice = project / "content" / "practice.md"
    text = practice.read_text(encoding="utf-8")
    start = text.index("disclosure:")
    end = text.index("\n", start)
    practice.write_text(text[:start] + "disclosure: Replace with who pays for this page."
                        + text[end:], encoding="utf-8")
    result = invoke(project, "check", "--release", "--format", "json")
    assert result.returncode == 1
    errors = [f for f in json.loads(result.stdout)["findings"] if f["level"] == "error"]
    assert [(f["path"], f["rule"]) for f in errors] == [("content/practice.md",
                                                         "placeholder.text")]
    assert errors[0]["message"].startswith("disclosure: 'Replace with'")


def test_a_new_treatment_has_key_facts_and_a_care_card_that_build(project):
    assert invoke(project, "new-treatment", "Nerve Block").returncode == 0
    choose_approvals(project / "content" / "nerve-block")
    result = run_pelican(project / "content", project / "output", cwd=project)
    assert result.returncode == 0, result.log
    new = soup((project / "output" / "nerve-block" / "index.html").read_text(encoding="utf-8"))
    assert new.select_one(".key-facts__item").get_text() == \
        "Replace with one sentence the page already states."
    assert new.select_one(".care-card--immediate .care-card__link")["href"] == "tel:911"


def test_json_ld_names_the_publisher_and_cites_the_visible_sources(site, page):
    _, document = head_graph(site.html())
    nodes = {node["@id"]: node for node in document["@graph"]}
    web_page = next(n for n in document["@graph"] if "MedicalWebPage" in n["@type"])
    assert nodes[web_page["publisher"]["@id"]]["@type"] == "MedicalClinic"
    visible = list(dict.fromkeys((a.get_text(), a["href"])
                                 for a in page.select("a.references__link")))
    assert [(c["name"], c["url"]) for c in web_page["citation"]] == visible
    assert all(c["@type"] == "CreativeWork" and c["publisher"]["@type"] == "Organization"
               for c in web_page["citation"])

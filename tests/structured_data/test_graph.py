"""The emitted @graph: valid schema.org 30.0, linked, complete, and equal to the visible FAQ."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.structured_data.extract import head_graph, walk
from tests.structured_data.vocabulary import vocabulary
from tests.support.helpers import DATA, ROOT, SAMPLE_SITE

SEED = (DATA / "therapeutic-botox.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(site) -> tuple[str, dict]:
    return head_graph(site.html())


def nodes_of(document: dict) -> list[dict]:
    return document["@graph"]


def types_of(node: dict) -> list[str]:
    return node["@type"] if isinstance(node["@type"], list) else [node["@type"]]


def by_type(document: dict, name: str) -> list[dict]:
    return [n for n in nodes_of(document) if name in types_of(n)]


def test_raw_script_text_has_no_html_special_characters(built):
    raw, _ = built
    assert not set("<>&") & set(raw)


def test_every_type_and_property_is_in_the_schema_org_vocabulary(built):
    _, document = built
    assert document["@context"] == "https://schema.org"
    problems = [p for node in nodes_of(document) for p in vocabulary().problems(node)]
    assert problems == []


def test_ids_are_absolute_unique_and_every_reference_resolves(built):
    _, document = built
    defined, referenced = [], []
    for _path, value in walk(document["@graph"]):
        if isinstance(value, dict) and "@id" in value:
            assert re.match(r"^https?://[^/]+/", value["@id"]), value["@id"]
            (referenced if set(value) == {"@id"} else defined).append(value["@id"])
    assert len(defined) == len(set(defined))
    assert set(referenced) <= set(defined), set(referenced) - set(defined)


def test_no_empty_strings_nulls_or_empty_lists(built):
    _, document = built
    empty = [path for path, value in walk(document) if value in ("", None, [], {})]
    assert empty == []


def test_dates_are_iso_8601(built):
    _, document = built
    page = by_type(document, "MedicalWebPage")[0]
    assert date.fromisoformat(page["lastReviewed"]) == date(2026, 11, 27)


def test_exactly_one_faq_page_which_is_the_medical_web_page(built):
    _, document = built
    faq_pages = by_type(document, "FAQPage")
    assert len(faq_pages) == 1
    assert types_of(faq_pages[0]) == ["MedicalWebPage", "FAQPage"]


def test_page_node_links_site_reviewer_conditions_questions_and_audience(built):
    _, document = built
    page = by_type(document, "MedicalWebPage")[0]
    ids = {n["@id"]: n for n in nodes_of(document)}
    assert page["@id"] == page["url"] == "http://127.0.0.1:8000/"
    assert types_of(ids[page["isPartOf"]["@id"]]) == ["WebSite"]
    assert types_of(ids[page["reviewedBy"]["@id"]]) == ["IndividualPhysician"]
    assert [types_of(ids[r["@id"]]) for r in page["about"]] == [["MedicalCondition"]] * 6
    assert [types_of(ids[r["@id"]]) for r in page["mainEntity"]] == [["Question"]] * 3
    assert page["audience"]["@type"] == "Patient"
    assert page["name"] == "Therapeutic Botox" and page["inLanguage"] == "en"


def test_therapy_drug_conditions_and_practice(built):
    _, document = built
    ids = {n["@id"]: n for n in nodes_of(document)}
    therapy = by_type(document, "MedicalTherapy")[0]
    drug = ids[therapy["drug"]["@id"]]
    assert (drug["nonProprietaryName"], drug["proprietaryName"], drug["prescriptionStatus"]) == (
        "onabotulinumtoxinA", "Botox", "https://schema.org/PrescriptionOnly")
    conditions = by_type(document, "MedicalCondition")
    assert [c["name"] for c in conditions][:2] == ["Chronic Migraines",
                                                  "Temporomandibular Joint (TMJ) Disorder"]
    assert all(c["possibleTreatment"] == {"@id": therapy["@id"]} for c in conditions)
    clinic = by_type(document, "MedicalClinic")[0]
    physician = by_type(document, "IndividualPhysician")[0]
    assert physician["practicesAt"] == {"@id": clinic["@id"]}
    assert clinic["telephone"] == "+1 202-555-0142"
    assert by_type(document, "BreadcrumbList") == []  # the home page has one level only


def seed_faq() -> list[tuple[str, str]]:
    block = SEED.split("Frequently Asked Questions", 1)[1].split("Contact Me to Learn More")[0]
    pairs = re.findall(r"^\d+\.\s+(.+?)\n(.+?)$", block, re.M)
    assert len(pairs) == 3
    return [(q.strip(), a.strip()) for q, a in pairs]


def test_questions_equal_the_seed_and_the_visible_details(built, site):
    _, document = built
    questions = by_type(document, "Question")
    visible = BeautifulSoup(site.html(), "html.parser").select("details.faq__item")
    assert len(questions) == len(visible) == 3
    for question, details, (seed_q, seed_a) in zip(questions, visible, seed_faq(), strict=True):
        answer = question["acceptedAnswer"]
        assert types_of(answer) == ["Answer"]
        assert question["name"] == details.summary.get_text() == seed_q
        answer_text = BeautifulSoup(answer["text"], "html.parser").get_text()
        assert answer_text == details.select_one(".faq__answer").get_text() == seed_a
        assert question["@id"].endswith("#" + details["id"])


def set_second_answer(content: Path, markdown: str) -> None:
    """Replace the second FAQ answer with a Markdown block."""
    faq = content / "therapeutic-botox" / "faq.md"
    block = "|\n" + "".join(f"      {line}\n" for line in markdown.splitlines())
    text = re.sub(r"(    answer: )Botox is generally safe[^\n]*\n",
                  lambda m: m.group(1) + block, faq.read_text(encoding="utf-8"))
    faq.write_text(text, encoding="utf-8")


def test_answer_html_uses_only_allowed_tags_and_absolute_links(content, build):
    set_second_answer(content, "See [safety](#safety) and [the label](https://example.com/l).\n"
                               "\n- **one**\n- *two*\n\n### More")
    result = build(content)
    assert result.returncode == 0, result.log
    _, document = head_graph(result.html())
    answer = by_type(document, "Question")[1]["acceptedAnswer"]["text"]
    tags = set(re.findall(r"<([a-z0-9]+)", answer))
    assert tags == {"p", "a", "ul", "li", "strong", "em", "h3"}
    hrefs = re.findall(r'href="([^"]*)"', answer)
    assert hrefs == ["http://127.0.0.1:8000/#safety", "https://example.com/l"]


@pytest.mark.parametrize("markdown, tag", [("![x-ray](scan.png)", "<img>"),
                                           ("Use `code` here", "<code>"),
                                           ("> quoted", "<blockquote>")])
def test_answers_with_html_schema_org_forbids_fail_the_build(content, build, markdown, tag):
    set_second_answer(content, markdown)
    result = build(content)
    assert result.returncode == 1
    assert f"faq[2].answer: uses {tag}" in result.stderr


def test_the_json_decodes_to_exactly_the_graph_built_from_the_content(built):
    from pelican.settings import read_settings

    from jsonld import site_url
    from jsonld.graph import DEFAULT_PARTS, build_graph
    from treatment_pages.loading import load_site

    _, document = built
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    site, problems = load_site(SAMPLE_SITE, settings)
    assert problems == []
    expected = build_graph(site.treatments[0], site.practice.values, site_url(settings),
                           DEFAULT_PARTS)
    assert document == expected


def test_a_second_level_page_gets_a_breadcrumb_trail(content, build):
    shutil.copytree(DATA / "fixture-treatment", content / "fixture-treatment")
    result = build(content)
    assert result.returncode == 0, result.log
    _, document = head_graph(result.html("fixture-treatment/index.html"))
    crumbs = by_type(document, "BreadcrumbList")
    assert len(crumbs) == 1
    assert [(i["position"], i["name"], i["item"]) for i in crumbs[0]["itemListElement"]] == [
        (1, "Example Pain Clinic", "http://127.0.0.1:8000/"),
        (2, "Fixture Treatment", "http://127.0.0.1:8000/fixture-treatment/")]
    page = by_type(document, "MedicalWebPage")[0]
    assert page["breadcrumb"] == {"@id": crumbs[0]["@id"]}
    assert types_of(by_type(document, "Person")[0]) == ["Person"]  # reviewer is not the clinician
    assert "drug" not in by_type(document, "MedicalTherapy")[0]  # the fixture names no drug
    assert [p for n in nodes_of(document) for p in vocabulary().problems(n)] == []


def test_pieces_can_be_switched_off(content, build):
    result = build(content, "-e", 'JSONLD_PARTS={"faq": false, "conditions": false, '
                                  '"practice": false}')
    assert result.returncode == 0, result.log
    _, document = head_graph(result.html())
    types = [t for n in nodes_of(document) for t in types_of(n)]
    assert "FAQPage" not in types and "Question" not in types
    assert "MedicalCondition" not in types and "MedicalClinic" not in types
    assert types_of(by_type(document, "MedicalWebPage")[0]) == ["MedicalWebPage"]


def test_absolute_siteurl_is_used_for_ids(content, build):
    result = build(content, "-e", 'SITEURL="https://clinic.example.org"')
    assert result.returncode == 0, result.log
    _, document = head_graph(result.html())
    assert by_type(document, "MedicalWebPage")[0]["@id"] == "https://clinic.example.org/"


def test_disabling_the_plugin_removes_the_block(content, build):
    result = build(content, "-e", 'PLUGINS=["strict_build", "treatment_pages"]')
    assert result.returncode == 0, result.log
    assert "application/ld+json" not in result.html()



def test_condition_ids_stay_unique_when_names_slug_alike(content, build):
    indications = content / "therapeutic-botox" / "indications.md"
    text = indications.read_text(encoding="utf-8")
    text = text.replace("  - name: Chronic Migraines\n", "  - name: Chronic migraines (adults)\n")
    text = text.replace("  - name: Chronic Pain Conditions\n",
                        "  - name: Chronic Migraines, Adults\n")
    text = text.replace("  - name: Cervical Dystonia (Neck Spasms)\n", "  - name: 斜颈\n")
    indications.write_text(text, encoding="utf-8")
    result = build(content)
    assert result.returncode == 0, result.log
    _, document = head_graph(result.html())
    ids = [c["@id"].split("#")[1] for c in by_type(document, "MedicalCondition")]
    assert len(ids) == len(set(ids)) == 6
    assert ids[0] == "condition-chronic-migraines-adults"
    assert ids[2] == "condition-3" and ids[5] == "condition-chronic-migraines-adults-6"

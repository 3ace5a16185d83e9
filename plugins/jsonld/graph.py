"""Build one schema.org @graph per treatment page from the same model that renders it.

Every node has an absolute `@id`, and nodes refer to each other by `{"@id": …}`, in the
style of Yoast SEO: one WebSite, one page node that is both a MedicalWebPage and a
FAQPage (published by the clinic, citing the sections' sources), the therapy and its drug,
one MedicalCondition per indication, the clinic and physician, a BreadcrumbList below the
home page, and one Question per FAQ item. A site of several treatments adds the index's
graph (`build_index_graph`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin

from treatment_pages.facts import is_the_clinician
from treatment_pages.links import rewrite_hrefs
from treatment_pages.model import Treatment, TreatmentIndex
from treatment_pages.normalise import slugify

Node = dict[str, Any]
DEFAULT_PARTS = {"faq": True, "conditions": True, "practice": True, "breadcrumbs": True}


def ref(node: Node) -> Node:
    return {"@id": node["@id"]}


def unique_slugs(names: Iterable[str]) -> list[str]:
    """A distinct slug per name: a repeat, or a name with no Latin letters, gets its number."""
    slugs: list[str] = []
    for number, name in enumerate(names, start=1):
        slug = slugify(name)
        candidate = slug if slug and slug not in slugs else f"{slug}-{number}".lstrip("-")
        while candidate in slugs:  # "X", "X 3", "X": the third's "x-3" is the second's
            candidate += f"-{number}"
        slugs.append(candidate)
    return slugs


def absolute_links(html: str, base: str) -> str:
    """Answer HTML with every href made absolute, as schema.org Answer text requires."""
    return rewrite_hrefs(html, lambda href: urljoin(base, href))


def build_graph(treatment: Treatment, practice: dict[str, Any], site_url: str,
                parts: dict[str, bool], languages: list[str] | None = None) -> dict[str, Any]:
    """The page's JSON-LD document: {"@context": …, "@graph": [...]}.

    On a site of several `languages`, the WebSite is in all of them, and the page names its
    translations (`workTranslation`) or its source (`translationOfWork`): the versions share
    no @id, so each page's FAQPage is its own language's visible text."""
    home = f"{site_url}/"
    page_url = urljoin(home, treatment.url)
    nodes: list[Node] = []
    clinic, physician = practice_nodes(practice, home) if parts["practice"] else (None, None)
    if clinic and physician:
        nodes += [clinic, physician]
    lang = treatment.meta["lang"]
    website = website_node(practice, home, languages if languages and len(languages) > 1
                           else lang, clinic)
    therapy, drug = therapy_nodes(treatment.meta, page_url)
    if drug:
        nodes.append(drug)
    if clinic and physician:
        clinic["availableService"] = ref(therapy)
    reviewer = reviewer_node(treatment.meta["reviewed_by"], practice, physician, page_url, nodes)
    page = page_node(treatment, home, website, reviewer, clinic)

    conditions = condition_nodes(treatment, page_url, therapy) if parts["conditions"] else []
    if conditions:
        page["about"] = [ref(c) for c in conditions]
    questions = [question_node(item, page_url, lang, section.item_id(number))
                 for section in treatment.sections
                 for number, item in enumerate(section.faq, start=1)] if parts["faq"] else []
    if questions:
        page["@type"].append("FAQPage")
        page["mainEntity"] = [ref(q) for q in questions]
    if parts["breadcrumbs"] and treatment.url:
        add_breadcrumbs(page, [(practice["name"], home), (treatment.meta["title"], page_url)],
                        nodes)
    return {"@context": "https://schema.org",
            "@graph": [website, page, therapy, *nodes, *conditions, *questions]}


def therapy_nodes(meta: dict[str, Any], page_url: str) -> tuple[Node, Node | None]:
    """The page's therapy and, when the page names one, its drug."""
    therapy = {"@type": "MedicalTherapy", "@id": f"{page_url}#therapy", "name": meta["title"],
               "description": meta["description"], "url": page_url}
    if not meta["drug"]:
        return therapy, None
    drug = {"@type": "Drug", "@id": f"{page_url}#drug", "name": meta["drug"]["brand_name"],
            "nonProprietaryName": meta["drug"]["generic_name"],
            "proprietaryName": meta["drug"]["brand_name"]}
    if meta["drug"]["prescription_only"]:
        drug["prescriptionStatus"] = "https://schema.org/PrescriptionOnly"
    therapy["drug"] = ref(drug)
    return therapy, drug


def page_node(treatment: Treatment, home: str, website: Node, reviewer: Node,
              clinic: Node | None) -> Node:
    """The MedicalWebPage: who reviewed it and when, who publishes it, its other languages
    and its sources."""
    meta = treatment.meta
    page_url = urljoin(home, treatment.url)
    page: Node = {"@type": ["MedicalWebPage"], "@id": page_url, "url": page_url,
                  "name": meta["title"], "description": meta["description"],
                  "inLanguage": meta["lang"], "isPartOf": ref(website),
                  "audience": {"@type": "Patient", "@id": f"{page_url}#audience",
                               "audienceType": "Patients"},
                  "reviewedBy": ref(reviewer)}
    if meta.get("last_reviewed"):  # a new page has none until its reviewer sets it
        page["lastReviewed"] = meta["last_reviewed"].isoformat()
    if clinic:
        page["publisher"] = ref(clinic)
    if treatment.translation:
        page["translationOfWork"] = {"@id": urljoin(home, treatment.translation.source.url)}
    elif treatment.versions:
        page["workTranslation"] = [{"@id": urljoin(home, version.url)}
                                   for version in treatment.versions[1:]]
    citations = citation_nodes(treatment, page_url)
    if citations:
        page["citation"] = citations
    return page


def condition_nodes(treatment: Treatment, page_url: str, therapy: Node) -> list[Node]:
    """One MedicalCondition per indication, treated by the page's therapy."""
    indications = [item for section in treatment.sections for item in section.indications]
    return [{"@type": "MedicalCondition", "@id": f"{page_url}#condition-{suffix}",
             "name": item["name"], "possibleTreatment": ref(therapy)}
            for item, suffix in zip(indications, unique_slugs(i["name"] for i in indications),
                                    strict=True)]


def citation_nodes(treatment: Treatment, page_url: str) -> list[Node]:
    """The sources listed under the page's sections, each once, as the page's `citation`."""
    sources = dict.fromkeys((item["title"], item["url"], item["publisher"])
                            for section in treatment.sections for item in section.references)
    return [{"@type": "CreativeWork", "@id": f"{page_url}#source-{number}", "name": title,
             "url": url, "publisher": {"@type": "Organization", "name": publisher}}
            for number, (title, url, publisher) in enumerate(sources, start=1)]


def practice_nodes(practice: dict[str, Any], home: str) -> tuple[Node, Node]:
    """The clinic and its physician, from practice.md; every page has the same two @ids."""
    clinic = {"@type": "MedicalClinic", "@id": f"{home}#clinic", "name": practice["name"],
              "url": home, "telephone": practice["phone"], "email": practice["email"],
              "address": practice["address"]}
    physician = {"@type": "IndividualPhysician", "@id": f"{home}#physician",
                 "name": practice["clinician"],
                 "hasCredential": {"@type": "EducationalOccupationalCredential",
                                   "@id": f"{home}#physician-credentials",
                                   "name": practice["credentials"]},
                 "practicesAt": ref(clinic)}
    return clinic, physician


def website_node(practice: dict[str, Any], home: str, lang: str | list[str],
                 clinic: Node | None) -> Node:
    website = {"@type": "WebSite", "@id": f"{home}#website", "url": home,
               "name": practice["name"], "inLanguage": lang}
    if clinic:
        website["publisher"] = ref(clinic)
    return website


def add_breadcrumbs(page: Node, crumbs: list[tuple[str, str]], nodes: list[Node]) -> None:
    """A BreadcrumbList of (name, url) pairs from the home page down, linked from `page`."""
    page_url = page["@id"]
    page["breadcrumb"] = {"@id": f"{page_url}#breadcrumb"}
    nodes.append({"@type": "BreadcrumbList", "@id": f"{page_url}#breadcrumb",
                  "itemListElement": [
                      {"@type": "ListItem", "@id": f"{page_url}#breadcrumb-{position}",
                       "position": position, "name": name, "item": url}
                      for position, (name, url) in enumerate(crumbs, start=1)]})


def build_index_graph(index: TreatmentIndex, practice: dict[str, Any], site_url: str,
                      parts: dict[str, bool], lang: str) -> dict[str, Any]:
    """The treatments index's JSON-LD: a CollectionPage whose `hasPart` are the treatment pages.

    The clinic's `availableService` lists every treatment here, the one page that lists them
    all (a treatment page's clinic node names only its own therapy: the same @id, so a reader
    of the whole site merges them), which keeps every other page's size independent of N.
    """
    home = f"{site_url}/"
    page_url = urljoin(home, index.url)
    clinic, physician = practice_nodes(practice, home) if parts["practice"] else (None, None)
    website = website_node(practice, home, lang, clinic)
    pages: list[Node] = []
    therapies: list[Node] = []
    for treatment in index.treatments:
        url = urljoin(home, treatment.url)
        meta = treatment.meta
        pages.append({"@type": "MedicalWebPage", "@id": url, "url": url, "name": meta["title"],
                      "description": meta["description"], "inLanguage": meta["lang"],
                      "isPartOf": ref(website)})
        therapies.append({"@type": "MedicalTherapy", "@id": f"{url}#therapy",
                          "name": meta["title"], "url": url})
    page: Node = {"@type": "CollectionPage", "@id": page_url, "url": page_url,
                  "name": practice["title"], "description": practice["description"],
                  "inLanguage": lang, "isPartOf": ref(website),
                  "hasPart": [ref(p) for p in pages]}
    nodes: list[Node] = []
    if clinic and physician:
        clinic["availableService"] = [ref(t) for t in therapies]
        page["about"] = ref(clinic)
        nodes += [clinic, physician, *therapies]
    if parts["breadcrumbs"] and index.url:
        add_breadcrumbs(page, [(practice["name"], home), (practice["title"], page_url)], nodes)
    return {"@context": "https://schema.org", "@graph": [website, page, *pages, *nodes]}


def reviewer_node(reviewer: dict[str, Any], practice: dict[str, Any], physician: Node | None,
                  page_url: str, nodes: list[Node]) -> Node:
    """The practice's physician when they reviewed the page, else a Person of their own."""
    if physician and is_the_clinician(reviewer, practice):
        return physician
    person = {"@type": "Person", "@id": f"{page_url}#reviewer", "name": reviewer["name"],
              "hasCredential": {"@type": "EducationalOccupationalCredential",
                                "@id": f"{page_url}#reviewer-credentials",
                                "name": reviewer["credentials"]}}
    nodes.append(person)
    return person


def question_node(item: dict[str, Any], page_url: str, lang: str, element_id: str) -> Node:
    """One Question with its one accepted Answer; `element_id` is the visible item's id."""
    question_id = f"{page_url}#{element_id}"
    return {"@type": "Question", "@id": question_id, "name": item["question"],
            "inLanguage": lang, "answerCount": 1,
            "acceptedAnswer": {"@type": "Answer", "@id": f"{question_id}-answer",
                               "text": absolute_links(str(item["answer_html"]), page_url),
                               "inLanguage": lang}}

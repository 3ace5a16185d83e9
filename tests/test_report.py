"""`invoke report`: the standards report, through the real CLI, read back with BeautifulSoup."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_tools.check import run_checks
from site_tools.report import build_report
from tests.support.git_repos import Repo
from tests.support.helpers import TREATMENT, findings, invoke, make_details_real, replace
from treatment_pages.loading import load_site

NHS_ESSENTIAL = 17  # Essential items of the NHS standard (sections 1 to 6)
PIF_CRITERIA = [f"{n} " for n in range(1, 11)] + ["Individual 7 "]
SCORE = re.compile(r"^(?P<what>.+?): Flesch-Kincaid grade (?P<fk>\d+\.\d), SMOG (?P<smog>\S+)")


def write_report(project: Path, *extra: str) -> tuple[BeautifulSoup, str, Path]:
    target = project / "reports" / "standards.html"
    result = invoke(project, "report", "--output", str(target), *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser"), result.stdout, target


def rows(soup: BeautifulSoup, caption: str) -> dict[str, tuple[str, str]]:
    """criterion wording -> (status, evidence text) in the table with that caption."""
    table = next(t for t in soup.find_all("table") if t.caption.get_text() == caption)
    found = {}
    for row in table.select("tr.criterion"):
        ref, wording, status, evidence = (c.get_text(" ", strip=True)
                                          for c in row.find_all(["th", "td"]))
        found[f"{ref} {wording}"] = (status, evidence)
    return found


def row(table: dict[str, tuple[str, str]], start: str) -> tuple[str, str]:
    matches = [value for key, value in table.items() if key.startswith(start)]
    assert len(matches) == 1, (start, list(table))
    return matches[0]


def nhs(soup: BeautifulSoup) -> dict[str, tuple[str, str]]:
    return rows(soup, "NHS Standard for creating health content")


def pif(soup: BeautifulSoup) -> dict[str, tuple[str, str]]:
    return rows(soup, "PIF TICK criteria")


def test_shipped_page_every_item_with_its_verdict_and_evidence(project):
    soup, printed, _ = write_report(project)
    items = nhs(soup)
    assert sum(key.startswith(tuple(f"{n} Essential" for n in range(1, 7)))
               for key in items) == NHS_ESSENTIAL
    assert [key for key in pif(soup)] and all(
        any(key.startswith(ref) for key in pif(soup)) for ref in PIF_CRITERIA)
    status, evidence = row(items, "1 Essential Have a planned review cycle")
    assert status == "pass"
    assert "last reviewed 2026-11-27, next review due 2027-11-27: a 12-month cycle" in evidence
    status, evidence = row(items, "2 Essential Get clinical")
    assert status == "fail"  # the shipped reviewer is a made-up example
    assert "Dr Alex Example, MD, Pain Medicine" in evidence and "placeholder: true" in evidence
    # The shipped disclosure is the scaffold's "Replace with…" text: unfinished, so it fails.
    assert row(items, "1 Essential Be transparent")[0] == "fail"
    assert "(unfinished: placeholder.text)" in row(items, "1 Essential Be transparent")[1]
    # Every page ends with a feedback link, but the shipped one is a sample address: no route.
    status, evidence = row(pif(soup), "8 Feedback")
    assert status == "fail" and "appointments@example.com is a sample address" in evidence
    assert "What to do: Give the clinic's real feedback_url" in evidence
    assert row(pif(soup), "5 Involving users")[0] == "not shown by the files"
    assert row(items, "3 Essential Follow copyright")[0] == "not shown by the files"
    # Risky claims and approval labels are evidence of their criteria.
    assert "claims.drug-free" in row(items, "2 Essential Create content")[1]
    transparency = row(pif(soup), "Individual 7")[1]
    assert "Chronic Migraines: FDA-approved use" in transparency
    assert "Off-label use" in transparency
    # The summary is printed and is at the top of the page.
    assert "Therapeutic Botox: NHS Essential items" in printed
    assert any("Therapeutic Botox: NHS Essential items" in p.text
               for p in soup.select("p.summary-line"))


def test_every_reference_is_listed_with_its_publisher_and_its_own_link(project):
    soup, _, _ = write_report(project)
    site, _ = load_site(project / "content", {})
    references = [ref for s in site.treatments[0].sections
                  for ref in s.source.values["references"]]
    assert references
    evidence = row(nhs(soup), "2 Best practice Keep a record")[1]
    links = {a["href"] for a in soup.find_all("a")}
    for ref in references:
        assert ref["title"] in evidence and ref["publisher"] in evidence
        assert ref["url"] in links


def test_readability_figures_are_those_invoke_check_prints(project):
    soup, _, _ = write_report(project)
    checked = invoke(project, "check")
    printed = {(f["path"], m["what"]): (m["fk"], m["smog"]) for f in findings(checked.stdout)
               if f["rule"] == "readability.score" and (m := SCORE.match(f["message"]))}
    shown = {}
    for tr in soup.select("tr.readability"):
        what, path, fk, smog, *_ = (c.get_text(strip=True) for c in tr.find_all(["th", "td"]))
        shown[(path, what)] = (fk, smog)
    folder = project / "content" / TREATMENT
    files = {f"content/{TREATMENT}/{p.name}" for p in folder.glob("*.md")}
    assert {path for path, _ in shown} == files  # every section, and page.md (page, key facts)
    assert shown == printed


def test_self_contained_nothing_runs_or_loads_and_editor_text_is_escaped(project):
    page = project / "content" / TREATMENT / "page.md"
    replace(page, "name: Dr Alex Example", 'name: "Dr <script>alert(1)</script> Example"')
    indications = project / "content" / TREATMENT / "indications.md"
    replace(indications, "publisher: U.S. National Library of Medicine (DailyMed)",
            'publisher: "<img src=https://evil.example/x.png> NLM"')
    soup, _, target = write_report(project)
    assert soup.find("script") is None and soup.find("img") is None
    assert soup.find("link") is None and not soup.select("[src]")
    assert not soup.select("[style]") and "url(" not in soup.style.text
    assert "@import" not in soup.style.text
    site, _ = load_site(project / "content", {})
    own = {ref["url"] for s in site.treatments[0].sections for ref in s.source.values["references"]}
    assert {a["href"] for a in soup.find_all("a")} <= own
    evidence = row(nhs(soup), "2 Essential Get clinical")[1]
    assert "Dr <script>alert(1)</script> Example" in evidence  # shown as text
    assert "&lt;script&gt;" in target.read_text(encoding="utf-8")


def test_a_modified_copy_real_details_simple_words_and_a_change_since_review(project):
    """Real details pass; the PIF profile measures each section's reading age."""
    make_details_real(project)
    what_is = project / "content" / TREATMENT / "what-is.md"
    text = what_is.read_text(encoding="utf-8")
    front, _, _ = text.rpartition("---\n")
    what_is.write_text(front + "---\nBotox is a drug. A doctor puts it in a muscle. The muscle "
                       "gets calm. The pain can go down. It lasts a few months.\n",
                       encoding="utf-8")
    soup, printed, _ = write_report(project, "--profile", "pif")
    items = nhs(soup)
    assert row(items, "1 Essential Make clear which organisation")[0] == "pass"
    assert row(items, "2 Essential Get clinical")[0] == "pass"
    ages = {tr.th.get_text(strip=True): tr.find_all("td")[-1].get_text(strip=True)
            for tr in soup.select("tr.readability")}
    assert ages["section 'What Is Therapeutic Botox?'"] == "pass"
    assert ages["section 'How Does Therapeutic Botox Work?'"] == "fail"
    plain = row(items, "5 Essential Use concise")[1]
    assert "reading age (Flesch-Kincaid grade + 5) at most 11" in plain
    assert "How Does Therapeutic Botox Work?" in plain and "What Is Therapeutic" not in plain
    assert "fail — 6 Health inequalities" in printed


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_history_check_is_evidence(project):
    soup, _, _ = write_report(project)  # a copy, not a repository
    status, evidence = row(nhs(soup), "2 Essential Check the evidence")
    assert status == "not shown by the files"
    assert "history.unavailable" in evidence and "not in a git repository" in evidence
    repo = Repo(project)  # its first commit sets last_reviewed: the reviewed state
    assert row(nhs(write_report(project)[0]), "2 Essential Check the evidence")[0] == "pass"
    repo.edit("safety.md", "Botox carries", "BOTOX carries", "Brand name as on the label")
    soup, _, _ = write_report(project)
    status, evidence = row(nhs(soup), "2 Essential Check the evidence")
    assert status == "fail" and "safety.md: the section's text changed from" in evidence
    assert row(nhs(soup), "1 Essential Follow a process")[0] == "fail"
    assert row(pif(soup), "4 Evidence")[0] == "fail"


def test_the_trust_fields_are_evidence(content):
    """disclosure, feedback_url, emergency_number and key_facts, as an editor writes them."""
    practice = content / "practice.md"
    written = re.sub(r"disclosure: >-\n(?:  .*\n)+",
                     'disclosure: "No sponsorship; Dr Example receives no payment from Allergan."\n'
                     "feedback_url: https://springfield-pain.org/feedback\n",
                     practice.read_text(encoding="utf-8"))
    practice.write_text(written, encoding="utf-8")
    run = run_checks(content, {})
    assert run.invalid == []
    html, lines = build_report(run)
    soup = BeautifulSoup(html, "html.parser")
    status, evidence = row(nhs(soup), "1 Essential Be transparent")
    assert status == "pass" and "receives no payment from Allergan" in evidence
    status, evidence = row(pif(soup), "8 Feedback")
    assert status == "pass" and "https://springfield-pain.org/feedback" in evidence
    design = row(pif(soup), "7 Content and design")[1]
    facts = len(run.site.treatments[0].meta["key_facts"])
    assert f"key facts (page.md key_facts): {facts}" in design
    assert "emergency_number): 911" in design
    assert not any("8 Feedback" in line for line in lines)


@pytest.mark.parametrize(("years", "status"), [(5, "pass"), (3, "fail")])
def test_the_review_cycle_is_the_lints_review_max_years(content, years, status):
    """A four-year cycle passes where `invoke check` allows five years, as the lint does."""
    replace(content / TREATMENT / "page.md", "next_review_due: 2027-11-27",
            "next_review_due: 2030-11-27")
    run = run_checks(content, {"EDITORIAL_LINT": {"review_max_years": years}})
    interval = [f for f in run.findings if f.rule == "review.interval"]
    assert bool(interval) == (status == "fail")
    verdict, evidence = row(nhs(BeautifulSoup(build_report(run)[0], "html.parser")),
                            "1 Essential Have a planned review cycle")
    assert verdict == status and f"a 48-month cycle (at most {years * 12})" in evidence


@pytest.mark.parametrize("inside", ["output/standards.html", "output"])
def test_it_refuses_to_write_into_the_published_output(project, inside):
    result = invoke(project, "report", "--output", inside)
    assert result.returncode == 2
    assert "is published" in result.stderr
    assert not (project / "output" / "standards.html").exists()


def test_the_default_file_is_in_test_artifacts_never_published(project):
    result = invoke(project, "report")
    assert result.returncode == 0, result.stderr
    written = project / "test-artifacts" / "standards-report.html"
    assert written.is_file() and f"Wrote {written}" in result.stdout
    assert not (project / "output").exists()

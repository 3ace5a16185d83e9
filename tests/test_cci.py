"""The CDC Clear Communication Index in the standards report, and attestations that expire."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_tools import cci
from site_tools.check import run_checks
from site_tools.report import build_report
from site_tools.verify.record import GateResult
from tests.support.git_repos import Repo
from tests.support.helpers import TREATMENT, replace

BEFORE, ATTESTED_ON, AFTER, LATER = "2026-11-20", "2026-11-25", "2026-12-05", "2026-12-10"
SETTINGS: dict[str, str] = {}


def attest(content: Path, *items: int, when: str = ATTESTED_ON) -> None:
    lines = "".join(f"  - item: {n}\n    who: Dr Alex Example\n    when: {when}\n"
                    for n in items)
    replace(content / TREATMENT / "page.md", "next_review_due: 2027-11-27\n",
            f"next_review_due: 2027-11-27\nattestations:\n{lines}")


def index(content: Path) -> cci.Index:
    run = run_checks(content, SETTINGS)
    assert run.invalid == []
    (treatment,) = run.site.treatments
    return cci.assess(treatment, run.findings, SETTINGS)


def judged(found: cci.Index, number: int) -> cci.Judged:
    return next(j for j in found.items if j.item.number == number)


def test_every_item_once_with_its_kind_and_the_score_rule():
    assert [item.number for item in cci.ITEMS] == list(range(1, 21))
    assert {item.kind for item in cci.ITEMS} == {cci.AUTO, cci.HEURISTIC, cci.ATTESTED}
    assert all(item.todo for item in cci.ITEMS)
    met = [cci.Judged(cci.ITEMS[0], cci.MET)] * 9 + [cci.Judged(cci.ITEMS[1], cci.NOT_MET)]
    assert cci.Index(met).score == 90 and cci.Index(met).passes
    skipped = [cci.Judged(cci.ITEMS[14], cci.NOT_APPLICABLE)] * 5
    assert cci.Index(met[:8] + met[-1:] + skipped).applicable == 9


def test_sample_page_score_and_items(content):
    found = index(content)
    assert found.applicable == 20  # recommendations (a care card), numbers and risk
    assert {j.item.number for j in found.items if j.status == cci.MET} == \
        {2, 5, 8, 9, 10, 12, 15, 17, 19, 20}
    assert found.score == 50 and not found.passes
    assert "'is given'" in " ".join(judged(found, 6).evidence)  # a key fact in the passive
    assert judged(found, 1).status == cci.NOT_MET  # nobody attested it


def test_items_for_numbers_risk_and_recommendations_apply_only_when_present(content):
    folder = content / TREATMENT
    for name in ("safety.md", "contact.md", "faq.md", "procedure.md", "indications.md",
                 "benefits.md"):
        (folder / name).unlink()
    replace(folder / "page.md", "its benefits and risks", "its benefits")
    replace(folder / "page.md", "key_facts:", "key_facts_gone:")
    text = (folder / "page.md").read_text(encoding="utf-8")
    start = text.index("key_facts_gone:")
    end = text.index("slug:")
    (folder / "page.md").write_text(text[:start] + text[end:], encoding="utf-8")
    found = index(content)
    assert {j.item.number for j in found.items if j.status == cci.NOT_APPLICABLE} == \
        set(range(12, 21))
    assert found.applicable == 11


def test_an_attestation_counts_without_history_only_when_history_shows_it(content):
    attest(content, 4)
    item = judged(index(content), 4)  # a copy outside any repository
    assert item.status == cci.NOT_MET and "git history" in item.evidence[0]


def on(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    """Commits made from now on are dated `day` (noon UTC), as the history reads dates."""
    monkeypatch.setenv("GIT_COMMITTER_DATE", f"{day}T12:00:00+00:00")
    monkeypatch.setenv("GIT_AUTHOR_DATE", f"{day}T12:00:00+00:00")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_an_attestation_expires_on_a_content_change_not_on_a_rewrap(content, monkeypatch):
    attest(content, 4, 11)
    on(monkeypatch, BEFORE)
    repository = Repo(content.parent)
    assert judged(index(content), 4).status == cci.MET
    what_is = content / TREATMENT / "what-is.md"
    text = what_is.read_text(encoding="utf-8")
    what_is.write_text(text.replace(". ", ".\n"), encoding="utf-8")  # the same words, re-wrapped
    on(monkeypatch, AFTER)
    repository.commit("Re-wrap")
    assert judged(index(content), 4).status == cci.MET
    on(monkeypatch, LATER)
    repository.edit("safety.md", "boxed warning", "black box warning", "Say black box")
    item = judged(index(content), 4)
    assert item.status == cci.NOT_MET
    assert f"expired — the page changed on {LATER}" in item.evidence[0]
    assert "'Say black box'" in item.evidence[0] and "safety.md: body" in item.evidence[0]
    # Undone, the page shows what was attested again; a new date holds after a change too.
    repository.edit("safety.md", "black box warning", "boxed warning", "Undo")
    assert judged(index(content), 4).status == cci.MET
    repository.edit("safety.md", "boxed warning", "black box warning", "Say black box again")
    replace(content / TREATMENT / "page.md", f"when: {ATTESTED_ON}", f"when: {LATER}")
    repository.commit("Re-attested")
    assert judged(index(content), 4).status == cci.MET


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_adding_an_attestation_is_no_change_for_the_review_history(content, monkeypatch):
    on(monkeypatch, BEFORE)
    repository = Repo(content.parent)
    attest(content, 1)
    on(monkeypatch, AFTER)
    repository.commit("Attest item 1")
    assert [f for f in run_checks(content, SETTINGS).findings
            if f.rule == "history.changed-since"] == []


def report(content: Path, gate: GateResult | None = None) -> BeautifulSoup:
    html, _ = build_report(run_checks(content, SETTINGS), gate)
    return BeautifulSoup(html, "html.parser")


def test_report_shows_every_item_the_score_and_what_to_do(content):
    soup = report(content)
    rows = soup.select("tr.cci-item")
    assert len(rows) == 20
    assert "CDC Clear Communication Index 50 (10 of 20 applicable items met): does not pass" \
        in soup.select_one("table.cci caption").get_text()
    for tr in rows:
        status = tr.select_one("td.status").get_text()
        assert ("What to do:" in tr.get_text()) == (status == cci.NOT_MET)
    for tr in soup.select("tr.criterion"):
        if tr.select_one("td.status").get_text() == "fail":
            assert "What to do:" in tr.get_text(), tr.get_text()


def test_report_heading_names_clinic_commit_and_date(content):
    soup = report(content)
    assert soup.h1.get_text() == "Standards report: Example Pain Clinic"
    context = soup.select_one(".report-context").get_text()
    assert "Commit none (not a git repository), checked on 2027-01-15" in context


def accessibility_row(soup: BeautifulSoup) -> str:
    row = next(tr for tr in soup.select("tr.criterion") if "WCAG" in tr.get_text())
    return row.select_one("td.status").get_text()


def test_accessibility_never_passes_from_the_files_alone(content):
    assert accessibility_row(report(content)) == "not shown by the files"
    other = GateResult("0123abc", "2027-01-14", True, "axe-core: 0 violations")
    assert accessibility_row(report(content, other)) == "not shown by the files"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_accessibility_shows_the_browser_gate_of_this_commit(content):
    here = Repo(content.parent).first
    soup = report(content, GateResult(here, "2027-01-14", True, "axe-core: 0 violations"))
    assert accessibility_row(soup) == "pass"
    assert f"browser gate on commit {here} (2027-01-14): passed" in soup.get_text()
    soup = report(content, GateResult(here, "2027-01-14", False, "2 violations"))
    assert accessibility_row(soup) == "fail"


def test_report_fits_320px_without_horizontal_scroll_rules(content):
    """The CSS stacks table cells below 40rem and breaks long addresses (checked in Chromium
    at 320 px by hand; see the branch report)."""
    css = report(content).style.get_text()
    assert "@media (max-width:40rem)" in css and "overflow-wrap:anywhere" in css

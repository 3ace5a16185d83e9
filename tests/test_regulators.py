"""Any regulator: practice.md names it, and the page, the CMS and the lint use its words.

Each regulator's built page shows its two labels and names no other regulator; the CMS offers
the same labels; the old value `fda-approved` is refused with its fix.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cms_admin.config import config
from tests.support.helpers import TREATMENT, line_of, replace, visible_text
from treatment_pages.schema import REGULATORS, Regulator

# How each regulator's name is written, to find it anywhere on a page.
NAMES = {"FDA": r"\bFDA\b", "MHRA": r"\bMHRA\b", "EMA": r"\bEMA\b", "TGA": r"\bTGA\b",
         "Health Canada": r"Health Canada"}


def as_regulator(content: Path, regulator: Regulator) -> None:
    """The sample site for a clinic under `regulator`: practice.md names it, and the
    clinician's mentions of the FDA are taken out of this test copy."""
    replace(content / "practice.md", "regulator: FDA", f"regulator: {regulator.name}")
    for path in (content / TREATMENT).glob("*.md"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\bFDA[- ]approved\b", "approved", text)
        path.write_text(re.sub(r"\bFDA(?:'s)?\b|Drugs@FDA", "the regulator", text),
                        encoding="utf-8")


@pytest.mark.parametrize("regulator", REGULATORS, ids=[r.name for r in REGULATORS])
def test_a_page_shows_its_regulators_words_and_no_other_regulator(content, build, regulator):
    as_regulator(content, regulator)
    result = build(content)
    assert result.returncode == 0, result.log
    html = result.html()
    soup = BeautifulSoup(html, "html.parser")
    labels = [label.get_text() for label in soup.select(".indications__label")]
    assert labels == [regulator.approved, regulator.off_label, regulator.approved,
                      regulator.approved, regulator.approved, regulator.off_label]
    graph = json.loads(soup.find("script", type="application/ld+json").string)
    page = visible_text(html) + json.dumps(graph)
    for name, pattern in NAMES.items():
        if name != regulator.name:
            assert not re.search(pattern, page), name
    others = {label for other in REGULATORS if other is not regulator
              for label in (other.approved, other.off_label)} - {regulator.off_label}
    assert not [label for label in others if label in visible_text(html)]
    # The CMS offers the approval in the same words.
    settings = {"CMS_REPO": "clinic/site", "CMS_BRANCH": "main", "CMS_AUTH_URL": ""}
    collection = next(c for c in config(content, settings)["collections"] if c["name"] == TREATMENT)
    indications = next(f for f in collection["files"] if f["name"] == "indications")
    items = next(f for f in indications["fields"] if f["name"] == "indications")
    approval = next(f for f in items["fields"] if f["name"] == "approval")
    assert [o["label"] for o in approval["options"]] == [regulator.approved, regulator.off_label]


def test_the_old_value_fda_approved_is_refused_with_its_fix(content, build):
    indications = content / TREATMENT / "indications.md"
    replace(indications, "approval: approved", "approval: fda-approved")
    result = build(content)
    assert result.returncode != 0
    line = line_of(indications, "approval: fda-approved")
    assert re.search(rf"indications.md:{line}: indications\[1\]\.approval: 'fda-approved' is not "
                     r"allowed — write 'approved'", result.log), result.log


def test_a_claims_reason_names_the_pages_medicine_and_warning(content):
    from site_tools.check import run_checks
    from tasks import SETTINGS

    page = content / TREATMENT / "page.md"
    replace(page, "brand_name: Botox", "brand_name: Dysport")
    replace(page, "prescription_only: true", "prescription_only: true\n  warning: a black "
                                             "triangle")
    replace(content / "practice.md", "regulator: FDA", "regulator: MHRA")
    faq = content / TREATMENT / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\nIt is completely safe, with no side "
                   "effects.\n", encoding="utf-8")
    found = {f.rule: f.message for f in run_checks(content, SETTINGS).findings
             if f.rule.startswith("claims.")}
    assert "Dysport carries a black triangle" in found["claims.absolutely-safe"]
    assert "see its Summary of Product Characteristics" in found["claims.no-side-effects"]
    assert not any("Botox" in message or "FDA" in message for message in found.values())

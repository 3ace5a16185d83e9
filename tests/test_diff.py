"""`invoke diff --base REF`: what patients will read differently, on temporary repositories
of the frozen sample site (tests/support/git_repos.py); in-process, plus the real command for
its options, the job summary and its errors."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from site_tools.diff import HEADING, NOTHING, patient_diff
from tests.support.git_repos import Repo, diff_rows
from tests.support.helpers import INVOKE, TREATMENT, invoke, replace
from treatment_pages.model import PAGE_FILE

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path / "repo")


def test_nothing_changed_says_so(repo):
    assert repo.diff("HEAD") == f"{HEADING}\n\n{NOTHING}\n"


def test_an_answer_shows_only_its_changed_sentences_side_by_side(repo):
    repo.edit("faq.md", "Most patients require follow-up sessions every 3 to 6 months to "
              "maintain results.", "Most patients need a session every 3 months.")
    shown = repo.diff("HEAD")
    assert shown.startswith(HEADING + "\n")
    assert "### Therapeutic Botox" in shown
    assert "#### Frequently Asked Questions (`faq.md`)" in shown
    assert "**faq 3, answer: How many Botox sessions will I need?**" in shown
    assert diff_rows(shown) == ["| Most patients require follow-up sessions every 3 to 6 months to "
                           "maintain results. | Most patients need a session every 3 months. |"]
    assert "The number of Botox treatments depends" not in shown  # unchanged: left out


@pytest.mark.parametrize(("name", "old", "new", "heading", "label", "row"), [
    ("indications.md", "approval: off-label", "approval: fda-approved",
     "Indications for Therapeutic Botox (`indications.md`)",
     "indications 2, approval: Temporomandibular Joint (TMJ) Disorder",
     "| Off-label use | FDA-approved use |"),
    (PAGE_FILE, "The effect can last 3 to 6 months.", "The effect can last 4 months.",
     "Heading, key facts and review dates (`page.md`)", "key facts 4, fact",
     "| The effect can last 3 to 6 months. | The effect can last 4 months. |"),
    (PAGE_FILE, "last_reviewed: 2026-11-27", "last_reviewed: 2026-12-10",
     "Heading, key facts and review dates (`page.md`)", "last reviewed",
     "| 2026-11-27 | 2026-12-10 |"),
    ("safety.md", "muscle weakness anywhere in your body", "weak muscles",
     "Important safety information (`safety.md`)", "care cards 1, symptoms 2, text",
     "| muscle weakness anywhere in your body | weak muscles |"),
    ("what-is.md", "Therapeutic Botox works by temporarily", "Botox works by temporarily",
     "What Is Therapeutic Botox? (`what-is.md`)", "Text",
     "| Therapeutic Botox works by temporarily blocking nerve signals to specific muscles, "
     "preventing excessive contraction and reducing associated pain and discomfort. | Botox "
     "works by temporarily blocking nerve signals to specific muscles, preventing excessive "
     "contraction and reducing associated pain and discomfort. |"),
])
def test_each_kind_of_fact_shows_its_file_field_and_sentences(repo, name, old, new, heading,
                                                               label, row):
    repo.edit(name, old, new, "An edit")
    shown = repo.diff("HEAD~1", "HEAD")
    assert f"#### {heading}" in shown and f"**{label}**" in shown
    assert diff_rows(shown) == [row]


def test_contact_details_and_an_added_item_and_the_working_copy(repo):
    replace(repo.content / "practice.md", '"+1 202-555-0142"', '"+1 303-444-7788"')
    faq = repo.file("faq.md")
    faq.write_text(faq.read_text(encoding="utf-8").replace(
        "faq:\n", "faq:\n  - question: Does it hurt?\n    answer: A little | briefly <b>.\n", 1),
        encoding="utf-8")
    shown = repo.diff("HEAD")  # uncommitted: the working copy
    assert "#### Contact details (`practice.md`)" in shown
    assert "| +1 202-555-0142 | +1 303-444-7788 |" in shown
    assert "**faq 1 (added)**" in shown
    assert "| — | Does it hurt?<br>A little \\| briefly &lt;b&gt;. |" in shown
    assert shown.index("Therapeutic Botox") < shown.index("Contact details")


def test_re_formatting_and_a_folder_rename_show_nothing(repo):
    faq = repo.file("faq.md")
    text = faq.read_text(encoding="utf-8").replace(
        "    answer: The number of Botox treatments depends on the condition",
        "    # re-wrapped by the CMS\n    answer: \"The number of Botox treatments depends\n"
        "      on the condition").replace("to develop a treatment plan that suits your needs.",
                                         "to develop a treatment plan that suits your needs.\"")
    faq.write_text(text.replace("title: Frequently Asked Questions\nposition: 70\n",
                                "position: 70\ntitle: Frequently Asked Questions\n"),
                   encoding="utf-8")
    repo.git("mv", f"content/{TREATMENT}", "content/botox")
    repo.commit("Re-wrapped, reordered, moved")
    assert repo.diff(repo.first) == f"{HEADING}\n\n{NOTHING}\n"


def test_the_command_writes_the_output_file_and_the_job_summary(project, tmp_path):
    repo = Repo(project)
    repo.edit("faq.md", "How many Botox sessions will I need?", "How often will I need Botox?",
              "Question reworded")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = subprocess.run([*INVOKE, "diff", "--base", "HEAD~1", "--output", "diff.md"],
                            cwd=project, capture_output=True, text=True, check=False,
                            env={**os.environ,
                                 "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == HEADING
    assert "| How many Botox sessions will I need? | How often will I need Botox? |" \
        in result.stdout
    assert (project / "diff.md").read_text(encoding="utf-8") == result.stdout
    assert summary.read_text(encoding="utf-8") == "earlier step\n" + result.stdout
    unchanged = invoke(project, "diff", "--base", "HEAD")
    assert unchanged.stdout == f"{HEADING}\n\n{NOTHING}\n"


def test_a_shallow_clone_holding_the_base_will_do(repo, tmp_path):
    repo.edit("faq.md", "How many Botox sessions", "How many sessions", "Shorter question")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.top}", str(clone)],
                   check=True)
    shown = patient_diff(clone / "content", {}, "HEAD~1")
    assert diff_rows(shown) == ["| How many Botox sessions will I need? | How many sessions "
                                "will I need? |"]


def test_an_unknown_ref_or_no_repository_is_one_clear_line(project):
    for expected in ("not in a git repository", "'no-such-branch' is not a commit"):
        result = invoke(project, "diff", "--base", "no-such-branch")
        assert result.returncode != 0
        assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
        assert result.stderr.startswith("invoke diff: ") and expected in result.stderr
        Repo(project)


def test_every_option_has_help(project):
    shown = " ".join(invoke(project, "--help", "diff").stdout.split())
    for option, help_text in (("--base=STRING", "the commit, branch or tag to compare with"),
                              ("--head=STRING", "compare this commit instead of the working"),
                              ("--output=STRING", "also write the Markdown to this file")):
        assert f"{option} {help_text}" in shown

"""`history.changed-since` through the real `invoke check`, on real commits with chosen dates.

Each test turns a project copy into a git repository whose first commit predates the
shipped `last_reviewed` (2026-11-27), then commits edits on chosen days (GIT_AUTHOR_DATE,
GIT_COMMITTER_DATE) and runs `invoke check` in it, or in a shallow clone of it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SECTION, findings, invoke, line_of, replace

REVIEWED = "2026-11-27"  # last_reviewed in the shipped page.md
BEFORE, AFTER, LATER = "2026-11-20", "2026-12-05", "2026-12-10"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repository: Path, *arguments: str, day: str = BEFORE,
        author_day: str | None = None) -> str:
    """Run git in `repository`, committing (if asked) as of noon UTC on `day`."""
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_DATE": f"{author_day or day}T12:00:00+00:00",
           "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00"}
    result = subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=e@example.org",
                             "-c", "commit.gpgsign=false", *arguments], cwd=repository, env=env,
                            capture_output=True, text=True, check=True)
    return result.stdout


def commit(repository: Path, message: str, day: str, author_day: str | None = None) -> None:
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", message, day=day, author_day=author_day)


@pytest.fixture
def repository(project: Path) -> Path:
    """The project copy as a repository: everything committed before the review."""
    git(project, "init", "-q", "-b", "main")
    commit(project, "First version of the page", BEFORE)
    return project


def folder(project: Path) -> Path:
    return project / "content" / SECTION


def reported(project: Path, *arguments: str) -> tuple[int, list[dict[str, str]]]:
    result = invoke(project, "check", *arguments)
    return result.returncode, [f for f in findings(result.stdout)
                               if f["rule"].startswith("history.")]


def test_history_before_the_review_passes_with_no_history_line(repository):
    status, found = reported(repository)
    assert status == 0
    assert found == []


def test_a_body_change_committed_after_the_review_is_an_error_at_that_file(repository):
    replace(folder(repository) / "what-is.md", "Therapeutic Botox works by",
            "Therapeutic Botox mostly works by")
    commit(repository, "Reword what it is", AFTER)
    sha = git(repository, "rev-parse", "--short=7", "HEAD").strip()
    status, found = reported(repository)
    assert status == 1
    assert [(f["path"], f["level"], f["rule"]) for f in found] == [
        (f"content/{SECTION}/what-is.md", "error", "history.changed-since")]
    assert int(found[0]["line"]) == line_of(folder(repository) / "what-is.md", "mostly works by")
    message = found[0]["message"]
    assert f"changed on {AFTER} in commit {sha} 'Reword what it is'" in message
    assert f"after last_reviewed ({REVIEWED})" in message
    assert "re-review" in message and "update last_reviewed" in message


def test_a_front_matter_change_counts_and_so_does_each_later_file(repository):
    replace(folder(repository) / "faq.md", "How many Botox sessions will I need?",
            "How many Botox sessions will I need in a year?")
    commit(repository, "Sharper question", AFTER)
    replace(folder(repository) / "safety.md", "Botox", "BOTOX")
    commit(repository, "Brand name as on the label", LATER)
    replace(folder(repository) / "faq.md", "in a year?", "each year?")
    commit(repository, "Question again", LATER)
    status, found = reported(repository)
    assert status == 1
    by_file = {Path(f["path"]).name: f["message"] for f in found}
    assert set(by_file) == {"faq.md", "safety.md"}
    assert f"changed on {LATER}" in by_file["faq.md"] and "1 earlier change" in by_file["faq.md"]


def test_white_space_and_the_review_dates_alone_do_not_count(repository):
    section = folder(repository) / "how-it-works.md"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace(". ", ".  ", 3).replace("\n", "   \n", 2) + "\n\n",
                       encoding="utf-8")
    commit(repository, "Tidy white space", AFTER)
    replace(folder(repository) / "page.md", "next_review_due: 2027-11-27",
            "next_review_due: 2027-11-26")
    commit(repository, "Review due a day earlier", LATER)
    status, found = reported(repository)
    assert status == 0, found
    assert found == []


def test_a_re_review_after_the_change_clears_it(repository):
    replace(folder(repository) / "benefits.md", "Effective Pain Relief", "Lasting Pain Relief")
    commit(repository, "Benefit renamed", AFTER)
    assert reported(repository)[0] == 1
    replace(folder(repository) / "page.md", f"last_reviewed: {REVIEWED}",
            f"last_reviewed: {LATER}")
    commit(repository, "Reviewed by the clinician", LATER)
    status, found = reported(repository)
    assert status == 0 and found == []


def test_a_change_on_the_review_day_counts_as_reviewed(repository):
    replace(folder(repository) / "benefits.md", "Effective Pain Relief", "Lasting Pain Relief")
    commit(repository, "Benefit renamed before the review", REVIEWED)
    assert reported(repository) == (0, [])


def test_the_committer_date_decides_not_the_author_date(repository):
    """A change written before the review but rebased onto the branch after it counts."""
    replace(folder(repository) / "benefits.md", "Effective Pain Relief", "Lasting Pain Relief")
    commit(repository, "Old change, rebased", AFTER, author_day=BEFORE)
    status, found = reported(repository)
    assert status == 1 and f"changed on {AFTER}" in found[0]["message"]


def test_a_file_added_or_deleted_after_the_review_counts(repository):
    added = folder(repository) / "aftercare.md"
    added.write_text("---\ntitle: Aftercare\nposition: 85\n---\nRest for a day.\n",
                     encoding="utf-8")
    (folder(repository) / "safety.md").unlink()
    commit(repository, "Aftercare instead of safety", AFTER)
    status, found = reported(repository)
    assert status == 1
    assert {(Path(f["path"]).name, f["message"].split(" changed")[0]) for f in found} == {
        ("aftercare.md", "aftercare.md"), ("page.md", "safety.md (the file was deleted)")}


def test_the_level_is_configurable(repository):
    replace(folder(repository) / "what-is.md", "Therapeutic Botox works by",
            "Therapeutic Botox mostly works by")
    with (repository / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write('\nEDITORIAL_LINT = {"levels": {"history.changed-since": "warning"}}\n')
    commit(repository, "Reword, and make the rule a warning", AFTER)
    status, found = reported(repository)
    assert status == 0
    assert [(f["level"], f["rule"]) for f in found] == [("warning", "history.changed-since")]


def test_uncommitted_changes_are_listed_as_info(repository):
    replace(folder(repository) / "faq.md", "How many Botox sessions", "How many sessions")
    (folder(repository) / "aftercare.md").write_text(
        "---\ntitle: Aftercare\nposition: 85\n---\nRest for a day.\n", encoding="utf-8")
    status, found = reported(repository)
    assert status == 0
    assert [(f["path"], f["level"], f["rule"]) for f in found] == [
        (f"content/{SECTION}/page.md", "info", "history.uncommitted")]
    assert (f"not yet committed: content/{SECTION}/aftercare.md, content/{SECTION}/faq.md"
            in found[0]["message"])


def test_a_shallow_clone_says_the_history_is_missing_instead_of_guessing(repository, tmp_path):
    replace(folder(repository) / "what-is.md", "Therapeutic Botox works by",
            "Therapeutic Botox mostly works by")
    commit(repository, "Reword what it is", AFTER)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(clone)],
                   check=True)
    status, found = reported(clone)
    assert status == 0
    assert [(f["level"], f["rule"]) for f in found] == [("info", "history.unavailable")]
    assert "shallow" in found[0]["message"] and "fetch-depth: 0" in found[0]["message"]


def test_a_copy_without_git_says_so(project):
    status, found = reported(project)
    assert status == 0
    assert [(f["level"], f["rule"]) for f in found] == [("info", "history.unavailable")]
    assert "not in a git repository" in found[0]["message"]


def test_without_git_installed_it_says_so(repository):
    """PATH holds only the Python environment: the repository is there, git is not."""
    result = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=repository,
                            env={**os.environ, "PATH": str(Path(sys.executable).parent)},
                            capture_output=True, text=True, check=False)
    found = [f for f in findings(result.stdout) if f["rule"].startswith("history.")]
    assert [(f["level"], f["rule"]) for f in found] == [("info", "history.unavailable")]
    assert "git is not installed" in found[0]["message"]

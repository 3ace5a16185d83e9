"""`treatment_pages.revisions`, the API later features reuse: a page's values at a commit (say a
translation's `source_commit`) compared with today's."""

from __future__ import annotations

import shutil

import pytest

from tests.support.git_repos import Repo
from tests.support.helpers import TREATMENT
from treatment_pages.loading import load_site
from treatment_pages.revisions import REVIEW_FIELDS, Repository, compare, page_state

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def test_a_page_at_a_commit_against_today(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.edit("faq.md", "Many patients begin", "Most patients begin", "Answer")
    repo.edit("page.md", "last_reviewed: 2026-11-27", "last_reviewed: 2026-12-10", "Review")
    today = page_state(load_site(repo.content, {})[0].treatments[0])
    with Repository(repo.content) as repository:
        then = repository.page_at(repo.first, repo.content, {},
                                  f"content/{TREATMENT}/page.md")
    assert then is not None and then.key == today.key == "therapeutic-botox"
    assert then.values()[("faq.md", "faq[1].question")].text == \
        "How long does it take to see results from Therapeutic Botox?"
    changes = compare(then, today)
    assert [(c.file, c.field, c.kind) for c in changes] == [
        ("page.md", "last_reviewed", "changed"), ("faq.md", "faq[1].answer", "changed")]
    assert changes[1].old.text.startswith("Many patients begin")
    assert changes[1].new.text.startswith("Most patients begin")
    assert changes[1].line == today.files["faq.md"].lines["faq[1].answer"]
    assert [c.field for c in compare(then, today, ignore=REVIEW_FIELDS)] == ["faq[1].answer"]
    assert compare(today, today) == []

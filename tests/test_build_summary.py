"""A build ends by saying what it built, not Pelican's "Processed 0 articles … 0 pages"."""

from __future__ import annotations

import re
import shutil

from tests.support.helpers import TREATMENT, invoke, replace

SUMMARY = re.compile(r"^(\d+) treatment page\(s\) from (\d+) files in \d+\.\d\d s$", re.M)


def test_a_build_says_how_many_pages_it_wrote_from_how_many_files(content, build):
    result = build(content)
    assert result.returncode == 0, result.log
    assert SUMMARY.findall(result.stdout) == [("1", "11")]
    assert "Done: Processed" not in result.log


def test_the_summary_counts_every_treatment(content, build):
    shutil.copytree(content / TREATMENT, content / "second")
    replace(content / "second" / "page.md", f"slug: {TREATMENT}", "slug: second")
    result = build(content)
    assert result.returncode == 0, result.log
    assert SUMMARY.findall(result.stdout) == [("2", "21")]


def test_a_failed_build_prints_no_summary(content, build):
    replace(content / TREATMENT / "faq.md", "- question: How many", "- questoin: How many")
    result = build(content)
    assert result.returncode == 1
    assert "Build failed" in result.stderr
    assert not SUMMARY.search(result.log) and "Done: Processed" not in result.log


def test_the_build_task_prints_the_summary(project):
    built = invoke(project, "build")
    assert built.returncode == 0, built.stderr
    assert SUMMARY.findall(built.stdout) == [("1", "11")]
    assert "Done: Processed" not in built.stdout + built.stderr

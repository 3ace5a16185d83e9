"""Temporary git repositories holding a fixture site: for the history check and `invoke diff`.

The history check and the diff compare commits, so their tests make commits: a repository
whose content/ is a copy of a frozen fixture site (never the live content/), committed as
"First version" (which sets the fixture's `last_reviewed`: the reviewed state), then edits.
Both are run in-process, through the same functions `invoke check` and `invoke diff` call.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from site_tools.check import run_checks
from site_tools.diff import patient_diff
from tests.support.helpers import SAMPLE_SITE, TREATMENT, replace, sample_content
from treatment_pages.frontmatter import SourceFile, read_source
from treatment_pages.model import PAGE_FILE
from treatment_pages.problems import Diagnostic
from treatment_pages.schema import PAGE_FIELDS, SECTION_FIELDS

GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org"}
RE_REVIEWED = "2026-12-10"  # a later review than the sample site's, before LINT_TODAY


class Repo:
    """A git work tree whose content/ is a fixture site (copied unless already there)."""

    def __init__(self, top: Path, site: Path = SAMPLE_SITE) -> None:
        self.top, self.content = top, top / "content"
        if not self.content.exists():
            sample_content(top, site)
        self.git("init", "-q", "-b", "main")
        self.first = self.commit("First version")

    def git(self, *arguments: str, check: bool = True) -> str:
        result = subprocess.run(["git", "-c", "commit.gpgsign=false", *arguments], cwd=self.top,
                                env={**os.environ, **GIT_ENV}, capture_output=True, text=True,
                                check=False)
        if check and result.returncode:
            raise AssertionError(f"git {' '.join(arguments)}: {result.stderr}")
        return result.stdout

    def commit(self, message: str) -> str:
        """Commit everything; the new commit's full id."""
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def file(self, name: str, folder: str = TREATMENT) -> Path:
        return self.content / folder / name

    def edit(self, name: str, old: str, new: str, message: str = "") -> str:
        """Replace `old` by `new` in a section file; commit it when a message is given."""
        replace(self.file(name), old, new)
        return self.commit(message) if message else ""

    def review(self, day: str = RE_REVIEWED) -> str:
        """The clinician's re-review: a commit that sets last_reviewed (only)."""
        page = self.file(PAGE_FILE)
        text = page.read_text(encoding="utf-8")
        current = read(page).values["last_reviewed"].isoformat()
        page.write_text(text.replace(f"last_reviewed: {current}", f"last_reviewed: {day}"),
                        encoding="utf-8")
        return self.commit(f"Reviewed on {day}")

    def history(self, settings: dict | None = None) -> list[Diagnostic]:
        """The history findings `invoke check` reports (in-process)."""
        return history(self.content, settings)

    def diff(self, base: str, head: str = "") -> str:
        """`invoke diff --base BASE [--head HEAD]`'s Markdown (in-process)."""
        return patient_diff(self.content, {}, base, head)


def diff_rows(markdown: str) -> list[str]:
    """The rows of `invoke diff`'s tables that show a difference (not their headers)."""
    return [line for line in markdown.splitlines()
            if line.startswith("| ") and line != "| Before | After |"]


def history(content: Path, settings: dict | None = None) -> list[Diagnostic]:
    """The history findings `invoke check` reports on `content` (in-process)."""
    run = run_checks(content, settings or {})
    return [f for f in run.findings if f.rule.startswith("history.")]


def read(path: Path) -> SourceFile:
    """A content file as the loader reads it: its values and each field's line."""
    fields = PAGE_FIELDS if path.name == PAGE_FILE else SECTION_FIELDS
    return read_source(path, fields, has_body=path.name != PAGE_FILE)

"""`invoke diff --base REF`: what patients will read differently, as Markdown for the reviewer.

A pull request shows YAML; the clinician approves sentences. For each page that changed
between REF and the working copy (or `--head`), this lists every value patients read that
differs (section text, FAQ questions and answers, indications with their approval labels,
key facts, care cards, review dates, and practice.md's contact details), with the removed
and added sentences side by side and unchanged ones left out. Values come from
`treatment_pages.revisions`, so re-wrapping, quoting, key order and comments show nothing. In
GitHub Actions (GITHUB_STEP_SUMMARY set) the same Markdown is appended to the job summary.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from pathlib import Path
from typing import Any

from treatment_pages.loading import load_site
from treatment_pages.model import PAGE_FILE, PRACTICE_FILE, Site
from treatment_pages.revisions import (
    Change,
    HistoryUnavailable,
    PageState,
    Repository,
    compare,
    page_state,
    practice_state,
)

HEADING = "## What patients will read differently"
NOTHING = "No change patients will see."
SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
ITEM = re.compile(r"\[(\d+)\]")


def run_diff(content: Path, settings: dict[str, Any], base: str, head: str = "",
             output: Path | None = None) -> int:
    """Print the Markdown (also to `output`, and to GITHUB_STEP_SUMMARY when set); exit status."""
    try:
        text = patient_diff(content, settings, base, head)
    except HistoryUnavailable as error:
        print(f"invoke diff: {error}", file=sys.stderr)
        return 2
    print(text, end="")
    for path, mode in ((output, "w"), (os.environ.get("GITHUB_STEP_SUMMARY"), "a")):
        if path:
            with open(path, mode, encoding="utf-8") as file:
                file.write(text)
    return 0


def patient_diff(content: Path, settings: dict[str, Any], base: str, head: str = "") -> str:
    """The Markdown for `content` at `base` against the working copy (or `head`); a shallow
    clone will do if it holds both. HistoryUnavailable says why it cannot be made."""
    with Repository(content, whole_history=False) as repository:
        before = repository.site_at(repository.resolve(base), content, settings)
        after = (repository.site_at(repository.resolve(head), content, settings) if head
                 else load_site(content, settings)[0])
        return markdown(before, after, base, head or "the working copy")


def markdown(before: Site, after: Site, base: str, head: str) -> str:
    """The whole report: a heading, then each page with a change (contact details last)."""
    pages = _pair([page_state(t, before.practice.values.get("regulator"))
                   for t in before.treatments],
                  [page_state(t, after.practice.values.get("regulator"))
                   for t in after.treatments])
    pages.append((practice_state(before), practice_state(after)))
    parts = [part for old, new in pages if (part := page_markdown(old, new))]
    lines = [HEADING, "", f"Compared with `{base}`, {head}:" if parts else NOTHING, ""]
    return "\n".join(lines + parts)


def _pair(old: list[PageState], new: list[PageState]
          ) -> list[tuple[PageState | None, PageState | None]]:
    """Pages matched by slug (a renamed folder is the same page), new ones in order first."""
    by_key = {state.key: state for state in old}
    keys = {state.key for state in new}
    return [*((by_key.get(state.key), state) for state in new),
            *((state, None) for state in old if state.key not in keys)]


def page_markdown(old: PageState | None, new: PageState | None) -> str:
    """One page's changes by file, or "" when patients would read nothing different."""
    changes = compare(old, new)
    if not changes:
        return ""
    page = new or old
    assert page is not None
    status = " (new page)" if old is None else " (removed page)" if new is None else ""
    out = [f"### {page.title}{status}", ""]
    by_file: dict[str, list[Change]] = {}
    for change in changes:
        by_file.setdefault(change.file, []).append(change)
    for name, found in by_file.items():
        out += [f"#### {_file_title(name, old, new)}", ""]
        for change in found:
            out += [f"**{_label(change, new if change.new else old)}**", "", *_table(change), ""]
    return "\n".join(out)


def _file_title(name: str, old: PageState | None, new: PageState | None) -> str:
    if name == PRACTICE_FILE:
        return f"Contact details (`{name}`)"
    if name == PAGE_FILE:
        return f"Heading, key facts and review dates (`{name}`)"
    source = (new.files.get(name) if new else None) or (old.files.get(name) if old else None)
    title = source.values.get("title") if source else None
    return f"{title} (`{name}`)" if title else f"`{name}`"


def _label(change: Change, state: PageState | None) -> str:
    """`faq[2].answer` as "faq 2, answer", with the item's first text (its question, name…)."""
    if change.field == "":
        return "Text"
    words = ITEM.sub(r" \1", change.field).replace(".", ", ").replace("_", " ")
    item = change.field.rpartition("]")[0] + "]" if "]" in change.field else ""
    own = (change.new or change.old).text if (change.new or change.old) else ""
    context = next((v.text for (file, field), v in (state.values() if state else {}).items()
                    if item and item != change.field and file == change.file
                    and field.startswith(f"{item}.")), "")
    if context and context != own:
        words = f"{words}: {_cell(context)}"
    return words if change.kind == "changed" else f"{words} ({change.kind})"


def _table(change: Change) -> list[str]:
    """Removed sentences beside the sentences that replace them; unchanged ones left out."""
    old, new = _sentences(change.old.text if change.old else ""), \
        _sentences(change.new.text if change.new else "")
    rows = ["| Before | After |", "|---|---|"]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            rows.append(f"| {_cells(old[i1:i2])} | {_cells(new[j1:j2])} |")
    return rows


def _sentences(text: str) -> list[str]:
    return [s for line in text.split("\n") for s in SENTENCE_END.split(line) if s]


def _cells(sentences: list[str]) -> str:
    """Sentences in one table cell, one per line, or a dash for none."""
    return "<br>".join(map(_cell, sentences)) or "—"


def _cell(text: str) -> str:
    """Editor text shown as written in a Markdown table cell (no HTML, no column break)."""
    for character, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|")):
        text = text.replace(character, escaped)
    return text.replace("\n", " ")

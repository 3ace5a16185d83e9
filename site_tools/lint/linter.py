"""The editorial checks, run on the validated `Site` model.

A section file that failed validation is missing from the Site; its words are read again with
the same reader (`read_source`) so that one `invoke check` reports every kind of problem.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import textstat

from treatment_pages.frontmatter import SourceFile, read_source
from treatment_pages.model import PAGE_FILE, THEME_IDS, MarkdownRenderer, Site, Treatment
from treatment_pages.problems import display_path
from treatment_pages.schema import SECTION_FIELDS

from .rules import Claim, Rule, rules_for, today_for

NOT_SCANNED = {"references", "lint_ack", "slug", "lang", "approval"}
FENCE = re.compile(r"^\s*(```|~~~)")
ATX_HEADING = re.compile(r"^(#{1,6})[ \t]+\S")
SETEXT_UNDERLINE = re.compile(r"^(=+|-+)[ \t]*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s*$")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])(?:\s|$)")
IMAGE_NO_ALT = re.compile(r"!\[\s*\]\s*[(\[]")
HREF = re.compile(r'href="([^"]*)"')
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


@dataclass
class Finding:
    """One lint finding, printed as `path:line: level: rule: message`."""

    path: Path
    line: int | None
    level: str
    rule: str
    message: str

    def __str__(self) -> str:
        location = display_path(self.path) + (f":{self.line}" if self.line else "")
        return f"{location}: {self.level}: {self.rule}: {self.message}"


@dataclass
class Text:
    """A piece of Markdown an editor wrote, with the file line its first line is on."""

    source: SourceFile
    where: str  # "" for the body, else the front-matter key, e.g. "faq[2].answer"
    text: str
    first_line: int

    def line_of(self, offset: int) -> int:
        return self.first_line + self.text.count("\n", 0, offset)


def markdown_texts(source: SourceFile, values: dict[str, Any]) -> Iterator[Text]:
    """The body and every text field, each with the line it starts on."""
    yield Text(source, "", source.body, source.body_line)
    for key, value in _text_fields(values):
        line = source.lines.get(key, 1)
        # A value holding newlines is a `|` block: its text starts on the line after the key.
        yield Text(source, key, value, line + 1 if "\n" in value.strip() else line)


def _text_fields(values: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    for name, value in values.items():
        if name in NOT_SCANNED or name.endswith("_html"):
            continue
        key = f"{prefix}{name}"
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, dict):
            yield from _text_fields(value, f"{key}.")
        elif isinstance(value, list):
            for index, item in enumerate(value, start=1):
                if isinstance(item, dict):
                    yield from _text_fields(item, f"{key}[{index}].")


def plain_text(values: dict[str, Any], body_html: str) -> str:
    """The words a patient reads in one file, as sentences (fragments get a full stop)."""
    parts = [re.sub(r"<[^>]+>", " ", body_html)]
    for key, value in _text_fields(values):
        if key in ("title", "contents_label", "subtitle", "description"):
            continue  # headings and metadata, not running text
        words = re.sub(r"<[^>]+>", " ", value).strip()
        parts.append(words if words.endswith((".", "?", "!", ":")) else words + ".")
    return " ".join(html.unescape(" ".join(parts)).split())


class Linter:
    """Runs every check over a site; `findings` collects the results.

    `invalid` names files that failed validation: the Site leaves those sections out, so
    their words are read again with the same reader and checked for claims and hygiene,
    and one report shows both kinds of problem.
    """

    def __init__(self, site: Site, config: dict[str, Any], invalid: Iterable[Path] = ()) -> None:
        self.site = site
        self.invalid = sorted(set(invalid))
        self.config = config
        self.rules: dict[str, Rule] = rules_for(config)
        self.today: date = today_for(config)
        self.findings: list[Finding] = []

    def report(self, rule: str, path: Path, line: int | None, message: str) -> None:
        level = self.config["levels"].get(rule, self.rules[rule].level)
        if level != "off":
            self.findings.append(Finding(path, line, level, rule, message))

    def run(self) -> list[Finding]:
        self.check_placeholders()
        for treatment in self.site.treatments:
            self.check_review(treatment)
            self.check_readability(treatment)
            self.check_faq(treatment)
            for section in treatment.sections:
                for text in markdown_texts(section.source, section.source.values):
                    self.check_claims(text)
                    self.check_placeholder_text(text)
                    self.check_markdown(text)
                self.check_links(treatment, section.source, section.body_html, "")
                for index, item in enumerate(section.faq, start=1):
                    self.check_links(treatment, section.source, item.get("answer_html", ""),
                                     f"faq[{index}].answer")
            for text in markdown_texts(treatment.page, treatment.meta):
                if text.where:
                    self.check_claims(text)
                    self.check_placeholder_text(text)
            self.apply_acknowledgements(treatment)
        renderer = MarkdownRenderer()
        for treatment, source in self.invalid_sections():
            for text in markdown_texts(source, source.values):
                self.check_claims(text)
                self.check_placeholder_text(text)
                self.check_markdown(text)
            self.check_links(treatment, source, renderer.render(source.body), "")
            for index, item in enumerate(source.values.get("faq") or (), start=1):
                self.check_links(treatment, source, renderer.render(item.get("answer") or ""),
                                 f"faq[{index}].answer")
        self.findings.sort(key=lambda f: (str(f.path), f.line or 0, f.rule))
        return self.findings

    def invalid_sections(self) -> Iterator[tuple[Treatment, SourceFile]]:
        """Section files that failed validation but whose front matter could be read."""
        folders = {t.folder: t for t in self.site.treatments}
        for path in self.invalid:
            if path.parent in folders and path.name != PAGE_FILE and path.suffix == ".md":
                source = read_source(path, SECTION_FIELDS, [])
                if source.values:
                    yield folders[path.parent], source

    # Readability ------------------------------------------------------------------------

    def check_readability(self, treatment: Treatment) -> None:
        page_words = []
        for section in treatment.sections:
            text = plain_text(section.source.values, section.body_html)
            page_words.append(text)
            source = section.source
            line = source.body_line if source.body.strip() else source.lines.get("title")
            self.score(text, section.source.path, line, f"section '{section.title}'")
        self.score(" ".join(page_words), treatment.page.path, treatment.page.lines.get("title"),
                   "whole page")

    def score(self, text: str, path: Path, line: int | None, what: str) -> None:
        words = textstat.lexicon_count(text)
        if not words:
            self.report("readability.score", path, line, f"{what}: no text to measure")
            return
        sentences = textstat.sentence_count(text)
        grade = textstat.flesch_kincaid_grade(text)
        smog = textstat.smog_index(text) if sentences >= 3 else None
        smog_text = f"{smog:.1f}" if smog is not None else "n/a (fewer than 3 sentences)"
        self.report("readability.score", path, line,
                    f"{what}: Flesch-Kincaid grade {grade:.1f}, SMOG {smog_text} "
                    f"({words} words, {sentences} sentences)")
        if grade > self.config["fk_grade_max"]:
            self.report("readability.fk-grade", path, line,
                        f"{what}: Flesch-Kincaid grade {grade:.1f} is above "
                        f"{self.config['fk_grade_max']:g} — use shorter sentences and "
                        "everyday words")
        if smog is not None and smog > self.config["smog_max"]:
            self.report("readability.smog", path, line,
                        f"{what}: SMOG {smog:.1f} is above {self.config['smog_max']:g} — use "
                        "fewer words of three or more syllables")

    # Claims -----------------------------------------------------------------------------

    def check_claims(self, text: Text) -> None:
        for claim in self.config["claims"]:
            for match in claim_pattern(claim).finditer(text.text):
                where = f"{text.where}: " if text.where else ""
                self.report(f"claims.{claim.id}", text.source.path, text.line_of(match.start()),
                            f"{where}'{match.group(0)}': {claim.reason} — say instead "
                            f"{claim.suggestion}")

    def check_placeholder_text(self, text: Text) -> None:
        for pattern in self.config["placeholder_text"]:
            for match in re.finditer(pattern, text.text):
                where = f"{text.where}: " if text.where else ""
                self.report("placeholder.text", text.source.path, text.line_of(match.start()),
                            f"{where}'{match.group(0)}' marks unfinished text — write the real "
                            "words")

    # Review dates and placeholders ------------------------------------------------------

    def check_review(self, treatment: Treatment) -> None:
        page, meta = treatment.page, treatment.meta
        last, due = meta.get("last_reviewed"), meta.get("next_review_due")
        line = page.lines.get("next_review_due")
        if not (isinstance(last, date) and isinstance(due, date)):
            return
        if due < self.today:
            self.report("review.overdue", page.path, line,
                        f"the review was due on {due.isoformat()}, {(self.today - due).days} "
                        "day(s) ago — have the page reviewed, then update last_reviewed and "
                        "next_review_due")
        elif (due - self.today).days <= self.config["review_warn_days"]:
            self.report("review.due-soon", page.path, line,
                        f"the review is due on {due.isoformat()}, in "
                        f"{(due - self.today).days} day(s) — book the clinician's review")
        if last > self.today:
            self.report("review.future", page.path, page.lines.get("last_reviewed"),
                        f"last_reviewed ({last.isoformat()}) is after today "
                        f"({self.today.isoformat()}) — write the date the review took place")
        years = self.config["review_max_years"]
        if due <= last:
            self.report("review.interval", page.path, line,
                        f"next_review_due ({due.isoformat()}) must be after last_reviewed "
                        f"({last.isoformat()})")
        elif due > add_years(last, years):
            self.report("review.interval", page.path, line,
                        f"next_review_due is more than {years} years after last_reviewed "
                        f"({last.isoformat()}) — set it to {add_years(last, years).isoformat()} "
                        "or earlier")

    def check_placeholders(self) -> None:
        practice = self.site.practice
        if practice.values.get("placeholder"):
            self.report("placeholder.contact", practice.path, practice.lines.get("placeholder"),
                        "the practice's contact details are made-up examples — enter the real "
                        "ones, then set placeholder: false")
        else:
            for key, value in _text_fields(practice.values):
                if any(re.search(p, value) for p in self.config["placeholder_contact"]):
                    self.report("placeholder.contact", practice.path, practice.lines.get(key),
                                f"{key}: '{value}' is a made-up example — enter the real one")
        for text in markdown_texts(practice, practice.values):
            self.check_placeholder_text(text)
        for treatment in self.site.treatments:
            reviewer = treatment.meta.get("reviewed_by") or {}
            if reviewer.get("placeholder"):
                self.report("placeholder.reviewer", treatment.page.path,
                            treatment.page.lines.get("reviewed_by.placeholder"),
                            "the reviewer is a made-up example — name the real reviewer, then "
                            "set placeholder: false")

    # Document hygiene -------------------------------------------------------------------

    def check_faq(self, treatment: Treatment) -> None:
        seen: list[tuple[str, str, SourceFile, int]] = []
        for section in treatment.sections:
            for index, item in enumerate(section.faq, start=1):
                question = item["question"]
                normal = " ".join(re.sub(r"[^\w\s]", " ", question.casefold()).split())
                for other_normal, other, other_source, other_index in seen:
                    ratio = difflib.SequenceMatcher(None, normal, other_normal).ratio()
                    if ratio >= self.config["near_duplicate_ratio"]:
                        line = other_source.lines.get(f"faq[{other_index}]")
                        self.report("faq.near-duplicate", section.source.path,
                                    section.source.lines.get(f"faq[{index}].question"),
                                    f"'{question}' is {ratio:.0%} alike '{other}' "
                                    f"({display_path(other_source.path)}:{line}) — merge them "
                                    "or make the difference clear")
                seen.append((normal, question, section.source, index))

    def check_markdown(self, text: Text) -> None:
        """Headings (body only: FAQ answers sit under their question), images, empty items."""
        previous, in_fence = 2, False
        lines = text.text.split("\n")
        for number, line in enumerate(lines):
            if FENCE.match(line):
                in_fence = not in_fence
            if in_fence or FENCE.match(line):
                continue
            file_line = text.first_line + number
            if IMAGE_NO_ALT.search(line):
                self.report("images.missing-alt", text.source.path, file_line,
                            "an image has no alt text — describe it inside the brackets: "
                            "![what the image shows](…)")
            if LIST_ITEM.match(line):
                self.report("lists.empty-item", text.source.path, file_line,
                            "this list item is empty — write its text or delete the line")
            level = heading_level(lines, number)
            if text.where or level is None:
                continue
            if level <= 2:
                self.report("headings.top-level", text.source.path, file_line,
                            f"a level-{level} heading inside a section — the section title is "
                            "level 2: start sub-headings with ###")
            elif level > previous + 1:
                self.report("headings.skipped-level", text.source.path, file_line,
                            f"the heading jumps from level {previous} to level {level} — use "
                            f"{'#' * (previous + 1)}")
            previous = max(level, 2)

    def check_links(self, treatment: Treatment, source: SourceFile, rendered: str,
                    where: str) -> None:
        for href in map(html.unescape, HREF.findall(str(rendered))):
            if EXTERNAL.match(href):
                continue
            line = self.href_line(source, where, href)
            path, _, anchor = href.partition("#")
            target = treatment if not path else self.page_at(path)
            if target is None:
                self.report("links.broken-internal", source.path, line,
                            f"the link '{href}' matches no page of this site — use a page's "
                            "address, e.g. /slug/")
            elif anchor and anchor not in page_anchors(target):
                choices = ", ".join(f"#{a}" for a in sorted(s.anchor for s in target.sections))
                self.report("links.broken-anchor", source.path, line,
                            f"the link '{href}' matches no section of the page — use one of: "
                            f"{choices}")

    def page_at(self, path: str) -> Treatment | None:
        wanted = re.sub(r"^(?:\.{1,2}/|/)+", "", path).removesuffix("index.html").strip("/")
        return next((t for t in self.site.treatments if t.url.strip("/") == wanted), None)

    @staticmethod
    def href_line(source: SourceFile, where: str, href: str) -> int | None:
        if where:
            return source.lines.get(where)
        offset = source.body.find(f"({href}")
        return source.body_line + source.body.count("\n", 0, max(offset, 0))

    # Acknowledgements -------------------------------------------------------------------

    def apply_acknowledgements(self, treatment: Treatment) -> None:
        for section in treatment.sections:
            source = section.source
            for index, ack in enumerate(source.values.get("lint_ack") or (), start=1):
                matched = [f for f in self.findings
                           if f.path == source.path and f.rule == ack["rule"]
                           and f.level == "warning"]
                for finding in matched:
                    finding.level = "acknowledged"
                    finding.message += f" (acknowledged: {ack['reason']})"
                if matched:
                    continue
                line = source.lines.get(f"lint_ack[{index}]")
                if ack["rule"] in self.rules:
                    message = (f"nothing in this file triggers '{ack['rule']}' as a warning any "
                               "more — delete this acknowledgement")
                else:
                    close = difflib.get_close_matches(ack["rule"], self.rules, n=1)
                    message = (f"there is no rule '{ack['rule']}'"
                               + (f" — did you mean '{close[0]}'?" if close else ""))
                self.report("ack.stale", source.path, line, message)


def claim_pattern(claim: Claim) -> re.Pattern[str]:
    """Whole words, any case; a space or hyphen in a phrase matches either, or a line break."""
    phrases = sorted(claim.phrases, key=len, reverse=True)
    parts = [r"[\s\-]+".join(map(re.escape, re.split(r"[\s\-]+", p))) for p in phrases]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I)


def heading_level(lines: list[str], number: int) -> int | None:
    """The heading level of line `number` (ATX `###`, or text underlined by `===`/`---`)."""
    atx = ATX_HEADING.match(lines[number])
    if atx:
        return len(atx.group(1))
    following = lines[number + 1] if number + 1 < len(lines) else ""
    if (lines[number].strip() and SETEXT_UNDERLINE.match(following)
            and not LIST_MARKER.match(lines[number])):
        return 1 if following.startswith("=") else 2
    return None


def page_anchors(treatment: Treatment) -> set[str]:
    """Ids a link may target on a treatment page: the layout's, and each section's."""
    return set(THEME_IDS) | {i for s in treatment.sections for i in s.element_ids()}


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)

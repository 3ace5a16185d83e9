"""`invoke report`: the standards report a clinic attaches to a PIF TICK application.

One self-contained HTML page from the Jinja template `templates/report.html` (inline CSS, no
script, nothing loaded from elsewhere; every editor text escaped by autoescape), written
outside the published `output/`. For every treatment page it
lists each Essential item of the NHS *Standard for creating health content* (with the Best
practice items the files can show) and each PIF TICK criterion, as pass, fail, or "not shown
by the files" (what only a process can meet, e.g. user testing), with the evidence the files
hold. It is built from one run of `invoke check` (`check.run_checks`): the same Site, the same
findings, and the readability figures from the lint's own `readability.measure`.

Sources, as worded there:
- NHS England / NHS.UK, "Standard for creating health content", NHS digital service manual,
  https://service-manual.nhs.uk/content/standard-for-creating-health-content (updated January
  2024; text from github.com/nhsuk/nhsuk-service-manual,
  app/views/content/standard-for-creating-health-content.njk).
- Patient Information Forum, "PIF TICK criteria" for organisations (updated 7 June 2022),
  https://pifonline.org.uk/pif-tick/, and criterion 7 of its criteria for individuals
  (Individual PIF TICK, launched 20 March 2024), on the same page.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from treatment_pages.facts import (
    BROKEN_ANCHOR,
    BROKEN_INTERNAL,
    REVIEW_CYCLE,
    REVIEW_ORDER,
    ReviewCycle,
)
from treatment_pages.filters import approval_label
from treatment_pages.model import Treatment
from treatment_pages.problems import display_path

from . import cci
from .check import Inspection, run_checks
from .lint import claims as claim_rules
from .lint import history as history_rules
from .lint import markdown as markdown_rules
from .lint import plain as plain_rules
from .lint import readability as readability_rules
from .lint import review as review_rules
from .lint import translations as translation_rules
from .lint.placeholders import SAMPLE_VALUES
from .lint.placeholders import TEXT as PLACEHOLDER_TEXT
from .lint.profiles import DEFAULT_PROFILE, GRADE_TO_AGE
from .lint.readability import Scores, measure, passages
from .verify.record import GATE_FILE, GateResult, head_commit, read_gate

PASS, FAIL, NOT_SHOWN = "pass", "fail", "not shown by the files"
NO_COMMIT = "none (not a git repository)"
NHS_SOURCE = ("NHS England / NHS.UK, Standard for creating health content, NHS digital service "
              "manual, updated January 2024: "
              "https://service-manual.nhs.uk/content/standard-for-creating-health-content")
PIF_SOURCE = ("Patient Information Forum, PIF TICK criteria for organisations (updated 7 June "
              "2022) and for individuals (Individual PIF TICK, 2024): "
              "https://pifonline.org.uk/pif-tick/")
# What to do when a row fails, one per topic.
TODO_REVIEWER = ("Name the real clinician in page.md reviewed_by (name, credentials) and set "
                 "placeholder: false.")
TODO_HISTORY = ("Have a clinician review the changes listed, then update last_reviewed in "
                "page.md.")
TODO_CYCLE = ("Set last_reviewed and next_review_due in page.md, at most review_max_years "
              f"apart (`invoke check`'s setting, {REVIEW_CYCLE.max_years} years by default), "
              "and review before the due date.")
TODO_PUBLISHER = "Give the clinic's real name and address in practice.md; placeholder: false."
TODO_DISCLOSURE = ("Write in practice.md disclosure who pays for the page, any payment from "
                   "medicine makers, and 'Advertising: none'.")
TODO_FEEDBACK = ("Give the clinic's real feedback_url or email in practice.md (a sample address "
                 "such as example.com reaches no one).")
TODO_SOURCES = "List each section's sources under references (title, url, publisher)."
TODO_CLAIMS = ("Reword each claims.* finding as its message says, or acknowledge it with "
               "lint_ack and the reason.")
TODO_STRUCTURE = "Fix the heading, image and link findings `invoke check` lists."
TODO_GATE = (f"Commit the content, then run the content gate (`make verify`) so {GATE_FILE} "
             "records its result for this commit.")
TODO_PLAIN = ("Work through the plain.* and readability.* warnings of `invoke check`, or "
              "acknowledge each one that is right as written with lint_ack.")
ACCESSIBILITY_RULES = (markdown_rules.TOP_LEVEL, markdown_rules.SKIPPED_LEVEL,
                       markdown_rules.MISSING_ALT, markdown_rules.EMPTY_ITEM, BROKEN_ANCHOR.id,
                       BROKEN_INTERNAL.id)
BUILD_REFUSES = (
    "the build refuses (fails on) HTML comments, images from other sites, link schemes "
    "other than https, mailto, tel and #section, raw HTML (shown as text), duplicate ids "
    "and FAQ answers with HTML outside schema.org's Answer text")
TEST_SUITE_CHECKS = (
    "`make test` (tests/browser) checks the built page in Chromium: axe-core WCAG 2.0/2.1/2.2 "
    "A and AA at 320, 375, 768 and 1280px in light and dark, keyboard use, reflow at 320px "
    "and with text at 200%, print, forced colours, the Nu HTML checker, internal links and "
    "anchors, the page budget and Lighthouse (not re-run by this report)")


@dataclass
class Evidence:
    """One piece of evidence: text, with the address of a source the files cite, if any."""

    text: str
    url: str = ""


# The evidence of every criterion that only a clinic's process can meet.
PROCESS = Evidence("a process: shown by the clinic's documents, not by the files")


class Check(NamedTuple):
    """A topic the files meet or not, and the evidence."""

    ok: bool
    evidence: list[Evidence]


class Graded(NamedTuple):
    """A topic's status (PASS, FAIL or NOT_SHOWN) and the evidence."""

    status: str
    evidence: list[Evidence]


@dataclass(frozen=True)
class Topics:
    """Every topic judged once for a page: the NHS rows and the PIF TICK rows cite the same."""

    reviewer: Check
    cycle: Check
    history: Graded
    publisher: Check
    disclosure: Check
    sources: Check
    claims: Check
    structure: Check  # the files' accessibility
    wcag: Graded  # the files' and the browser gate's
    plain: Check
    feedback: Check


@dataclass
class Row:
    """One criterion of a standard, its verdict for one page, and the evidence for it."""

    ref: str
    wording: str
    status: str
    evidence: list[Evidence] = field(default_factory=list)
    todo: str = ""  # what to do when it fails


@dataclass
class PageReport:
    """Everything the report shows for one treatment page."""

    treatment: Treatment
    nhs: list[Row]
    pif: list[Row]
    readability: list[tuple[str, str, Scores | None]]  # (what, file, figures)
    cci: cci.Index


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (2026-11-27 to 2027-11-27 is 12)."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def text_or_missing(value: Any) -> str:
    return str(value) if value not in (None, "", (), []) else "not provided"


class Assessor:
    """Judges one page against each criterion, from the inspection's Site and findings."""

    def __init__(self, run: Inspection, treatment: Treatment, gate: GateResult | None = None,
                 commit: str = "", changes: cci.ChangeFinder = cci.changed_after) -> None:
        self.run, self.treatment, self.profile = run, treatment, run.profile
        self.gate, self.commit, self.changes = gate, commit, changes
        self.practice = run.site.practice.values
        self.meta = treatment.meta
        files = {treatment.page.path, *(s.source.path for s in treatment.sections)}
        self.findings = [f for f in run.findings
                         if f.path in files or f.path == run.site.practice.path]
        self.scores = [(p, measure(p.text)) for p in passages(treatment)]

    def of(self, *prefixes: str) -> list[Evidence]:
        """The page's findings of rules starting with one of `prefixes`, as evidence."""
        return [Evidence(str(f)) for f in self.findings if f.rule.startswith(prefixes)
                and f.level != "info"]

    # -- the evidence, one topic each ------------------------------------------------------

    def reviewer(self) -> tuple[bool, list[Evidence]]:
        who = self.meta.get("reviewed_by") or {}
        real = bool(who.get("name")) and not who.get("placeholder")
        note = " (a made-up example: placeholder: true)" if who.get("placeholder") else ""
        return real, [Evidence(f"reviewed by {text_or_missing(who.get('name'))}, "
                               f"{text_or_missing(who.get('credentials'))}{note}")]

    def review_cycle(self) -> tuple[bool, list[Evidence]]:
        last, due = self.meta.get("last_reviewed"), self.meta.get("next_review_due")
        if not (isinstance(last, date) and isinstance(due, date)):
            return False, [Evidence("last_reviewed or next_review_due is missing")]
        cycle = ReviewCycle(self.run.linter.config["review_max_years"])
        today = self.run.linter.today
        overdue = self.of(review_rules.OVERDUE, review_rules.INTERVAL, REVIEW_ORDER.id)
        evidence = [Evidence(f"last reviewed {last.isoformat()}, next review due "
                             f"{due.isoformat()}: a {months_between(last, due)}-month cycle "
                             f"(at most {cycle.max_years * 12}), checked on "
                             f"{today.isoformat()}"), *overdue]
        return cycle.within(last, due) and not overdue, evidence

    def history(self) -> tuple[str, list[Evidence]]:
        changed = self.of(history_rules.CHANGED)
        if changed:
            return FAIL, changed
        missing = [Evidence(str(f)) for f in self.findings if f.rule == history_rules.UNAVAILABLE]
        if missing:
            return NOT_SHOWN, missing
        return PASS, [Evidence("git history: no content change committed after "
                               "last_reviewed")]

    def publisher(self) -> tuple[bool, list[Evidence]]:
        name = self.practice.get("name")
        made_up = self.practice.get("placeholder")
        note = " (made-up example details: placeholder: true)" if made_up else ""
        return bool(name) and not made_up, [
            Evidence(f"published by {text_or_missing(name)}, "
                     f"{text_or_missing(self.practice.get('address'))}{note}")]

    def disclosure(self) -> tuple[bool, list[Evidence]]:
        """Passes with a finished disclosure (placeholder.text marks an unfinished one)."""
        text = self.practice.get("disclosure")
        unfinished = any(f.rule == PLACEHOLDER_TEXT and f.path.name == "practice.md"
                         and f.message.startswith("disclosure:") for f in self.findings)
        note = " (unfinished: placeholder.text)" if unfinished else ""
        return bool(text) and not unfinished, [
            Evidence(f"disclosure (practice.md): {text_or_missing(text)}{note}")]

    def feedback(self) -> tuple[bool, list[Evidence]]:
        """Every page ends with a feedback link: `feedback_url`, else an email to the practice
        naming the page (the theme's feedback component, built by `feedback_href`)."""
        url, email = self.practice.get("feedback_url"), self.practice.get("email")
        made_up = " (made-up example details: placeholder: true)" \
            if self.practice.get("placeholder") else ""
        route = (f"practice.md feedback_url: {url}" if url else
                 f"an email to {text_or_missing(email)} with the page's title and address in "
                 "the subject (practice.md has no feedback_url)")
        address = str(url or email or "")
        sample = self.is_sample(address)
        note = f" — {address} is a sample address, not a route to the clinic" if sample else ""
        real = bool(address) and not sample
        return real, [Evidence(f"every page ends with a feedback link: {route}{made_up}{note}")]

    @staticmethod
    def is_sample(value: str) -> bool:
        """A sample value the project ships (example.com, 555-01xx…): reaches no one."""
        return any(sample.finditer(value) for sample in SAMPLE_VALUES)

    def sources(self) -> tuple[bool, list[Evidence]]:
        found = [Evidence(f"{section.title}: {ref.get('title')} — "
                          f"{text_or_missing(ref.get('publisher'))}", ref.get("url") or "")
                 for section in self.treatment.sections
                 for ref in section.source.values.get("references") or ()]
        return bool(found), found or [Evidence("no section lists references")]

    def claims(self) -> tuple[bool, list[Evidence]]:
        risky = [f for f in self.findings if f.rule.startswith(claim_rules.PREFIX)]
        open_ = [f for f in risky if f.level != "acknowledged"]
        evidence = [Evidence(str(f)) for f in risky] or [Evidence("no risky claims found")]
        return not open_, evidence

    def approvals(self) -> list[Evidence]:
        regulator = self.practice.get("regulator")
        return [Evidence(f"{item.get('name')}: {approval_label(item['approval'], regulator)}"
                         + (f" — {item['approval_note']}" if item.get("approval_note") else ""))
                for section in self.treatment.sections
                for item in section.source.values.get("indications") or ()
                if item.get("approval")]

    def accessibility(self) -> tuple[bool, list[Evidence]]:
        """What the files show: the check's and the build's structural rules."""
        found = self.of(*ACCESSIBILITY_RULES)
        checked = Evidence("`invoke check` rules: " + ", ".join(ACCESSIBILITY_RULES)
                           + (f": {len(found)} finding(s)" if found else ": no findings"))
        return not found, [checked, *found, Evidence(BUILD_REFUSES),
                           Evidence(TEST_SUITE_CHECKS)]

    def wcag(self) -> tuple[str, list[Evidence]]:
        """Accessibility needs the built page in a browser: files alone never pass it."""
        files_ok, evidence = self.accessibility()
        gate = self.gate
        if not files_ok:
            return FAIL, evidence
        if gate is None:
            return NOT_SHOWN, [Evidence(f"no browser gate result ({GATE_FILE}): the files "
                                        "cannot show WCAG 2.2 AA"), *evidence]
        if not self.commit or gate.commit != self.commit:
            return NOT_SHOWN, [Evidence(f"the last browser gate ran on commit {gate.commit} "
                                        f"({gate.date}), not on this commit"), *evidence]
        return verdict(gate.passed), [Evidence(f"browser gate on commit {gate.commit} "
                                               f"({gate.date}): "
                                               f"{'passed' if gate.passed else 'failed'}"
                                               f"{': ' + gate.summary if gate.summary else ''}"),
                                      *evidence]

    def plain_english(self) -> tuple[bool, list[Evidence]]:
        """The plain-language rules' findings, counted by rule, and the reading level."""
        ok, evidence = self.reading_level()
        counts: dict[str, int] = {}
        for finding in self.findings:
            if not finding.rule.startswith(plain_rules.PREFIX) or finding.level == "acknowledged":
                continue
            counts[finding.rule] = counts.get(finding.rule, 0) + 1
        rules = Evidence("plain-language rules (`invoke check`, profile "
                         f"{self.profile.name}): " + (", ".join(
                             f"{rule} {n}" for rule, n in sorted(counts.items()))
                             or "no findings"))
        return ok and not counts, [rules, *evidence]

    def reading_level(self) -> tuple[bool, list[Evidence]]:
        ages = self.profile.reading_age
        if ages:
            high = [f"{p.what}: reading age {reading_age(s.grade):.1f} (FK grade {s.grade:.1f})"
                    for p, s in self.scores if s and reading_age(s.grade) > ages[1]]
            rule = (f"{self.profile.name} profile: reading age (Flesch-Kincaid grade + "
                    f"{GRADE_TO_AGE}) at most {ages[1]}")
            return not high, [Evidence(rule), *map(Evidence, high)]
        found = self.of(readability_rules.FK_GRADE, readability_rules.SMOG)
        config = self.run.linter.config
        rule = (f"Flesch-Kincaid grade at most {config['fk_grade_max']:g}, SMOG at most "
                f"{config['smog_max']:g} (`invoke check` thresholds)")
        return not found, [Evidence(rule), *found]

    def key_facts(self) -> list[Evidence]:
        facts = self.meta.get("key_facts") or ()
        cards = [card for s in self.treatment.sections for card in
                 s.source.values.get("care_cards") or ()]
        return [Evidence(f"key facts (page.md key_facts): {len(facts) or 'not provided'}"),
                Evidence(f"care cards (sections' care_cards): {len(cards) or 'not provided'}"),
                Evidence("emergency number (practice.md emergency_number): "
                         + text_or_missing(self.practice.get("emergency_number")))]

    # -- the standards ---------------------------------------------------------------------

    @cached_property
    def topics(self) -> Topics:
        return Topics(Check(*self.reviewer()), Check(*self.review_cycle()),
                      Graded(*self.history()), Check(*self.publisher()),
                      Check(*self.disclosure()), Check(*self.sources()), Check(*self.claims()),
                      Check(*self.accessibility()), Graded(*self.wcag()),
                      Check(*self.plain_english()), Check(*self.feedback()))

    def translations(self, process: Evidence) -> tuple[str, list[Evidence]]:
        """Per language: how it was translated and by whom, who checked its language and its
        clinical accuracy (MedlinePlus' criteria), and whether the source changed since
        (`translation.*` findings); fails when a translation is withheld."""
        pages = [page for page in self.run.site.translated
                 if page.translation and page.translation.source is self.treatment]
        if not pages:
            return NOT_SHOWN, [Evidence(f"page language: {self.meta.get('lang')}; the files "
                                        "hold no translation"), process]
        evidence, withheld = [], False
        for page in pages:
            translation = page.translation
            assert translation is not None
            given = translation.provenance
            people = ", ".join(
                f"{role} {(given.get(key) or {}).get('name')} "
                f"({(given.get(key) or {}).get('credentials')})"
                for role, key in (("translated by", "translated_by"),
                                  ("language checked by", "language_checked_by"),
                                  ("clinical accuracy checked by", "clinical_checked_by")))
            evidence.append(Evidence(
                f"{translation.lang}: {given.get('method')}, {people}, on "
                f"{given.get('translated_on')}, from source commit "
                f"{str(given.get('source_commit'))[:7]}: {translation.status}"))
            files = {page.page.path, *(section.source.path for section in page.sections)}
            stale = [f for f in self.run.findings if f.path in files
                     and f.rule.startswith(translation_rules.PREFIX) and f.level != "info"]
            evidence += [Evidence(str(f)) for f in stale]
            withheld |= translation.status == "withheld"
        return (FAIL if withheld else PASS), evidence

    def nhs(self) -> list[Row]:
        t = self.topics
        return [
            Row("1 Essential", "Follow a process for checking content and getting approval, "
                "including clinical approval.",
                verdict(t.reviewer.ok and t.history.status != FAIL),
                [*t.reviewer.evidence, *t.history.evidence], f"{TODO_REVIEWER} {TODO_HISTORY}"),
            Row("1 Essential", "Have a planned review cycle for all content so you keep it up "
                "to date and clinically accurate.", verdict(t.cycle.ok), t.cycle.evidence,
                TODO_CYCLE),
            Row("1 Essential", "Make clear which organisation has published the content.",
                verdict(t.publisher.ok), t.publisher.evidence, TODO_PUBLISHER),
            Row("1 Essential", "Be transparent about adverts and any potential conflicts of "
                "interest, such as sponsorship.", verdict(t.disclosure.ok), t.disclosure.evidence,
                TODO_DISCLOSURE),
            Row("1 Best practice", "Display the date the content was last checked and when it "
                "will be checked again.", verdict(t.cycle.ok), t.cycle.evidence[:1], TODO_CYCLE),
            Row("1 Best practice", "Invite feedback from users (the people who will use your "
                "content) so you can review or improve it.", verdict(t.feedback.ok),
                t.feedback.evidence, TODO_FEEDBACK),
            Row("2 Essential", "Create content using high quality clinical evidence.",
                verdict(t.sources.ok and t.claims.ok), [*t.sources.evidence, *t.claims.evidence],
                f"{TODO_SOURCES} {TODO_CLAIMS}"),
            Row("2 Essential", "Get clinical and other relevant subject matter experts to "
                "review and approve content (as part of your process).",
                verdict(t.reviewer.ok), t.reviewer.evidence, TODO_REVIEWER),
            Row("2 Essential", "Check the evidence every time you review or update clinical "
                "content.", t.history.status, t.history.evidence, TODO_HISTORY),
            Row("2 Essential", "If you're translating into another language make sure the "
                "translation remains clinically accurate.", *self.translations(PROCESS)),
            Row("2 Best practice", "Keep a record of sources of evidence you use.",
                verdict(t.sources.ok), t.sources.evidence, TODO_SOURCES),
            Row("3 Essential", "Follow copyright and licensing rules.", NOT_SHOWN, [PROCESS]),
            Row("3 Essential", "If relevant, put in place and follow policies for consent, "
                "data protection, confidentiality and safeguarding.", NOT_SHOWN, [PROCESS]),
            Row("4 Essential", "Develop content based on user and organisation needs.",
                NOT_SHOWN, [PROCESS]),
            Row("5 Essential", "Make sure your content and design are simple and clear.",
                verdict(t.structure.ok), t.structure.evidence[:2], TODO_STRUCTURE),
            Row("5 Essential", "Use concise, plain English so your content is easy to "
                "understand.", verdict(t.plain.ok), t.plain.evidence, TODO_PLAIN),
            Row("6 Essential", "Consider how your content affects people with \"protected "
                "characteristics\" (Equality Act 2010).", NOT_SHOWN, [PROCESS]),
            Row("6 Essential", "Consider people who may have difficulty getting the "
                "healthcare they need, like Gypsies and Travellers or people who do not have "
                "English as a first language.", NOT_SHOWN, [PROCESS]),
            Row("6 Essential", "Think about groups who may be under-represented in making "
                "decisions about content, such as ethnic minorities or people with "
                "disabilities.", NOT_SHOWN, [PROCESS]),
            Row("6 Essential", "Make your content accessible to everyone who needs it (WCAG "
                "2.2 AA for websites and mobile apps).", t.wcag.status, t.wcag.evidence,
                f"{TODO_STRUCTURE} {TODO_GATE}"),
        ]

    def pif(self) -> list[Row]:
        t = self.topics
        return [
            Row("1 Systems", "Information is created using a consistent and documented "
                "process.", NOT_SHOWN, [PROCESS, Evidence(
                    "supporting: every change is versioned in git and checked by `invoke "
                    "check` (docs/editing.md describes the workflow)")]),
            Row("2 Training", "Staff receive ongoing training and support.", NOT_SHOWN,
                [PROCESS]),
            Row("3 Need", "Resources meet a genuine need.", NOT_SHOWN, [PROCESS]),
            Row("4 Evidence", "Information is based on reliable, up-to-date evidence which is "
                "communicated clearly.",
                verdict(t.sources.ok and t.cycle.ok and t.history.status != FAIL
                        and t.claims.ok),
                [*t.cycle.evidence, *t.history.evidence, *t.sources.evidence,
                 *t.claims.evidence],
                f"{TODO_SOURCES} {TODO_CYCLE} {TODO_HISTORY} {TODO_CLAIMS}"),
            Row("5 Involving users", "Users are involved in the development of information.",
                NOT_SHOWN, [PROCESS, Evidence("e.g. user testing")]),
            Row("6 Health inequalities", "Information is written to meet health and digital "
                "literacy, language and accessibility needs of the target audience.",
                verdict(t.plain.ok and t.structure.ok),
                [*t.plain.evidence, *t.structure.evidence[:2]],
                f"{TODO_PLAIN} {TODO_STRUCTURE}"),
            Row("7 Content and design", "Information is clearly communicated, easy to access "
                "and navigate.", t.wcag.status, [*t.wcag.evidence, *self.key_facts()],
                f"{TODO_STRUCTURE} {TODO_GATE}"),
            Row("8 Feedback", "There is a clear process for users to provide feedback.",
                verdict(t.feedback.ok), t.feedback.evidence, TODO_FEEDBACK),
            Row("9 Disseminating", "Information is promoted to maximise reach.", NOT_SHOWN,
                [PROCESS]),
            Row("10 Impact", "The impact of information is measured.", NOT_SHOWN, [PROCESS]),
            Row("Individual 7 Transparency and legal", "There must be compliance with GDPR, "
                "conflicts of interest, promotion of medicines and other regulations.",
                verdict(t.disclosure.ok), [*t.disclosure.evidence, *self.approvals()],
                TODO_DISCLOSURE),
        ]

    def page(self) -> PageReport:
        return PageReport(self.treatment, self.nhs(), self.pif(),
                          [(p.what, display_path(p.path), s) for p, s in self.scores],
                          cci.assess(self.treatment, self.findings, self.run.linter.settings,
                                     self.changes))


def verdict(ok: bool) -> str:
    return PASS if ok else FAIL


def reading_age(grade: float) -> float:
    return grade + GRADE_TO_AGE


# -- HTML: templates/report.html --------------------------------------------------------------

CSS = """
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;color:#111}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}
th,td{border:1px solid #767676;padding:.35rem .5rem;text-align:left;vertical-align:top;
overflow-wrap:anywhere}
th{background:#eee}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
.pass,.met{background:#dff0d8}.fail,.not-met{background:#f8d7da}
.not-shown,.not-applicable{background:#fff3cd}
ul{margin:0;padding-left:1.2rem}
small{color:#444}
p,li,h1,h2{overflow-wrap:anywhere}
.todo{font-weight:bold}
@media (max-width:40rem){
table,thead,tbody,tr,th,td,caption{display:block;width:auto}
thead{position:absolute;left:-9999px}
tr{border:1px solid #767676;margin:0 0 .75rem}
th,td{border:0;border-top:1px solid #ccc}
}
"""


def status_class(status: str) -> str:
    """The CSS class of a row's status: its colour."""
    return {PASS: "pass", FAIL: "fail"}.get(status, "not-shown")


TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                        autoescape=True, trim_blocks=True, lstrip_blocks=True,
                        keep_trailing_newline=True, undefined=StrictUndefined)
TEMPLATES.filters.update(status_class=status_class, cci_summary=cci.summary,
                         display_path=display_path, reading_age=reading_age,
                         evidence=lambda texts: [Evidence(text) for text in texts])
TEMPLATES.globals.update(PASS=PASS, FAIL=FAIL, CCI_NOT_MET=cci.NOT_MET)


def count(rows: list[Row], essential_only: bool = False) -> dict[str, int]:
    chosen = [r for r in rows if not essential_only or "Essential" in r.ref]
    return {status: sum(r.status == status for r in chosen)
            for status in (PASS, FAIL, NOT_SHOWN)}


def summary_lines(pages: list[PageReport], run: Inspection) -> list[str]:
    """The report's summary, also printed by `invoke report`."""
    counts = run.counts()
    lines = [f"Checked on {run.linter.today.isoformat()}: {counts['error']} error(s), "
             f"{counts['warning']} warning(s), {counts['acknowledged']} acknowledged."]
    for page in pages:
        title = page.treatment.meta.get("title") or page.treatment.folder.name
        nhs, pif = count(page.nhs, essential_only=True), count(page.pif)
        failed = [r.ref + ": " + r.wording for r in (*page.nhs, *page.pif) if r.status == FAIL]
        lines.append(f"{title}: NHS Essential items {nhs[PASS]} pass, {nhs[FAIL]} fail, "
                     f"{nhs[NOT_SHOWN]} not shown by the files; PIF TICK criteria (1 to 10, "
                     "and individuals' 7) "
                     f"{pif[PASS]} pass, {pif[FAIL]} fail, {pif[NOT_SHOWN]} not shown by the "
                     "files.")
        lines.append(f"{title}: {cci.summary(page.cci)}.")
        lines.extend(f"  fail — {line}" for line in failed)
    return lines


def render(pages: list[PageReport], run: Inspection, commit: str) -> str:
    """The whole report as one HTML document (templates/report.html)."""
    profile = run.profile
    return TEMPLATES.get_template("report.html").render(
        clinic=text_or_missing(run.site.practice.values.get("name")), css=Markup(CSS),
        commit=commit or NO_COMMIT, day=run.linter.today.isoformat(), profile=profile,
        summary=summary_lines(pages, run), pages=pages, invalid=run.invalid,
        sources=[NHS_SOURCE, PIF_SOURCE, cci.SOURCE, *profile.sources])


def build_report(run: Inspection, gate: GateResult | None = None,
                 changes: cci.ChangeFinder = cci.changed_after) -> tuple[str, list[str]]:
    """The report's HTML and its summary lines, from one inspection."""
    commit = head_commit(run.site.practice.path.parent)
    pages = [Assessor(run, t, gate, commit, changes).page() for t in run.site.treatments]
    return render(pages, run, commit), summary_lines(pages, run)


def run_report(content: Path, settings: dict[str, Any], output: Path, published: Path,
               profile: str = DEFAULT_PROFILE, gate: Path | None = None) -> int:
    """Write the report to `output` (never inside `published`); print its summary."""
    if output.resolve().is_relative_to(published.resolve()):
        print(f"invoke report: {output} is inside {published}, which is published; write the "
              "report elsewhere (the default is test-artifacts/)", file=sys.stderr)
        return 2
    try:
        run = run_checks(content, settings, profile=profile)
    except ValueError as error:
        print(f"invoke report: {error}", file=sys.stderr)
        return 2
    text, lines = build_report(run, read_gate(gate) if gate else None)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print("\n".join(lines))
    print(f"Wrote {output} (not published).")
    return 0

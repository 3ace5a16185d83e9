"""Placeholders: made-up contact details, reviewers and unfinished text must not be published.

Each rule here blocks a release: `invoke check --release` (what publish, gh-pages and stage
run) reports their unacknowledged findings as errors.

The sample values the project ships (`SAMPLE_VALUES`) are found by value, in every file the
site reads, whatever its `placeholder:` flags say: a clinic that sets `placeholder: false`
but forgets the address still cannot publish "100 Example Avenue". The list lives here, in
the project's code, not in `content/`: it describes what the project ships, and a clinic
that deleted a list kept in its content would silently switch the gate off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .registry import Target, check, rule, setting
from .texts import Text

if TYPE_CHECKING:
    from .linter import Linter

SAMPLE = "placeholder.sample"
CONTACT = "placeholder.contact"
TEXT = "placeholder.text"
REVIEWER = "placeholder.reviewer"

# Regular expressions for text nobody should publish (new-treatment writes "Replace with").
setting("placeholder_text", (r"\bReplace with\b", r"\bTODO\b", r"\bTBD\b", r"(?i)\blorem ipsum\b",
                             r"\bXXX+\b"))


@dataclass(frozen=True)
class SampleValue:
    """A value the project ships as an example: a pattern (any case, any spacing) and what
    it is, in the words of the finding."""

    pattern: str
    what: str
    # A lower-case piece of every match, looked for first: most files hold no sample value.
    # Without i, s or k, which ignore-case patterns also match with non-ASCII letters.
    needle: str

    def finditer(self, text: str, lowered: str | None = None) -> list[re.Match[str]]:
        """The matches in `text`; `lowered`, `text.lower()` if given, serves every value."""
        if self.needle not in (text.lower() if lowered is None else lowered):
            return []
        return list(re.finditer(self.pattern, text, re.IGNORECASE))


# Every made-up detail in the shipped content/ and in the schema's examples. Words are
# separated by \s+ so that a value folded over two YAML lines is still found.
SAMPLE_VALUES = (
    SampleValue(r"\bExample\s+Pain\s+Clinic\b", "the sample practice name", "example"),
    SampleValue(r"\bDr\.?\s+(?:[A-Z]\w*\s+)?Example\b", "the sample clinician or reviewer",
                "example"),
    SampleValue(r"\bAlex\s+Example\b", "the sample clinician or reviewer", "example"),
    SampleValue(r"\b\d+\s+Example\s+(?:Avenue|Street)\b", "the sample address", "example"),
    SampleValue(r"\bZZ\s+00000\b", "the sample postcode", "00000"),
    SampleValue(r"\bexample\.(?:com|org|net)\b",
                "a domain reserved for examples (RFC 2606)", "example."),
    SampleValue(r"555[\s.-]*01\d\d", "a phone number reserved for fiction (555-0100 to 0199)",
                "555"),
    SampleValue(r"\bwho\s+pays\s+for\s+this\s+page,\s+any\s+payment\s+from\s+the\s+makers\b",
                "the sample disclosure", "payment"),
)


@check(Target.SITE)
@rule(SAMPLE, "warning", "any file still holds a sample value the project ships "
      "(practice name, clinician, reviewer, address, example.com addresses, 555-01xx numbers, "
      "the sample disclosure: `placeholders.SAMPLE_VALUES`), whatever its `placeholder:` flag "
      "says; it cannot be acknowledged",
      "Made-up details must not reach patients, even when a flag was cleared too early.",
      blocks_release=True, acknowledgeable=False)
def sample_values(lint: Linter) -> None:
    for path in site_files(lint):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reported by validation
        found_at: list[range] = []  # one finding per value, though two patterns match it
        lowered = text.lower()
        for sample in SAMPLE_VALUES:
            for match in sample.finditer(text, lowered):
                if any(match.start() in span for span in found_at):
                    continue
                found_at.append(range(match.start(), match.end()))
                found = " ".join(match.group(0).split())
                lint.report(SAMPLE, path, text.count("\n", 0, match.start()) + 1,
                            f"'{found}' is {sample.what} — replace it with the real detail")


def site_files(lint: Linter) -> list[Path]:
    """Every file the site was read from: practice.md, and each treatment's files."""
    files = [lint.site.practice.path]
    for treatment in lint.site.treatments:
        files += [treatment.page.path, *(section.source.path for section in treatment.sections)]
    return files


@check(Target.SITE)
@rule(CONTACT, "warning", "`practice.md` has `placeholder: true`",
      "Made-up phone numbers and addresses must not reach patients.", blocks_release=True)
def contact_details(lint: Linter) -> None:
    practice = lint.site.practice
    if practice.values.get("placeholder"):
        lint.report(CONTACT, practice.path, practice.lines.get("placeholder"),
                    "the practice's contact details are made-up examples — enter the real "
                    "ones, then set placeholder: false")


@check(Target.TEXT)
@rule(TEXT, "warning", "text still holds `Replace with`, `TODO`, `TBD`, "
      "`lorem ipsum` or `XXX` (`placeholder_text`)",
      "Scaffolded or unfinished words must not reach patients.", blocks_release=True)
def unfinished_text(lint: Linter, text: Text) -> None:
    for match in unfinished(lint, text.text):
        where = f"{text.where}: " if text.where else ""
        lint.report(TEXT, text.source.path, text.line_of(match.start()),
                    f"{where}'{match.group(0)}' marks unfinished text — write the real words")


def unfinished(lint: Linter, text: str) -> list[re.Match[str]]:
    """The `placeholder_text` matches in `text`, pattern by pattern: searched once per text
    and run, since placeholder.text reports them and the plain-language rules skip a text
    that has any (a scaffold's 'Replace with…' is not the clinician's words yet). Kept per
    string object, not value: a text repeated on other pages is searched again, as a
    clinic's distinct pages would be."""
    found: dict[int, tuple[str, list[re.Match[str]]]] = lint.shared.setdefault(unfinished, {})
    known = found.get(id(text))
    if known is not None and known[0] is text:
        return known[1]
    patterns, any_pattern = compiled(tuple(lint.config["placeholder_text"]))
    matches = [] if any_pattern and not any_pattern.search(text) else [
        match for pattern in patterns for match in pattern.finditer(text)]
    found[id(text)] = (text, matches)
    return matches


_GLOBAL_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


@cache
def compiled(patterns: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], ...],
                                                  re.Pattern[str] | None]:
    """The patterns, and one alternation of them all that matches wherever one of them does
    (and maybe elsewhere): a text without a match costs one scan instead of five. None when
    a pattern has groups (their numbers would change); a leading global flag such as (?i) is
    scoped to its own pattern."""
    single = tuple(map(re.compile, patterns))
    if any(pattern.groups for pattern in single):
        return single, None
    scoped = []
    for pattern in patterns:
        flags = _GLOBAL_FLAGS.match(pattern)
        rest = pattern[flags.end():] if flags else pattern
        # Without a leading \b a pattern matches more, never less, and the engine can skip
        # to its first letter (five times faster than trying \b at every position).
        rest = rest.removeprefix(r"\b")
        scoped.append(f"(?{flags.group(1)}:{rest})" if flags else f"(?:{rest})")
    try:
        return single, re.compile("|".join(scoped))
    except re.error:  # a verbose pattern's comment swallowed the closing bracket
        return single, None


@check(Target.SITE)
@rule(REVIEWER, "warning", "`reviewed_by.placeholder: true` in `page.md`, or "
      "no `last_reviewed` or `next_review_due` yet",
      "A page must name the real clinician who reviewed it, and when.", blocks_release=True)
def reviewer(lint: Linter) -> None:
    for treatment in lint.site.treatments:
        page = treatment.page
        if (treatment.meta.get("reviewed_by") or {}).get("placeholder"):
            lint.report(REVIEWER, page.path,
                        page.lines.get("reviewed_by.placeholder"),
                        "the reviewer is a made-up example — name the real reviewer, then "
                        "set placeholder: false")
        for key in ("last_reviewed", "next_review_due"):
            if page.values and not treatment.meta.get(key):
                lint.report(REVIEWER, page.path, page.lines.get("reviewed_by"),
                            f"no {key} yet — the reviewer sets it when they have checked "
                            "the page")

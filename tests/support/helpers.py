"""Helpers shared by the tests: running real builds and tasks, editing and reading files.

Fixtures live in `conftest.py`; plain functions and constants live here, imported as
`from tests.support.helpers import …`.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from site_tools import ROOT
from site_tools.build import pelican_command

DATA = ROOT / "tests" / "data"
# Product tests build frozen fixture sites, never the clinic's content/ (tests/data/README.md).
SAMPLE_SITE = DATA / "sample-site"  # the sample Botox site as first shipped, frozen
OTHER_SITE = DATA / "other-clinic"  # a different valid clinic: other treatments, words, details
TREATMENT = "therapeutic-botox"  # the sample site's treatment folder
# The test-only treatments that make the sample site a clinic site of three (tests/data/).
CLINIC_FIXTURES = ("fixture-treatment", "fixture-nerve-blocks")
LINT_TODAY = "2027-01-15"  # between the sample site's last_reviewed and next_review_due
INVOKE = [sys.executable, "-m", "invoke"]
# The files shipped with made-up details: `placeholder: true`, 555-01xx, example.com.
PLACEHOLDER_FILES = ("content/practice.md", f"content/{TREATMENT}/page.md")  # in a project copy
REAL_DISCLOSURE = ('disclosure: "Springfield Pain Clinic pays for this page. We take no money '
                   'from the makers of the medicines it discusses. Advertising: none."')
# `invoke verify`'s summary: one line per check.
GATE_LINE = re.compile(r"^  (?P<status>PASS|FAIL|SKIPPED) +(?P<check>\S.*?) +(?P<pages>\d+) "
                       r"page\(s\) +(?P<seconds>[\d.]+) s", re.M)
# What a clinic writes over the sample values (every one of them: the release gate finds them
# by value, whatever the flags say).
REAL_DETAILS = (
    ('"+1 202-555-0142"', '"+1 303-444-7788"'),
    ("appointments@example.com", "hello@springfield-pain.org"),
    ("https://example.com/book", "https://springfield-pain.org/book"),
    ("Example Pain Clinic", "Springfield Pain Clinic"),
    ("Dr Alex Example", "Dr Sam Rivera"),
    ("100 Example Avenue, Suite 5, Springfield, ZZ 00000", "12 Elm Street, Springfield, IL 62701"),
)
DRUG_FREE_ACK = ("lint_ack:\n  - rule: claims.drug-free\n    reason: Kept by Dr Sam Rivera on "
                 "2027-01-10, meaning no daily tablets\n")
FINDING = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+): (?P<level>error|warning|acknowledged"
                     r"|info): (?P<rule>[a-z-]+\.[a-z-]+): (?P<message>.+)$", re.M)


@dataclass
class Build:
    """The outcome of one `pelican` run."""

    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def log(self) -> str:
        return self.stdout + self.stderr

    def html(self, name: str = "index.html") -> str:
        return (self.output / name).read_text(encoding="utf-8")


def run_pelican(content: Path, output: Path, *extra: str, settings: str = "pelicanconf.py",
                cwd: Path = ROOT) -> Build:
    """Run the plain `pelican` CLI exactly as an editor or CI would."""
    result = subprocess.run(
        pelican_command(settings, *extra, content=content, output=output),
        cwd=cwd, capture_output=True, text=True, check=False,
    )
    return Build(result.returncode, result.stdout, result.stderr, output)


def sample_content(folder: Path, site: Path = SAMPLE_SITE) -> Path:
    """A private copy of a fixture site (the sample site by default) as `folder`/content."""
    content = folder / "content"
    shutil.copytree(site, content)
    return content


def clinic_content(folder: Path, home: str | None = TREATMENT) -> Path:
    """The sample site plus the test-only treatments: a clinic of three treatments, whose home
    page is the treatment `home` (practice.md's `home:`), or the treatments index if None."""
    content = sample_content(folder)
    practice = content / "practice.md"
    replace(practice, f"home: {TREATMENT}\n", f"home: {home}\n" if home else "")
    for name in CLINIC_FIXTURES:
        shutil.copytree(DATA / name, content / name)
    return content


BILINGUAL_SITE = DATA / "bilingual-site"  # English and Spanish, one treatment
BILINGUAL_CLINIC = DATA / "bilingual-clinic"  # a second treatment for it, in both languages
CLINIC_WORDS = {  # practice.md's index fields, then practice.es.md's
    "en": "title: Treatments at Example Pain Clinic\ndescription: Our pain treatments.\n",
    "es": "title: Tratamientos en Example Pain Clinic\ndescription: Nuestros tratamientos "
          "del dolor.\n",
}


def bilingual_clinic(folder: Path, home: str | None = None) -> Path:
    """The bilingual site plus a second treatment, both in English and Spanish: a clinic
    whose treatments index is the home page, or at /treatments/ with `home` a treatment's."""
    content = sample_content(folder, BILINGUAL_SITE)
    shutil.copytree(BILINGUAL_CLINIC, content, dirs_exist_ok=True)
    for lang, name in (("en", "practice.md"), ("es", "practice.es.md")):
        replace(content / name, "disclosure:", CLINIC_WORDS[lang] + "disclosure:")
    if home:
        replace(content / "practice.md", "languages:", f"home: {home}\nlanguages:")
    return content


@contextmanager
def content_copy(site: Path = SAMPLE_SITE) -> Iterator[Path]:
    """A private copy of a fixture site in a temporary folder, removed afterwards: for
    property-based tests, whose examples cannot share pytest's per-test `content`."""
    with tempfile.TemporaryDirectory() as folder:
        yield sample_content(Path(folder), site)


def invoke(project: Path, *task: str) -> subprocess.CompletedProcess[str]:
    """Run an invoke task in `project`, as an editor would from its root."""
    return subprocess.run([*INVOKE, *task], cwd=project, capture_output=True, text=True,
                          check=False)


def replace(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file by `new` (the test fails if `old` is absent)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_details_real(project: Path) -> None:
    """Replace every shipped made-up detail with real-looking ones, clear their flags, and
    have the clinician acknowledge the sample page's one risky claim, as a clinic would."""
    for name in PLACEHOLDER_FILES:
        replace(project / name, "placeholder: true", "placeholder: false")
    practice = project / "content" / "practice.md"
    for old, new in REAL_DETAILS:
        practice.write_text(practice.read_text(encoding="utf-8").replace(old, new),
                            encoding="utf-8")
    text = practice.read_text(encoding="utf-8")
    start = text.index("disclosure:")
    end = text.index("\n", text.index("Advertising: none", start))
    practice.write_text(text[:start] + REAL_DISCLOSURE + text[end:], encoding="utf-8")
    page = project / "content" / TREATMENT / "page.md"
    replace(page, "name: Dr Alex Example", "name: Dr Sam Rivera")
    replace(project / "content" / TREATMENT / "right-for-you.md", "position: 60\n",
            "position: 60\n" + DRUG_FREE_ACK)


def choose_approvals(folder: Path, approval: str = "approved") -> None:
    """Make the choice a new treatment leaves to a person: each indication's approval."""
    path = folder / "indications.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^(\s*)- name: (.*)$", rf"\1- name: \2\n\1  approval: {approval}",
                           text, flags=re.M), encoding="utf-8")


def lines_of(path: Path, needle: str) -> list[int]:
    """1-based numbers of the lines containing `needle`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return [number for number, line in enumerate(lines, start=1) if needle in line]


def line_of(path: Path, needle: str) -> int:
    """1-based line equal to, else first containing, `needle` (expectations follow the file)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    exact = [number for number, line in enumerate(lines, start=1) if line == needle]
    found = exact or lines_of(path, needle)
    assert found, f"{needle!r} not in {path}"
    return found[0]


def output_line(text: str, needle: str) -> str:
    """The first line of a command's output that contains `needle`."""
    return next(line for line in text.splitlines() if needle in line)


def gate_summary(output: str) -> dict[str, str]:
    """`invoke verify`'s summary: each check's status (PASS, FAIL or SKIPPED)."""
    return {match["check"]: match["status"] for match in GATE_LINE.finditer(output)}


def findings(output: str) -> list[dict[str, str]]:
    """`invoke check`'s `path:line: level: rule: message` lines, parsed."""
    return [match.groupdict() for match in FINDING.finditer(output)]


def section_files(folder: Path) -> list[Path]:
    """A treatment folder's section files: every `.md` but page.md, as the build reads them."""
    return sorted(p for p in folder.glob("*.md") if p.name != "page.md")


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below `folder` and the SHA-256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def visible_text(html: str) -> str:
    """The page's readable text: body only, scripts and styles removed, whitespace folded."""
    soup = BeautifulSoup(html, "html.parser")
    body = soup.body
    assert body is not None
    for hidden in body.find_all(["script", "style", "template"]):
        hidden.decompose()
    return " ".join(body.get_text(" ").split())


def seed_sentences(seed: str) -> list[str]:
    """Every sentence of the seed text, list markers and numbering removed, in order."""
    sentences = []
    for line in seed.splitlines():
        line = re.sub(r"^\s*(?:•|\d+\.)\s*", "", line).strip()
        if line:
            sentences.extend(s for s in re.split(r"(?<=[.?!])\s+", line) if s)
    return [" ".join(s.split()) for s in sentences]

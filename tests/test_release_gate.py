"""The release gate reads the content: every shipped sample value is refused by value, at its
file and line, whatever the `placeholder:` flags say; an unacknowledged risky claim is refused;
a real clinic's details pass. Through the real CLI, on a copy of the sample fixture site."""

from __future__ import annotations

import pytest

from site_tools.lint.placeholders import SAMPLE_VALUES
from tests.support.helpers import (
    PLACEHOLDER_FILES,
    TREATMENT,
    findings,
    invoke,
    line_of,
    make_details_real,
    replace,
)


def test_a_real_clinics_details_pass_the_release_gate(project):
    make_details_real(project)
    result = invoke(project, "check", "--release")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Content OK" in result.stdout
    assert not [f for f in findings(result.stdout) if f["level"] == "error"]


# Each sample value, written back into a real clinic's files with every flag cleared.
SAMPLES = [
    ("content/practice.md", "name: Springfield Pain Clinic", "name: Example Pain Clinic"),
    ("content/practice.md", "clinician: Dr Sam Rivera", "clinician: Dr Alex Example"),
    (f"content/{TREATMENT}/page.md", "name: Dr Sam Rivera", "name: Dr Alex Example"),
    ("content/practice.md", "address: 12 Elm Street, Springfield, IL 62701",
     "address: 100 Example Avenue, Suite 5, Springfield, ZZ 00000"),
    ("content/practice.md", "hello@springfield-pain.org", "appointments@example.com"),
    ("content/practice.md", "https://springfield-pain.org/book", "https://example.com/book"),
    ("content/practice.md", '"+1 303-444-7788"', '"+1 202-555-0142"'),
    (f"content/{TREATMENT}/faq.md", "---\n\n", "---\n\nCall us on 202-555-0199.\n\n"),
    ("content/practice.md", "disclosure: ", "disclosure: Replace with: who pays for this page, "
     "any payment from the makers of the medicines it discusses. "),
]


@pytest.mark.parametrize(("file", "real", "sample"), SAMPLES,
                         ids=[s[2].strip()[:30] for s in SAMPLES])
def test_each_sample_value_is_refused_at_its_line_whatever_the_flags_say(
        project, file, real, sample):
    make_details_real(project)
    path = project / file
    text = path.read_text(encoding="utf-8")
    if real not in text:  # a body: the sample value goes below the front matter
        real, sample = "\n---\n", "\n---\n" + sample.removeprefix("---\n\n")
    replace(path, real, sample)
    assert "placeholder: true" not in "".join(
        (project / name).read_text(encoding="utf-8") for name in PLACEHOLDER_FILES)
    result = invoke(project, "check", "--release")
    assert result.returncode == 1
    needle = next(v for v in sample.split(": ") if v.strip()).strip().split("\n")[-1][:12]
    line = line_of(path, needle)
    refused = [f for f in findings(result.stdout)
               if f["rule"] == "placeholder.sample" and f["level"] == "error"]
    assert refused and {(f["path"], int(f["line"])) for f in refused} == {(file, line)}
    assert "Content OK" not in result.stdout
    assert f"\n{file}: " in result.stdout  # the to-do list names the file above its findings
    assert "Not ready to publish" in result.stderr


def test_a_sample_value_cannot_be_acknowledged(project):
    make_details_real(project)
    section = project / "content" / TREATMENT / "benefits.md"
    replace(section, "---\n", "---\nlint_ack:\n  - rule: placeholder.sample\n"
                              "    reason: Kept by Dr Sam Rivera, to try the site\n")
    replace(section, "name: Quick Procedure", "name: Quick Procedure at Example Pain Clinic")
    result = invoke(project, "check", "--release")
    assert result.returncode == 1
    rules = {(f["rule"], f["level"]) for f in findings(result.stdout)}
    assert ("placeholder.sample", "error") in rules
    assert ("ack.stale", "warning") in rules


def test_an_unacknowledged_risky_claim_is_refused_at_release_only(project):
    make_details_real(project)
    section = project / "content" / TREATMENT / "right-for-you.md"
    text = section.read_text(encoding="utf-8")
    section.write_text(text[:text.index("lint_ack:")] + text[text.index("---\n", 4):],
                       encoding="utf-8")
    plain = invoke(project, "check")
    assert plain.returncode == 0, plain.stdout + plain.stderr
    result = invoke(project, "check", "--release")
    assert result.returncode == 1
    claim = line_of(section, "drug-free")
    assert {(f["path"], int(f["line"]), f["level"]) for f in findings(result.stdout)
            if f["rule"] == "claims.drug-free"} == {(f"content/{TREATMENT}/right-for-you.md",
                                                     claim, "error")}
    assert "Content OK" not in result.stdout


def test_every_sample_value_is_in_the_one_list():
    shipped = ["Example Pain Clinic", "Dr Alex Example", "100 Example Avenue, Suite 5",
               "Springfield, ZZ 00000", "appointments@example.com", "+1 202-555-0142",
               "who pays for this page, any payment from the makers"]
    for value in shipped:
        assert any(sample.finditer(value) for sample in SAMPLE_VALUES), value
    real = ["Springfield Pain Clinic", "Dr Sam Rivera", "+1 303-444-7788",
            "for example, a nerve block", "https://springfield-pain.org/book"]
    for value in real:
        assert not any(sample.finditer(value) for sample in SAMPLE_VALUES), value

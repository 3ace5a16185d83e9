"""Issue 18, class 1: what the CMS writes means what the build reads.

Decap reads front matter as YAML 1.2 (the npm `yaml` package) and writes back what it read;
the build reads the literal text. The reference here is Decap's own reading and writing
(`tests/js/decap_yaml.cjs`, run with node on the `yaml` package in node_modules): whatever
the build accepts, Decap reads as the same values and saves as a file the build reads the
same; whatever Decap would change, the build refuses at its line with "put it in quotes".
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.support.helpers import ROOT
from tests.support.tools import require_command, require_tool
from treatment_pages.frontmatter import CMS_TIMESTAMP, read_source, yaml12_type
from treatment_pages.problems import Diagnostic
from treatment_pages.schema import PRACTICE_FIELDS, SECTION_FIELDS, Field

DECAP_YAML = ROOT / "tests" / "js" / "decap_yaml.cjs"
# Values whose reading has differed between YAML readers, and values of every kind.
TRICKY = [
    "000", "0", "007", "00", "+44", "+442079460000", "02079460000", "911", "112", "-1",
    "0o17", "0o8", "0x1F", "0xG", "1e3", "1E-2", ".5", "5.", "1.10", "1_000", "12:30",
    ".inf", "-.Inf", ".NAN", ".nan", "yes", "no", "on", "off", "Yes", "NO", "y", "n", "True",
    "TRUE", "false", "null", "Null", "NULL", "~", "2026-11-27", "2026-11-27T10:00:00Z",
    "2026-11-27 10:00", "+1 202-555-0142", "020 7946 0000", "(020) 7946-0000",
    "https://example.com/book", "name@example.com", "therapeutic-botox", "en-GB", "70",
    "fda-approved", "Example Pain Clinic", "Dr Alex Example", "It lasts 3 months.",
]
SCALAR = st.sampled_from(TRICKY) | st.from_regex(r"\A[-+.0-9eEoxTZ:_ ]{1,12}\Z")
STYLE = st.sampled_from(["plain", "single", "double"])
BASE_PRACTICE = {
    "name": "Example Pain Clinic", "clinician": "Dr Alex Example", "credentials": "MD",
    "phone": '"+1 202-555-0142"', "email": "appointments@example.com",
    "booking_url": "https://example.com/book", "address": "1 Example Street, Springfield",
    "emergency_number": '"911"', "disclosure": "Example Pain Clinic pays for this page.",
    "placeholder": "true", "regulator": "FDA",
}
BASE_SECTION = {"title": "Questions", "position": "70", "contents_label": "FAQ",
                "editorial": "false", "call_to_action": "true"}
FAQ_ITEM = {"question": "How long does it last?", "answer": "About 3 to 6 months."}


def written(value: str, style: str) -> str:
    """`value` as YAML source in `style`: plain, 'single' or "double" quoted."""
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value) if style == "double" else value


@pytest.fixture(scope="session")
def decap() -> Iterator[Callable[[str], dict[str, Any]]]:
    """Decap's reading of a front matter: {"value", "saved"} or {"error"}."""
    node = require_command("node", "install Node.js (it runs the CMS's YAML reader)")
    require_tool(ROOT / "node_modules" / "yaml", "run `npm ci` (decap-cms brings `yaml`)")
    process = subprocess.Popen([node, str(DECAP_YAML)], cwd=ROOT, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, encoding="utf-8")
    assert process.stdin and process.stdout

    def read(text: str) -> dict[str, Any]:
        process.stdin.write(json.dumps({"text": text}) + "\n")
        process.stdin.flush()
        return json.loads(process.stdout.readline())

    yield read
    process.stdin.close()
    process.wait(timeout=10)


def front_matter(fields: dict[str, str], faq: dict[str, str] | None = None) -> str:
    lines = [f"{name}: {value}" for name, value in fields.items()]
    if faq:
        lines += ["faq:", *(f"  {'-' if i == 0 else ' '} {name}: {value}"
                            for i, (name, value) in enumerate(faq.items()))]
    return "\n".join(lines) + "\n"


def build_reads(text: str, fields: tuple[Field, ...]) -> tuple[dict[str, Any], list[Diagnostic]]:
    source = read_source(Path("content/file.md"), fields, f"---\n{text}---\n".encode(),
                         has_body=False)
    return source.values, source.problems


def as_json(value: Any) -> Any:
    """A build value as Decap's reading holds it (dates as {"$date"}, text stripped)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [as_json(item) for item in value]
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    return value.strip() if isinstance(value, str) else value


def same_values(built: dict[str, Any], cms: dict[str, Any]) -> None:
    """Every field the CMS read has the build's value (the build fills in absent defaults)."""
    for name, value in cms.items():
        if isinstance(value, dict) and "$date" in value:
            pytest.fail(f"{name}: the CMS reads {value} as a date and time, the build accepted it")
        got = as_json(built[name])
        if name == "faq":
            got = [{k: v for k, v in item.items() if k != "answer_html"} for item in got]
            value = [{k: v.strip() for k, v in item.items()} for item in value]
        expected = value.strip() if isinstance(value, str) else value
        assert got == expected or (got is None and expected == ""), name  # blank: no value


def check_round_trip(text: str, fields: tuple[Field, ...], decap) -> None:
    """Refused at a line, or read alike by the CMS and saved by it unchanged for the build."""
    values, problems = build_reads(text, fields)
    if problems:
        assert all(p.line for p in problems), "\n".join(map(str, problems))
        return
    cms = decap(text)
    assert "error" not in cms, (text, cms)
    same_values(values, cms["value"])
    saved_values, saved_problems = build_reads(cms["saved"], fields)
    assert not saved_problems, (cms["saved"], list(map(str, saved_problems)))
    assert as_json(saved_values) == as_json(values), cms["saved"]


@settings(max_examples=300, deadline=None)
@given(value=SCALAR)
@example(value="000")
@example(value="2026-11-27T10:00:00Z")
def test_the_build_knows_which_unquoted_values_the_cms_reads_as_text(value, decap):
    try:
        node = yaml.compose(f"key: {value}")
    except yaml.YAMLError:
        return  # refused by the build as a syntax error
    if node is None or not isinstance(node, yaml.MappingNode) or not node.value:
        return
    scalar = node.value[0][1]
    cms = decap(f"key: {value}\n")
    if "error" in cms or not isinstance(scalar, yaml.ScalarNode):
        return
    read = cms["value"]["key"]
    if isinstance(read, dict):  # {"$date"}: refused by the build in any style
        assert CMS_TIMESTAMP.match(scalar.value), (value, read)
    elif isinstance(read, str):
        assert yaml12_type(scalar) == "", (value, read)
        assert read == scalar.value
    else:
        assert yaml12_type(scalar) != "", (value, read)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.dictionaries(st.sampled_from([f.name for f in PRACTICE_FIELDS]),
                               st.tuples(SCALAR, STYLE), max_size=3))
@example(changes={"emergency_number": ("000", "double")})
@example(changes={"phone": ("+442079460000", "single"), "placeholder": ("yes", "plain")})
def test_every_practice_value_the_build_accepts_survives_the_cms(changes, decap):
    fields = {**BASE_PRACTICE, **{k: written(v, s) for k, (v, s) in changes.items()}}
    check_round_trip(front_matter(fields), PRACTICE_FIELDS, decap)


SECTION_CHANGES = [*BASE_SECTION, *(f"faq.{name}" for name in FAQ_ITEM)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.dictionaries(st.sampled_from(SECTION_CHANGES), st.tuples(SCALAR, STYLE),
                               max_size=3))
@example(changes={"faq.question": ("yes", "double"), "position": ("070", "plain")})
def test_every_section_value_the_build_accepts_survives_the_cms(changes, decap):
    made = {k: written(v, s) for k, (v, s) in changes.items()}
    fields = {**BASE_SECTION, **{k: v for k, v in made.items() if "." not in k}}
    faq = {**FAQ_ITEM, **{k.removeprefix("faq."): v for k, v in made.items() if "." in k}}
    check_round_trip(front_matter(fields, faq), SECTION_FIELDS, decap)


REFUSED = {  # field: (unquoted value, what the CMS reads it as)
    "phone": ("02079460000", "a number"),
    "emergency_number": ("000", "a number"),
    "address": ("1.10", "a number"),
    "credentials": ("0x1F", "a number"),
    "clinician": (".inf", "a number"),
    "name": ("true", "true or false"),
    "title": ("+44", "a number"),
    "description": ("1e3", "a number"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_unquoted_values_the_cms_would_change_are_refused_at_their_line(name):
    value, read_as = REFUSED[name]
    text = front_matter({**BASE_PRACTICE, name: value})
    _, problems = build_reads(text, PRACTICE_FIELDS)
    line = 2 + list({**BASE_PRACTICE, name: value}).index(name)
    assert [(p.line, p.field) for p in problems] == [(line, name)], list(map(str, problems))
    assert f"'{value}' without quotes is read as {read_as} by the CMS" in problems[0].message
    assert problems[0].hint == f"put it in quotes: '{name}: \"{value}\"'"
    _, problems = build_reads(front_matter({**BASE_PRACTICE, name: f'"{value}"'}),
                              PRACTICE_FIELDS)
    assert not problems, list(map(str, problems))


@pytest.mark.parametrize(("field", "value"), [("editorial", "yes"), ("call_to_action", "on"),
                                              ("editorial", "No"), ("call_to_action", '"true"')])
def test_booleans_are_true_or_false(field, value):
    _, problems = build_reads(front_matter({**BASE_SECTION, field: value}, FAQ_ITEM),
                              SECTION_FIELDS)
    assert [(p.field, p.message) for p in problems] == \
        [(field, f"must be true or false, not '{value.strip(chr(34))}'")]


@pytest.mark.parametrize(("fields", "name", "value"), [
    (PRACTICE_FIELDS, "emergency_number", "000"),
    (PRACTICE_FIELDS, "phone", "+44 20 7946 0000"),
    (PRACTICE_FIELDS, "name", "yes"),
    (PRACTICE_FIELDS, "clinician", "No"),
    (PRACTICE_FIELDS, "address", "2026-11-27"),
])
def test_what_the_cms_reads_as_text_is_accepted(fields, name, value, decap):
    for style in ("plain", "double"):
        text = front_matter({**BASE_PRACTICE, name: written(value, style)})
        if yaml12_type(yaml.compose(f"x: {written(value, style)}").value[0][1]):
            continue  # unquoted 000: refused above
        values, problems = build_reads(text, fields)
        assert not problems, list(map(str, problems))
        assert values[name] == value
        check_round_trip(text, fields, decap)


@pytest.mark.parametrize("style", ["plain", "single", "double"])
def test_text_the_cms_turns_into_a_date_and_time_is_refused_in_any_style(style):
    value = written("2026-11-27T10:00:00Z", style)
    _, problems = build_reads(front_matter({**BASE_PRACTICE, "address": value}), PRACTICE_FIELDS)
    assert [(p.line, p.field) for p in problems] == [(8, "address")]
    assert "read by the CMS as a date and time" in problems[0].message


@pytest.mark.parametrize("value", ['"70"', "'10'"])
def test_numbers_are_written_without_quotes(value):
    _, problems = build_reads(front_matter({**BASE_SECTION, "position": value}, FAQ_ITEM),
                              SECTION_FIELDS)
    assert [(p.line, p.field, p.message) for p in problems] == \
        [(3, "position", f"'{value[1:-1]}' in quotes is text, not a number")]

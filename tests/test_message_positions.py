"""Issue 18, class 7: messages point at the right place, in an editor's words.

In-process through the loader (`load_site`), on the sample fixture site.
"""

from __future__ import annotations

import pytest
from pelican.settings import DEFAULT_CONFIG

from tests.helpers import SECTION, line_of
from treatment_pages.model import load_site


@pytest.mark.parametrize(("added", "marker"), [
    ("See <javascript:alert(1)> now.", "<javascript:"),
    ("See [the form][form].\n\n[form]: javascript:alert(1)", "[form]: javascript"),
    ("Text.\n\nMore text, then [a link](data:text/html,x).", "[a link]"),
    ("See [the form][f] and more.\n\n\n[f]: <vbscript:x>", "[f]: <vbscript"),
])
def test_a_refused_link_is_reported_at_the_line_that_writes_it(content, added, marker):
    what_is = content / SECTION / "what-is.md"
    what_is.write_text(what_is.read_text(encoding="utf-8") + f"\n{added}\n", encoding="utf-8")
    _, problems = load_site(content, DEFAULT_CONFIG)
    lines = [p.line for p in problems if "is not allowed" in p.message]
    assert lines == [line_of(what_is, marker)], [str(p) for p in problems]


def test_a_link_spelt_with_entities_names_its_file_not_a_wrong_line(content):
    what_is = content / SECTION / "what-is.md"
    what_is.write_text(what_is.read_text(encoding="utf-8") + "\n[x](&#106;avascript:alert)\n",
                       encoding="utf-8")
    _, problems = load_site(content, DEFAULT_CONFIG)
    refused = [p for p in problems if "is not allowed" in p.message]
    assert [(p.path, p.line) for p in refused] == [(what_is, None)]


def test_a_section_of_care_cards_alone_has_text(content):
    (content / SECTION / "when-to-get-help.md").write_text(
        "---\ntitle: When to get help\nposition: 66\ncare_cards:\n  - level: urgent\n"
        "    heading: 'Call the clinic if:'\n    symptoms:\n      - text: a fever\n"
        "    action: call-clinic\n---\n", encoding="utf-8")
    _, problems = load_site(content, DEFAULT_CONFIG)
    assert [str(p) for p in problems if "when-to-get-help" in str(p.path)] == []

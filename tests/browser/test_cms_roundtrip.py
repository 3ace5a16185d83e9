"""Issue 18, class 1 in the real CMS: every value form the build accepts survives Decap.

A practice file, a page file and a section file hold each form of value that YAML readers have read
differently (quoted phone numbers with `+` and leading zeros, `"000"`, quoted and unquoted
yes/no words, numbers and dates written as text, folded and literal blocks). Each file is
opened in Decap in Chromium and saved without changes (Decap saves only a changed entry:
a letter is typed and saved, then deleted and saved); the build then reads the same values
from it, and the page shows the same text and JSON-LD.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_cms import Editor, editor, nothing_leaves_this_machine  # noqa: F401
from tests.support.helpers import TREATMENT
from tests.test_yaml_cms import as_json
from treatment_pages.frontmatter import read_source
from treatment_pages.schema import PAGE_FIELDS, PRACTICE_FIELDS, SECTION_FIELDS, Field

pytestmark = pytest.mark.browser

PRACTICE = """---
name: "yes"
clinician: No
credentials: "1.10"
phone: "+442079460000"
email: appointments@example.com
booking_url: https://example.com/book
address: 2026-11-27
regulator: FDA
emergency_number: "000"
feedback_url: https://example.com/feedback
disclosure: >-
  Example Pain Clinic pays for this page: we take no money from the makers of the
  medicines it discusses. Advertising: none.
placeholder: true
title: "true"
description: "0x1F, 1e3, .inf and ~ are words here"
---
"""
PAGE = """---
title: "Yes"
subtitle: "1.10 and 000: words, not numbers"
description: >-
  How therapeutic Botox relieves pain: the conditions it treats, what happens, its benefits
  and risks, and common questions.
key_facts:
  - fact: "000"
  - fact: No
  - fact: 'It lasts 3 to 6 months: then it wears off.'
slug: therapeutic-botox
lang: no
reviewed_by:
  name: "true"
  credentials: MD
  placeholder: true
drug:
  generic_name: onabotulinumtoxinA
  brand_name: "0x1F"
  prescription_only: false
last_reviewed: 2026-11-27
next_review_due: 2027-11-27
---
"""
SECTION_FILE = """---
title: "000"
position: 70
contents_label: off
editorial: false
call_to_action: false
faq:
  - question: "02079460000?"
    answer: |
      Most people need:

      - a first visit
      - follow-ups every 3 months

      ### Who to call

      Call "000", or 911 abroad.
  - question: 'Null'
    answer: A word.
  - question: yes
    answer: 2026-11-27 is the date; "yes" is a word.
  - question: "+44 or 0044?"
    answer: >-
      Either works
      from abroad.
---
Text with "quotes", 'single quotes', a #hash and a colon: here.
"""


def values(path: Path, fields: tuple[Field, ...], has_body: bool) -> object:
    source = read_source(path, fields, has_body=has_body)
    assert not source.problems, [str(p) for p in source.problems]
    return as_json({**source.values, "body": source.body.strip()})


@pytest.mark.parametrize(("collection", "entry", "file", "text", "fields"), [
    ("practice", "practice", "practice.md", PRACTICE, PRACTICE_FIELDS),
    (TREATMENT, "page", f"{TREATMENT}/page.md", PAGE, PAGE_FIELDS),
    (TREATMENT, "faq", f"{TREATMENT}/faq.md", SECTION_FILE, SECTION_FIELDS),
])
def test_every_value_form_survives_an_unchanged_save(editor: Editor, collection, entry, file,  # noqa: F811
                                                     text, fields):
    path = editor.project / "content" / file
    path.write_text(text, encoding="utf-8")
    editor.build()
    has_body = fields is SECTION_FIELDS
    before_values, before_page = values(path, fields, has_body), editor.published()
    for key in ("x", "Backspace"):
        editor.open(collection, entry)
        first = editor.page.locator("input").first
        first.press("End")
        first.press(key)
        editor.publish(path)
    assert values(path, fields, has_body) == before_values, path.read_text()
    assert editor.published() == before_page

"""Property: whatever an editor types, the build refuses it with `path:line`, or keeps every word.

Section files are generated from fragments that have bitten before (quotes, '#', ':', list
markers, blank lines, conflict markers, invisible characters, HTML comments, images, links),
placed both in a plain multi-line YAML value (an FAQ answer, where YAML can swallow words)
and in the Markdown body. The real model reads them (`load_site`, as the build does).
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pelican.settings import DEFAULT_CONFIG

from tests.support.helpers import TREATMENT, content_copy
from treatment_pages.loading import load_site

WORDS = ["Botox", "relief", "lasts", "months", "dose", "3", "12", "weeks", "care"]
FRAGMENTS = [
    "#", "#1", "##", " #", "# ", ": ", ":", "- ", "* ", "1. ", "> ", "'", '"', "`", "!", "&",
    "*", "~", "|", "%", "@", "(", ")", "[", "]", "null", "~ ", "\n", "\n\n", "\n  ", "\n    ",
    "<<<<<<< HEAD\n", "\n=======\n", ">>>>>>> other\n", "\u200b", "\u202e", "\u2066",
    "<!-- note -->", "<b>", "</b>", "![pic](pic.png)", "![pic](https://tracker.example/p.png)",
    "[link](#faq)", "[link](javascript:alert)", "---",
]
TEXT = st.lists(st.sampled_from(WORDS) | st.sampled_from(FRAGMENTS), min_size=1, max_size=14) \
    .map(" ".join)
LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
# List markers at the start of a line, nested ones included ("- 1. ", "1.  1. "): an
# ordered list's numbers are structure, not words (Markdown renumbers them in <ol>).
LIST_NUMBER = re.compile(r"^(?:[ \t]*(?:[-*+]|\d+[.)])(?=\s|$))+", re.M)
FRONT = "---\ntitle: Questions\nposition: 70\nfaq:\n  - question: What about it?\n    answer: "
LOCATED = re.compile(r"faq\.md:\d+: ")


def words(text: str) -> list[str]:
    """Letters-and-digits words in order (a link's address is not text a patient reads)."""
    return re.findall(r"[^\W_]+", LINK_TARGET.sub("]", text))


def keeps_every_word(written: str, shown: str) -> bool:
    """Every word written is shown, in order, except ordered-list numbers (structure, which
    Markdown may renumber), and nothing is shown that was not written."""
    needed, shown_words, all_written = words(LIST_NUMBER.sub("", written)), words(shown), \
        words(written)
    return is_subsequence(needed, shown_words) and is_subsequence(shown_words, all_written)


def is_subsequence(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(word in remaining for word in part)


def shown_text(html: str) -> str:
    """What a patient gets: the text, with each image's alt text where the image is."""
    soup = BeautifulSoup(html, "html.parser")
    for image in soup.find_all("img"):
        image.replace_with(f" {image.get('alt', '')} ")
    return soup.get_text(" ")


def section_file(answer: str, body: str) -> str:
    """The answer as a plain YAML value: its later lines indented as continuation lines."""
    continued = answer.replace("\n", "\n      ")
    return f"{FRONT}{continued}\n---\n{body}\n"


def read(content: Path):
    return load_site(content, DEFAULT_CONFIG)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=TEXT, body=TEXT)
@example(answer="care\n\n#1 tip: keep a diary", body="Botox")
@example(answer="care", body="<<<<<<< HEAD\nlasts 3\n=======\nlasts 12\n>>>>>>> other")
@example(answer="Botox \u200b care", body="relief \u202e 3")
@example(answer="1.  1. ", body="-  1. ")
def test_every_word_is_published_or_the_build_names_the_line(answer, body):
    with content_copy() as content:
        faq = content / TREATMENT / "faq.md"
        faq.write_text(section_file(answer, body), encoding="utf-8")
        site, problems = read(content)
    if problems:
        assert all(LOCATED.search(str(problem)) for problem in problems), \
            "\n".join(map(str, problems))
        return
    section = next(s for t in site.treatments for s in t.sections if s.source.path.name == "faq.md")
    shown_answer = shown_text(section.faq[0]["answer_html"])
    shown_body = shown_text(section.body_html)
    written = section.faq[0]["answer"]
    assert words(written) == words(answer), (answer, written)  # YAML kept every word
    assert keeps_every_word(written, shown_answer), (written, shown_answer)
    assert keeps_every_word(body, shown_body), (body, shown_body)

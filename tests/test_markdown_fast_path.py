"""Plain paragraphs skip the Markdown parser, and come out exactly as the parser makes them."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.helpers import ROOT
from treatment_pages.frontmatter import read_source
from treatment_pages.model import PAGE_FILE, PLAIN_PARAGRAPH, MarkdownRenderer
from treatment_pages.schema import SECTION_FIELDS

RENDERER = MarkdownRenderer()
# Texts made of plain words and punctuation with, now and then, a character that Markdown or
# HTML treats specially, or odd whitespace: they probe the edge of the fast path.
PLAIN = ["Botox", "pain", "é", "一", "3", "10", " ", " ", "  ", ".", ",", ";", ":", "?", "!",
         "'", '"', "(", ")", "/", "%", "-", "\u2019", "\u201c", "\u2014", "\u2026"]
SPECIAL = [*"\n\t\r*_`[]<>&#=+\\|~^@{}", "\n\n", "1. ", "- ", "> ", "    ", "  \n", "\u00a0",
           "\u2028", "\x0b", "\x0c", "\x02", "\x85", "*x*", "_x_", "**x**", "`x`", "[x](y)",
           "&amp;", "<b>", "\\."]
TEXTS = st.lists(st.sampled_from(PLAIN * 3 + SPECIAL), max_size=12).map("".join) | st.text()


@given(TEXTS)
@settings(max_examples=2000, deadline=None)
@example("Hello  world.")
@example("1. First")
@example("- item")
@example("# Heading")
@example("Trailing space ")
@example("Text\n")
def test_render_equals_the_full_markdown_conversion(text):
    assert RENDERER.render(text) == RENDERER.convert(text)


def test_most_real_section_texts_take_the_fast_path():
    """Otherwise the fast path would be dead code: the real words must mostly use it."""
    texts = []
    for path in ROOT.glob("content/*/*.md"):
        if path.name != PAGE_FILE:
            source = read_source(path, SECTION_FIELDS, [])
            texts += [source.body, *(item["answer"] for item in source.values["faq"])]
    texts = [text.strip("\n") for text in texts if text.strip()]
    plain = [text for text in texts if PLAIN_PARAGRAPH.fullmatch(text)]
    assert len(plain) >= len(texts) / 2, texts

"""The page shows the structure GitHub's preview shows (project_sandbox/markdown_structure.py
says how structure is compared), and loads nothing from other sites."""

from __future__ import annotations

from pathlib import Path

import cmarkgfm
import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st

from project_sandbox.markdown_structure import CORPUS, Tree, github, structure, texts_of, tree
from tests.support.helpers import SAMPLE_SITE, TREATMENT, line_of, replace
from treatment_pages.markdown import MarkdownRenderer

RENDERER = MarkdownRenderer()
FAQ_ANSWER = "    answer: The number of Botox treatments depends on the condition being treated"

def test_the_corpus_holds_the_reported_cases():
    assert len(CORPUS) >= 40
    assert "#1 cause of headaches is muscle tension." in CORPUS
    assert "Before the list:\n- one\n- two" in CORPUS
    assert "- first\n  - nested by two\n  - another\n- second" in CORPUS


@pytest.mark.parametrize("text", CORPUS, ids=range(len(CORPUS)))
def test_tricky_markdown_has_githubs_structure(text):
    assert structure(RENDERER.render(text)) == github(text)


def test_the_real_content_has_githubs_structure():
    texts = texts_of(SAMPLE_SITE)
    assert len(texts) >= 5
    for text in texts:
        assert structure(RENDERER.render(text)) == github(text), text


def test_headings_nested_lists_and_answers_are_published_as_github_shows_them(content, build):
    """Section bodies and an FAQ answer, built: each published text has GitHub's structure."""
    heading = "\n#1 cause of headaches is muscle tension.\n"
    nested = "\nAsk your doctor about:\n- past treatments\n  - what helped\n  - what did not\n" \
             "- your medicines\n"
    answer = "Most patients need:\n1. a first visit\n2. follow-ups\n   - every 3 months\n" \
             "   - or sooner\n"
    (content / TREATMENT / "what-is.md").write_text(
        (content / TREATMENT / "what-is.md").read_text() + heading)
    (content / TREATMENT / "right-for-you.md").write_text(
        (content / TREATMENT / "right-for-you.md").read_text() + nested)
    indented = "".join(f"      {line}\n" for line in answer.splitlines())
    replace(content / TREATMENT / "faq.md", FAQ_ANSWER, f"    answer: |\n{indented}#")
    result = build(content)
    assert result.returncode == 0, result.log
    page = BeautifulSoup(result.html(), "html.parser")
    for anchor, text in (("what-is", heading), ("right-for-you", nested)):
        body = page.find(id=anchor).find(class_="section__body")
        assert tree(body)[-len(github(text)):] == github(text)
    assert "<h1>#1" not in result.html()
    answers = [tree(div) for div in page.find_all(class_="faq__answer")]
    assert github(answer) in answers


def built_problems(content: Path, build) -> list[str]:
    result = build(content)
    assert result.returncode != 0, result.log
    assert "Traceback" not in result.log
    assert not (result.output / "index.html").exists()
    return result.stderr.splitlines()


def expect(lines: list[str], path: Path, marker: str, fragment: str) -> None:
    """A problem line names the file, the line holding `marker`, and says `fragment`."""
    location = f"{TREATMENT}/{path.name}:{line_of(path, marker)}:"
    assert any(location in line and fragment in line for line in lines), \
        f"no {location} … {fragment!r} in:\n" + "\n".join(lines)


def test_html_comments_are_refused_at_their_line(content, build):
    what_is, safety, faq = (content / TREATMENT / name for name in
                            ("what-is.md", "safety.md", "faq.md"))
    what_is.write_text(what_is.read_text() + "\n<!-- internal note -->\n")
    replace(safety, "after an injection.\n",
            "after an injection.\n\nAlso:\n<!--\nTODO: the new warning\n-->\n")
    replace(faq, FAQ_ANSWER, "    answer: |\n      It depends.\n      "
                             "<!-- check with Dr Example -->\n#")
    lines = built_problems(content, build)
    message = "an HTML comment '<!--' would be shown to patients as text"
    expect(lines, what_is, "<!-- internal note -->", f": {message}")
    expect(lines, safety, "<!--", f": {message}")
    expect(lines, faq, "<!-- check with", f"faq[3].answer: {message}")
    assert all(" — delete it" in line for line in lines if message in line)


def test_comment_syntax_shown_as_code_or_escaped_is_allowed(content, build):
    what_is = content / TREATMENT / "what-is.md"
    what_is.write_text(what_is.read_text() + "\nWrite `<!-- x -->` or \\<!-- y or &lt;!-- z.\n")
    result = build(content)
    assert result.returncode == 0, result.log
    assert "&lt;!-- x --&gt;</code> or &lt;!-- y or &lt;!-- z." in result.html()


def test_images_from_other_origins_are_refused_at_their_line(content, build):
    what_is, contact, faq, indications = (content / TREATMENT / name for name in (
        "what-is.md", "contact.md", "faq.md", "indications.md"))
    what_is.write_text(what_is.read_text() + "\nSee ![x](javascript:alert(1)) here.\n")
    contact.write_text(contact.read_text() + "\nFind us.\nOur map: "
                       "![pixel](https://tracker.example/p.png)\n")
    replace(faq, FAQ_ANSWER, "    answer: |\n      It depends:\n      - on you\n"
                             "      - ![chart](data:image/png;base64,iVBORw0KGgo=)\n#")
    indications.write_text(indications.read_text() + "\n- one\n  - ![map](//cdn.example/m.png)\n"
                           "\n![a](HTTP://tracker.example/a.png \"A\")\n")
    lines = built_problems(content, build)
    expect(lines, what_is, "![x](javascript:", ": image 'javascript:alert(1)' is not a file")
    expect(lines, contact, "Our map:", ": image 'https://tracker.example/p.png' is not a file")
    expect(lines, faq, "![chart]", "faq[3].answer: image 'data:image/png;base64,")
    expect(lines, indications, "![map]", ": image '//cdn.example/m.png' is not a file")
    expect(lines, indications, "![a]", "image 'HTTP://tracker.example/a.png' is not a file")


def test_images_of_this_site_are_published(content, build):
    """Files of a STATIC_PATHS folder (tests/test_link_resolution.py: any other is refused)."""
    (content / "images").mkdir()
    for name in ("diagram.png", "photo.jpg"):
        (content / "images" / name).write_bytes(b"image")
    what_is = content / TREATMENT / "what-is.md"
    what_is.write_text(what_is.read_text() + "\n![A diagram](images/diagram.png) and "
                       "![a photo](/images/photo.jpg)\n")
    result = build(content, "-e", 'STATIC_PATHS=["images"]')
    assert result.returncode == 0, result.log
    assert '<img src="images/diagram.png" alt="A diagram">' in result.html()
    assert '<img src="/images/photo.jpg" alt="a photo">' in result.html()


# Issue 18, class 3: GitHub's extensions. GitHub's preview renders tables, strikethrough,
# footnotes and task lists; the page either shows the same structure or refuses the text at
# its line. Autolinks are left out: a bare address is the same words, shown as text.
GFM_EXTENSIONS = ["table", "strikethrough", "tasklist", "tagfilter"]
GFM_CORPUS = [
    "Take it ~~with food~~ before.", "Take it ~with food~ before.", "about ~3 months or ~6",
    "~~a~", "a ~ b ~ c", "x~y~z", "\\~not struck\\~", "`~code~`",
    "| dose | when |\n|---|---|\n| 100 | 12 weeks |", "a | b\n--|--\n1 | 2", "a | b\nno rule",
    "- [ ] ask your doctor\n- [x] book", "1. [ ] first", "- [ ]", "- [y] not a box",
    "A claim.[^1]\n\n[^1]: The label.", "A claim [^note]", "[^1]: https://example.com",
    "# Title", "Sub\n---", "## Part", "### Part\n\ntext", "#### Small", "- \n\n  text",
    "- a\n-\n- b",
    ">" * 25 + " deep words", "\n".join("  " * i + "- level" for i in range(12)),
    "- a\n  - b\n    - c", "> > quoted twice",
]


def github_gfm(markdown: str) -> Tree:
    return structure(cmarkgfm.cmark.markdown_to_html_with_extensions(
        markdown, options=cmarkgfm.Options.CMARK_OPT_FOOTNOTES, extensions=GFM_EXTENSIONS))


def refused_or_as_github(text: str) -> None:
    refusals: list = []
    html = RENDERER.render(text, refusals)
    assert refusals or structure(html) == github_gfm(text), (text, html)


@pytest.mark.parametrize("text", CORPUS + GFM_CORPUS, ids=range(len(CORPUS + GFM_CORPUS)))
def test_with_githubs_extensions_the_page_shows_githubs_structure_or_refuses(text):
    refused_or_as_github(text)


def test_the_extensions_corpus_is_refused_where_github_differs():
    refused = [text for text in GFM_CORPUS if RENDERER.render(text, found := []) and found]
    assert len(refused) >= 13, refused
    assert "about ~3 months or ~6" not in refused and "### Part\n\ntext" not in refused


# GitHub's extensions' syntax and what surrounds it. Not 4-space indents: markdown-it-py and
# cmark-gfm differ on `>` then a 4-space-indented `>` line (a CommonMark difference, open).
GFM_FRAGMENTS = ["~", "~~", "|", "---", "-", "[ ]", "[x]", "[^1]", "[^1]:", "#", "##", ">",
                 "1.", "*", "\\~", "`", ":", "text", "dose", "12", " ", "\n", "\n\n", "\n  ",
                 "\n- ", "\n| a | b |\n|---|---|\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(GFM_FRAGMENTS), min_size=1, max_size=12).map("".join))
@example("a ~~b~~ c")
@example("- [ ] a")
@example("\n- \n\n\n- ")
@example("\n- \n  \n  ~")
@example("*~**~~")
@example(">\n    >")
@example("-\n  ---\n\n  ~")  # GitHub packs an item that starts with a line tight: refused
@example("- a\n- ***\n\n  b")
@example("text~*~~*")  # a tilde beside emphasis markdown-it pairs (found by CI)
def test_any_mix_of_githubs_syntax_shows_githubs_structure_or_is_refused(text):
    refused_or_as_github(text)


# name: (section file, text added to its body or the third answer, marker, message)
GFM_IN_FILES = {
    "struck-instruction-in-body": ("what-is.md", "Take it ~~with food~~ before.",
                                   "~~with food~~", "'~~with food~~' is struck out on GitHub"),
    "single-tilde-in-answer": ("faq.md", "answer: |\n      Take it\n      ~with food~ before.",
                               "~with food~", "faq[3].answer: '~with food~' is struck out"),
    "table-in-body": ("safety.md", "| dose | when |\n|---|---|\n| 100 | 12 weeks |",
                      "| dose | when |", "a table would not fit a phone screen"),
    "table-in-answer": ("faq.md", "answer: |\n      It depends.\n\n      | a | b |\n"
                        "      |---|---|\n      | 1 | 2 |", "| a | b |",
                        "faq[3].answer: a table would not fit"),
    "task-list-in-body": ("contact.md", "Before you come:\n\n- [ ] list your medicines\n"
                          "- [x] book", "- [ ] list", "'[ ]' is a task-list box on GitHub"),
    "footnote-mark-in-body": ("indications.md", "It is approved.[^fda]", "[^fda]",
                              "'[^fda]' is a footnote mark on GitHub"),
    "footnote-definition-in-body": ("indications.md", "It is approved.[^1]\n\n[^1]: "
                                    "https://example.com/label", "[^1]: https",
                                    "'[^1]:' is a footnote on GitHub, but the page would drop"),
    "h1-in-answer": ("faq.md", "answer: |\n      It depends.\n\n      # Our advice\n\n"
                     "      Ask us.", "# Our advice", "faq[3].answer: a '#' heading would rank "
                     "with the page title"),
    "setext-h2-in-answer": ("faq.md", "answer: |\n      It depends.\n\n      Who to call\n"
                            "      ---\n\n      Us.", "Who to call",
                            "faq[3].answer: a '##' heading would rank with the section titles"),
    "atx-h2-in-answer": ("faq.md", "answer: |\n      ## Our advice\n      Ask us.",
                         "## Our advice", "a '##' heading would rank with the section titles"),
    "empty-item-github-fills": ("right-for-you.md", "Bring:\n\n- \n\n  your medicines",
                                "- ", "an empty list item, then a blank line"),
    "line-in-list-item": ("right-for-you.md", "Bring:\n\n- ***\n\n  your medicines", "- ***",
                          "a horizontal line ('---', '***' or '___') inside a list item"),
    "deep-quotes-in-body": ("what-is.md", ">" * 22 + " deep words", "deep words",
                            "lists or quotes are nested too deeply"),
    "folded-answer-with-list": ("faq.md", "answer: >\n      Most people need:\n\n"
                                "      - a first visit\n      - follow-ups", "- follow-ups",
                                "faq[3].answer: in a folded text ('>') this line is joined"),
    "folded-answer-with-heading": ("faq.md", "answer: >-\n      It depends.\n"
                                   "      ### Our advice", "### Our advice",
                                   "in a folded text ('>') this line is joined"),
}


def replace_answer(path: Path, answer: str) -> None:
    """The (one-line) answer starting FAQ_ANSWER replaced by `answer` and its lines."""
    lines = path.read_text().split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(FAQ_ANSWER))
    lines[index:index + 1] = f"    {answer}".split("\n")
    path.write_text("\n".join(lines))


@pytest.mark.parametrize("name", GFM_IN_FILES)
def test_githubs_extensions_are_refused_at_their_file_line(name, content):
    from pelican.settings import DEFAULT_CONFIG

    from treatment_pages.loading import load_site

    file, added, marker, message = GFM_IN_FILES[name]
    path = content / TREATMENT / file
    if added.startswith("answer:"):
        replace_answer(path, added)
    else:
        path.write_text(path.read_text() + f"\n{added}\n")
    _, problems = load_site(content, DEFAULT_CONFIG)
    where = line_of(path, marker)
    shown = [str(p) for p in problems]
    assert any(p.path == path and p.line == where and message in str(p) for p in problems), \
        (where, shown)


def test_a_heading_inside_a_section_and_a_kept_folded_answer_are_published(content, build):
    what_is, faq = content / TREATMENT / "what-is.md", content / TREATMENT / "faq.md"
    what_is.write_text(what_is.read_text() + "\n### Who gives it\n\nYour doctor.\n")
    replace_answer(faq, "answer: >\n      It depends on\n      the condition.")
    result = build(content)
    assert result.returncode == 0, result.log
    assert "<h3>Who gives it</h3>" in result.html()
    assert "It depends on the condition." in result.html()

"""The structure GitHub's preview gives a Markdown text, to compare a renderer with it.

Structure is the tag tree: element names and text, whitespace folded, attributes and entity
spelling ignored. The reference is GitHub's own parser, cmark-gfm (through `cmarkgfm`), an
implementation independent of the renderer's markdown-it-py. Shared by the Markdown tests and
bench/markdown_routes.py, with the corpus of tricky snippets both read.
"""

from __future__ import annotations

from pathlib import Path

import cmarkgfm
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from site_tools import ROOT
from treatment_pages.frontmatter import read_source
from treatment_pages.model import PAGE_FILE
from treatment_pages.schema import SECTION_FIELDS

# Snippets that once rendered unlike GitHub, separated by lines of `%%%`.
CORPUS = (ROOT / "tests" / "data" / "tricky-markdown.txt").read_text(encoding="utf-8") \
    .removesuffix("\n").split("\n%%%\n")

Tree = list["str | tuple[str, Tree]"]


def tree(node: Tag) -> Tree:
    """Element names and folded text, in order; comments (GitHub hides them) left out."""
    out: Tree = []
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            if text := " ".join(str(child).split()):
                out.append(text)
        elif isinstance(child, Tag):
            out.append((child.name, tree(child)))
    return out


def structure(html: str) -> Tree:
    return tree(BeautifulSoup(html, "html.parser"))


def github(markdown: str) -> Tree:
    return structure(cmarkgfm.markdown_to_html(markdown))


def texts_of(content: Path) -> list[str]:
    """The Markdown texts of a content folder's sections: bodies and FAQ answers."""
    texts = []
    for path in content.glob("*/*.md"):
        if path.name != PAGE_FILE:
            source = read_source(path, SECTION_FIELDS)
            texts += [source.body, *(item["answer"] for item in source.values["faq"])]
    return [text for text in texts if text.strip()]

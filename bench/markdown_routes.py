"""Which Markdown renderer gives the structure GitHub's preview shows, and how fast.

The measurement behind the choice of markdown-it-py (treatment_pages.markdown): for each
route, how many snippets of tests/data/tricky-markdown.txt have the tag tree GitHub's
cmark-gfm gives, and the milliseconds to render the real content's texts once. The
Python-Markdown routes need packages the project does not install:

    .venv/bin/pip install markdown pymdown-extensions mdx-truly-sane-lists mdx-breakless-lists
    .venv/bin/python -m bench.markdown_routes
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import cmarkgfm
import markdown

from project_sandbox.markdown_structure import CORPUS, structure, texts_of
from site_tools import ROOT
from treatment_pages.markdown import MarkdownRenderer

RUNS = 200


def python_markdown(extensions: list[str], configs: dict[str, Any] | None = None
                    ) -> Callable[[str], str]:
    """Python-Markdown with raw HTML escaped, as the renderer used it before."""
    md = markdown.Markdown(extensions=extensions, extension_configs=configs or {},
                           output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)

    return render


ROUTES = {
    "Python-Markdown + sane_lists (before)": python_markdown(["sane_lists"]),
    "+ pymdownx.saneheaders": python_markdown(["sane_lists", "pymdownx.saneheaders"]),
    "+ saneheaders, mdx_truly_sane_lists (2 spaces), mdx_breakless_lists": python_markdown(
        ["pymdownx.saneheaders", "mdx_truly_sane_lists", "mdx_breakless_lists"],
        {"mdx_truly_sane_lists": {"nested_indent": 2, "truly_sane": True}}),
    "markdown-it-py, CommonMark, html off (now)": MarkdownRenderer().render,
}


def main() -> None:
    texts = texts_of(ROOT / "content")
    print(f"{len(CORPUS)} snippets of tricky Markdown, {len(texts)} real texts")
    print("| route | snippets equal to cmark-gfm | real texts equal | ms per pass |")
    print("|---|---|---|---|")
    for name, render in ROUTES.items():
        equal = sum(structure(render(s)) == structure(cmarkgfm.markdown_to_html(s))
                    for s in CORPUS)
        real = sum(structure(render(t)) == structure(cmarkgfm.markdown_to_html(t))
                   for t in texts)
        start = time.perf_counter()
        for _ in range(RUNS):
            for text in texts:
                render(text)
        ms = (time.perf_counter() - start) / RUNS * 1000
        print(f"| {name} | {equal}/{len(CORPUS)} | {real}/{len(texts)} | {ms:.2f} |")


if __name__ == "__main__":
    main()

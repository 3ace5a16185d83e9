"""Markdown as GitHub's preview shows it (markdown-it-py, CommonMark): the renderer, and the
refusals of what GitHub would show otherwise (its extensions, headings in answers, images
that are not published files), each at its line."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

# An address of a file of this site, relative or from the site root: no scheme (a ':' before
# the first '/', '?' or '#': javascript:, data:, https:) and no other host ('//host', and
# '/\host', which browsers read as '//host'). The page promises nothing from other origins.
SITE_FILE = re.compile(r"^(?![^/?#]*:)(?![/\\]{2})[^\\\s]+$")
# GitHub's extensions, which its preview renders and CommonMark shows as typed characters:
# strikethrough (`~x~`, `~~x~~`), footnotes (`[^1]`) and task-list boxes (`- [ ] item`).
# A run of 1 or 2 tildes that can open (before a non-space) and a later run of the same
# length that can close (after a non-space): what cmark-gfm strikes, and a little more.
STRUCK = re.compile(r"(?<!~)(~~?)(?![~\s])[\s\S]*?(?<![~\s])\1(?!~)")
# A tilde touching '*' or '_': GitHub's strikethrough changes how the emphasis pairs up.
TILDE_BY_EMPHASIS = re.compile(r"[*_]~|~[*_]")
FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
# The tokens of emphasis markdown-it paired up: their marks are kept in the text checked.
EMPHASIS_MARKS = frozenset({"em_open", "em_close", "strong_open", "strong_close"})
TASK_BOX = re.compile(r"^\[[ xX]\](?:[ \t]|$)")
# A table's delimiter row (`|---|---|`, `--|--`, `---:`; not `---`, a heading's underline):
# under a line of text, GitHub makes a table.
TABLE_RULE = re.compile(r"^ {0,3}(?=.*[|:])\|?[ \t]*:?-+:?[ \t]*"
                        r"(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
FOOTNOTE_HINT = ("write the source in the sentence, or list it in the section's references; "
                 "write '\\[' to show a bracket")
LIST_ITEM_START = re.compile(r"^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# Headings an FAQ answer may not use: the page title is the h1, section titles are h2.
OUTLINE_TAGS = ("h1", "h2")


class Refusal(NamedTuple):
    """Markdown the build refuses: its line within the text (0 = the text's first line)."""

    line: int
    message: str
    hint: str


class MarkdownRenderer:
    """CommonMark, as GitHub's preview shows it, to HTML; raw HTML is escaped: text stays text.

    markdown-it-py is CommonMark by construction, so `#1 cause` stays a paragraph, a list
    needs no blank line before it and a list nested by 2 spaces stays nested. Measured by
    `bench/markdown_routes.py` (snippets of `tests/data/tricky-markdown.txt` whose tag tree
    equals GitHub's cmark-gfm's; ms to render the real content's 9 texts, three runs):
    Python-Markdown with sane_lists 32/50 (3.0-3.2 ms), plus pymdownx.saneheaders 36/50
    (3.4-4.0 ms), plus mdx_truly_sane_lists and mdx_breakless_lists 39/50 (2.7-4.0 ms; loose
    lists, `1)` lists, fences, autolinks still differ); markdown-it-py 50/50 (1.4-1.7 ms).
    """

    def __init__(self) -> None:
        # Tables are parsed (as GitHub's preview does) only to be refused with their line.
        self._md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False}).enable("table")
        # Every link is parsed as a link (markdown-it would leave `javascript:` ones as text),
        # so that `check_links` refuses it with its line instead of publishing the source.
        self._md.validateLink = lambda url: True  # type: ignore[method-assign]
        self._md.renderer.rules["text"] = _render_text
        # Before text_join, while `\<` and `&lt;` are still apart from the text around them.
        self._md.core.ruler.before("text_join", "refusals", _collect_refusals)

    def render(self, text: str, refusals: list[Refusal] | None = None,
               answer: bool = False) -> Markup:
        """`text` as HTML; what the build refuses in it (images from elsewhere, HTML comments)
        is appended to `refusals`. An FAQ `answer` may not hold `#` or `##` headings (in a
        section's text, the lint's `headings.top-level` warns of them)."""
        env: dict[str, Any] = {"refusals": [] if refusals is None else refusals,
                               "answer": answer}
        tokens = self._md.parse(text, env)
        return Markup(self._md.renderer.render(tokens, self._md.options, env).removesuffix("\n"))


def _render_text(tokens: list[Any], index: int, options: Any, env: Any) -> str:
    """Text escaped as HTML needs it (& < >): quotes stay as the editor typed them."""
    content = tokens[index].content
    return content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _collect_refusals(state: StateCore) -> None:
    """What the page would show otherwise than GitHub's preview, or would load from
    elsewhere, each with its line: the blocks' (`_refuse_blocks`), then each text's."""
    _refuse_blocks(state)
    for token in state.tokens:
        if token.type == "inline" and token.children and token.map:
            _refuse_inline(state, token)


def _refuse(state: StateCore, line: int, message: str, hint: str) -> None:
    state.env["refusals"].append(Refusal(line, message, hint))


def _refuse_blocks(state: StateCore) -> None:
    """Block structure that GitHub's preview shows and the page would not, or otherwise.

    Tables (too wide for a phone), task-list boxes (a box a patient cannot tick), headings in
    answers that would rank with the page or section titles, an empty list item that GitHub
    fills with the lines after it, a horizontal line inside a list item (GitHub then packs the
    item's paragraphs tight), footnote definitions (which CommonMark drops as link
    definitions) and nesting as deep as markdown-it reads (it drops the rest).
    """
    deepest = state.md.options["maxNesting"] - 1
    open_items = 0
    for index, token in enumerate(state.tokens):
        line = token.map[0] if token.map else 0
        open_items += {"list_item_open": 1, "list_item_close": -1}.get(token.type, 0)
        if token.level >= deepest:
            _refuse(state, line, "lists or quotes are nested too deeply: the words inside "
                    "would not be shown", "use at most a few levels of lists and quotes")
            return
        if token.type == "heading_open" and token.tag in OUTLINE_TAGS and state.env["answer"]:
            ranks = "page title" if token.tag == "h1" else "section titles"
            _refuse(state, line, f"a '{'#' * int(token.tag[1])}' heading would rank with the "
                    f"{ranks}", "start a heading inside an answer with '### ', or write it "
                    "in **bold**")
        elif (token.type == "list_item_open" and state.tokens[index + 1].type ==
              "list_item_close" and _continues_after_a_blank(state.src.split("\n"), line)):
            _refuse(state, line, "an empty list item, then a blank line: GitHub lays out "
                    "what follows differently from the page",
                    "write the item's text on the same line, after the '- ' or '1. '")
        elif token.type == "hr" and open_items:
            _refuse(state, line, "a horizontal line ('---', '***' or '___') inside a list "
                    "item: GitHub lays out the item differently from the page",
                    "end the list before the line, or delete the line")
        elif token.type == "blockquote_open" and state.tokens[index + 1].type == \
                "blockquote_close":  # markdown-it may drop the lines after it
            _refuse(state, line, "an empty quote ('>' with no text)",
                    "delete the line, or write the quoted text after the '> '")
        elif (token.type == "inline" and index >= 2
              and state.tokens[index - 2].type == "list_item_open"
              and TASK_BOX.match(token.content)):
            _refuse(state, line, f"'{token.content[:3]}' is a task-list box on GitHub, but "
                    "patients would see the brackets", "delete the box: write '- item'")
    _refuse_tables(state)
    for label, reference in state.env.get("references", {}).items():
        if label.startswith("^"):
            _refuse(state, reference["map"][0], f"'[{label}]:' is a footnote on GitHub, but "
                    "the page would drop it", FOOTNOTE_HINT)


def _continues_after_a_blank(lines: list[str], line: int) -> bool:
    """After an empty list item on `line`: a blank line, then indented text or another item,
    which cmark-gfm (GitHub's parser) and CommonMark 0.31 lay out differently."""
    rest = [text for text in lines[line + 1:] if text.strip()]
    return line + 1 < len(lines) and not lines[line + 1].strip() and bool(rest) \
        and (rest[0][:1] in (" ", "\t") or bool(LIST_ITEM_START.match(rest[0])))


def _refuse_tables(state: StateCore) -> None:
    """Tables, found as GitHub finds them: a delimiter row under a line of text, outside code
    (markdown-it's own table rule needs more, e.g. a '|' in the header row)."""
    code = {line for token in state.tokens if token.type in ("fence", "code_block")
            and token.map for line in range(*token.map)}
    tables = {token.map[0] for token in state.tokens if token.type == "table_open" and token.map}
    lines = state.src.split("\n")
    for number, text in enumerate(lines[1:], start=1):
        if TABLE_RULE.match(text) and lines[number - 1].strip() and number not in code:
            tables.add(number - 1)
    for line in sorted(tables):
        _refuse(state, line, "a table would not fit a phone screen (GitHub shows it as a table)",
                "write it as a list, one item per row, e.g. '- Migraine: every 12 weeks'")


def _refuse_inline(state: StateCore, token: Token) -> None:
    """Images that are not files of this site, HTML comments, strikethrough and footnotes.

    An `<img>` is the only element this renderer makes that loads something (raw HTML is
    text). A comment is hidden by GitHub's preview but would be shown to patients as text;
    struck-out words would read as instructions, footnote marks as stray brackets.
    """
    line = token.map[0]
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "image" and not SITE_FILE.match(str(child.attrGet("src") or "")):
            _refuse(state, line, f"image '{child.attrGet('src')}' is not a file of this site",
                    "the page loads nothing from other sites: put the image in a folder the "
                    "build publishes (STATIC_PATHS) and write its path, e.g. /media/diagram.png "
                    "(no https://, //, data: or javascript:)")
        elif child.type == "text" and "<!--" in child.content:
            _refuse(state, line, "an HTML comment '<!--' would be shown to patients as text "
                    "(GitHub's preview hides it)", "delete it; keep notes for editors in the "
                    "commit message or as a '#' comment line in the front matter")
    # The text as written, with the emphasis marks that pair up ('*', '**', '_'), which a
    # tilde beside them also changes on GitHub; other tokens (code, escapes, link marks) as
    # one placeholder each.
    text = "".join(child.content if child.type == "text" else "\n" if child.type in
                   ("softbreak", "hardbreak") else child.markup if child.type in EMPHASIS_MARKS
                   else "\0" for child in token.children or ())
    for match in STRUCK.finditer(text):
        _refuse(state, token.map[0] + text.count("\n", 0, match.start()),
                f"'{match.group()}' is struck out on GitHub, but patients would read it as "
                "an instruction", "delete the words that no longer apply, or say in words "
                "what changed; write '\\~' to show a tilde")
    for match in TILDE_BY_EMPHASIS.finditer(text):
        _refuse(state, token.map[0] + text.count("\n", 0, match.start()),
                f"'{match.group()}': a tilde next to '*' or '_' changes what GitHub shows in "
                "italics or bold", "write '\\~' for a tilde, or a space between them")
    for match in FOOTNOTE.finditer(text):
        _refuse(state, token.map[0] + text.count("\n", 0, match.start()),
                f"'{match.group()}' is a footnote mark on GitHub, but patients would see the "
                "brackets", FOOTNOTE_HINT)

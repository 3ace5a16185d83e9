"""Prose: the running text a patient reads, as paragraphs and sentences with their offsets.

The plain-language rules judge sentences, not names, headings, addresses or references, so
they read only the prose fields (`PROSE_KEYS`) and the Markdown bodies, with the Markdown
syntax, links' addresses, emails and web addresses blanked out. Blanking keeps every offset,
so a finding's line is the line of the words it quotes (`Text.line_of`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .texts import Text

# Leaf front-matter keys that hold running text; names, titles, labels and contact details
# are not sentences (a body is the key "").
PROSE_KEYS = frozenset({"", "text", "description", "answer", "question", "fact",
                        "approval_note", "disclosure", "heading"})
WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019\-][A-Za-z0-9]+)*")


# Each pattern with a quicker one that every match of it must hold (to skip it).
_BLANKED = [  # a heading line; a link's address; an autolink; an address or email; inline
    # code; a list marker; emphasis and a link's opening bracket
    (re.compile(r"^ {0,3}#{1,6}(?:\s.*)?$", re.M), re.compile("#")),
    (re.compile(r"\]\([^)\s]*\)"), re.compile(r"\]")),
    (re.compile(r"<[^>\s]+>"), re.compile("<")),
    (re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+"), re.compile(r"://|www\.|@")),
    (re.compile(r"`[^`]*`"), re.compile("`")),
    (re.compile(r"^ *(?:[-*+]|\d{1,9}[.)])(?= )", re.M), re.compile(r"[-*+.)] ")),
    (re.compile(r"[*_\[]+"), re.compile(r"[*_\[]")),
]
_NOT_SPACE = re.compile(r"\S")
_BLOCK_START = re.compile(r"\n[ \t]*\n|\n(?= *(?:[-*+]|\d{1,9}[.)]) )")
# A full stop after one of these does not end a sentence.
_ABBREVIATIONS = frozenset({"e.g", "i.e", "dr", "mr", "mrs", "ms", "st", "vs", "approx",
                            "no", "u.s", "u.k", "etc"})
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u2019\u201d)]*(?=\s|$)")

# The only non-ASCII letters whose lower case has ASCII letters (İ gives i and a combining
# dot, the Kelvin sign k); to the ASCII word patterns they are spaces.
_FOLDS_TO_ASCII = re.compile("[\u0130\u212a]")


def lower_case(body: str) -> str:
    """`body` in lower case at the same offsets, its ASCII words exactly the original's."""
    return _FOLDS_TO_ASCII.sub(" ", body).lower()


def alternation(words: Iterable[str], after_first: str = "") -> str:
    """A regular expression matching any of `words`, factored by common prefix: the engine
    then tries a letter per branch at each position instead of every word. `after_first`, a
    look-behind of the letter before a word, goes after the word's first letter (written
    `(?s:.)` in it): a pattern that starts with letters lets the engine skip to them, one
    that starts with a look-behind is tried at every position."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}
    if not trie:
        return "(?!)"  # an empty list matches nothing
    return "(?:" + "|".join(re.escape(letter) + after_first + _branches(child)
                            for letter, child in sorted(trie.items())) + ")"


def _branches(node: dict[str, dict]) -> str:
    branches = [re.escape(letter) + _branches(child)
                for letter, child in sorted(node.items()) if letter]
    if not branches:
        return ""
    either = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{either})?" if "" in node else either


def whole_words(words: Iterable[str]) -> re.Pattern[str]:
    """`words` (lower case) as whole words of prose.WORD in lower_case text: not a piece of
    a longer word such as "who's" or "well-being"."""
    not_inside = r"(?<![a-z0-9](?s:.))(?<![a-z0-9]['\u2019-](?s:.))"
    return re.compile(alternation(words, not_inside) + r"(?![a-z0-9])(?!['\u2019-][a-z0-9])")


@dataclass(frozen=True)
class Span:
    """A stretch of a Text: a paragraph or a sentence, `text` being `source[start:end]`."""

    start: int
    end: int
    text: str

    @cached_property
    def words(self) -> list[str]:
        return WORD.findall(self.text)

    @property
    def shown(self) -> str:
        """The text on one line, as a message quotes it."""
        return " ".join(self.text.split())


def is_prose(text: Text) -> bool:
    """Whether `text` is running text: a body or a prose field, not a name or an address."""
    return text.where.rsplit(".", 1)[-1] in PROSE_KEYS


@lru_cache(maxsize=4096)
def blanked(source: str) -> str:
    """`source` with Markdown syntax and addresses replaced by spaces (same length); kept for
    the acronym check, which reads every text of a page again after the sentence rules."""
    for pattern, needs in _BLANKED:
        if needs.search(source):
            source = pattern.sub(_spaces, source)
    return source


def _spaces(match: re.Match[str]) -> str:
    """The match with every character but whitespace made a space (line breaks stay)."""
    return _NOT_SPACE.sub(" ", match.group(0))


def paragraphs(source: str) -> Iterator[Span]:
    """The paragraphs and list items of `source`, as blanked text at their own offsets."""
    plain = blanked(source)
    start = 0
    for boundary in (*_BLOCK_START.finditer(source), None):
        end = boundary.start() if boundary else len(plain)
        yield from _trimmed(plain, start, end)
        start = boundary.end() if boundary else end


def sentences(paragraph: Span) -> Iterator[Span]:
    """The sentences of a paragraph (a fragment without a full stop is one sentence)."""
    start = paragraph.start
    text, offset = paragraph.text, paragraph.start
    for end in _SENTENCE_END.finditer(text):
        if end.group(0) == ".":
            space = max(text.rfind(" ", 0, end.start()), text.rfind("\n", 0, end.start()))
            token = text[space + 1:end.start()].lstrip("(\"'\u2018\u201c").lower()
            if token in _ABBREVIATIONS or (len(token) == 1 and "a" <= token <= "z"):
                continue  # "e.g.", "Dr.", an initial
        yield from _trimmed(text, start - offset, end.end(), offset)
        start = offset + end.end()
    yield from _trimmed(text, start - offset, len(text), offset)


def _trimmed(text: str, start: int, end: int, offset: int = 0) -> Iterator[Span]:
    piece = text[start:end]
    if not WORD.search(piece):
        return
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    yield Span(offset + start + lead, offset + start + lead + len(piece), piece)


def prose_sentences(text: Text) -> Iterator[tuple[Span, list[Span]]]:
    """Each paragraph of a prose Text with its sentences (nothing for a non-prose Text)."""
    if is_prose(text):
        for paragraph in paragraphs(text.text):
            yield paragraph, list(sentences(paragraph))

"""Read a Markdown file's YAML front matter strictly, keeping line numbers.

Unlike Pelican's readers, nothing here is skipped or guessed: every mistake becomes a
`Diagnostic` naming the file and line. Values are taken from YAML nodes as written, so
YAML 1.1 typing cannot turn `No` into `False` or `1.10` into `1.1` in a text field.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .normalise import comparable
from .problems import Diagnostic
from .schema import KIND_HELP, Field

try:  # libyaml is several times faster; the pure-Python loader gives the same nodes
    from yaml import CSafeLoader as BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as BaseLoader

# The tag of every key and value the parser meets: the same few keys and words recur in
# every file, and PyYAML's resolver (Python, regular expressions) ran 150,000 times for the
# 3,000 files of a cold build at N = 300.
_resolve = functools.lru_cache(maxsize=1 << 14)(yaml.resolver.Resolver().resolve)


class YamlLoader(BaseLoader):
    """The safe loader, with a memo for its resolver: a SafeLoader has no path resolvers,
    so a tag depends on the node's kind, text and quoting only."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _resolve(kind, value, implicit)

# The message for an absent required field (the scaffold leaves some choices to a person).
MISSING = "this required field is missing"

FENCE = re.compile(r"^---[ \t]*$")
CLOSING_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
# C0/C1 control characters other than tab and newline: invisible, invalid in HTML.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_SEPARATOR = re.compile("[\u2028\u2029]")
# Bidirectional controls reorder what a reader sees (the "Trojan Source" characters), and
# U+061C, U+200E, U+200F mark direction invisibly: refused anywhere in a content file.
BIDI_CONTROL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Zero-width characters make two texts that look the same compare different (a duplicate
# question would pass): refused in one-line text fields. Markdown keeps them (emoji use ZWJ).
ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
# Git's merge-conflict markers: a file holding them has two versions of the same words.
CONFLICT_MARKER = re.compile(r"^(<{7}|>{7}|\|{7})(?: |$)")
CONFLICT_DIVIDER = re.compile(r"^={7}$")
# A line that starts a Markdown block (list item, heading, quote, table, fence).
MARKDOWN_BLOCK = re.compile(r"^(?:[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|>|\||```|~~~)")
# Where YAML may start a comment: '#' at the start of a line or after white space.
COMMENT_START = re.compile(r"(?:^|(?<=\s))#")
# What the per-line checks of the whole file look for, as one character class and three
# substrings: one scan of the text clears a clean file, and only a file it matches is checked
# line by line (to report each line). Per line, for every file, the checks took about 1 s of
# a cold build at N = 300; one alternation of the three patterns, a quarter of that.
SUSPECT_CHARACTER = re.compile(f"[{CONTROL_CHARACTER.pattern[1:-1]}{BIDI_CONTROL.pattern[1:-1]}]")
CONFLICT_STARTS = ("<" * 7, ">" * 7, "|" * 7)
TAB_INDENT = re.compile(r"^ *\t")
# Where a YAML anchor ('&a') or alias ('*a') could start: a node starts at a line's start or
# after white space or an indicator ([ ] { } , : ?), never inside a word. An '&' in a link's
# query ('?a=1&b=2') or in 'R&D' needs no second reading of the front matter.
MAY_ANCHOR = re.compile(r"(?:^|[\s\ufeff\[\]{},:?])[&*]", re.MULTILINE)
NULL_TAG = "tag:yaml.org,2002:null"
# How the CMS reads an unquoted value. Decap reads front matter with the npm `yaml` package
# (1.10, YAML 1.2 core schema, plus its own timestamp tag) and writes back what it read: an
# unquoted value that it takes for another type than text is saved changed (`000` as `0`,
# `+44…` without the `+`, `1.10` as `1.1`). The build reads the literal text, so such a value
# is refused unless the field's kind is that type. The patterns are the package's own
# (`yaml/dist/Schema-*.js`, `decap-cms` `formats/yaml`); tests/test_yaml_cms.py checks them
# against the package itself.
# One expression, a named group per type (one match per value, not one per pattern).
YAML12_TYPES = re.compile(
    r"^(?:(?P<null>(?:~|[Nn]ull|NULL)?)"
    r"|(?P<boolean>[Tt]rue|TRUE|[Ff]alse|FALSE)"
    r"|(?P<number>0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+"
    r"|(?i:[-+]?\.inf|\.nan)"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)))$")
YAML12_NAMES = {"null": "no value", "boolean": "true or false", "number": "a number"}
# Decap's timestamp tag. Decap also writes such text back without quotes, so that the next
# reading makes it a date and time even when the editor quoted it: refused in any style.
CMS_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?Z$")
# The one YAML 1.2 type each kind stores (the CMS's widget for it writes that type).
KIND_TYPES = {"integer": "a number", "boolean": "true or false"}
PATTERNS = {
    "url": (re.compile(r"^https://[^\s/]+\.[^\s]+$"), "https://example.com/page"),
    # No ':' before the '@': `mailto:` is added by the page (a written one would be doubled).
    "email": (re.compile(r"^[^@\s:]+@[^@\s]+\.[A-Za-z]{2,}$"), "name@example.com"),
    # Digits, spaces, brackets, dots and hyphens, with at least 7 digits to dial.
    "phone": (re.compile(r"^\+?(?=(?:[ ()\-.]*[0-9]){7})[0-9 ()\-.]+$"), "+1 202-555-0142"),
    # Emergency numbers are short: 911, 999, 112, 000.
    "short_number": (re.compile(r"^[0-9]{2,6}$"), "911"),
    "slug": (re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"), "therapeutic-botox"),
    "language": (re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$"), "en-GB"),
    "date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "2026-11-27"),
    "integer": (re.compile(r"^-?\d+$"), "10"),
}


def yaml12_type(node: yaml.ScalarNode) -> str:
    """What the CMS reads an unquoted value as, when not as text ("" for text)."""
    if node.style not in (None, ""):
        return ""
    match = YAML12_TYPES.match(node.value)
    return YAML12_NAMES[match.lastgroup] if match else ""


def pattern_problem(kind: str) -> tuple[str, str]:
    """What a value that does not fit its kind's pattern is told: (message, hint).

    One wording for the build and for the CMS's `pattern` validation (`cms_admin/config.py`).
    """
    return f"is not {KIND_HELP[kind]}", f"write it like {PATTERNS[kind][1]}"


YAML_HINTS = (
    ("mapping values are not allowed", "text containing ': ' must be wrapped in quotes"),
    ("could not find expected ':'", "each field needs 'name: value'; check the line above too"),
    ("found character '\\t'", "use spaces, not tabs, to indent"),
    ("did not find expected key", "check that this line is indented like its neighbours"),
    ("found unexpected end of stream", "a quote is opened but never closed"),
    ("did not find expected '-' indicator", "list items must line up under each other"),
    ("found undefined alias", "'*' starts a YAML alias: wrap text starting with '*' in quotes"),
    ("expected alphabetic or numeric character",
     "'*' or '&' at the start of text must be wrapped in quotes"),
)


@dataclass
class SourceFile:
    """A content file split into its validated front matter and Markdown body, with the
    problems found in it (each check of the file adds its own)."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # "faq[2].answer" -> line number
    body: str = ""
    body_line: int = 1  # line of the body's first line in the file
    problems: list[Diagnostic] = field(default_factory=list)


def read_source(path: Path, fields: tuple[Field, ...], data: bytes | None = None,
                has_body: bool = True) -> SourceFile:
    """Read and validate one file (or its bytes, already read), with its problems.

    `has_body=False` for files that are front matter only (page.md, practice.md): text
    below their closing '---' would be shown nowhere, so it is refused.
    """
    source = SourceFile(path)
    decoded = _decoded(source, data)
    if decoded is None:
        return source
    text = _FileText(source, decoded)
    if any(refuses(text) for refuses in FILE_CHECKS):
        return source
    closing = text.closing
    source.body, source.body_line = "\n".join(text.lines[closing + 1:]), closing + 2
    if not has_body and source.body.strip():
        _refuse_body(text)
    node = _front_matter_node(text)
    if node is not None:
        checker = _Checker(source, text.lines, _comments(node, text.lines, closing))
        source.values = checker.record(node, fields, "", until=(closing, 0))
    return source


def _decoded(source: SourceFile, data: bytes | None) -> str | None:
    """The file's text with one kind of line break and no BOM; None when it is not UTF-8,
    reported at the line of the first byte that cannot be read."""
    try:
        raw = (source.path.read_bytes() if data is None else data).decode("utf-8")
    except UnicodeDecodeError as error:
        line = error.object[:error.start].count(b"\n") + 1
        source.problems.append(Diagnostic(source.path, line, "", f"is not UTF-8 text (byte "
                                          f"0x{error.object[error.start]:02X} cannot be read)",
                                          "save the file with UTF-8 encoding, or retype the "
                                          "accented letter on this line"))
        return None
    return raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


class _FileText:
    """A decoded file as the checks below see it: its lines, and where its front matter ends
    (looked up once, by the first check that needs it)."""

    def __init__(self, source: SourceFile, text: str) -> None:
        self.source, self.text = source, text
        self.lines = text.split("\n")

    @functools.cached_property
    def closing(self) -> int | None:
        """The index of the line that closes the front matter; None when none does."""
        lines = self.lines
        return next((i for i in range(1, len(lines)) if CLOSING_FENCE.match(lines[i])), None)

    @functools.cached_property
    def front(self) -> str:
        """The front matter's lines, between the fences."""
        return "\n".join(self.lines[1:self.closing])

    def refuse(self, line: int | None, message: str, hint: str) -> None:
        """Report a problem of the whole file (no field) at a 1-based line."""
        self.source.problems.append(Diagnostic(self.source.path, line, "", message, hint))


def _empty_file(text: _FileText) -> bool:
    """Only white space: there is nothing to read."""
    if text.text.strip():
        return False
    text.refuse(None, "the file is empty", "add front matter and text, or delete the file")
    return True


def _unreadable_lines(text: _FileText) -> bool:
    """Control characters, merge-conflict markers, direction controls, each at its line.

    True when the file is refused: nothing in it can be read as the editor meant it. One scan
    of the whole text clears a clean file before any line is looked at.
    """
    if not (SUSPECT_CHARACTER.search(text.text) or any(m in text.text for m in CONFLICT_STARTS)):
        return False
    lines = text.lines
    control = next(((i, m) for i, line in enumerate(lines, start=1)
                    if (m := CONTROL_CHARACTER.search(line))), None)
    if control:
        text.refuse(control[0], f"contains an invisible control character "
                    f"(U+{ord(control[1].group()):04X})",
                    "delete it (retype the text around it if you cannot see it)")
        return True
    markers = [i for i, line in enumerate(lines, start=1) if CONFLICT_MARKER.match(line)]
    if markers:
        markers = sorted({*markers, *(i for i, line in enumerate(lines, start=1)
                                      if CONFLICT_DIVIDER.match(line))})
        for number in markers:
            text.refuse(number, "a merge-conflict marker: the file holds two versions of the "
                        "same text", "keep the right version, then delete the <<<<<<<, ======= "
                        "and >>>>>>> lines")
        return True
    bidi = [(i, m) for i, line in enumerate(lines, start=1) if (m := BIDI_CONTROL.search(line))]
    for number, match in bidi:
        text.refuse(number, f"contains an invisible direction control "
                    f"(U+{ord(match.group()):04X}) that can reorder what readers see",
                    "delete it (retype the text around it if you cannot see it)")
    return bool(bidi)


def _no_opening_fence(text: _FileText) -> bool:
    """The first line is not '---': the file has no front matter to read."""
    if FENCE.match(text.lines[0]):
        return False
    text.refuse(1, "the file does not start with front matter", "the first line must be '---'")
    return True


def _no_closing_fence(text: _FileText) -> bool:
    """No '---' closes the front matter: where the fields end and the text starts is unknown."""
    if text.closing is not None:
        return False
    text.refuse(1, "the front matter is never closed", "add a line '---' after the last field")
    return True


def _unreadable_front_lines(text: _FileText) -> bool:
    """Tab indentation and line separators in the front matter, each at its line."""
    if not any(c in text.front for c in "\t\u2028\u2029"):
        return False
    lines, closing = text.lines, text.closing
    tabbed = [i for i in range(1, closing) if TAB_INDENT.match(lines[i])]
    for i in tabbed:
        text.refuse(i + 1, "a tab is used for indentation", "indent with spaces only")
    # YAML ends a line at U+2028/U+2029 too, which would shift every later line number.
    separated = [i for i in range(1, closing) if LINE_SEPARATOR.search(lines[i])]
    for i in separated:
        text.refuse(i + 1, "contains an invisible line separator (U+2028 or U+2029)",
                    "delete it, or start a new line instead")
    return bool(tabbed or separated)


# The checks of a file's lines before its YAML is read, in this order. Each reports what it
# finds and returns True when the file cannot be read further; the first such check ends the
# reading, so one mistake is not reported again by the checks after it (or as a YAML error).
FILE_CHECKS: tuple[Callable[[_FileText], bool], ...] = (
    _empty_file, _unreadable_lines, _no_opening_fence, _no_closing_fence, _unreadable_front_lines)


def _refuse_body(text: _FileText) -> None:
    """Text below the closing '---' of a file that has no body, at its first non-blank line."""
    closing = text.closing
    first = closing + 1 + next(i for i, line in enumerate(text.lines[closing + 1:])
                               if line.strip())
    text.refuse(first + 1, "text below the closing '---' is not used: this file has no body",
                "move fields above the closing '---'; page text belongs in a section file")


def _front_matter_node(text: _FileText) -> yaml.Node | None:
    """The front matter as one YAML node (an empty mapping when it has no fields), or None
    when YAML cannot read it (reported)."""
    # A leading blank line keeps YAML line numbers equal to file line numbers.
    front_matter = "\n" + text.front
    try:
        # Only where an anchor or alias could start are the parser's events read (the
        # substring tests first: they clear most files for a tenth of the expression's time).
        if ("&" in text.front or "*" in text.front) and MAY_ANCHOR.search(text.front) and \
                (aliases := _anchors_and_aliases(front_matter)):
            more = f" (and on {len(aliases) - 1} more lines)" if len(aliases) > 1 else ""
            text.refuse(aliases[0], "'&' and '*' make a YAML anchor or alias, which the build "
                        f"does not read{more}", "write each value out in full; wrap text "
                        "starting with '&' or '*' in quotes")
            return None
        node = yaml.compose(front_matter, Loader=YamlLoader)
    except yaml.MarkedYAMLError as error:
        _refuse_yaml_syntax(text, error)
        return None
    except yaml.YAMLError as error:  # a character the reader refuses (ReaderError): no mark
        position, character = getattr(error, "position", None), getattr(error, "character", None)
        what = f"the character U+{character:04X}" if isinstance(character, int) else "a character"
        text.refuse(None if position is None else front_matter.count("\n", 0, position) + 1,
                    f"{what} cannot be read in the front matter",
                    "delete it (retype the text around it if you cannot see it)")
        return None
    if node is None:
        return yaml.MappingNode("tag:yaml.org,2002:map", [], _Mark(1), _Mark(1))
    return node


def _refuse_yaml_syntax(text: _FileText, error: yaml.MarkedYAMLError) -> None:
    """A YAML syntax error at its line, with a hint for the usual mistakes."""
    # An unclosed quote is found at the end of the text: point at where it opens.
    opened = error.context and "quoted scalar" in error.context
    mark = (error.context_mark if opened else None) or error.problem_mark or error.context_mark
    message = (error.problem or error.context or "invalid YAML").strip()
    hint = next((h for key, h in YAML_HINTS if key in message),
                "check the quotes and indentation on this line and the one above")
    text.refuse(mark.line + 1 if mark else None, f"YAML syntax error: {message}", hint)


def _anchors_and_aliases(text: str) -> list[int]:
    """Lines of YAML anchors and aliases, read from the parser's events before any node is
    built: an alias repeats a whole value, and a dozen lines of them make millions of values
    (an "alias bomb"); no field of the schema needs one."""
    return sorted({event.start_mark.line + 1 for event in yaml.parse(text, Loader=YamlLoader)
                   if getattr(event, "anchor", None) is not None})


def _next_starts(nodes: list[Any], until: tuple[int, int]) -> list[tuple[int, int]]:
    """Where the node after each of `nodes` starts: the next one's start, `until` for the last."""
    starts = [(n.start_mark.line, n.start_mark.column) for n in nodes]
    return [*starts[1:], until] if nodes else []


def _scalar_spans(node: yaml.Node) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Start and end (line, column) of every scalar: a '#' inside one is text, not a comment."""
    if isinstance(node, yaml.ScalarNode):
        return [((node.start_mark.line, node.start_mark.column),
                 (node.end_mark.line, node.end_mark.column))]
    children = node.value if isinstance(node, yaml.SequenceNode) else [
        child for pair in node.value for child in pair] if isinstance(node, yaml.MappingNode) \
        else []
    return [span for child in children for span in _scalar_spans(child)]


def _comments(node: yaml.Node, lines: list[str], closing: int) -> list[tuple[int, int]]:
    """(line, column) of every '#' that YAML reads as the start of a comment."""
    candidates = [(number, match.start()) for number in range(1, closing)
                  if "#" in lines[number] for match in COMMENT_START.finditer(lines[number])]
    if not candidates:
        return []
    spans = _scalar_spans(node)
    return [at for at in candidates if not any(start <= at < end for start, end in spans)]


class _Mark:
    """A stand-in start mark for empty front matter (0-based like PyYAML's)."""

    def __init__(self, line: int) -> None:
        self.line, self.column = line, 0


class _Checker:
    """Converts YAML nodes to values by the schema, reporting every mismatch."""

    def __init__(self, source: SourceFile, source_lines: list[str],
                 comments: list[tuple[int, int]]) -> None:
        self.path, self.problems, self.lines = source.path, source.problems, source.lines
        self.source_lines = source_lines  # the file's lines, 0-based: YAML line N is lines[N]
        self.comments = comments  # (line, column) of every YAML comment in the front matter

    def _starts_with(self, mark, character: str) -> bool:
        """Whether the source has `character` at a YAML mark."""
        return self.source_lines[mark.line][mark.column:mark.column + 1] == character

    def swallows_text(self, node: yaml.Node, where: str, is_text: bool,
                      key: yaml.Node | None = None, until: tuple[int, int] = (0, 0)) -> bool:
        """Report YAML syntax inside a value that would silently drop the editor's words.

        For text, that is any comment from the end of its key to the next field (`until`)
        that is indented more than the key: YAML ends the text at the '#' (or skips it
        before the text starts), while the editor meant the line as more text.
        """
        if self._starts_with(node.start_mark, "!"):  # ('&' anchors: _anchors_and_aliases)
            self.problem(node, where, "a value may not start with '!' (YAML reads it as a tag "
                         "and drops it)", "wrap the text in quotes")
            return True
        if not is_text or not self.comments:
            return False
        after = key.end_mark if key else node.start_mark
        start, key_column = (after.line, after.column), key.start_mark.column if key else -1
        inside = [line for line, column in self.comments
                  if start <= (line, column) < until and column > key_column]
        if inside:
            self.problem(node, where, "the text after ' #' is read as a comment and dropped "
                         f"(line {inside[0] + 1})", "wrap the whole text in quotes")
            return True
        return False

    def folded(self, node: yaml.ScalarNode) -> int | None:
        """The file line of a folded block's first Markdown block marker that YAML joins to
        the line above: lines at the block's own indentation fold into one with a space."""
        lines = self.source_lines[node.start_mark.line + 1:node.end_mark.line + 1]
        base = next((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), 0)
        for offset, (above, line) in enumerate(itertools.pairwise(lines), start=1):
            flush = [len(text) - len(text.lstrip(" ")) == base for text in (above, line)]
            if above.strip() and all(flush) and MARKDOWN_BLOCK.match(line.strip()):
                return node.start_mark.line + 1 + offset + 1
        return None

    def problem(self, node: yaml.Node, where: str, message: str, hint: str = "") -> None:
        self.problems.append(Diagnostic(self.path, node.start_mark.line + 1, where, message, hint))

    def record(self, node: yaml.Node, fields: tuple[Field, ...], where: str,
               until: tuple[int, int]) -> dict[str, Any]:
        """A mapping node checked against `fields`: all keys present, defaults filled in.

        `until` is where the next node after this one starts (line, column).
        """
        by_name = {f.name: f for f in fields}
        values: dict[str, Any] = {f.name: f.default for f in fields}
        if self.swallows_text(node, where, is_text=False):
            return values
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, f"must be {KIND_HELP['record']}, not {_describe(node)}",
                         "write 'name: value' lines indented under it")
            return values
        seen: dict[str, int] = {}
        nexts = _next_starts([key for key, _ in node.value], until)
        for (key_node, value_node), next_start in zip(node.value, nexts, strict=True):
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, where, "a field name must be a word, not "
                             f"{_describe(key_node)}", f"allowed fields: {', '.join(by_name)}")
                continue
            key = key_node.value
            here = f"{where}.{key}" if where else key
            if key not in by_name:
                close = difflib.get_close_matches(key.lower(), list(by_name), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else \
                    f"allowed fields: {', '.join(by_name)}"
                self.problem(key_node, here, "unknown field", hint)
                continue
            if key in seen:
                self.problem(key_node, here, "this field appears twice",
                             f"keep one of line {seen[key]} and this line")
                continue
            seen[key] = key_node.start_mark.line + 1
            self.lines[here] = seen[key]
            values[key] = self.value(value_node, by_name[key], here, key_node, next_start)
        for f in fields:
            if f.required and f.name not in seen:
                self.problem(node, f"{where}.{f.name}" if where else f.name,
                             MISSING,
                             f"add '{f.name}: {f.example or '…'}'")
        return values

    def value(self, node: yaml.Node, spec: Field, where: str, key: yaml.Node | None,
              until: tuple[int, int]) -> Any:
        """The value of one field by its kind; the field's default when it is refused.

        `key` is the field's name node (None for a list item); `until` is where the next
        node starts (line, column), the end of the text a comment could be swallowed from.
        """
        if spec.kind == "record":
            return self.record(node, spec.fields, where, until)
        if spec.kind == "list":
            return self.items(node, spec, where, until)
        if self.swallows_text(node, where, spec.kind in ("text", "markdown"), key, until):
            return spec.default
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, where, f"must be {KIND_HELP[spec.kind]}, not {_describe(node)}",
                         f"write it on the same line, e.g. '{spec.name}: {spec.example}'")
            return spec.default
        return self.scalar(node, spec, where)

    def scalar(self, node: yaml.ScalarNode, spec: Field, where: str) -> Any:
        """A written value as its kind, checked in order; the default when one check fails."""
        # Quoted YAML escapes ("\r", "\0") can still produce line breaks and control characters.
        text = node.value.strip()
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        if self.invisible(node, spec, where, text):
            return spec.default
        if (not text or node.tag == NULL_TAG) and self.empty(node, spec, where, text):
            return spec.default
        read_as = yaml12_type(node)
        if spec.kind == "boolean":
            if read_as == KIND_TYPES["boolean"]:
                return text.lower() == "true"
            self.problem(node, where, f"must be true or false, not '{text}'",
                         "write true or false, without quotes")
            return spec.default
        if self.changed_by_cms(node, spec, where, text, read_as):
            return spec.default
        if spec.kind == "choice":
            return self.choice(node, spec, where, text)
        if spec.kind == "markdown" and node.style == ">" and (joined := self.folded(node)):
            self.problems.append(Diagnostic(
                self.path, joined, where, "in a folded text ('>') this line is joined to the "
                "line above, so its list item, heading or quote would be lost",
                "write '|' instead of '>' after the field name, to keep each line"))
            return spec.default
        pattern = PATTERNS.get(spec.kind)
        if pattern and not pattern[0].match(text):
            message, hint = pattern_problem(spec.kind)
            self.problem(node, where, f"'{text}' {message}", hint)
            return spec.default
        if spec.kind == "integer":
            return int(text)
        if spec.kind == "date":
            try:
                return date.fromisoformat(text)
            except ValueError:
                self.problem(node, where, f"'{text}' is not a real date",
                             "check the month (01-12) and day")
                return spec.default
        return text

    def invisible(self, node: yaml.ScalarNode, spec: Field, where: str, text: str) -> bool:
        """A control character (from a quoted escape), or a zero-width one in one-line text,
        which would make two texts that look the same compare different."""
        if control := CONTROL_CHARACTER.search(text):
            self.problem(node, where, f"contains an invisible control character "
                         f"(U+{ord(control.group()):04X})", "remove the escape sequence")
            return True
        if spec.kind == "text" and (invisible := ZERO_WIDTH.search(text)):
            self.problem(node, where, f"contains an invisible zero-width character "
                         f"(U+{ord(invisible.group()):04X})",
                         "delete it (retype the text around it if you cannot see it)")
            return True
        return False

    def empty(self, node: yaml.ScalarNode, spec: Field, where: str, text: str) -> bool:
        """No value, or a word YAML reads as no value: the field keeps its default. Reported,
        except empty quotes or an empty block in an optional field other than a number or yes/no."""
        plain = node.style in (None, "")
        if text and node.tag == NULL_TAG and plain:
            hint = (f"wrap it in quotes to keep the word: '{spec.name}: \"{text}\"'"
                    if spec.kind in ("text", "markdown") else "write a value or delete the line")
            self.problem(node, where, f"'{text}' is YAML's word for 'no value', so it would be "
                         "dropped", hint)
            return True
        if text:
            return False
        if spec.kind in KIND_TYPES and not plain:  # quoted: text
            self.problem(node, where, f"must be {KIND_HELP[spec.kind]}, not '{text}'",
                         "write the value without quotes, or delete the line")
        elif spec.required:
            self.problem(node, where, "must not be empty",
                         f"write a value, e.g. '{spec.name}: {spec.example}'")
        elif node.tag == NULL_TAG:  # the CMS would save it as the word `null`
            self.problem(node, where, "has no value", "delete the line, or write a value")
        return True

    def changed_by_cms(self, node: yaml.ScalarNode, spec: Field, where: str, text: str,
                       read_as: str) -> bool:
        """A value the CMS reads as another type than the field's, and so would save changed."""
        if spec.kind == "integer" and node.style not in (None, ""):
            # Quoted, the CMS holds text where its number widget expects a number.
            self.problem(node, where, f"'{text}' in quotes is text, not a number",
                         f"write it without quotes: '{spec.name}: {text}'")
            return True
        if CMS_TIMESTAMP.match(node.value):
            self.problem(node, where, f"'{text}' is read by the CMS as a date and time, "
                         "which it would save changed, even in quotes",
                         "write the date as YYYY-MM-DD and the time in words")
            return True
        if read_as and read_as != KIND_TYPES.get(spec.kind):
            self.problem(node, where, f"'{text}' without quotes is read as {read_as} by the "
                         "CMS, which would save it changed", f"put it in quotes: "
                         f"'{spec.name}: \"{text}\"'")
            return True
        return False

    def choice(self, node: yaml.ScalarNode, spec: Field, where: str, text: str) -> Any:
        """One of the field's choices; a renamed choice is reported and read as its new name."""
        if text in spec.choice_values:
            return text
        renamed = {old: (new, why) for old, new, why in spec.renamed}
        if text in renamed:
            new, why = renamed[text]
            self.problem(node, where, f"'{text}' is not allowed", f"write '{new}' ({why})")
            return new
        self.problem(node, where, f"'{text}' is not allowed",
                     f"use one of: {', '.join(spec.choice_values)}")
        return spec.default

    def items(self, node: yaml.Node, spec: Field, where: str,
              until: tuple[int, int]) -> list[Any]:
        """A list's items: records, or plain values when the field names an `item` kind."""
        if not isinstance(node, yaml.SequenceNode):
            if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
                self.problem(node, where, "the list is empty",
                             "add items starting with '- ', or delete the field")
            else:
                self.problem(node, where, f"must be {KIND_HELP['list']}, not {_describe(node)}",
                             "start each item on its own line with '- '")
            return []
        if not node.value:
            self.problem(node, where, "the list is empty",
                         "add items starting with '- ', or delete the field")
        items, first_seen = [], {}
        nexts = _next_starts(node.value, until)
        for index, (item_node, next_start) in enumerate(zip(node.value, nexts, strict=True),
                                                        start=1):
            here = f"{where}[{index}]"
            self.lines[here] = item_node.start_mark.line + 1
            if spec.item:
                item = self.value(item_node, spec.item, here, None, next_start)
                key, field_at = item, here
            else:
                item = self.record(item_node, spec.fields, here, next_start)
                key, field_at = spec.unique and item.get(spec.unique), f"{here}.{spec.unique}"
            items.append(item)
            if key:
                normal = comparable(str(key))
                if normal in first_seen:
                    self.problem(item_node, field_at,
                                 f"duplicate {spec.unique}: '{key}'",
                                 f"it is already item {first_seen[normal]}; "
                                 "remove or reword one of them")
                else:
                    first_seen[normal] = index
        return items


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a group of fields"
    return f"'{node.value}'"

"""Read a Markdown file's YAML front matter strictly, keeping line numbers.

Unlike Pelican's readers, nothing here is skipped or guessed: every mistake becomes a
`Problem` naming the file and line. Values are taken from YAML nodes as written, so
YAML 1.1 typing cannot turn `No` into `False` or `1.10` into `1.1` in a text field.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem
from .schema import KIND_HELP, Field

try:  # libyaml is several times faster; the pure-Python loader gives the same nodes
    from yaml import CSafeLoader as YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as YamlLoader

FENCE = re.compile(r"^---[ \t]*$")
CLOSING_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
# C0/C1 control characters other than tab and newline: invisible, invalid in HTML.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_SEPARATOR = re.compile("[\u2028\u2029]")
NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
PATTERNS = {
    "url": (re.compile(r"^https?://[^\s/]+\.[^\s]+$"), "https://example.com/page"),
    "email": (re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"), "name@example.com"),
    "phone": (re.compile(r"^\+?[0-9 ()\-.]{7,}$"), "+1 202-555-0142"),
    "slug": (re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"), "therapeutic-botox"),
    "language": (re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$"), "en-GB"),
    "date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "2026-11-27"),
    "integer": (re.compile(r"^-?\d+$"), "10"),
}
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
    """A content file split into its validated front matter and Markdown body."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # "faq[2].answer" -> line number
    body: str = ""
    body_line: int = 1  # line of the body's first line in the file


def read_source(path: Path, fields: tuple[Field, ...], problems: list[Problem],
                data: bytes | None = None) -> SourceFile:
    """Read and validate one file (or its bytes, already read); problems are appended."""
    source = SourceFile(path)
    try:
        raw = (path.read_bytes() if data is None else data).decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(path, None, "", f"is not UTF-8 text ({error.reason})",
                                "save the file with UTF-8 encoding"))
        return source
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        problems.append(Problem(path, None, "", "the file is empty",
                                "add front matter and text, or delete the file"))
        return source
    lines = text.split("\n")
    control = next(((i, m) for i, line in enumerate(lines, start=1)
                    if (m := CONTROL_CHARACTER.search(line))), None)
    if control:
        problems.append(Problem(path, control[0], "",
                                f"contains an invisible control character "
                                f"(U+{ord(control[1].group()):04X})",
                                "delete it (retype the text around it if you cannot see it)"))
        return source
    if not FENCE.match(lines[0]):
        problems.append(Problem(path, 1, "", "the file does not start with front matter",
                                "the first line must be '---'"))
        return source
    closing = next((i for i in range(1, len(lines)) if CLOSING_FENCE.match(lines[i])), None)
    if closing is None:
        problems.append(Problem(path, 1, "", "the front matter is never closed",
                                "add a line '---' after the last field"))
        return source
    tabbed = [i for i in range(1, closing) if re.match(r"^ *\t", lines[i])]
    for i in tabbed:
        problems.append(Problem(path, i + 1, "", "a tab is used for indentation",
                                "indent with spaces only"))
    # YAML ends a line at U+2028/U+2029 too, which would shift every later line number.
    separated = [i for i in range(1, closing) if LINE_SEPARATOR.search(lines[i])]
    for i in separated:
        problems.append(Problem(path, i + 1, "", "contains an invisible line separator "
                                "(U+2028 or U+2029)", "delete it, or start a new line instead"))
    if tabbed or separated:
        return source
    source.body = "\n".join(lines[closing + 1:])
    source.body_line = closing + 2
    try:
        # A leading blank line keeps YAML line numbers equal to file line numbers.
        node = yaml.compose("\n" + "\n".join(lines[1:closing]), Loader=YamlLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = (error.problem or error.context or "invalid YAML").strip()
        hint = next((h for key, h in YAML_HINTS if key in message),
                    "check the quotes and indentation on this line and the one above")
        problems.append(Problem(path, mark.line + 1 if mark else None, "",
                                f"YAML syntax error: {message}", hint))
        return source
    except yaml.YAMLError as error:  # e.g. a control character the reader refuses
        problems.append(Problem(path, None, "", f"YAML error: {error}",
                                "remove unusual characters from the front matter"))
        return source
    if node is None:
        node = yaml.MappingNode("tag:yaml.org,2002:map", [], _Mark(1), _Mark(1))
    checker = _Checker(path, problems, source.lines, lines)
    source.values = checker.record(node, fields, "")
    return source


class _Mark:
    """A stand-in start mark for empty front matter (0-based like PyYAML's)."""

    def __init__(self, line: int) -> None:
        self.line = line


class _Checker:
    """Converts YAML nodes to values by the schema, reporting every mismatch."""

    def __init__(self, path: Path, problems: list[Problem], lines: dict[str, int],
                 source_lines: list[str]) -> None:
        self.path, self.problems, self.lines = path, problems, lines
        self.source_lines = source_lines  # the file's lines: YAML line N is file line N + 1

    def _source_at(self, mark) -> str:
        """The rest of the source line from a YAML mark."""
        return self.source_lines[mark.line][mark.column:]

    def swallows_text(self, node: yaml.Node, where: str, is_text: bool) -> bool:
        """Report YAML syntax inside a value that would silently drop the editor's words."""
        if self._source_at(node.start_mark)[:1] in ("!", "&"):
            self.problem(node, where, "a value may not start with '!' or '&' (YAML reads them "
                         "as a tag or an anchor and drops them)", "wrap the text in quotes")
            return True
        if is_text and isinstance(node, yaml.ScalarNode) and node.style in (None, ""):
            end = node.end_mark
            first = self.source_lines[node.start_mark.line]
            following = self.source_lines[end.line + 1] if end.line + 1 < len(
                self.source_lines) else ""
            # A comment right after the text, or on the next line indented as a continuation.
            rest = self._source_at(end)
            continued = following.lstrip(" ")
            if (rest[:1].isspace() and rest.lstrip().startswith("#")) or (
                    continued.startswith("#")
                    and len(following) - len(continued) > len(first) - len(first.lstrip())):
                self.problem(node, where, "the text after ' #' is read as a comment and "
                             "dropped", "wrap the whole text in quotes")
                return True
        return False

    def problem(self, node: yaml.Node, where: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, node.start_mark.line + 1, where, message, hint))

    def record(self, node: yaml.Node, fields: tuple[Field, ...], where: str) -> dict[str, Any]:
        """A mapping node checked against `fields`: all keys present, defaults filled in."""
        by_name = {f.name: f for f in fields}
        values: dict[str, Any] = {f.name: f.default for f in fields}
        if self.swallows_text(node, where, is_text=False):
            return values
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, f"must be {KIND_HELP['record']}, not {_describe(node)}",
                         "write 'name: value' lines indented under it")
            return values
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            here = f"{where}.{key}" if where else key
            if not isinstance(key_node, yaml.ScalarNode) or key not in by_name:
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
            values[key] = self.value(value_node, by_name[key], here)
        for f in fields:
            if f.required and f.name not in seen:
                self.problem(node, f"{where}.{f.name}" if where else f.name,
                             "this required field is missing",
                             f"add '{f.name}: {f.example or '…'}'")
        return values

    def value(self, node: yaml.Node, spec: Field, where: str) -> Any:
        if spec.kind == "record":
            return self.record(node, spec.fields, where)
        if spec.kind == "list":
            return self.items(node, spec, where)
        if self.swallows_text(node, where, spec.kind in ("text", "markdown")):
            return spec.default
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, where, f"must be {KIND_HELP[spec.kind]}, not {_describe(node)}",
                         f"write it on the same line, e.g. '{spec.name}: {spec.example}'")
            return spec.default
        # Quoted YAML escapes ("\r", "\0") can still produce line breaks and control characters.
        text = node.value.replace("\r\n", "\n").replace("\r", "\n").strip()
        if control := CONTROL_CHARACTER.search(text):
            self.problem(node, where, f"contains an invisible control character "
                         f"(U+{ord(control.group()):04X})", "remove the escape sequence")
            return spec.default
        if not text or (node.tag == NULL_TAG and node.style in (None, "")):
            if spec.required:
                self.problem(node, where, "must not be empty",
                             f"write a value, e.g. '{spec.name}: {spec.example}'")
            return spec.default
        if spec.kind == "boolean":
            if node.tag != BOOL_TAG or node.style not in (None, ""):
                self.problem(node, where, f"must be true or false, not '{text}'")
                return spec.default
            return text.lower() in ("true", "yes", "on", "y")
        if spec.kind == "choice" and text not in spec.choice_values:
            self.problem(node, where, f"'{text}' is not allowed",
                         f"use one of: {', '.join(spec.choice_values)}")
            return spec.default
        pattern = PATTERNS.get(spec.kind)
        if pattern and not pattern[0].match(text):
            self.problem(node, where, f"'{text}' is not {KIND_HELP[spec.kind]}",
                         f"write it like {pattern[1]}")
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

    def items(self, node: yaml.Node, spec: Field, where: str) -> list[dict[str, Any]]:
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
        for index, item_node in enumerate(node.value, start=1):
            here = f"{where}[{index}]"
            self.lines[here] = item_node.start_mark.line + 1
            item = self.record(item_node, spec.fields, here)
            items.append(item)
            key = spec.unique and item.get(spec.unique)
            if key:
                normal = " ".join(str(key).casefold().split())
                if normal in first_seen:
                    self.problem(item_node, f"{here}.{spec.unique}",
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

"""Content diagnostics: what went wrong, where, and how an editor fixes it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

VALIDATION = "validation"  # the rule of every build (validation) problem


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one content file: a validation problem of the build, or a lint finding.

    One type for both, so the build, `invoke check` and its JSON and CI annotations share one
    shape. Validation problems (rule `validation`, always errors) read
    `path:line: field: message — hint`; lint findings read `path:line: level: rule: message`.
    """

    path: Path
    line: int | None
    field: str = ""
    message: str = ""
    hint: str = ""
    level: str = "error"
    rule: str = VALIDATION

    @property
    def location(self) -> str:
        return one_line(display_path(self.path) + (f":{self.line}" if self.line else ""))

    @property
    def detail(self) -> str:
        """`field: message — hint`, each part only when present, on one line."""
        field = f"{self.field}: " if self.field else ""
        return one_line(field + self.message + (f" — {self.hint}" if self.hint else ""))

    def __str__(self) -> str:
        if self.rule == VALIDATION:
            return f"{self.location}: {self.detail}"
        return f"{self.location}: {self.level}: {self.rule}: {self.detail}"

    def record(self) -> dict[str, Any]:
        """The JSON shape of `invoke check --format json` and of CI annotations."""
        return {"path": display_path(self.path), "line": self.line, "level": self.level,
                "rule": self.rule, "message": self.detail}


def one_line(text: str) -> str:
    """`text` with line breaks shown as `\\n` and `\\r`: a message quoting an editor's words
    must never start a new output line, where CI (GitHub Actions reads `::error …` lines as
    commands) or a reader would take it for the tool's own."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def display_path(path: Path) -> str:
    """The path relative to the working directory (the repository) when it lies inside it."""
    try:
        resolved = Path(path).resolve()
    except (RuntimeError, OSError):  # a symbolic link to itself: named as written
        resolved = Path(os.path.abspath(path))
    try:
        return os.path.relpath(path) if resolved.is_relative_to(Path.cwd()) else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def report(problems: list[Diagnostic], outcome: str) -> str:
    """Every problem on its own line, sorted by file and line, then a one-line summary."""
    ordered = sorted(problems, key=lambda p: (str(p.path), p.line or 0))
    files = len({p.path for p in problems})
    summary = (f"{len(problems)} content problem{'s' * (len(problems) != 1)} "
               f"in {files} file{'s' * (files != 1)}")
    return "\n".join([*map(str, ordered), outcome.format(summary=summary)])


class ContentError(SystemExit):
    """Stops the build with the editor-facing list of problems and no traceback.

    A SystemExit, so that Pelican's generators and CLI let it through untouched; Python
    prints a string exit code to stderr and exits with status 1.
    """

    def __init__(self, problems: list[Diagnostic]) -> None:
        super().__init__(report(problems, "Build failed: {summary}. Nothing was published; "
                                          "the previous output is unchanged."))

"""The line a successful build ends with: what it built.

Pelican ends every build with "Done: Processed 0 articles, … 0 pages", counting only its
own generators, which here read nothing: a newcomer reads that nothing was built. Pelican
prints that line on its console (not through logging) once every `finalized` receiver has
succeeded, so a render hook on that console swaps it for "N treatment page(s) from M files
in X s". A failed build never reaches the line, and prints no summary.
"""

from __future__ import annotations

import time

from pelican.log import console
from rich.console import ConsoleRenderable, RenderHook
from rich.text import Text

PELICAN_DONE = "Done: Processed "


class BuildSummary(RenderHook):
    """Replaces Pelican's closing line by the summary of the build that recorded one."""

    def __init__(self) -> None:
        self.line = ""
        self.started = 0.0

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [self.replace(item) for item in renderables]

    def replace(self, item: ConsoleRenderable) -> ConsoleRenderable:
        if not (self.line and isinstance(item, Text) and item.plain.startswith(PELICAN_DONE)):
            return item
        line, self.line = self.line, ""
        return Text(f"{line} in {time.perf_counter() - self.started:.2f} s")


_hook = BuildSummary()
_installed = False


def install() -> None:
    """Hook the console once per process; repeated in-process builds share the hook.

    Never removed: rich's hooks are a stack, and Pelican's status spinner pushes and pops its
    own around the build, so a hook popped later could be the spinner's.
    """
    global _installed
    if not _installed:
        console.push_render_hook(_hook)
        _installed = True


def record(pages: int, files: int, started: float) -> None:
    """What this build read (it has found no problem); its line replaces Pelican's at the end."""
    _hook.line = f"{pages} treatment page(s) from {files} files"
    _hook.started = started


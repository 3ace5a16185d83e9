"""The one way a build runs in a child process (a release, the content gate, the tests).

`python -m pelican` with this Python, so the child imports the installed plugins afresh and
reports a content problem through Pelican's exit status, as an editor's own `pelican` does.
The live preview and `invoke regenerate` build in a worker of their own (livereload.py),
which keeps what it read between builds.
"""

from __future__ import annotations

import sys
from pathlib import Path


def pelican_command(settings: str | Path, *options: str, content: Path | None = None,
                    output: Path | None = None) -> list[str]:
    """The command line of one build with `settings`, into `output` when given."""
    return [sys.executable, "-m", "pelican", *([str(content)] if content else []),
            "-s", str(settings), *(["-o", str(output)] if output else []), *options]

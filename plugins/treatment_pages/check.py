"""`invoke check`: validate all content without building, for editors and pre-commit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .model import load_site
from .problems import ContentError


def check_content(content: Path, settings: dict[str, Any]) -> int:
    """Print every problem (or a short all-clear) and return the exit status."""
    site, problems = load_site(content, settings)
    if problems:
        print(ContentError(problems).code, file=sys.stderr)
        return 1
    sections = sum(len(t.sections) for t in site.treatments)
    print(f"Content OK: {len(site.treatments)} treatment page(s), {sections} sections.")
    return 0

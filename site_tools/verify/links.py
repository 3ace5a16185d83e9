"""linkchecker over every built page: no broken internal link, file or `#anchor`."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

from site_tools.server import serving

from .pages import html_files
from .tools import ToolMissing

# linkchecker's own command, except that as root it no longer switches to the user `nobody`:
# `nobody` cannot read a checkout inside a private folder (a fresh clone in a mktemp folder,
# a CI workspace), and linkchecker then skips its AnchorCheck plugin without a word.
LINKCHECKER = [sys.executable, "-c", "import sys; import linkcheck.command.linkchecker as cli; "
               "cli.drop_privileges = lambda: None; sys.exit(cli.linkchecker())"]
# AnchorCheck makes linkchecker report `#fragment`s that match no id (off by default).
LINKCHECKER_CONFIG = "[AnchorCheck]\n"


def link_check(output: Path) -> subprocess.CompletedProcess[str]:
    """linkchecker over every HTML file, served over HTTP so root-relative links resolve.

    Links to other hosts are outside linkchecker's default domain filter: never fetched.
    Passes only when the exit status is 0 and it reports no error and no warning.
    """
    try:
        import linkcheck  # noqa: F401
    except ImportError:
        raise ToolMissing("linkchecker is missing: pip install -e '.[test]'") from None
    with tempfile.TemporaryDirectory(prefix="linkchecker-") as folder:
        config = Path(folder) / "linkcheckerrc"
        config.write_text(LINKCHECKER_CONFIG)
        with serving(output) as url:
            pages = [urljoin(url, page.relative_to(output).as_posix())
                     for page in html_files(output)]
            return subprocess.run([*LINKCHECKER, "--no-status", "--config", str(config), *pages],
                                  capture_output=True, text=True, check=False, timeout=300)


def passed(result: subprocess.CompletedProcess[str]) -> bool:
    """No broken link and nothing linkchecker only warns about (its exit status misses those)."""
    return (result.returncode == 0 and " 0 errors found" in result.stdout
            and " 0 warnings found" in result.stdout)

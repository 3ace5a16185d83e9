"""The Nu HTML checker (npm vnu-jar, run by the system Java) on built files."""

from __future__ import annotations

import subprocess
from pathlib import Path

from site_tools.lighthouse import VNU_JAR

from .tools import command, tool


def nu_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    """The checker on files or folders, errors only; any non-zero exit is a failure.

    ToolMissing without Java or the jar.
    """
    java = command("java", "apt-get install default-jre-headless")
    jar = tool(VNU_JAR, "run `npm ci` (make test and make verify do it when npm is installed)")
    return subprocess.run([java, "-jar", str(jar), "--errors-only", "--skip-non-html",
                           *map(str, paths)],
                          capture_output=True, text=True, check=False, timeout=300)

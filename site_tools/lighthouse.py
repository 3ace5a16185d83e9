"""Score a served site with Lighthouse (`invoke lighthouse`, tests/browser/test_lighthouse.py).

The Chromium path and flags live here once, for Playwright and Lighthouse alike; the node tools
(Lighthouse, the Nu HTML checker) are the repository's `node_modules/` from package.json.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from pathlib import Path

from site_tools import ROOT

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package, not a Playwright browser download
# --no-sandbox: CI runs as root; --disable-dev-shm-usage: Debian's wrapper does not add it.
CHROMIUM_ARGS = (
    "--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run",
)
NODE_MODULES = ROOT / "node_modules"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_REPORTS = ROOT / "test-artifacts" / "lighthouse"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_run(url: str, report_base: Path) -> dict[str, int]:
    """One Lighthouse run (mobile preset, the default) writing HTML and JSON; scores 0-100."""
    report_base.parent.mkdir(parents=True, exist_ok=True)
    command = [str(LIGHTHOUSE), url, f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
               "--output=json", "--output=html", f"--output-path={report_base}", "--quiet",
               f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}"]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
                   timeout=300)
    report = json.loads(report_base.with_name(report_base.name + ".report.json").read_text())
    return {name: round(report["categories"][name]["score"] * 100)
            for name in LIGHTHOUSE_CATEGORIES}


def lighthouse_scores(url: str, report_dir: Path = LIGHTHOUSE_REPORTS, runs: int = 3
                      ) -> dict[str, int]:
    """Median score per category over `runs` runs (performance dips on a busy machine).

    Reports are written as run-N.report.html and run-N.report.json in `report_dir`.
    """
    results = [lighthouse_run(url, report_dir / f"run-{n}") for n in range(1, runs + 1)]
    return {name: round(statistics.median(result[name] for result in results))
            for name in LIGHTHOUSE_CATEGORIES}

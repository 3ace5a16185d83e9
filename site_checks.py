"""Serve a built site locally and score it with Lighthouse: shared by tasks.py and tests/browser/.

The Chromium path and flags live here once, for Playwright and Lighthouse alike.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent
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


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Serves the output folder like a static host: a missing path gets 404.html with status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: test output and task output stay readable."""


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 on a free port in a background thread; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(SiteRequestHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


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

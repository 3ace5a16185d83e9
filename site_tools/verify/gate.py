"""`invoke verify`: the content gate. Everything an editor's change can break, on the real content.

The strict build (into a temporary folder: the editor's output/ and live preview are left
alone), `invoke check` (`--release` on main: placeholders are errors), then the browser and
validator checks of the built pages, the same functions the browser tests run on fixture
sites. Every check runs even when an earlier one failed, so an editor sees every problem at
once; only the page checks need the build. One summary line per check at the end.

The page checks look only at pages whose bytes changed since the last gate that passed them
(`verified-pages.json` in CACHE_PATH, kept per mode and per version of these checks), plus
the home page, the treatments index and the 404 page, which every change can reach; `--all`
checks every page. The links check always reads the whole site: a change to one page can
break a link on another. The summary says how many pages were checked and skipped.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pelican.settings import read_settings

from cms_admin.config import ADMIN_DIR
from site_tools.build import pelican_command
from site_tools.server import serving
from treatment_pages.schema import INDEX_SLUG

from . import axe, budget, links, nu, targets
from .browser import chromium
from .pages import VerifiedPages, html_files, page_file, page_paths
from .record import write_gate
from .tools import ToolMissing, tools_required

if TYPE_CHECKING:
    from playwright.sync_api import Browser

BROWSER_CHECKS = ("axe AA+AAA", "44 px targets", "page budget")
VALIDATORS = ("Nu HTML checker", "links and anchors")
# The last line `invoke check` prints: how many treatment pages it checked.
CHECKED = re.compile(r"Checked (\d+) treatment page")
MARKS = {"pass": "✓", "fail": "✗", "skipped": "-"}
VERIFIED_FILE = "verified-pages.json"
# Checked on every run: the home page, the treatments index and the 404 page show what any
# change can reach (the list of treatments, the practice's details).
ALWAYS_CHECKED = {"", f"{INDEX_SLUG}/", "404.html"}


@dataclass
class Outcome:
    """One check's verdict: `pass`, `fail` or `skipped`, over how many pages, in how long."""

    name: str
    status: str
    pages: int = 0
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)  # the problems found, in full
    reason: str = ""  # why it did not run: a missing tool, a failed build

    def line(self) -> str:
        reason = f"  ({self.reason})" if self.reason else ""
        return (f"  {self.status.upper():<8}{self.name:<22}{self.pages:>3} page(s)"
                f"{self.seconds:>8.1f} s{reason}")


# A check returns (pages checked, problems): no problem is a pass.
Check = Callable[[], tuple[int, list[str]]]


def run_one(name: str, check: Check) -> Outcome:
    """Run a check, timed; a missing tool skips it (fails it under REQUIRE_TOOLS=1)."""
    print(f"… {name}", flush=True)
    started = time.monotonic()
    try:
        pages, problems = check()
        outcome = Outcome(name, "fail" if problems else "pass", pages, details=problems)
    except (AssertionError, subprocess.TimeoutExpired) as error:  # a page that did not load
        outcome = Outcome(name, "fail", details=[str(error)])
    except ToolMissing as missing:
        required = tools_required()
        outcome = Outcome(name, "fail" if required else "skipped",
                          reason=f"{missing}{' (REQUIRE_TOOLS=1)' if required else ''}")
    outcome.seconds = time.monotonic() - started
    for problem in outcome.details or [outcome.reason] if outcome.status == "fail" else ():
        print(f"{name}: {problem}", file=sys.stderr, flush=True)
    print(f"{MARKS[outcome.status]} {name}: {outcome.status} in {outcome.seconds:.1f} s",
          flush=True)
    return outcome


def project_command(args: list[str], root: Path, count: Callable[[str], int]) -> Check:
    """A command of this project as a check: its output is shown, its exit status judged."""

    def check() -> tuple[int, list[str]]:
        result = subprocess.run(args, cwd=root, capture_output=True, text=True, check=False)
        print(result.stdout, end="", flush=True)
        print(result.stderr, end="", file=sys.stderr, flush=True)
        failed = [f"`{' '.join(args[2:])}` exited {result.returncode}: see the lines above"]
        return count(result.stdout), failed if result.returncode else []

    return check


def page_checks(output: Path, paths: list[str], browser: Browser | None = None) -> list[Outcome]:
    """The validators (in threads, they are other processes) beside the checks in Chromium,
    on the pages of `paths` (the links check: on every page).

    `browser`: one already launched in this thread (Playwright's sync API allows one per
    thread, so a caller that holds one, as the browser tests do, passes it in)."""
    admin = [page for page in html_files(output) if page.relative_to(output).parts[0] == ADMIN_DIR]
    files = [page_file(output, path) for path in paths] + admin

    def nu_check() -> tuple[int, list[str]]:
        result = nu.nu_check(*files)
        return len(files), [result.stdout + result.stderr] if result.returncode else []

    def link_check() -> tuple[int, list[str]]:
        result = links.link_check(output)
        return len(html_files(output)), [] if links.passed(result) else [result.stdout
                                                                         + result.stderr]

    with ThreadPoolExecutor(max_workers=2) as pool:
        validators = [pool.submit(run_one, name, check)
                      for name, check in zip(VALIDATORS, (nu_check, link_check), strict=True)]
        in_chromium = chromium_checks(output, paths, browser)
        return [*in_chromium, *(future.result() for future in validators)]


def chromium_checks(output: Path, paths: list[str],
                    launched: Browser | None = None) -> list[Outcome]:
    """axe, target sizes and the page budget on the patient pages of `paths`, one browser
    (`launched`, or one started here)."""
    try:
        with (nullcontext(launched) if launched else chromium()) as browser, \
                serving(output) as url:
            def budget_check() -> tuple[int, list[str]]:
                measured = budget.over_budget(browser, output, url, paths=paths)
                print("\n".join(measured.figures), flush=True)
                return measured.pages, measured.failures

            return [run_one(BROWSER_CHECKS[0], lambda: axe.check_pages(browser, url, paths)),
                    run_one(BROWSER_CHECKS[1],
                            lambda: targets.check_pages(browser, url, paths)),
                    run_one(BROWSER_CHECKS[2], budget_check)]
    except ToolMissing as missing:
        return [run_one(name, unavailable(missing)) for name in BROWSER_CHECKS]


def checks_version(release: bool) -> str:
    """The mode and the code of these checks: a change to either makes every page due."""
    digest = hashlib.sha256(f"release={release}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def verified_pages(root: Path, settings_file: str, release: bool) -> VerifiedPages:
    cache = Path(read_settings(str(root / settings_file))["CACHE_PATH"])
    return VerifiedPages(root / cache / VERIFIED_FILE, checks_version(release))


def unavailable(missing: ToolMissing) -> Check:
    """A check that cannot run here: each browser check is reported, skipped or failed."""

    def check() -> tuple[int, list[str]]:
        raise missing

    return check


def run_gate(root: Path, settings_file: str, release: bool, everything: bool = False) -> int:
    """Run every check on `root`'s content and print the summary; 0 only if none failed.

    The page checks see only the pages due (see the module's docstring), or all of them with
    `everything`.
    """
    started = time.monotonic()
    mode = "release (placeholders are errors)" if release else "pull request"
    print(f"Content gate ({mode}): build, check, then every built page in Chromium and the "
          "validators.", flush=True)
    check = ["check", *(["--release"] if release else [])]
    with tempfile.TemporaryDirectory(prefix="verify-") as folder:
        output = Path(folder) / "output"
        # From nothing: the editor's output record describes output/, not this folder.
        build = pelican_command(settings_file, "-q", "-e", "INCREMENTAL_BUILD=false",
                                output=output)
        outcomes = [
            run_one("build", project_command(build, root, lambda _: len(page_paths(output))
                                             if output.is_dir() else 0)),
            run_one(" ".join(check), project_command(
                [sys.executable, "-m", "invoke", *check], root,
                lambda out: int(m[1]) if (m := CHECKED.search(out)) else 0)),
        ]
        verified = verified_pages(root, settings_file, release)
        if outcomes[0].status == "pass":
            paths = page_paths(output)
            due = paths if everything else verified.due(output, ALWAYS_CHECKED)
            checked = page_checks(output, due)
            outcomes += checked
            if all(outcome.status == "pass" for outcome in checked):
                verified.save(output)
            pages_line = (f"Pages: {len(due)} checked, {len(paths) - len(due)} skipped "
                          "(unchanged since a gate passed them; --all checks every page)")
        else:
            pages_line = "Pages: none checked (the build failed)"
            outcomes += [Outcome(name, "skipped", reason="the build failed") for name in
                         (*BROWSER_CHECKS, *VALIDATORS)]
    failed = [o for o in outcomes if o.status == "fail"]
    print("\nContent gate summary:")
    print("\n".join(outcome.line() for outcome in outcomes))
    print(pages_line)
    counts = {status: sum(o.status == status for o in outcomes)
              for status in ("pass", "fail", "skipped")}
    verdict = (f"{counts['pass']} passed, {counts['fail']} failed, {counts['skipped']} skipped")
    print(f"invoke verify: {verdict} in {time.monotonic() - started:.1f} s", flush=True)
    record = write_gate(root, root / "content", not failed and not counts["skipped"], verdict)
    print(f"Recorded in {record.relative_to(root)} for `invoke report`.", flush=True)
    return 1 if failed else 0

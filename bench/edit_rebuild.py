"""Edit-to-rebuild time of `invoke livereload`: from saving a content file to the browser's
reload signal (the build has finished and the new page is being served).

Runs the real `invoke livereload` on a copy of the project and a free port, makes RUNS small
edits to one section file, and times each from the write to the server-sent `reload` event,
checking that the served page then shows the edit. It does so twice in one run: as shipped,
and with the forkserver's PRELOAD list emptied (each build then imports Pelican, Markdown,
Jinja2 and PyYAML itself), to measure what the preloading saves. For comparison it also
times a full `python -m pelican` subprocess build. Goal: a median of at most 0.5 s.
With `--size N`, the project's content is N synthetic treatments (synthetic.py) and the edit
is to the home treatment's text (issue 23's goal: under 1 s at N = 1,000, incrementally).
With `--before DIR`, the same run also times the preview of another checkout of this project
(its plugins, theme, settings and .venv, e.g. main), so a change is measured against the
code it replaces.

    .venv/bin/python bench/edit_rebuild.py [--runs 15] [--size 1000] [--before ../main]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from project_sandbox import (
    copy_project,
    open_events,
    page,
    running_preview,
    wait_for_reload,
)
from project_sandbox.synthetic import EDITED_SECTION, REAL_TREATMENT, synthesize_content
from site_tools import ROOT

EDITED = Path("content/therapeutic-botox/what-is.md")
GOAL_SECONDS = 0.5
# `invoke livereload`, run through invoke's own entry point after emptying PRELOAD when the
# first argument is "without": the bench's switch, leaving site_tools as it ships.
LIVERELOAD = ("import sys, site_tools.livereload as preview\n"
              "if sys.argv[1] == 'without':\n    preview.PRELOAD = []\n"
              "from invoke.main import program\nprogram.run(['invoke', 'livereload'])")


def time_edits(project: Path, port: int, runs: int, edited: Path) -> list[float]:
    """Seconds from each edit's write to the reload event, checking the served page."""
    stream = open_events(port)
    original = edited.read_text(encoding="utf-8")
    timings = []
    for run in range(runs):
        marker = f"Edit number {run} for the benchmark."
        started = time.perf_counter()
        edited.write_text(original.rstrip("\n") + f" {marker}\n", encoding="utf-8")
        wait_for_reload(stream)
        timings.append(time.perf_counter() - started)
        if marker not in page(port):
            sys.exit(f"the served page does not show edit {run}")
        time.sleep(0.3)  # let the file system settle between edits
    return timings


def time_subprocess_builds(project: Path, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pelican", "-q", "-s", "pelicanconf.py"],
                       cwd=project, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return timings


def time_preview(project: Path, preload: str, runs: int, edited: Path,
                 python: Path = Path(sys.executable)) -> list[float]:
    """Edit-to-reload seconds of one `invoke livereload` session, `with` or `without` PRELOAD.

    A `pelican` build first fills the output and cache, so that the preview's first build (a
    cold one at N = 1,000 took over the minute the sandbox waits under load) is incremental.
    """
    subprocess.run([str(python), "-m", "pelican", "-q", "-s", "pelicanconf.py"], cwd=project,
                   check=True, capture_output=True)
    with running_preview(project, [str(python), "-c", LIVERELOAD, preload]) as (port, _):
        return time_edits(project, port, runs, edited)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", type=int, default=0,
                        help="N synthetic treatments instead of the real content/")
    parser.add_argument("--before", type=Path,
                        help="another checkout of this project (with its .venv) to time too")
    args = parser.parse_args()
    runs = args.runs
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        content = synthesize_content(Path(tmp) / "synthetic", args.size) if args.size \
            else ROOT / "content"
        copy_project(project, content)
        edited = project / (EDITED if not args.size else
                            Path("content", f"{REAL_TREATMENT}-0001", EDITED_SECTION))
        timings = {preload: time_preview(project, preload, runs, edited)
                   for preload in ("with", "without")}
        if args.before:
            copy = copy_project(project.with_name("before"), project / "content",
                                args.before.resolve())
            before = time_preview(copy, "with", runs, copy / edited.relative_to(project),
                                  args.before.resolve() / ".venv" / "bin" / "python")
        baseline = time_subprocess_builds(project, 5)
    medians = {preload: statistics.median(values) for preload, values in timings.items()}
    for preload, values in timings.items():
        print(f"invoke livereload {preload} PRELOAD, edit to reload signal ({runs} edits): "
              f"median {medians[preload]:.3f} s, min {min(values):.3f} s, "
              f"max {max(values):.3f} s")
    print(f"PRELOAD saves {100 * (1 - medians['with'] / medians['without']):.0f} % of the "
          f"edit-to-reload time; as shipped the median "
          f"{'meets' if medians['with'] <= GOAL_SECONDS else 'misses'} the {GOAL_SECONDS} s goal")
    if args.before:
        print(f"{args.before} (before): invoke livereload with PRELOAD ({runs} edits): median "
              f"{statistics.median(before):.3f} s, min {min(before):.3f} s, "
              f"max {max(before):.3f} s; this checkout's median is "
              f"{medians['with'] / statistics.median(before):.2f} of it")
    print(f"for comparison, a fresh `python -m pelican` subprocess build (5 runs): median "
          f"{statistics.median(baseline):.3f} s")


if __name__ == "__main__":
    main()

"""Time of the whole editorial lint (every rule family, plain language included) at N pages.

The site is synthesised from the frozen sample site (project_sandbox/synthetic.py: every section, 10
FAQs, 6 indications per treatment) and read once; then `Linter.run()` is timed, wall clock and
CPU, median of RUNS, and also per family. Target: under 1 s at N = 100. The synthetic folder
is not a git repository, so the history family only notes that (as for a downloaded copy).

`--against REF` times the lint of commit REF and of the working tree in the same invocation,
alternating, each run a fresh process (so no run profits from another's caches), and prints
both medians: how an optimisation is shown to pay on a machine whose load keeps changing.

    .venv/bin/python bench/lint_bench.py [--size 100] [--runs 5] [--against REF]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from project_sandbox.synthetic import synthesize_content
from site_tools import ROOT
from site_tools.lint import linter as linter_module
from site_tools.lint.linter import Linter
from site_tools.lint.registry import CHECKS, settings_from
from treatment_pages.loading import load_site

SAMPLE_SITE = ROOT / "tests" / "data" / "sample-site"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", metavar="REF", help="also time commit REF, alternating")
    arguments = parser.parse_args()
    if arguments.against:
        compare(arguments.against, arguments.size, arguments.runs)
        return
    os.environ.setdefault("LINT_TODAY", "2027-01-15")
    settings: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        content = synthesize_content(Path(folder) / "content", arguments.size, SAMPLE_SITE)
        site, _ = load_site(content, settings)
        config = settings_from(settings)
        walls, cpus, findings = [], [], 0
        for _ in range(arguments.runs):
            wall, cpu = time.perf_counter(), time.process_time()
            findings = len(Linter(site, config).run())
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        families = per_family(site, config)
    print(f"lint of {arguments.size} treatment pages ({findings} findings): median of "
          f"{arguments.runs} runs {statistics.median(walls):.3f} s wall, "
          f"{statistics.median(cpus):.3f} s CPU (min {min(walls):.3f}, max {max(walls):.3f})")
    for family, seconds in sorted(families.items(), key=lambda item: -item[1]):
        print(f"  {family:<14} {seconds:.3f} s CPU")


def compare(ref: str, size: int, runs: int) -> None:
    """Median CPU and wall seconds of one lint run at `size` pages, commit `ref` against the
    working tree, `runs` fresh processes each, alternating."""
    cpu: dict[str, list[float]] = {ref: [], "working tree": []}
    wall: dict[str, list[float]] = {ref: [], "working tree": []}
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        trees = {ref: Path(folder), "working tree": ROOT}
        for _ in range(runs):
            for label, tree in trees.items():
                env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{tree / 'plugins'}"}
                output = subprocess.run(
                    [sys.executable, str(tree / "bench" / "lint_bench.py"), "--size",
                     str(size), "--runs", "1"], env=env, capture_output=True, text=True,
                    check=True).stdout
                cpu[label].append(float(re.search(r"([\d.]+) s CPU", output).group(1)))
                wall[label].append(float(re.search(r"([\d.]+) s wall", output).group(1)))
    for label, seconds in cpu.items():
        print(f"{label:<14} lint of {size} pages: median {statistics.median(seconds):.3f} s CPU "
              f"({', '.join(f'{s:.2f}' for s in seconds)}), {statistics.median(wall[label]):.3f}"
              f" s wall ({', '.join(f'{s:.2f}' for s in wall[label])}), {runs} runs")
    print(f"load average {' / '.join(f'{load:.1f}' for load in os.getloadavg())}")


def per_family(site: object, config: dict) -> dict[str, float]:
    """CPU seconds spent in each rule family's checks during one run."""
    spent: dict[str, float] = defaultdict(float)
    originals = list(CHECKS)

    def timed(registered):  # wrap a check so its time is added to its family
        family = registered.run.__module__.rsplit(".", 1)[-1]

        def run(*arguments):
            start = time.process_time()
            registered.run(*arguments)
            spent[family] += time.process_time() - start
        return type(registered)(registered.target, run, registered.rules,
                                registered.text_kinds)

    CHECKS[:] = [timed(registered) for registered in originals]
    try:
        linter_module.Linter(site, config).run()
    finally:
        CHECKS[:] = originals
    return spent


if __name__ == "__main__":
    main()

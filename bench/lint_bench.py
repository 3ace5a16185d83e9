"""Time of the whole editorial lint (every rule family, plain language included) at N pages.

The site is synthesised from the frozen sample site (bench/synthetic.py: every section, 10
FAQs, 6 indications per treatment) and read once; then `Linter.run()` is timed, wall clock and
CPU, median of RUNS, and also per family. Target: under 1 s at N = 100. The synthetic folder
is not a git repository, so the history family only notes that (as for a downloaded copy).

    .venv/bin/python bench/lint_bench.py [--size 100] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from synthetic import ROOT, synthesize_content

from site_tools.lint import linter as linter_module
from site_tools.lint.linter import Linter
from site_tools.lint.registry import CHECKS, settings_from
from treatment_pages.model import load_site

SAMPLE_SITE = ROOT / "tests" / "data" / "sample-site"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    os.environ.setdefault("LINT_TODAY", "2027-01-15")
    settings = {"TREATMENT_HOME": "therapeutic-botox"}
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

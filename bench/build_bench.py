"""Benchmark our build against plain Pelican on synthetic content of growing size.

For each size N it writes N synthetic treatment folders shaped like the real one
(see synthetic.py) and times, with the real `pelican` CLI in a fresh process each time:

- ours:  `pelican CONTENT -s pelicanconf.py` (our plugins and theme);
- plain: `pelican CONTENT -s bench/plainconf.py`, plain Pelican reading the same section
  files as ordinary pages (pelican-yaml-metadata, default theme, no plugin of ours);

each in three modes: `cold` (no output, no cache), `warm` (content cache on, nothing
changed) and `edit` (content cache on, one section file changed). Every figure is the
median of --runs runs after one warm-up build; memory is the largest peak RSS of any run.
The real site (a copy of content/) is measured too, for the ≤ 1 s build goal.

With --without, the same run also times our build without each optimisation (see WITHOUT),
so every optimisation's saving is measured against the build that has it, run by run.

Run `.venv/bin/python bench/build_bench.py --help`; results go to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path

from project_sandbox.synthetic import REAL_CONTENT, edit_one_file, synthesize_content
from site_tools import ROOT

BENCH = Path(__file__).resolve().parent
# builder -> settings file and the `-e` settings it adds (after the cache settings, so they win)
BUILDERS: dict[str, tuple[Path, tuple[str, ...]]] = {
    "ours": (ROOT / "pelicanconf.py", ()),
    "plain": (BENCH / "plainconf.py", ()),
}
# Our build without one optimisation: the builder "ours-no-<name>", switched off by settings.
WITHOUT = {
    "cache": (ROOT / "pelicanconf.py", ("CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false")),
    "forking": (ROOT / "pelicanconf.py", ("BUILD_PROCESSES=1",)),
}
BUILDERS.update({f"ours-no-{name}": builder for name, builder in WITHOUT.items()})
# `--before DIR`: the builder "before", another checkout of this project (e.g. main) built with
# its own settings, plugins and .venv, so a change is measured against the code it replaces.
BEFORE = "before"
MODES = ("cold", "warm", "edit")
SITE = "site"  # the size label of the real content/ folder
METRICS = {"seconds": "Wall-clock seconds (medians)",
           "cpu_seconds": "CPU seconds, user + system (medians; steadier on a busy machine)"}


@dataclass
class Timing:
    """One builder in one mode at one size: every run's seconds and peak memory."""

    seconds: list[float] = field(default_factory=list)  # wall clock
    cpu_seconds: list[float] = field(default_factory=list)  # user + system, less noisy
    peak_rss_mb: list[float] = field(default_factory=list)

    def median(self, metric: str = "seconds") -> float:
        return statistics.median(getattr(self, metric))


@dataclass
class Measurement:
    size: int | str
    pages: int  # treatment pages: ours writes one each; plain writes one per file
    files: int  # Markdown files in the content folder
    timings: dict[str, dict[str, Timing]] = field(default_factory=dict)  # builder -> mode


def run_build(builder: str, content: Path, work: Path) -> tuple[float, float, float]:
    """One `pelican` build in a child process: wall seconds, CPU seconds, peak RSS in MB.

    os.wait4 gives this child's own resource usage, so each run's memory is its own.
    """
    settings, extra = BUILDERS[builder]
    tree = settings.parent if builder == BEFORE else ROOT
    python = tree / ".venv" / "bin" / "python" if builder == BEFORE else Path(sys.executable)
    command = [str(python), "-m", "pelican", str(content), "-s", str(settings),
               "-o", str(work / f"output-{builder}"),
               "--cache-path", str(work / f"cache-{builder}"),
               "-q", "-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", *extra]
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=tree, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            log.seek(0)
            sys.exit(f"{builder} build of {content} failed:\n{log.read().decode(errors='replace')}")
    # ru_maxrss is in KiB on Linux
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(measurement: Measurement, content: Path, work: Path, runs: int,
            builders: list[str], modes: tuple[str, ...] = MODES) -> None:
    """Time every builder in every mode, after one warm-up build per builder.

    Modes run in order, each starting from the state the last one left: warm runs find the
    cache and output of the cold runs. Builders alternate run by run, to share any drift.
    """
    for builder in builders:
        seconds, _cpu, _peak = run_build(builder, content, work)
        progress(f"N={measurement.size} {builder} warm-up: {seconds:.2f} s")
    revision = 0
    for mode in modes:
        for builder in builders:
            measurement.timings.setdefault(builder, {})[mode] = Timing()
        for run in range(1, runs + 1):
            if mode == "edit":
                revision += 1
                edit_one_file(content, revision)
            for builder in builders:
                if mode == "cold":
                    for name in (f"output-{builder}", f"cache-{builder}"):
                        shutil.rmtree(work / name, ignore_errors=True)
                seconds, cpu, peak = run_build(builder, content, work)
                progress(f"N={measurement.size} {builder} {mode} run {run}/{runs}: "
                         f"{seconds:.2f} s (CPU {cpu:.2f} s), {peak:.0f} MB")
                timing = measurement.timings[builder][mode]
                timing.seconds.append(seconds)
                timing.cpu_seconds.append(cpu)
                timing.peak_rss_mb.append(peak)


def count_files(content: Path) -> int:
    return sum(1 for _ in content.rglob("*.md"))


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def markdown_table(measurements: list[Measurement], builders: list[str],
                   metric: str = "seconds") -> str:
    """One row per size: medians per mode, ratios to plain (and to before), time per page,
    peak memory."""
    modes = measured_modes(measurements)
    pairs = [(a, b) for a, b in (("ours", "plain"), (BEFORE, "plain"), ("ours", BEFORE))
             if a in builders and b in builders]
    header = ["N", "files"]
    for builder in builders:
        header += [f"{builder} {mode} (s)" for mode in modes]
    header += [f"{a}/{b} {mode}" for a, b in pairs for mode in modes]
    header += [f"{builder} cold ms/treatment" for builder in builders]
    header += [f"{builder} peak MB" for builder in builders]
    rows = [header, ["---"] * len(header)]
    for m in measurements:
        row = [str(m.size), str(m.files)]
        for builder in builders:
            row += [cell(m, builder, lambda t, mode=mode: f"{t[mode].median(metric):.2f}")
                    for mode in modes]
        row += [ratio(m, mode, metric, a, b) for a, b in pairs for mode in modes]
        row += [cell(m, b, lambda t, n=m.pages: f"{1000 * t['cold'].median(metric) / n:.1f}")
                for b in builders]
        row += [cell(m, b, lambda t: f"{max(max(x.peak_rss_mb) for x in t.values()):.0f}")
                for b in builders]
        rows.append(row)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows) + "\n"


def measured_modes(measurements: list[Measurement]) -> list[str]:
    """The modes this run measured (--modes), in MODES order."""
    return [mode for mode in MODES
            if any(mode in t for m in measurements for t in m.timings.values())]


def savings_table(measurements: list[Measurement], without: list[str], metric: str) -> str:
    """Per optimisation and size: our build with and without it, and the share it saves."""
    header = ["optimisation", "N"]
    modes = measured_modes(measurements)
    for mode in modes:
        header += [f"{mode} with (s)", f"{mode} without (s)", f"{mode} saved"]
    rows = [header, ["---"] * len(header)]
    for name in without:
        for m in measurements:
            if f"ours-no-{name}" not in m.timings:
                continue
            row = [name, str(m.size)]
            for mode in modes:
                with_it, without_it = (m.timings[b][mode].median(metric)
                                       for b in ("ours", f"ours-no-{name}"))
                row += [f"{with_it:.2f}", f"{without_it:.2f}",
                        f"{100 * (1 - with_it / without_it):.0f} %"]
            rows.append(row)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows) + "\n"


def cell(m: Measurement, builder: str, show: Callable[[dict[str, Timing]], str]) -> str:
    """A table cell from one builder's timings, or a dash where it was not measured."""
    return show(m.timings[builder]) if builder in m.timings else "-"


def ratio(m: Measurement, mode: str, metric: str, builder: str = "ours",
          baseline: str = "plain") -> str:
    if baseline not in m.timings or builder not in m.timings:
        return "-"
    ours, plain = (m.timings[b][mode].median(metric) for b in (builder, baseline))
    return f"{ours / plain:.2f}"


def growth(measurements: list[Measurement], small: int, large: int) -> float | None:
    """Our cold time per page at `large` divided by that at `small` (1.0 = linear)."""
    by_size = {m.size: m for m in measurements}
    if small not in by_size or large not in by_size:
        return None
    per_page = {n: by_size[n].timings["ours"]["cold"].median() / n for n in (small, large)}
    return per_page[large] / per_page[small]


def environment() -> dict[str, str]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout.strip()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": commit,
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "pelican-yaml-metadata": version("pelican-yaml-metadata"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "load average (1 min) at start": f"{os.getloadavg()[0]:.2f}",
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100,1000",
                        help="comma-separated numbers of treatment folders (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5,
                        help="timed runs per figure, after one warm-up (default: %(default)s)")
    parser.add_argument("--no-site", action="store_true",
                        help="skip the real content/ folder")
    parser.add_argument("--no-baseline", action="store_true",
                        help="time only our build, not plain Pelican")
    parser.add_argument("--without", default="",
                        help="comma-separated optimisations to also time our build without: "
                             f"{', '.join(WITHOUT)} (default: none)")
    parser.add_argument("--modes", default=",".join(MODES),
                        help="comma-separated modes to time (default: %(default)s)")
    parser.add_argument("--before", type=Path, default=None,
                        help="another checkout of this project (with its own .venv) to time "
                             "as the builder 'before', e.g. the main branch's worktree")
    parser.add_argument("--results", type=Path, default=BENCH / "results",
                        help="folder for results.md and results.json (default: bench/results)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where synthetic content and outputs go (default: a temporary "
                             "folder, deleted afterwards)")
    args = parser.parse_args(argv)
    args.sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    args.modes = tuple(mode.strip() for mode in args.modes.split(",") if mode.strip())
    if unknown_modes := set(args.modes) - set(MODES):
        parser.error(f"--modes: unknown mode(s) {', '.join(sorted(unknown_modes))}")
    if args.before:
        BUILDERS[BEFORE] = (args.before.resolve() / "pelicanconf.py", ())
    args.without = [name.strip() for name in args.without.split(",") if name.strip()]
    if unknown := set(args.without) - set(WITHOUT):
        parser.error(f"--without: unknown optimisation(s) {', '.join(sorted(unknown))}")
    if args.runs < 1 or any(size < 1 for size in args.sizes):
        parser.error("--runs and every size must be at least 1")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    compared = ["ours", *([BEFORE] if args.before else []),
                *([] if args.no_baseline else ["plain"])]
    variants = [f"ours-no-{name}" for name in args.without]
    measurements: list[Measurement] = []
    info = environment()
    with tempfile.TemporaryDirectory(prefix="build-bench-", dir=args.workdir) as temp:
        work = Path(temp)
        if not args.no_site:
            content = work / SITE / "content"
            shutil.copytree(REAL_CONTENT, content)
            measurement = Measurement(SITE, sum(1 for p in content.iterdir() if p.is_dir()),
                                      count_files(content))
            progress(f"N={SITE}: a copy of content/, our build only")
            measure(measurement, content, work / SITE, args.runs,
                    [b for b in compared if b != "plain"] + variants, args.modes)
            measurements.append(measurement)
        for size in args.sizes:
            progress(f"N={size}: writing {size} synthetic treatment folder(s)")
            content = synthesize_content(work / str(size) / "content", size)
            measurement = Measurement(size, size, count_files(content))
            measure(measurement, content, work / str(size), args.runs, [*compared, *variants],
                    args.modes)
            measurements.append(measurement)
            shutil.rmtree(work / str(size))
    tables = {metric: markdown_table(measurements, compared, metric) for metric in METRICS}
    if args.without:
        tables.update({f"saved {metric}": savings_table(measurements, args.without, metric)
                       for metric in METRICS})
    summary = {"ours/plain cold at the largest N (wall)": None,
               "growth of ours per page, 100 to 1000 (wall, cold)": growth(measurements, 100, 1000)}
    largest = next((m for m in reversed(measurements) if "plain" in m.timings), None)
    if largest:
        summary["ours/plain cold at the largest N (wall)"] = float(ratio(largest, "cold",
                                                                          "seconds"))
    site = next((m for m in measurements if m.size == SITE), None)
    if site:
        summary.update({f"real site {mode} (wall s)": site.timings["ours"][mode].median()
                        for mode in args.modes})
    write_results(args.results, info, tables, summary, measurements, args.runs)
    print(tables["seconds"])
    if args.without:
        print(tables["saved cpu_seconds"])
    print(json.dumps(summary, indent=2))


def write_results(folder: Path, info: dict[str, str], tables: dict[str, str], summary: dict,
                  measurements: list[Measurement], runs: int) -> None:
    """results.md (the tables people read) and results.json (every run, for tools)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"- {key}: {value}" for key, value in info.items()]
    lines.append(f"- median of {runs} runs after one warm-up, each a whole `pelican` process")
    for key, value in summary.items():
        lines.append(f"- {key}: {value:.2f}" if value is not None else f"- {key}: not measured")
    text = "# Build benchmark\n\n" + "\n".join(lines) + "\n"
    for metric, title in METRICS.items():
        text += f"\n## {title}\n\n{tables[metric]}"
    for metric, title in METRICS.items():
        if f"saved {metric}" in tables:
            text += (f"\n## What each optimisation saves: {title}\n\n"
                     "Our build with it, and without it, in the same run.\n\n"
                     f"{tables[f'saved {metric}']}")
    (folder / "results.md").write_text(text, encoding="utf-8")
    data = {"environment": info, "runs": runs, "summary": summary,
            "measurements": [{"size": m.size, "pages": m.pages, "files": m.files,
                              "timings": {b: {mode: {**asdict(t),
                                                     **{f"median_{x}": t.median(x)
                                                        for x in METRICS}}
                                              for mode, t in modes.items()}
                                          for b, modes in m.timings.items()}}
                             for m in measurements]}
    (folder / "results.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    progress(f"wrote {folder / 'results.md'} and {folder / 'results.json'}")


if __name__ == "__main__":
    main()

"""One edit, rebuilt incrementally, against a clean build of the same content (issue 23).

For each size N it writes N synthetic treatments (synthetic.py), builds them once
incrementally (the content cache and output record `invoke build` keeps), then, run by run:
- edits one section's text (`body`) or one page.md's description (`summary`: what the
  index shows), then times `pelican` (a fresh process, as `invoke build` runs it) rebuilding
  incrementally, and counts the files it wrote (new inode or modification time) and removed;
- times a clean build of the same content into another folder (no cache, no record:
  `invoke build --clean`), and checks that both outputs hold the same files, byte for byte.
Figures are medians of --runs runs, CPU (user + system of the build process) and wall.

    .venv/bin/python bench/incremental.py [--sizes 100,1000,3000] [--runs 3]
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from build_bench import BENCH, BUILDERS, environment, progress, run_build

from project_sandbox.synthetic import edit_one_file, synthesize_content
from site_tools import ROOT

# `invoke build --clean`: no content cache read, no output record (into its own folder).
BUILDERS["clean"] = (ROOT / "pelicanconf.py", ("INCREMENTAL_BUILD=false",
                                               "LOAD_CONTENT_CACHE=false"))
EDITS = ("body", "summary")


def edit_summary(content: Path, revision: int) -> Path:
    """Change the middle treatment's description, which the index lists."""
    folders = sorted(entry for entry in content.iterdir() if entry.is_dir())
    page = folders[len(folders) // 2] / "page.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("description:"))
    lines[number] = f"description: Revision {revision} of what this treatment is for."
    page.write_text("\n".join(lines), encoding="utf-8")
    return page


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file's inode and modification time: what changes when a file is written."""
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file()}


def same_files(one: Path, other: Path) -> bool:
    names = set(snapshot(one))
    return names == set(snapshot(other)) and all(
        filecmp.cmp(one / name, other / name, shallow=False) for name in names)


def measure(size: int, work: Path, runs: int) -> dict:
    content = synthesize_content(work / "content", size)
    seconds, cpu, _ = run_build("ours", content, work)  # the first build: cache and record
    progress(f"N={size} first build: {seconds:.2f} s (CPU {cpu:.2f} s)")
    result: dict = {"size": size}
    for edit in EDITS:
        runs_of: dict[str, list] = {"incremental": [], "clean": [], "written": [], "removed": []}
        for revision in range(1, runs + 1):
            (edit_one_file if edit == "body" else edit_summary)(content, revision)
            output = work / "output-ours"
            before = snapshot(output)
            runs_of["incremental"].append(run_build("ours", content, work)[:2])
            after = snapshot(output)
            runs_of["written"].append(sorted(n for n in after if before.get(n) != after[n]))
            runs_of["removed"].append(sorted(set(before) - set(after)))
            shutil.rmtree(work / "output-clean", ignore_errors=True)
            shutil.rmtree(work / "cache-clean", ignore_errors=True)
            runs_of["clean"].append(run_build("clean", content, work)[:2])
            if not same_files(output, work / "output-clean"):
                raise SystemExit(f"N={size} {edit} edit {revision}: the incremental output "
                                 "differs from the clean build")
            progress(f"N={size} {edit} edit {revision}: incremental "
                     f"{runs_of['incremental'][-1][0]:.2f} s (CPU "
                     f"{runs_of['incremental'][-1][1]:.2f}), clean {runs_of['clean'][-1][0]:.2f}"
                     f" s (CPU {runs_of['clean'][-1][1]:.2f}), wrote {runs_of['written'][-1]}")
        medians = {f"{kind} {metric}": statistics.median(r[i] for r in runs_of[kind])
                   for kind in ("incremental", "clean") for i, metric in enumerate(("wall",
                                                                                  "cpu"))}
        result[edit] = {**medians,
                        "ratio wall": medians["incremental wall"] / medians["clean wall"],
                        "ratio cpu": medians["incremental cpu"] / medians["clean cpu"],
                        "written": runs_of["written"], "removed": runs_of["removed"],
                        "runs": {k: runs_of[k] for k in ("incremental", "clean")}}
    return result


def table(results: list[dict]) -> str:
    header = ["N", "edit", "incremental CPU (s)", "clean CPU (s)", "ratio CPU",
              "incremental wall (s)", "clean wall (s)", "ratio wall", "files written per edit"]
    rows = [header, ["---"] * len(header)]
    for result in results:
        for edit in EDITS:
            r = result[edit]
            written = sorted({", ".join(w) for w in r["written"]})
            rows.append([str(result["size"]), edit, f"{r['incremental cpu']:.2f}",
                         f"{r['clean cpu']:.2f}", f"{r['ratio cpu']:.2f}",
                         f"{r['incremental wall']:.2f}", f"{r['clean wall']:.2f}",
                         f"{r['ratio wall']:.2f}", " / ".join(written)])
    return "\n".join("| " + " | ".join(row) + " |" for row in rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,3000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--results", type=Path, default=BENCH / "results")
    args = parser.parse_args()
    info = environment()
    results = []
    with tempfile.TemporaryDirectory(prefix="incremental-bench-") as temp:
        for size in (int(s) for s in args.sizes.split(",")):
            results.append(measure(size, Path(temp) / str(size), args.runs))
            shutil.rmtree(Path(temp) / str(size))
    info["load average (1 min) at end"] = f"{os.getloadavg()[0]:.2f}"
    text = ("# Incremental rebuild benchmark\n\n"
            + "\n".join(f"- {key}: {value}" for key, value in info.items())
            + f"\n- medians of {args.runs} runs; each run one edit, then the incremental "
            "build and a clean build of the same content (outputs compared byte for byte)\n\n"
            + table(results))
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "incremental.md").write_text(text, encoding="utf-8")
    (args.results / "incremental.json").write_text(
        json.dumps({"environment": info, "results": results}, indent=2) + "\n",
        encoding="utf-8")
    print(text)
    progress(f"wrote {args.results / 'incremental.md'}; {time.strftime('%H:%M:%S')}")


if __name__ == "__main__":
    main()

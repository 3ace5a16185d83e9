"""CPU time of reading the content in process, by phase: how removed optimisations were judged.

Times, at N synthetic treatments (project_sandbox/synthetic.py), medians of RUNS:
- rendering every section body and FAQ answer with the site's Markdown renderer;
- reading the whole site (`load_site`) cold and from a warm content cache, with Python's cycle
  collector on (as the build runs) and paused, to show what a pause would save.
A phase that is under 10 % of the whole build (bench/build_bench.py) does not justify code.

    .venv/bin/python bench/reading.py [--size 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG

from project_sandbox.synthetic import synthesize_content
from treatment_pages.cache import ContentCache
from treatment_pages.loading import load_site
from treatment_pages.markdown import MarkdownRenderer


def median_cpu(action: Callable[[], object], runs: int, paused: bool = False) -> float:
    """Median CPU seconds of `action`, with the cycle collector paused or on."""
    timings = []
    for _ in range(runs):
        gc.collect()
        if paused:
            gc.disable()
        start = time.process_time()
        action()
        timings.append(time.process_time() - start)
        gc.enable()
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        content = synthesize_content(Path(folder) / "content", args.size)
        settings = {**DEFAULT_CONFIG, "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                    "CACHE_PATH": f"{folder}/cache", "CHECK_MODIFIED_METHOD": "sha256",
                    "GZIP_CACHE": False}
        site, _ = load_site(content, settings)
        texts = [text for treatment in site.treatments for section in treatment.sections
                 for text in (section.source.body, *(i["answer"] for i in section.faq))]
        renderer = MarkdownRenderer()
        print(f"N = {args.size}: {len(texts)} texts; CPU seconds, median of {args.runs}")
        rendering = median_cpu(lambda: [renderer.render(text) for text in texts], args.runs)
        print(f"render every text: {rendering:.2f}")
        cache = ContentCache(settings)
        load_site(content, settings, cache)
        cache.save_cache()
        for paused in (False, True):
            state = "paused" if paused else "on"
            cold = median_cpu(lambda: load_site(content, {**DEFAULT_CONFIG}), args.runs, paused)
            warm = median_cpu(lambda: load_site(content, settings, ContentCache(settings)),
                              args.runs, paused)
            print(f"collector {state}: read cold {cold:.2f}, read from the cache {warm:.2f}")


if __name__ == "__main__":
    main()

"""Bench only: a Pelican plugin that switches off one optimisation, named by BENCH_WITHOUT.

Loaded by bench/withoutconf.py, never by the site's settings. It patches the already
imported treatment_pages modules, so the optimisation's code stays as it ships:
- `fast-path`: every text goes through the full Markdown conversion;
- `gc-pause`: the cycle collector stays on while the content is read.
"""

from __future__ import annotations

import contextlib

from pelican import signals

from treatment_pages import generator
from treatment_pages.model import MarkdownRenderer


def switch_off(pelican) -> None:
    name = pelican.settings["BENCH_WITHOUT"]
    if name == "fast-path":
        MarkdownRenderer.render = MarkdownRenderer.convert
    elif name == "gc-pause":
        generator.collector_paused = contextlib.nullcontext
    else:
        raise SystemExit(f"BENCH_WITHOUT must be 'fast-path' or 'gc-pause', not {name!r}")


def register() -> None:
    signals.initialized.connect(switch_off)

"""Bench only: our settings plus the `without` plugin (bench/without.py).

bench/build_bench.py builds with this file and `-e BENCH_WITHOUT='"fast-path"'` (or
`"gc-pause"`) to time our build without that one optimisation, in the same run as with it.
Paths are absolute: Pelican resolves relative ones against this file's folder.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pelicanconf import *  # noqa: E402, F403
from pelicanconf import PLUGINS  # noqa: E402

THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins"), str(ROOT / "bench")]
PLUGINS = [*PLUGINS, "without"]  # last: it patches the modules the others loaded
BENCH_WITHOUT = ""

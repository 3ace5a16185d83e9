"""Bench only: our settings plus the `without` plugin (bench/without.py).

bench/build_bench.py builds with this file and `-e BENCH_WITHOUT='"fast-path"'` (or
`"gc-pause"`) to time our build without that one optimisation, in the same run as with it.
Paths are absolute: Pelican resolves relative ones against this file's folder.
"""

from pathlib import Path

from pelican.settings import get_settings_from_file

ROOT = Path(__file__).resolve().parent.parent
OURS = get_settings_from_file(str(ROOT / "pelicanconf.py"))
globals().update(OURS)  # every setting of pelicanconf.py, then the bench's own below

THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins"), str(ROOT / "bench")]
PLUGINS = [*OURS["PLUGINS"], "without"]  # last: it patches the modules the others loaded
BENCH_WITHOUT = ""

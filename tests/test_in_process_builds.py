"""Several builds in one process, as `pelican -r` makes them: nothing accumulates."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from site_tools.livereload import set_aside_kept_objects
from tests.support.helpers import ROOT, TREATMENT, replace


def build_in_process(content: Path, output: Path) -> None:
    settings = read_settings(str(ROOT / "pelicanconf.py"),
                             override={"PATH": str(content), "OUTPUT_PATH": str(output)})
    Pelican(settings).run()


def test_repeated_builds_leave_the_cycle_collector_as_they_found_it(content, tmp_path):
    """No build freezes objects (a frozen object is never collected) or leaves gc disabled."""
    frozen = gc.get_freeze_count()
    for run in range(3):
        build_in_process(content, tmp_path / "output")
        assert (gc.get_freeze_count(), gc.isenabled()) == (frozen, True), f"after build {run}"
    assert (tmp_path / "output" / "index.html").is_file()


def test_a_failed_build_leaves_the_collector_on(content, tmp_path):
    replace(content / TREATMENT / "faq.md", "- question: How many", "- questoin: How many")
    frozen = gc.get_freeze_count()
    with pytest.raises(SystemExit, match="Build failed"):
        build_in_process(content, tmp_path / "output")
    assert (gc.get_freeze_count(), gc.isenabled()) == (frozen, True)


def test_the_preview_worker_frees_what_it_set_aside_once_it_is_garbage():
    """The live preview's build worker freezes what survives each build (its next build's
    collections skip it), but unfreezes first each time: nothing frozen is kept for good."""
    node = Cycle()
    node.itself = node
    alive = weakref.ref(node)
    try:
        set_aside_kept_objects()
        assert gc.get_freeze_count() > 0
        del node
        set_aside_kept_objects()
        assert alive() is None
    finally:
        gc.unfreeze()


class Cycle:
    itself: Cycle

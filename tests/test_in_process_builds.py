"""Several builds in one process, as `pelican -r` makes them: nothing accumulates."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from blinker import signal
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


def freeze_counts_while_building(content: Path, output: Path) -> tuple[int, int]:
    """The number of objects set aside once the output is written, and after the build."""
    seen = []

    def count(_sender, **_kwargs):
        seen.append(gc.get_freeze_count())

    signal("strict_build.output_written").connect(count)
    try:
        build_in_process(content, output)
    finally:
        signal("strict_build.output_written").disconnect(count)
    return seen[0], gc.get_freeze_count()


def test_the_site_is_set_aside_while_its_pages_are_written(content, tmp_path):
    """Once read, the site is kept from the collector until the build ends; then released."""
    assert gc.get_freeze_count() == 0
    during, after = freeze_counts_while_building(content, tmp_path / "output")
    assert during > 1000
    assert after == 0


def test_a_build_leaves_what_its_caller_set_aside(content, tmp_path):
    """The live preview's worker freezes what it keeps: a build neither adds to that nor
    releases it (objects set aside that the build frees leave the count)."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        during, after = freeze_counts_while_building(content, tmp_path / "output")
        assert after <= during <= frozen
        assert after > frozen // 2
    finally:
        gc.unfreeze()


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

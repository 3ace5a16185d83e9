"""Work shared with forked children (treatment_pages/forking.py): a cold build that reads its
later folders in other processes (readahead.py) reads exactly what one process would, problems
and their order included, and the content cache keeps every file's entry either way; pages
written by children are the bytes one process writes, in a clean and an incremental build."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican import Pelican
from pelican.settings import DEFAULT_CONFIG, read_settings

from project_sandbox import copy_project
from project_sandbox.synthetic import synthesize_content
from site_tools.livereload import Builder
from tests.support.helpers import (
    ROOT,
    SAMPLE_SITE,
    bilingual_clinic,
    line_of,
    replace,
    run_pelican,
    sample_content,
    tree_digest,
)
from treatment_pages import cache as content_cache
from treatment_pages import forking, readahead
from treatment_pages.cache import ContentCache
from treatment_pages.generator import TreatmentGenerator
from treatment_pages.loading import load_site
from treatment_pages.reading import ContentReader

FOLDERS = 12
# Mistakes of several kinds, each one edit of a section or page file: (file, old, new).
MISTAKES = (
    ("faq.md", "- question:", "- questoin:"),  # unknown field
    ("faq.md", "question:", "question: [unclosed"),  # YAML syntax
    ("what-is.md", "\n---\n", "\n---\n[a link](javascript:alert(1))\n"),  # refused link
    ("page.md", "title:", "titel:"),  # unknown field in page.md
    ("benefits.md", "position:", "position: many\nposition_:"),  # wrong kind
)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """A site of FOLDERS treatments made from the frozen sample site."""
    return synthesize_content(tmp_path_factory.mktemp("site") / "content", FOLDERS,
                              real_content=SAMPLE_SITE)


def reading(content: Path, workers: int, cache: ContentCache | None = None,
            share: int = 1) -> tuple[list, list, dict, int]:
    """The site's pages as read with `workers` processes (1: alone), its problems, the files'
    hashes, and how many files the build took from a worker."""
    taken = []
    original = ContentReader._read_ahead

    def counting(self, path, digest):
        entry = original(self, path, digest)
        taken.extend([path] if entry else [])
        return entry

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(forking, "MIN_SHARE", share)
        patch.setattr(ContentReader, "_read_ahead", counting)
        site, problems = load_site(content, {**DEFAULT_CONFIG, "BUILD_PROCESSES": workers},
                                   cache)
    pages = [(t.folder, t.page.values, t.page.lines, [(s.source.path, s.source.values,
                                                       s.source.lines, s.body_html)
                                                      for s in t.sections])
             for t in site.treatments]
    return pages, problems, dict(site.digests), len(taken)


def with_mistakes(synthetic: Path, tmp_path: Path, chosen: list[tuple[int, int]]) -> Path:
    """A copy of the synthetic site with MISTAKES[kind] made in treatment `number`."""
    content = tmp_path / "content"
    shutil.copytree(synthetic, content)
    folders = sorted(p for p in content.iterdir() if p.is_dir())
    for number, kind in chosen:
        name, old, new = MISTAKES[kind]
        replace(folders[number] / name, old, new)
    return content


@pytest.mark.parametrize("workers", [2, 3, 5])
def test_workers_read_what_one_process_reads(synthetic, workers):
    alone = reading(synthetic, 1)
    ahead = reading(synthetic, workers)
    assert ahead[:3] == alone[:3]
    assert alone[3] == 0
    files = sum(1 for _ in synthetic.rglob("*.md"))
    # The build reads its own share; the workers' shares (all but the first) come from them.
    assert 0 < ahead[3] < files


def test_problems_in_every_share_are_reported_once_in_order(synthetic, tmp_path):
    content = with_mistakes(synthetic, tmp_path, [(0, 0), (3, 1), (5, 2), (8, 3), (11, 4)])
    alone = reading(content, 1)
    ahead = reading(content, 4)
    assert [str(p) for p in ahead[1]] == [str(p) for p in alone[1]]
    assert ahead[:3] == alone[:3]
    folders = sorted(p for p in content.iterdir() if p.is_dir())
    for number in (0, 3, 5, 8, 11):
        assert any(folders[number] in p.path.parents for p in alone[1]), number


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(workers=st.integers(2, 6), share=st.integers(1, 4),
       chosen=st.lists(st.tuples(st.integers(0, FOLDERS - 1),
                                 st.integers(0, len(MISTAKES) - 1)), max_size=6, unique=True))
def test_any_split_reads_the_same_as_one_process(synthetic, tmp_path_factory, workers, share,
                                                 chosen):
    content = with_mistakes(synthetic, tmp_path_factory.mktemp("mistakes"), chosen)
    alone = reading(content, 1)
    ahead = reading(content, workers, share=share)
    assert ahead[:3] == alone[:3]
    assert [str(p) for p in ahead[1]] == [str(p) for p in alone[1]]


def test_a_file_changed_after_its_worker_read_it_is_read_again(synthetic, tmp_path,
                                                              monkeypatch):
    content = with_mistakes(synthetic, tmp_path, [])
    last = sorted(p for p in content.iterdir() if p.is_dir())[-1]
    original = readahead.ReadAhead.reach

    def reach_then_edit(self, folder):
        original(self, folder)
        if self.reader.ahead and last / "faq.md" in self.reader.ahead:
            replace(last / "faq.md", "- question:", "- questoin:")

    monkeypatch.setattr(readahead.ReadAhead, "reach", reach_then_edit)
    _pages, problems, _digests, taken = reading(content, 2)
    assert taken > 0
    assert [p.field for p in problems if p.path == last / "faq.md"][:1] == ["faq[1].questoin"]


def raise_oserror(*_args):
    raise OSError("no room")


def die(_folders):
    os._exit(3)


@pytest.mark.parametrize("target, name, broken", [
    (readahead, "read_share", raise_oserror),
    (readahead, "read_share", die),
    (forking.Child, "__init__", raise_oserror),
], ids=["child-raises", "child-dies", "fork-fails"])
def test_a_child_that_fails_costs_nothing_but_time(synthetic, monkeypatch, target, name, broken):
    alone = reading(synthetic, 1)
    monkeypatch.setattr(target, name, broken)
    ahead = reading(synthetic, 3)
    assert ahead[:3] == alone[:3]
    assert ahead[3] == 0


def test_a_cold_cache_keeps_every_entry_the_workers_made(synthetic, tmp_path):
    settings = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                "CACHE_PATH": str(tmp_path / "cache")}
    files = sum(1 for _ in synthetic.rglob("*.md"))
    content_cache._memory.clear()  # what earlier tests' builds remembered in this process
    cold = ContentCache(settings)
    first = reading(synthetic, 3, cold)
    cold.save_cache()
    assert first[3] > 0
    assert (cold.hits, cold.misses) == (0, files)
    # Not from this process's memory: a fresh process would find the entries in the pack.
    content_cache._memory.clear()
    warm = ContentCache(settings)
    second = reading(synthetic, 3, warm)
    assert (warm.hits, warm.misses, second[3]) == (files, 0, 0)
    assert second[:3] == first[:3]


def test_the_pelican_command_builds_the_same_site_in_one_process_or_several(tmp_path):
    """Through `pelican` itself (whose progress display runs a thread when the children are
    forked): a site big enough to share out builds byte for byte as in one process, and a
    mistake in the last folder, which a child read, is reported at its line."""
    content = synthesize_content(tmp_path / "content", 2 * forking.MIN_SHARE + 1,
                                 real_content=SAMPLE_SITE)
    digests = []
    for processes in (1, 2):
        built = run_pelican(content, tmp_path / f"output-{processes}", "-e",
                            f"BUILD_PROCESSES={processes}", "CACHE_CONTENT=true",
                            "LOAD_CONTENT_CACHE=true",
                            "CACHE_PATH=" + json.dumps(str(tmp_path / f"cache-{processes}")))
        assert built.returncode == 0, built.log
        digests.append(tree_digest(tmp_path / f"output-{processes}"))
    assert digests[0] == digests[1]
    assert sum(name.endswith("/index.html") for name in digests[1]) > 2 * forking.MIN_SHARE
    last = sorted(p for p in content.iterdir() if p.is_dir())[-1]
    replace(last / "faq.md", "- question:", "- questoin:")
    line = line_of(last / "faq.md", "questoin")
    failed = run_pelican(content, tmp_path / "again", "-e", "BUILD_PROCESSES=2",
                         "LOAD_CONTENT_CACHE=false")
    assert failed.returncode != 0
    assert f"{last.name}/faq.md:{line}: faq[1].questoin: unknown field" in failed.log


@pytest.mark.parametrize("value", ["0", "-2", "1.5", "true", '"two"'])
def test_a_wrong_number_of_processes_stops_the_build_saying_what_to_write(tmp_path, value):
    built = run_pelican(sample_content(tmp_path), tmp_path / "output", "-e",
                        f"BUILD_PROCESSES={value}")
    assert built.returncode != 0
    assert "BUILD_PROCESSES is" in built.log
    assert "at least 1" in built.log
    assert "Traceback" not in built.log
    assert not (tmp_path / "output").exists()


def build(content: Path, output: Path, cache: Path, workers: int, theme: Path | None = None,
          incremental: bool = False) -> dict[str, str]:
    """One in-process build with `workers` processes (1: alone); the output's files."""
    override = {"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache),
                "INCREMENTAL_BUILD": incremental, "LOAD_CONTENT_CACHE": incremental,
                "BUILD_PROCESSES": workers}
    if theme:
        override["THEME"] = str(theme)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(forking, "MIN_SHARE", 2)
        Pelican(read_settings(str(ROOT / "pelicanconf.py"), override=override)).run()
    return tree_digest(output)


def test_children_write_what_one_process_writes(synthetic, tmp_path, monkeypatch):
    alone = build(synthetic, tmp_path / "alone", tmp_path / "cache-alone", 1)
    rendering_noted(monkeypatch, tmp_path / "rendered.log")
    shared = build(synthetic, tmp_path / "shared", tmp_path / "cache-shared", 3)
    assert shared == alone
    assert sum(name.endswith("index.html") for name in shared) > FOLDERS
    # Every treatment page rendered once, in three processes: this one and two children.
    rendered = renderers(tmp_path / "rendered.log")
    assert all(len(pids) == 1 for pids in rendered.values())
    assert len({pid for pids in rendered.values() for pid in pids}) == 3


def test_an_incremental_build_that_rewrites_every_page_shares_it_out(synthetic, tmp_path):
    """A template edit changes every page: children write them, as a clean build would."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    build(synthetic, tmp_path / "output", tmp_path / "cache", 3, theme, incremental=True)
    replace(theme / "templates" / "treatment.html", "{% block main %}",
            "{% block main %}<!-- data-edited -->")
    again = build(synthetic, tmp_path / "output", tmp_path / "cache", 3, theme,
                  incremental=True)
    clean = build(synthetic, tmp_path / "clean", tmp_path / "cache-clean", 1, theme)
    assert again == clean
    assert sum("data-edited" in (tmp_path / "output" / name).read_text(errors="replace")
               for name in again if name.endswith(".html")) == FOLDERS


def test_a_child_that_fails_writing_leaves_its_pages_to_the_build(synthetic, tmp_path,
                                                                   monkeypatch):
    alone = build(synthetic, tmp_path / "alone", tmp_path / "cache-alone", 1)
    builder = os.getpid()
    render = TreatmentGenerator.render

    def failing_in_children(self, *args, **kwargs):
        if os.getpid() != builder:
            raise RuntimeError("a child's disk is full")
        render(self, *args, **kwargs)

    monkeypatch.setattr(TreatmentGenerator, "render", failing_in_children)
    assert build(synthetic, tmp_path / "shared", tmp_path / "cache-shared", 3) == alone


def rendering_noted(monkeypatch, log: Path) -> None:
    """Each page rendered is noted in `log` with the process that rendered it."""
    render = TreatmentGenerator.render

    def noting(self, writer, name, template, lang, **variables):
        with log.open("a", encoding="utf-8") as noted:
            noted.write(f"{os.getpid()} {name}\n")
        render(self, writer, name, template, lang, **variables)

    monkeypatch.setattr(TreatmentGenerator, "render", noting)


def renderers(log: Path) -> dict[str, list[int]]:
    """Page name -> the processes that rendered it, from the log `rendering_noted` keeps."""
    found: dict[str, list[int]] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        pid, name = line.split(" ", 1)
        found.setdefault(name, []).append(int(pid))
    return found


def test_a_missing_translation_on_pages_children_write_fails_the_build_once(
        tmp_path, monkeypatch, caplog):
    """Translated pages children write need a theme string their language's catalog lacks:
    the build reports it once, as one process does, and fails (strict_build counts errors
    in the build's process)."""
    content = bilingual_clinic(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    replace(theme / "translations" / "es" / "LC_MESSAGES" / "messages.po",
            'msgstr "Datos clave"', 'msgstr ""')
    monkeypatch.setattr(forking, "MIN_SHARE", 1)
    rendering_noted(monkeypatch, tmp_path / "rendered.log")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"), "THEME": str(theme), "BUILD_PROCESSES": 8})
    with pytest.raises(SystemExit, match="Build failed"):
        Pelican(settings).run()
    assert [record.getMessage() for record in caplog.records].count(
        "The theme's 'es' catalog has no translation of 'Key facts': add it to "
        "theme/translations/es/LC_MESSAGES/messages.po.") == 1
    spanish = {name: pids for name, pids in renderers(tmp_path / "rendered.log").items()
               if name.startswith("es/") and name.count("/") > 1}
    assert spanish and all(pids != [os.getpid()] for pids in spanish.values())


def test_the_live_preview_shares_out_a_big_site(tmp_path):
    """The live preview builds in a daemonic worker process, which multiprocessing forbids to
    start children: the build forks by itself, for a cold build and for a template edit that
    rewrites every page."""
    count = 2 * forking.MIN_SHARE + 1
    project = copy_project(tmp_path / "project", synthesize_content(
        tmp_path / "content", count, real_content=SAMPLE_SITE))
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write("\nBUILD_PROCESSES = 2\n")
    template = project / "theme" / "templates" / "treatment.html"
    builder = Builder(project, "pelicanconf.py", ["content", "theme"])
    try:
        first = builder.build()
        assert first.ok, first.message
        replace(template, "{% block main %}", "{% block main %}<!-- data-edited -->")
        again = builder.build([template])
        assert again.ok, again.message
    finally:
        builder.stop()
    pages = (project / "output").rglob("index.html")
    assert sum("data-edited" in page.read_text(encoding="utf-8") for page in pages) == count

"""The content cache: warm builds re-read only changed files, told by a hash of their bytes."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from tests.support.helpers import DATA, TREATMENT, replace, sample_content, tree_digest
from treatment_pages import cache as content_cache
from treatment_pages.cache import CACHE_NAME, ContentCache
from treatment_pages.loading import load_site

# Last on the command line: `-e` takes every setting after it, and a second `-e` replaces them.
CACHE_ON = ("-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true")


def cache_settings(cache_path: Path) -> dict:
    """The settings the cache reads, as pelicanconf.py sets them."""
    return {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(cache_path)}


def load_with_cache(content: Path, settings: dict) -> tuple[ContentCache, list]:
    """One build's read of the content, through a cache loaded from disk and saved after."""
    cache = ContentCache(settings)
    _site, problems = load_site(content, settings, cache)
    cache.save_cache()
    return cache, problems


def rewrite_keeping_mtime(path: Path, old: str, new: str) -> None:
    """Change a file as a git checkout can: new bytes, the old modification time."""
    before = path.stat()
    replace(path, old, new)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_warm_read_reuses_every_file_and_an_edit_rereads_only_that_file(content, tmp_path):
    settings = cache_settings(tmp_path / "cache")
    files = sum(1 for _ in content.rglob("*.md"))
    cold, _ = load_with_cache(content, settings)
    assert (cold.hits, cold.misses) == (0, files)
    warm, _ = load_with_cache(content, settings)
    assert (warm.hits, warm.misses) == (files, 0)
    rewrite_keeping_mtime(content / TREATMENT / "what-is.md", "non-surgical", "non-operative")
    edited, _ = load_with_cache(content, settings)
    assert (edited.hits, edited.misses) == (files - 1, 1)


def read_twice_without_cache_files(content, settings, cache: Path):
    """Load the site, empty the cache folder, load again in this process: the second load."""
    load_with_cache(content, settings)
    for entry in (cache / CACHE_NAME).iterdir():
        entry.unlink()
    again, _ = load_with_cache(content, settings)
    return again


def test_a_process_that_builds_again_reads_no_unchanged_file(content, tmp_path, monkeypatch):
    """The second read in one process comes from memory (the cache folder emptied in between
    proves it), except the file edited since, even with its old modification time."""
    monkeypatch.setattr(content_cache, "RACY_NS", 0)  # the fixture's files are seconds old
    settings = cache_settings(tmp_path / "cache")
    files = sum(1 for _ in content.rglob("*.md"))
    again = read_twice_without_cache_files(content, settings, tmp_path / "cache")
    assert (again.hits, again.misses) == (files, 0)
    rewrite_keeping_mtime(content / TREATMENT / "what-is.md", "non-surgical", "non-operative")
    edited, _ = load_with_cache(content, settings)
    assert (edited.hits, edited.misses) == (files - 1, 1)


def test_a_status_taken_within_the_racy_interval_is_not_trusted(content, tmp_path,
                                                                monkeypatch):
    """Files written just now could be rewritten within the same clock tick unseen: re-read."""
    monkeypatch.setattr(content_cache, "RACY_NS", 10 ** 15)  # the fixture's files: 11 days
    settings = cache_settings(tmp_path / "cache")
    files = sum(1 for _ in content.rglob("*.md"))
    again = read_twice_without_cache_files(content, settings, tmp_path / "cache")
    assert (again.hits, again.misses) == (0, files)


def test_a_cached_file_reports_its_problems_again(content, tmp_path):
    settings = cache_settings(tmp_path / "cache")
    replace(content / TREATMENT / "faq.md", "- question: How many", "- questoin: How many")
    _, first = load_with_cache(content, settings)
    warm, again = load_with_cache(content, settings)
    assert warm.misses == 0
    assert first and [str(p) for p in again] == [str(p) for p in first]


def test_problems_replayed_from_memory_are_those_first_reported(tmp_path, monkeypatch):
    """Three reads in one process, the last two from memory (the cache folder emptied before
    each), report the same problems: a translation's reworded ones and those found after the
    front matter (a link the build refuses) included, none lost and none doubled."""
    monkeypatch.setattr(content_cache, "RACY_NS", 0)  # the fixture's files are seconds old
    content = sample_content(tmp_path, DATA / "bilingual-site")
    replace(content / TREATMENT / "faq.es.md", "contents_label:", "position: 20\ncontents_label:")
    replace(content / TREATMENT / "what-is.md", "relaxes muscles.",
            "relaxes [muscles](javascript:alert(1)).")
    settings = cache_settings(tmp_path / "cache")
    reads = []
    for _ in range(3):
        for entry in (tmp_path / "cache" / CACHE_NAME).glob("*"):
            entry.unlink()
        cache, problems = load_with_cache(content, settings)
        reads.append((cache.misses, [str(problem) for problem in problems]))
    files = sum(1 for _ in content.rglob("*.md"))
    assert [misses for misses, _ in reads] == [files, 0, 0]
    first = reads[0][1]
    assert any("faq.es.md" in p and "is not translated" in p for p in first), first
    assert sum("javascript:" in p for p in first) == 1, first
    assert reads[1][1] == first and reads[2][1] == first


def test_an_edit_that_keeps_the_mtime_is_still_seen(content, tmp_path):
    """Entries are named by the bytes' hash: a git checkout keeping the mtime changes it."""
    settings = cache_settings(tmp_path / "cache")
    load_with_cache(content, settings)
    rewrite_keeping_mtime(content / TREATMENT / "what-is.md", "non-surgical", "non-operative")
    edited, _ = load_with_cache(content, settings)
    assert edited.misses == 1


def test_a_build_with_the_cache_off_writes_no_cache(content, build, tmp_path):
    result = build(content, "--cache-path", str(tmp_path / "cache"), "-e", "CACHE_CONTENT=false",
                   "LOAD_CONTENT_CACHE=false")
    assert result.returncode == 0, result.log
    assert not (tmp_path / "cache" / CACHE_NAME).exists()


def pack_sizes(cache: Path) -> list[int]:
    """How many entries each pack of the cache folder holds, oldest first."""
    return [len(pickle.loads(pack.read_bytes()))
            for pack in sorted((cache / CACHE_NAME).glob(content_cache.PACK_GLOB))]


def edit_and_load(content: Path, settings: dict, edits: int) -> list[list[int]]:
    """The packs' sizes after each of `edits` builds that each follow one edit of one file."""
    sizes = []
    for edit in range(edits):
        replace(content / TREATMENT / "what-is.md", "muscles", f"muscles {edit}")
        cache, _ = load_with_cache(content, settings)
        assert cache.misses == 1
        sizes.append(pack_sizes(Path(settings["CACHE_PATH"])))
    return sizes


def test_an_edit_writes_a_pack_of_one_entry_until_unused_entries_are_many(content, tmp_path):
    """A cold read writes one pack of every file; each edit, one pack of its one entry; once
    the packs hold more entries no file uses than a quarter of the used ones, the build
    writes one pack of the used entries and removes the others."""
    settings = cache_settings(tmp_path / "cache")
    files = sum(1 for _ in content.rglob("*.md"))  # 11: a quarter is 2
    load_with_cache(content, settings)
    assert pack_sizes(tmp_path / "cache") == [files]
    assert edit_and_load(content, settings, 4) == [
        [files, 1], [files, 1, 1], [files], [files, 1]]


def test_packs_are_merged_when_there_are_max_packs(content, tmp_path, monkeypatch):
    monkeypatch.setattr(content_cache, "MAX_PACKS", 2)
    settings = cache_settings(tmp_path / "cache")
    files = sum(1 for _ in content.rglob("*.md"))
    load_with_cache(content, settings)
    assert edit_and_load(content, settings, 3) == [[files, 1], [files], [files, 1]]


def test_deleted_files_entries_go_with_the_next_merge(content, tmp_path):
    settings = cache_settings(tmp_path / "cache")
    load_with_cache(content, settings)
    sections = sorted(p for p in (content / TREATMENT).glob("*.md") if p.name != "page.md")
    for deleted in sections[:5]:
        deleted.unlink()
    replace(content / TREATMENT / "page.md", "title: ", "title: New ")
    load_with_cache(content, settings)
    assert pack_sizes(tmp_path / "cache") == [sum(1 for _ in content.rglob("*.md"))]


def test_a_cache_saved_but_not_loaded_keeps_its_pack(content, tmp_path):
    """Saving without loading (LOAD_CONTENT_CACHE off) writes a whole pack each build and
    keeps it; a later build that loads finds every file in it."""
    files = sum(1 for _ in content.rglob("*.md"))
    save_only = {**cache_settings(tmp_path / "cache"), "LOAD_CONTENT_CACHE": False}
    load_with_cache(content, save_only)
    load_with_cache(content, save_only)
    assert pack_sizes(tmp_path / "cache") == [files]
    warm, _ = load_with_cache(content, cache_settings(tmp_path / "cache"))
    assert (warm.hits, warm.misses) == (files, 0)


def test_a_damaged_entry_in_a_readable_pack_is_read_again_and_replaced(content, tmp_path):
    settings = cache_settings(tmp_path / "cache")
    load_with_cache(content, settings)
    [pack] = (tmp_path / "cache" / CACHE_NAME).glob(content_cache.PACK_GLOB)
    entries = pickle.loads(pack.read_bytes())
    damaged = next(iter(entries))
    pack.write_bytes(pickle.dumps({**entries, damaged: b"\x80\x05garbage"}))
    again, _ = load_with_cache(content, settings)
    assert again.misses == 1
    [pack] = (tmp_path / "cache" / CACHE_NAME).glob(content_cache.PACK_GLOB)
    assert pickle.loads(pack.read_bytes())[damaged] == entries[damaged]


def test_a_stopped_builds_temporary_goes_and_a_fresh_one_stays(content, tmp_path):
    settings = cache_settings(tmp_path / "cache")
    folder = tmp_path / "cache" / CACHE_NAME
    folder.mkdir(parents=True)
    stale, writing = folder / "pack-1-old.tmp", folder / "pack-2-writing.tmp"
    for temporary in (stale, writing):
        temporary.write_bytes(b"half a pack")
    hours_ago = stale.stat().st_mtime_ns - 2 * content_cache.STALE_TEMPORARY_NS
    os.utime(stale, ns=(hours_ago, hours_ago))
    load_with_cache(content, settings)
    assert not stale.exists() and writing.exists()


def test_entries_of_the_old_one_file_per_entry_cache_are_removed(content, tmp_path):
    settings = cache_settings(tmp_path / "cache")
    old = tmp_path / "cache" / CACHE_NAME / ("0" * 32)
    old.parent.mkdir(parents=True)
    old.write_bytes(b"an entry of the old layout")
    load_with_cache(content, settings)
    assert not old.exists() and len(pack_sizes(tmp_path / "cache")) == 1


def test_warm_and_edited_builds_match_uncached_builds(content, build, tmp_path):
    cache = ("--cache-path", str(tmp_path / "cache"))
    uncached = build(content, "-e", "CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false",
                     output=tmp_path / "uncached")
    cold = build(content, *cache, *CACHE_ON, output=tmp_path / "cold")
    warm = build(content, *cache, *CACHE_ON, output=tmp_path / "warm")
    assert uncached.returncode == cold.returncode == warm.returncode == 0, warm.log
    assert any((tmp_path / "cache" / CACHE_NAME).iterdir())
    assert tree_digest(warm.output) == tree_digest(cold.output) == tree_digest(uncached.output)

    # mtime would miss this edit: the cache hashes the bytes.
    rewrite_keeping_mtime(content / TREATMENT / "what-is.md", "non-surgical", "non-operative")
    edited = build(content, *cache, *CACHE_ON, output=tmp_path / "edited")
    fresh = build(content, "-e", "CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false",
                  output=tmp_path / "fresh")
    assert edited.returncode == fresh.returncode == 0, edited.log
    assert "non-operative" in edited.html()
    assert tree_digest(edited.output) == tree_digest(fresh.output)



class Gone:
    """Stands for a class an older version of the plugin pickled and this one no longer has."""


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "unknown class"])
def test_a_damaged_or_outdated_cache_is_rebuilt_not_a_crash(content, build, tmp_path, damage):
    cache = ("--cache-path", str(tmp_path / "cache"))
    cold = build(content, *cache, *CACHE_ON, output=tmp_path / "cold")
    assert cold.returncode == 0, cold.log
    cache_file = max((tmp_path / "cache" / CACHE_NAME).iterdir(), key=lambda p: p.stat().st_size)
    saved = cache_file.read_bytes()
    cache_file.write_bytes({
        "truncated": saved[: len(saved) // 2], "garbage": b"\x80\x04not a pickle",
        "empty": b"", "unknown class": pickle.dumps({"x": Gone()}).replace(
            b"tests.test_content_cache", b"treatment_pages.gone"),
    }[damage])
    rebuilt = build(content, *cache, *CACHE_ON, output=tmp_path / "rebuilt")
    assert rebuilt.returncode == 0, rebuilt.log
    warned = ("could not be read",)
    log = " ".join(rebuilt.log.split())  # the terminal's width wraps the warning anywhere
    assert "Traceback" not in log and any(w in log for w in warned)
    assert tree_digest(rebuilt.output) == tree_digest(cold.output)
    again = build(content, *cache, *CACHE_ON, output=tmp_path / "again")
    assert again.returncode == 0 and not any(w in again.log for w in warned)

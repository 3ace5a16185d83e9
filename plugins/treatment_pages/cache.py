"""Content cache: what each content file became, kept in a few pack files.

Pelican's `CACHE_CONTENT` covers only its article and page generators; this gives the
treatment_pages generator the same: with `CACHE_CONTENT` and `LOAD_CONTENT_CACHE` on, an
unchanged file is not parsed, validated or rendered again. Each entry is one pickle, named by
a hash of the file's path, its bytes (the hash the build computes anyway for its output
record, reading.py) and this plugin's code version, so a git checkout (which defeats
modification times) changes no entry, and a change to the plugin, Markdown or PyYAML makes
every entry stale. Each entry holds the file's problems with its result, so a cached file
reports the same problems as a fresh read.

Entries live in packs (`pack-*.pickle` in `CACHE_PATH/TreatmentGenerator-cache/`), each a
dict of entry names to entry bytes, never changed once written. A build that read something
new writes one pack of just the new entries, so an edit writes one small file; when there is
no pack yet, one could not be read, the packs hold many entries no file used any more
(deleted files, older versions of edited ones), or there are MAX_PACKS of them, the build
writes one pack of the entries it used and removes the rest. Not one small file per entry,
whose creating, renaming and deleting slowed a cold build, mostly in the kernel; not
Pelican's one pickle of all results, which every edit rewrote whole (the figures of both:
bench/results/cache-packs.md and docs/development.md).

A process that builds again (the live preview's build worker, `pelican -r`, tests) also keeps
each file's result in memory with the file's status (size, inode, modification and change
times): a file whose status is unchanged is neither read nor unpickled again, which was most
of an edit's rebuild at N = 1,000, and the packs are then not read at all. A status is trusted
only when both its times are older than RACY_NS at the moment it was taken (as git does for
its index), since a file rewritten within the file system's clock tick keeps its times.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import os
import pickle
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import markdown_it
import yaml

from .problems import Diagnostic

CACHE_NAME = "TreatmentGenerator-cache"
# What unpickling a damaged or outdated entry raises (a damaged length can ask for more memory
# than there is, or for a number too large).
UNREADABLE_CACHE = (EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError,
                    TypeError, IndexError, OverflowError, MemoryError)
STALE_TEMPORARY_NS = 3_600_000_000_000  # a pack's temporary older than an hour was abandoned
logger = logging.getLogger(__name__)
Result = TypeVar("Result")
RACY_NS = 2_000_000_000  # a status younger than this when taken may hide a rewrite
MAX_PACKS = 8  # a build that finds this many packs merges them into one
PACK_GLOB = "pack-*.pickle"
Status = tuple[int, int, int, int]  # size, inode, mtime_ns, ctime_ns


@dataclass(frozen=True)
class Remembered:
    """What this process last read from a file whose status has not changed since."""

    status: Status
    name: str  # the entry's name in the cache folder
    digest: bytes
    result: Any
    problems: list[Diagnostic]


# path -> what the last build of this process read from it (see the module docstring).
_memory: dict[Path, Remembered] = {}


def status(path: Path) -> tuple[Status, bool]:
    """The file's status and whether it can be trusted to tell a later change (not racy)."""
    stat = path.stat()
    found = (stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)
    return found, max(stat.st_mtime_ns, stat.st_ctime_ns) < time.time_ns() - RACY_NS


@functools.cache
def code_version() -> str:
    """A hash of this plugin's source and the libraries whose output is cached."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(f"markdown-it-py {markdown_it.__version__} yaml {yaml.__version__}".encode())
    return digest.hexdigest()


class ContentCache:
    """Maps a content file's path and bytes to what reading it produced."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.folder = Path(settings["CACHE_PATH"]) / CACHE_NAME
        self.saving, self.loading = settings["CACHE_CONTENT"], settings["LOAD_CONTENT_CACHE"]
        self.used: set[str] = set()  # entries this build read or wrote
        self.remembered: set[Path] = set()  # files this build found in _memory or put there
        self.fresh: dict[str, bytes] = {}  # entries this build made, for its pack
        self.damaged = False  # a pack or entry could not be read: the packs are rewritten
        self.hits = self.misses = 0
        if self.saving:
            if self.folder.is_file():  # Pelican's single pickle, from older builds
                self.folder.unlink()
            self.folder.mkdir(parents=True, exist_ok=True)

    @functools.cached_property
    def packs(self) -> dict[Path, dict[str, bytes]]:
        """The packs in the cache folder, read when the first entry is looked up (a build
        whose every file is remembered in memory reads none); a damaged one is left empty,
        and so is every one when the cache is not loaded (they are only listed)."""
        packs: dict[Path, dict[str, bytes]] = {}
        for path in sorted(self.folder.glob(PACK_GLOB)):
            try:
                packs[path] = _read_pack(path) if self.loading else {}
            except FileNotFoundError:
                continue  # removed by a build sharing this folder
            except (OSError, *UNREADABLE_CACHE) as error:
                logger.warning("The content cache file %s could not be read (%s: %s); the "
                               "files it held are read again.", path, type(error).__name__,
                               error)
                packs[path], self.damaged = {}, True
        return packs

    @functools.cached_property
    def stored(self) -> dict[str, bytes]:
        """Every entry of the packs by name. A name in two packs (two builds that read the same
        new file at once) holds the same entry, being named by the file's bytes."""
        return {name: data for pack in self.packs.values() for name, data in pack.items()}

    def cold(self) -> bool:
        """True when this cache can hold nothing for the build: no file remembered in this
        process and no pack on disk (or the cache is not loaded)."""
        return not self.loading or not (_memory or next(self.folder.glob(PACK_GLOB), None))

    def recall(self, path: Path, file_status: Status) -> Remembered | None:
        """What this process read from `path` when its status was `file_status`, if it did."""
        kept = _memory.get(path) if self.loading else None
        if kept is None or kept.status != file_status:
            return None
        self.used.add(kept.name)
        self.remembered.add(path)
        self.hits += 1
        return kept

    def read(self, path: Path, data: bytes, digest: bytes,
             produce: Callable[[bytes], tuple[Result, list[Diagnostic]]],
             trusted_status: Status | None = None, made: bytes | None = None
             ) -> tuple[Result, list[Diagnostic]]:
        """`produce(data)`: the file's result and problems, or the cached ones of the same
        bytes, or those of `made` (the entry a read-ahead child made of the same bytes).

        With `trusted_status`, the file's status taken before `data` was read, the result is also
        kept in memory for the next build of this process.
        """
        name = hashlib.blake2b(f"{path}\0{code_version()}".encode() + digest,
                               digest_size=16).hexdigest()
        self.used.add(name)
        result, problems_found = self._read(path, data, name, produce, made)
        if trusted_status is not None and self.loading:
            _memory[path] = Remembered(trusted_status, name, digest, result, problems_found)
            self.remembered.add(path)
        return result, problems_found

    def _read(self, path: Path, data: bytes, name: str,
              produce: Callable[[bytes], tuple[Result, list[Diagnostic]]],
              made: bytes | None) -> tuple[Result, list[Diagnostic]]:
        """The stored entry `name`, or `produce`'s result and problems, kept for the pack."""
        stored = self.stored.get(name) if self.loading else None
        if stored is not None:
            try:
                result, found = load_entry(stored, path)
            except UNREADABLE_CACHE as error:
                logger.warning("The content cache entry for %s could not be read (%s: %s); "
                               "reading the file again.", path, type(error).__name__, error)
                self.damaged = True
            else:
                self.hits += 1
                return result, found
        self.misses += 1
        if made is not None:
            result, found = load_entry(made, path)
        else:
            result, found = produce(data)
            made = dump_entry((result, found), path) if self.saving else None
        if made is not None and self.saving:
            self.fresh[name] = made
        return result, found

    def save_cache(self) -> None:
        """Write this build's new entries as one more pack; or one pack of every entry this
        build used, removing the others, when there was none yet, one could not be read, they
        hold many entries no file used, or there are MAX_PACKS. Forget, in memory, the files
        this build did not read (deleted, or another site's)."""
        for path in _memory.keys() - self.remembered if self.loading else ():
            del _memory[path]
        if not self.saving or not (self.fresh or self.damaged):
            return  # nothing new: whatever the packs hold that no file used can wait
        unused = len(self.stored.keys() - self.used) if self.loading else 0
        if self.loading and not self.damaged and 0 < len(self.packs) < MAX_PACKS and \
                unused <= len(self.used) // 4:
            _write_pack(self.folder, self.fresh)
            return
        stored = self.stored if self.loading else {}
        kept = {name: stored[name] for name in self.used if name in stored}
        replaced = list(self.packs)  # listed before the new pack exists
        _write_pack(self.folder, {**kept, **self.fresh})
        for path in replaced:
            path.unlink(missing_ok=True)
        abandoned = time.time_ns() - STALE_TEMPORARY_NS
        for entry in os.scandir(self.folder):
            # Entries of the older one-file-per-entry layout; temporaries of builds that were
            # stopped (not those of a build writing now, beside this one).
            try:
                old = entry.stat().st_mtime_ns < abandoned if entry.name.endswith(".tmp") \
                    else not entry.name.startswith("pack-")
            except FileNotFoundError:
                continue  # removed meanwhile by a build sharing this folder
            if old:
                Path(entry.path).unlink(missing_ok=True)


def _read_pack(path: Path) -> dict[str, bytes]:
    pack = pickle.loads(path.read_bytes())
    if not isinstance(pack, dict):
        raise ValueError("not a pack of entries")
    return pack


def _write_pack(folder: Path, entries: dict[str, bytes]) -> None:
    """One new pack, whole or not at all (written aside, then renamed)."""
    path = folder / f"pack-{time.time_ns():020d}-{secrets.token_hex(8)}.pickle"
    temporary = path.with_suffix(".tmp")
    try:
        temporary.write_bytes(pickle.dumps(entries, pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
    except BaseException:  # a full disk, Ctrl+C: no half-written file stays behind
        temporary.unlink(missing_ok=True)
        raise


def dump_entry(value: Any, path: Path) -> bytes:
    """Pickle `value` with `path` left out: unpickling a Path object costs as much as all the
    rest of an entry, and every entry names its own file (its source, its problems)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = lambda obj: "path" if obj is path else None  # type: ignore
    pickler.dump(value)
    return buffer.getvalue()


def load_entry(data: bytes, path: Path) -> Any:
    unpickler = pickle.Unpickler(io.BytesIO(data))
    unpickler.persistent_load = lambda name: path  # type: ignore
    return unpickler.load()

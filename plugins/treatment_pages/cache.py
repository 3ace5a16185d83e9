"""Content cache: what each content file became, one small file per content file.

Pelican's `CACHE_CONTENT` covers only its article and page generators; this gives the
treatment_pages generator the same: with `CACHE_CONTENT` and `LOAD_CONTENT_CACHE` on, an
unchanged file is not parsed, validated or rendered again. Each entry is one pickle in
`CACHE_PATH/TreatmentGenerator-cache/`, named by a hash of the file's path, its bytes (the
hash the build computes anyway for its output record, model.py) and this plugin's code
version, so a git checkout (which defeats modification times) changes no entry, and a change
to the plugin, Markdown or PyYAML makes every entry stale. Each entry holds the file's
problems with its result, so a cached file reports the same problems as a fresh read.

One file per entry, not Pelican's one pickle for all: an edit at N = 1,000 rewrote the whole
22 MB pickle (0.5 s) and every build read all of it; now an edit writes one entry, and a
build removes the entries no file used (deleted files, older versions of edited ones).
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import markdown_it
import yaml

from .problems import Diagnostic

CACHE_NAME = "TreatmentGenerator-cache"
# What unpickling a damaged or outdated entry raises.
UNREADABLE_CACHE = (EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError,
                    TypeError, IndexError)
logger = logging.getLogger(__name__)
Result = TypeVar("Result")


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
        self.hits = self.misses = 0
        if self.saving:
            if self.folder.is_file():  # Pelican's single pickle, from older builds
                self.folder.unlink()
            self.folder.mkdir(parents=True, exist_ok=True)

    def read(self, path: Path, data: bytes, digest: bytes, problems: list[Diagnostic],
             produce: Callable[[bytes, list[Diagnostic]], Result]) -> Result:
        """`produce(data, problems)`, or the cached result and problems of the same bytes."""
        name = hashlib.blake2b(f"{path}\0{code_version()}".encode() + digest,
                               digest_size=16).hexdigest()
        self.used.add(name)
        entry = self.folder / name
        if self.loading:
            try:
                result, found = _loads(entry.read_bytes(), path)
            except FileNotFoundError:
                pass
            except (OSError, *UNREADABLE_CACHE) as error:
                # A save cut short (Ctrl+C, a full disk): read the file afresh, replace it.
                logger.warning("The content cache entry for %s could not be read (%s: %s); "
                               "reading the file again.", path, type(error).__name__, error)
            else:
                self.hits += 1
                problems.extend(found)
                return result
        self.misses += 1
        found: list[Diagnostic] = []
        result = produce(data, found)
        if self.saving:
            temporary = entry.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(_dumps((result, found), path))
            os.replace(temporary, entry)
        problems.extend(found)
        return result

    def save_cache(self) -> None:
        """Remove the entries no file of this build used; new entries are already written."""
        if not self.saving or not self.misses:
            return
        for entry in os.scandir(self.folder):
            # Not another build's entry still being written (tests build in parallel).
            if entry.name not in self.used and not entry.name.endswith(".tmp"):
                Path(entry.path).unlink(missing_ok=True)


def _dumps(value: Any, path: Path) -> bytes:
    """Pickle `value` with `path` left out: unpickling a Path object costs as much as all the
    rest of an entry, and every entry names its own file (its source, its problems)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = lambda obj: "path" if obj is path else None  # type: ignore
    pickler.dump(value)
    return buffer.getvalue()


def _loads(data: bytes, path: Path) -> Any:
    unpickler = pickle.Unpickler(io.BytesIO(data))
    unpickler.persistent_load = lambda name: path  # type: ignore
    return unpickler.load()

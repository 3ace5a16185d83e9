"""Content cache: what each content file became, on Pelican's own file-stamp cache.

Pelican's `CACHE_CONTENT` covers only its article and page generators; this gives the
treatment_pages generator the same: with `CACHE_CONTENT` and `LOAD_CONTENT_CACHE` on, an
unchanged file is not parsed, validated or rendered again. It is Pelican's
`FileDataCacher` (`CACHE_PATH`, `GZIP_CACHE` apply), stamped by the hash of each file's bytes
that the build computes anyway for its output record (model.py), so each file is read once;
a git checkout, which defeats modification times, changes no stamp. Each entry holds the
file's problems with its
result, so a cached file reports the same problems as a fresh read, and the plugin's code
version, so a change to the plugin, Markdown or PyYAML makes every entry stale. As in
Pelican's cache, entries of deleted files stay until CACHE_PATH is removed.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import markdown_it
import yaml
from pelican.cache import FileDataCacher

from .problems import Diagnostic

CACHE_NAME = "TreatmentGenerator-cache"
# What unpickling a damaged or outdated cache file raises (Pelican catches only OSError,
# UnicodeDecodeError and PickleError).
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


class ContentCache(FileDataCacher):
    """Maps a content file to what reading it produced, while its stamp is unchanged."""

    def __init__(self, settings: dict[str, Any]) -> None:
        caching, loading = settings["CACHE_CONTENT"], settings["LOAD_CONTENT_CACHE"]
        try:
            super().__init__(settings, CACHE_NAME, caching, loading)
        except UNREADABLE_CACHE as error:
            # A save cut short (Ctrl+C, a full disk) or one pickled by older code: Pelican lets
            # that crash every later build. Start afresh instead; the next save replaces it.
            logger.warning("The content cache in %s could not be read (%s: %s); rebuilding it.",
                           settings["CACHE_PATH"], type(error).__name__, error)
            super().__init__(settings, CACHE_NAME, caching, False)
        self.hits = self.misses = 0

    def read(self, path: Path, data: bytes, digest: bytes, problems: list[Diagnostic],
             produce: Callable[[bytes, list[Diagnostic]], Result]) -> Result:
        """`produce(data, problems)`, or the cached result and problems of the same bytes."""
        stamp, cached = self.get_cached_data(str(path), (None, None))
        if stamp == digest and cached is not None and cached[0] == code_version():
            self.hits += 1
            _, result, found = cached
        else:
            self.misses += 1
            found = []
            result = produce(data, found)
            self.cache_data(str(path), (digest, (code_version(), result, found)))
        problems.extend(found)
        return result

    def save_cache(self) -> None:
        """Save the cache only when a file was read afresh: an unchanged site writes nothing."""
        if self.misses:
            super().save_cache()

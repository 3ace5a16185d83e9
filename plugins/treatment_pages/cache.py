"""Content cache: what a content file became, keyed by a hash of its bytes.

Pelican's own content cache (`CACHE_CONTENT`) covers only its article and page
generators, and stamps files by `CHECK_MODIFIED_METHOD`, whose default, mtime, is
defeated by git checkouts. This one follows the same settings (`CACHE_CONTENT`,
`LOAD_CONTENT_CACHE`, `CACHE_PATH`, `GZIP_CACHE`) but always compares a hash of the
file's bytes, so it is right whatever the timestamps say. Each entry is the parsed,
validated and rendered file *and* the problems found in it, so a cached file reports
the same problems as a fresh read. The cache is dropped whenever the plugin's code or
the Markdown and YAML libraries change, and only files read in the last build are kept.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import markdown_it
import yaml
from pelican.cache import FileDataCacher

from .problems import Diagnostic

CACHE_NAME = "TreatmentGenerator-cache"
VERSION_KEY = "__version__"
Result = TypeVar("Result")


@functools.cache
def code_version() -> str:
    """A hash of this plugin's source and the libraries whose output is cached."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(f"markdown-it-py {markdown_it.__version__} yaml {yaml.__version__}".encode())
    return digest.hexdigest()


def content_hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class ContentCache(FileDataCacher):
    """Maps a file path and content hash to what reading that file produced."""

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings, CACHE_NAME, settings.get("CACHE_CONTENT", False),
                         settings.get("LOAD_CONTENT_CACHE", False))
        if settings.get("GZIP_CACHE"):
            # Pelican's gzip.open default (level 9) costs seconds on a large site.
            self._cache_open = functools.partial(gzip.open, compresslevel=1)
        if self._cache.get(VERSION_KEY) != code_version():
            self._cache = {}
        self._used: dict[str, Any] = {VERSION_KEY: code_version()}
        self.changed = False
        self.hits = self.misses = 0

    def read(self, path: Path, problems: list[Diagnostic],
             produce: Callable[[bytes, list[Diagnostic]], Result]) -> Result:
        """`produce(data, problems)` for the file's bytes, or its cached result and problems."""
        data = path.read_bytes()
        key, stamp = str(path), content_hash(data)
        cached = self._cache.get(key)
        if cached is not None and cached[0] == stamp:
            self.hits += 1
            _, result, found = cached
        else:
            self.misses += 1
            self.changed = True
            found = []
            result = produce(data, found)
        self._used[key] = (stamp, result, found)
        problems.extend(found)
        return result

    def save_cache(self) -> None:
        """Save the entries of this build's files, if anything changed since the last one.

        Written to a temporary file and renamed, so a build that is interrupted, or another
        build reading at the same moment, never sees half a cache.
        """
        if not self._cache_data_policy or not (self.changed
                                               or set(self._used) != set(self._cache)):
            return
        self._cache = self._used
        final = self._cache_path
        Path(final).parent.mkdir(parents=True, exist_ok=True)
        handle, self._cache_path = tempfile.mkstemp(prefix=f".{CACHE_NAME}-",
                                                    dir=Path(final).parent)
        os.close(handle)
        try:
            super().save_cache()
            os.replace(self._cache_path, final)
        finally:
            if os.path.exists(self._cache_path):
                os.remove(self._cache_path)
            self._cache_path = final

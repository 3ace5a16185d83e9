"""Read ahead: on a cold build, other processes read the later treatment folders while the
build reads the first ones.

Reading (YAML, validation, Markdown) is most of a cold build and each file's result depends
on that file alone, so it divides across CPUs. A worker is a fork of the build: it runs the
very same `load_treatment` on its share of folders and sends back, for each file, the hash of
the bytes it read and its result and problems as a content-cache entry. The build then reads
every folder in order as before; a file whose bytes still hash the same is taken from the
worker's entry instead of being parsed again, so the site, its problems and their order are
exactly those of a reading in one process (the entries are also what the content cache
keeps). A build with a warm cache, a small site, one CPU or other threads running (a fork
copies no thread) reads alone; a worker that fails costs nothing but its time.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import warnings
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

from .reading import ContentReader, load_treatment

logger = logging.getLogger(__name__)
# Fewer folders than this per process and forking costs more than it saves.
MIN_SHARE = 16
Entries = dict[Path, tuple[bytes, bytes]]  # path -> (hash of the bytes read, cache entry)


def processes() -> int:
    """How many CPUs this build may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        os.cpu_count() or 1


def silence() -> None:
    """A worker writes nothing: a thread of the build (Pelican's progress display) may have
    held the lock of the terminal's output when the worker was forked, so writing could wait
    for ever. Nothing the reading does logs or warns; this makes sure."""
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")


def read_share(folders: list[Path]) -> Entries:
    """In a worker: read `folders` as the build would, and return what each file made."""
    reader = ContentReader()
    reader.made = {}
    for folder in folders:
        load_treatment(folder, reader, [])
    return reader.made


@contextmanager
def reading_ahead(folders: list[Path], reader: ContentReader) -> Iterator[ReadAhead]:
    """Workers reading the later shares of `folders` (none when reading ahead would not pay)."""
    count = min(processes(), len(folders) // MIN_SHARE)
    if count < 2:
        yield ReadAhead(reader, {})
        return
    size = -(-len(folders) // count)
    shares = [folders[start:start + size] for start in range(size, len(folders), size)]
    with ProcessPoolExecutor(len(shares), mp_context=multiprocessing.get_context("fork"),
                             initializer=silence) as pool:
        try:
            pending = {share[0]: pool.submit(read_share, share) for share in shares}
        except (OSError, BrokenProcessPool) as error:  # no memory or processes left to fork
            logger.debug("Could not read ahead (%s); reading alone.", error)
            pending = {}
        try:
            yield ReadAhead(reader, pending)
        finally:
            for future in pending.values():
                future.cancel()


class ReadAhead:
    """Hands the build's reader each worker's entries when the build reaches its share."""

    def __init__(self, reader: ContentReader, pending: dict[Path, Future[Entries]]) -> None:
        self.reader, self.pending = reader, pending

    def reach(self, folder: Path) -> None:
        """Called before `folder` is read: a share starting there is collected first."""
        future = self.pending.pop(folder, None)
        if future is None:
            return
        try:
            self.reader.ahead.update(future.result())
        except Exception as error:  # a worker that died, or could not be forked
            logger.debug("Reading ahead from %s failed (%s); reading it here.", folder, error)

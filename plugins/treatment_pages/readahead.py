"""Read ahead: on a cold build, forked children read the later treatment folders while the
build reads the first ones.

Reading (YAML, validation, Markdown) is most of a cold build and each file's result depends
on that file alone, so it divides across CPUs (forking.py). A child runs the very same
`load_treatment` on its share of folders and sends back, for each file, the hash of the bytes
it read and its result and problems as a content-cache entry. The build then reads every
folder in order as before; a file whose bytes still hash the same is taken from the child's
entry instead of being parsed again, so the site, its problems and their order are exactly
those of a reading in one process (the entries are also what the content cache keeps). A build
with a warm cache, a small site or one CPU reads alone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .forking import Child, ChildFailed, forked, shares
from .reading import ContentReader, Entries, load_treatment

logger = logging.getLogger(__name__)


def read_share(folders: list[Path]) -> Entries:
    """In a child: read `folders` as the build would, and return what each file made (a
    reader without a content cache keeps every file's entry in `made`)."""
    reader = ContentReader()
    reader.made = {}
    for folder in folders:
        load_treatment(folder, reader, [])
    return reader.made


@contextmanager
def reading_ahead(folders: list[Path], reader: ContentReader,
                  count: int) -> Iterator[ReadAhead]:
    """Up to `count` - 1 children reading the later shares of `folders` (none when reading
    ahead would not pay)."""
    later = shares(folders, count)[1:]
    with forked(read_share, later) as children:
        yield ReadAhead(reader, {share[0]: child for share, child in zip(later, children,
                                                                         strict=True) if child})


class ReadAhead:
    """Hands the build's reader each child's entries when the build reaches its share."""

    def __init__(self, reader: ContentReader, pending: dict[Path, Child]) -> None:
        self.reader, self.pending = reader, pending

    def reach(self, folder: Path) -> None:
        """Called before `folder` is read: a share starting there is collected first."""
        child = self.pending.pop(folder, None)
        if child is None:
            return
        try:
            self.reader.ahead.update(child.result())
        except ChildFailed as error:  # the build reads the share itself
            logger.debug("Reading ahead from %s failed (%s); reading it here.", folder, error)

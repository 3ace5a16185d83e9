"""Work divided across CPUs by forking the build: what reading ahead and writing pages share.

A forked child starts with everything the build holds (the site, the templates, the settings),
so nothing but its result crosses between processes. The build does the first share itself
while children do the others; a child that fails or dies costs nothing but its time, as the
build then does that share itself (and so reports any error as one process would).

A child writes nothing to the terminal and leaves without flushing it: a thread of the build
(Pelican's progress display) may have held the lock of the terminal's output when the child
was forked, and that lock would then never be released in the child. What the child logs
(and warns) is sent back with its result and logged by the build, so an error still fails
the build (strict_build counts the errors logged in the build's process).

`os.fork` itself, not multiprocessing: the live preview builds in a daemonic worker process,
which multiprocessing forbids to start children.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

Item = TypeVar("Item")
# Below this many items per process a fork does not pay: a cold build of 40 treatments took
# the same time either way (medians of 5: 1.00 s in two processes, 1.03 s in one).
MIN_SHARE = 16
# More processes than this were never measured; CPU counts ignore containers' CPU quotas.
MAX_PROCESSES = 8
CAN_FORK = hasattr(os, "fork")  # not on Windows: the build then works alone


class ChildFailed(Exception):
    """A child ended without a result (it raised, or was killed)."""


def processes(settings: Mapping[str, Any]) -> int:
    """How many processes a build may use: the BUILD_PROCESSES setting (1: this one alone),
    else one per CPU this process may run on, up to MAX_PROCESSES."""
    if not CAN_FORK:
        return 1
    wanted = settings.get("BUILD_PROCESSES")
    if wanted is not None:
        return wanted
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cpus or 1, MAX_PROCESSES)


def check_setting(settings: Mapping[str, Any]) -> str | None:
    """What is wrong with BUILD_PROCESSES, if anything."""
    wanted = settings.get("BUILD_PROCESSES")
    if wanted is None or (isinstance(wanted, int) and not isinstance(wanted, bool)
                          and wanted >= 1):
        return None
    return (f"BUILD_PROCESSES is {wanted!r}: it must be a whole number of processes, at least "
            "1 (1: build in one process), or None for one per CPU")


def shares(items: list[Item], count: int) -> list[list[Item]]:
    """`items` as consecutive shares, up to `count` of them while each has MIN_SHARE items;
    the first is the build's own."""
    count = max(1, min(count, len(items) // MIN_SHARE))
    size = -(-len(items) // count) or 1
    return [items[start:start + size] for start in range(0, len(items), size)] or [items]


class Child:
    """A forked process doing `work(share)`, whose result is read when it is first needed."""

    def __init__(self, work: Callable[[list[Item]], Any], share: list[Item]) -> None:
        self.share = share
        reading, writing = os.pipe()
        try:
            with warnings.catch_warnings():
                # Python 3.12+ warns when a process with threads forks: the child is made for
                # that (it touches no lock another thread may hold).
                warnings.simplefilter("ignore", DeprecationWarning)
                self.pid = os.fork()
        except OSError:  # no memory or processes left: nothing to read from
            os.close(reading)
            os.close(writing)
            raise
        if self.pid == 0:
            os.close(reading)
            _run(work, share, writing)  # never returns
        os.close(writing)  # the child's end: a child that ends leaves the pipe at its end
        self.reading: Any = os.fdopen(reading, "rb")

    def result(self) -> Any:
        """What the work returned, once what the child logged is logged here; ChildFailed
        when it raised or the child died."""
        try:
            data = self.reading.read()
        finally:
            self.reading.close()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            if os.waitstatus_to_exitcode(status) != 0:
                raise ValueError(f"exit status {os.waitstatus_to_exitcode(status)}")
            result, records = pickle.loads(data)
        except (ValueError, pickle.UnpicklingError, EOFError) as error:
            raise ChildFailed(f"the child for {len(self.share)} item(s) ended without a "
                              f"result ({error})") from error
        for record in records:
            logging.getLogger(record.name).handle(record)
        return result

    def stop(self) -> None:
        """End the child if its result was never read (the build stopped early), and reap it."""
        if self.pid:
            self.reading.close()
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
            self.pid = 0


def _run(work: Callable[[list[Item]], Any], share: list[Item], writing: int) -> None:
    """In the child: the work's result and log records down the pipe, then leave without any
    clean-up that could write (see the module docstring) or run the build's `atexit`."""
    records: list[logging.LogRecord] = []
    logging.Logger.callHandlers = lambda _logger, record: records.append(_portable(record))
    logging.captureWarnings(True)  # a warning is a log record too
    code = 1
    try:
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(pickle.dumps((work(share), records), pickle.HIGHEST_PROTOCOL))
        code = 0
    finally:
        os._exit(code)


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message written out: its arguments need not survive pickling."""
    record.msg, record.args = record.getMessage(), None
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    return record


@contextmanager
def forked(work: Callable[[list[Item]], Any],
           later: list[list[Item]]) -> Iterator[list[Child | None]]:
    """A child doing `work` on each of the `later` shares (None for a share whose fork failed:
    no memory or processes left); any whose result is not read when the block ends (the
    build stopped early) is ended with it."""
    children: list[Child | None] = []
    try:
        for share in later:
            try:
                children.append(Child(work, share))
            except OSError as error:
                logging.getLogger(__name__).debug("Could not fork (%s); working alone.", error)
                children.append(None)
        yield children
    finally:
        for child in children:
            if child:
                child.stop()


def share_out(work: Callable[[list[Item]], Any], items: list[Item], count: int) -> list[Any]:
    """`work` on every item, in up to `count` processes: the first share here while forked
    children do the others; the share of a child that failed, or could not be forked, is done
    here after. What `work` returned for each share, in order."""
    own, *later = shares(items, count)
    with forked(work, later) as children:
        results = [work(own)]
        for share, child in zip(later, children, strict=True):
            try:
                results.append(child.result() if child else work(share))
            except ChildFailed:
                results.append(work(share))  # here, where any error is reported as usual
    return results

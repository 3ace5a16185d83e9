"""strict_build: a Pelican build either succeeds completely or changes nothing.

Plain Pelican logs errors, skips what it could not read and exits 0, writing straight
into the output folder. With this plugin:
- any ERROR logged during the build fails it (exit status 1) once the build has run;
- the site is written into a staging folder beside the output folder and swapped in
  only when the build succeeded, so a failed build leaves the previous output intact
  and a successful one leaves no stale files behind.

List it first in `PLUGINS` so it also counts errors from loading the other plugins.
Settings: `STRICT_BUILD_STAGING` (default True) turns the staging folder off.

Incremental builds (`INCREMENTAL_BUILD = True`, pelicanconf.py; publishconf.py, CI and
`invoke verify` turn it off, `invoke build --clean` removes the output first): the output
record (`outputs.json` in CACHE_PATH, kept by incremental builds) lists every file of the
last good build with the key its generator gave it (a hash of everything it was made from)
and its size and modification time in the output folder. A generator
sends `reuse_output` with an output's name and key before rendering it; when the last build
wrote that file from the same key and nobody has touched it since, the generator skips it.
The staging folder then holds only what this build rendered, and the swap is per file: each
staged file whose bytes differ from the output's replaces it (`os.replace`, atomic per file),
an identical one is dropped (the output keeps its file and date, so rsync and hosts upload
nothing), and files no generator produced or kept this time are removed. A
failed build still changes nothing. The price of the per-file swap: while it runs (a few
files, milliseconds), a reader may see some changed files and not yet others; a whole-folder
swap would cost a copy or hard-link tree of every unchanged file on every edit. Without a
record for this output folder (a first build, an edited or moved output), the build is
staged whole and swapped whole, as without INCREMENTAL_BUILD.
"""

from __future__ import annotations

import atexit
import filecmp
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from blinker import signal
from pelican import signals

# Sent with the Pelican object once every generator has written into the staging folder,
# before errors are counted and the folder is swapped in. Plugins that finish the output
# (the sitemap, compression, headers) connect here: `finalized` receivers run in no set
# order, so one of them could otherwise run after the swap, or its errors go uncounted.
output_written = signal("strict_build.output_written")
# Sent by a generator with `name` (the output's path in the output folder) and `key` (a hash of
# every input of that output) before rendering it. A receiver returns True when the previous
# build's file is still right: the generator then skips it. Unanswered, it renders as usual.
reuse_output = signal("strict_build.reuse_output")
RECORD_FILE = "outputs.json"
RECORD_VERSION = 1


class ErrorCounter(logging.Handler):
    """Counts ERROR and CRITICAL records logged anywhere during the build."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


logger = logging.getLogger(__name__)
counter = ErrorCounter()
# Attached on import, not in register(): Pelican imports every plugin before registering
# any, and an error loading a later plugin must fail the build too.
logging.getLogger().addHandler(counter)


class OutputRecord:
    """The last good build's files: name -> [key or None, size, mtime_ns] in the output."""

    def __init__(self, settings: dict[str, Any], target: Path) -> None:
        self.path = Path(settings["CACHE_PATH"]) / RECORD_FILE
        self.target = target
        self.previous: dict[str, list[Any]] | None = None
        self.keys: dict[str, str] = {}  # this build's keys, as generators sent them
        self.kept: set[str] = set()  # outputs this build did not render: the last build's
        self.enabled = settings.get("INCREMENTAL_BUILD", False)
        if self.enabled:
            self.previous = self._load()

    def _load(self) -> dict[str, list[Any]] | None:
        """The record, if it describes this output folder as it still is."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("version") != RECORD_VERSION or data.get("target") != str(self.target) \
                or not self.target.is_dir():
            return None
        return data["files"]

    def reuse(self, name: str, key: str) -> bool:
        """Note `key` for `name`; True if the output holds the file the same key made."""
        self.keys[name] = key
        entry = self.previous and self.previous.get(name)
        if not entry or entry[0] != key or _stat(f"{self.target}/{name}") != entry[1:]:
            return False
        self.kept.add(name)
        return True

    def save(self, names: set[str]) -> None:
        """Record `names`; a kept file's entry is the last one (its status was just checked)."""
        previous = self.previous or {}
        files = {name: previous[name] if name in self.kept else
                 [self.keys.get(name), *_stat(f"{self.target}/{name}")] for name in sorted(names)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"version": RECORD_VERSION, "target": str(self.target),
                                         "files": files}), encoding="utf-8")
        os.replace(temporary, self.path)


def _stat(path: str) -> list[int]:
    """Size and modification time: enough to tell a file nobody has touched since.
    (A string, not a Path: for a thousand outputs, pathlib's overhead was most of the cost.)"""
    try:
        stat = os.stat(path)
    except OSError:
        return [-1, -1]
    return [stat.st_size, stat.st_mtime_ns]


def _files(root: Path) -> set[str]:
    """Every file below `root`, as a '/'-separated name relative to it (os.walk: a third of
    the time pathlib's rglob took for a thousand folders)."""
    found = set()
    for folder, _folders, names in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        found.update(names if prefix == "." else (f"{prefix}/{name}" for name in names))
    return found


class StagedOutput:
    """Redirects Pelican's output into a sibling staging folder, swapped in at the end."""

    def __init__(self, pelican) -> None:
        self.target = Path(os.path.abspath(pelican.output_path))
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.staging-",
                                             dir=self.target.parent))
        self.retention = pelican.output_retention
        self.record = OutputRecord(pelican.settings, self.target)
        self.written = 0  # files whose bytes changed in the output (logged at the end)
        pelican.output_path = str(self.staging)
        atexit.register(self.discard)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def swap_in(self) -> None:
        """Put the staged build in place, whole or (incremental) file by file; record it."""
        staged = _files(self.staging)
        if self.record.previous is None:
            self._swap_whole()
            self.written = len(staged)
        else:
            self._swap_files(staged)
        if self.record.enabled:
            self.record.save(staged | self.record.kept)

    def _swap_files(self, staged: set[str]) -> None:
        """Changed files replace the output's; files no generator produced or kept go (but
        OUTPUT_RETENTION entries stay), as a whole swap leaves no stale file either."""
        for name in sorted(staged):
            source, target = self.staging / name, self.target / name
            if target.is_file() and filecmp.cmp(source, target, shallow=False):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            self.written += 1
        present = {name for name in _files(self.target)
                   if name.split("/", 1)[0] not in self.retention}
        for name in sorted(present - staged - self.record.kept):
            gone = self.target / name
            gone.unlink(missing_ok=True)
            for folder in gone.parents:
                if folder == self.target or any(folder.iterdir()):
                    break
                folder.rmdir()
        self.discard()

    def _swap_whole(self) -> None:
        """Replace the output folder by the staged build, keeping OUTPUT_RETENTION entries."""
        if self.target.is_dir():
            for name in self.retention:
                kept = self.target / name
                if kept.exists() and not (self.staging / name).exists():
                    os.replace(kept, self.staging / name)
            old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old-",
                                        dir=self.target.parent))
            os.replace(self.target, old / "site")
            os.replace(self.staging, self.target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(self.staging, self.target)
        # mkdtemp made the staging folder private; the published site must be readable.
        self.target.chmod(0o755)


_staged: StagedOutput | None = None


def start(pelican) -> None:
    global _staged
    if pelican.settings.get("STRICT_BUILD_STAGING", True):
        _staged = StagedOutput(pelican)


def answer_reuse(_generator, name: str, key: str) -> bool:
    """`reuse_output`'s receiver: only an incremental, staged build reuses anything."""
    return _staged is not None and _staged.record.reuse(name, key)


def finish(pelican) -> None:
    global _staged
    staged, _staged = _staged, None
    if not counter.count:
        output_written.send(pelican)
    errors, counter.count = counter.count, 0
    if errors:
        if staged:
            staged.discard()
        raise SystemExit(f"Build failed: {errors} error(s) were logged above. "
                         "Nothing was published; the previous output is unchanged.")
    if staged:
        staged.swap_in()
        logger.info("%d file(s) written to %s", staged.written, staged.target)


def register() -> None:
    signals.initialized.connect(start)
    signals.finalized.connect(finish)
    reuse_output.connect(answer_reuse)

"""strict_build: a Pelican build either succeeds completely or changes nothing.

Plain Pelican logs errors, skips what it could not read and exits 0, writing straight
into the output folder. With this plugin:
- any ERROR logged during the build fails it (exit status 1) once the build has run;
- the site is written into a staging folder beside the output folder and swapped in
  only when the build succeeded, so a failed build leaves the previous output intact
  and a successful one leaves no stale files behind.

List it first in `PLUGINS` so it also counts errors from loading the other plugins.
Settings: `STRICT_BUILD_STAGING` (default True) turns the staging folder off.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from pathlib import Path

from blinker import signal
from pelican import signals

# Sent with the Pelican object once every generator has written into the staging folder,
# before errors are counted and the folder is swapped in. Plugins that finish the output
# (fingerprints, compression, headers) connect here: `finalized` receivers run in no set
# order, so one of them could otherwise run after the swap, or its errors go uncounted.
output_written = signal("strict_build.output_written")


class ErrorCounter(logging.Handler):
    """Counts ERROR and CRITICAL records logged anywhere during the build."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


counter = ErrorCounter()
# Attached on import, not in register(): Pelican imports every plugin before registering
# any, and an error loading a later plugin must fail the build too.
logging.getLogger().addHandler(counter)


class StagedOutput:
    """Redirects Pelican's output into a sibling staging folder, swapped in at the end."""

    def __init__(self, pelican) -> None:
        self.target = Path(os.path.abspath(pelican.output_path))
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.staging-",
                                             dir=self.target.parent))
        self.retention = pelican.output_retention
        pelican.output_path = str(self.staging)
        atexit.register(self.discard)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def swap_in(self) -> None:
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


def register() -> None:
    signals.initialized.connect(start)
    signals.finalized.connect(finish)

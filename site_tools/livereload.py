"""The live preview behind `invoke livereload`: rebuild on every change, reload the browser.

- Watches content/, theme/, plugins/ and the settings with `watchfiles` (native file events),
  and says so (and serves) only once the watcher runs, so no edit after the message is lost.
- Builds in a build worker: a process forked from a warm "forkserver" that has already
  imported Pelican, Markdown, Jinja2 and PyYAML, but never our plugins. The worker stays
  between builds while only content/ and theme/ change: it keeps what it read of each
  content file in memory (treatment_pages' content cache), so an edit re-reads only the
  changed file, and the output record renders only the pages whose inputs changed (between
  builds it collects its garbage and freezes what survives, so a build's collections do not
  walk that content cache; set_aside_kept_objects). A change
  to anything else (plugins, settings) replaces the worker, which imports the plugins
  afresh, as does a build that crashed or took too long. Each build is still a whole Pelican
  run: staged, swapped in atomically, every problem reported. bench/edit_rebuild.py measures
  it (bench/results/edit-rebuild-1000.txt at N = 1,000 treatments).
- Serves the output folder. Into every HTML page it serves (never into the built files) it
  adds a small script that reloads the page when a build finishes, and, while the last
  build failed, a banner with the error: the strict_build plugin has left the last good
  output in place, so the editor keeps seeing the last good page.
"""

from __future__ import annotations

import contextlib
import gc
import html
import logging
import multiprocessing
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from .server import SiteRequestHandler, make_server

# Imported once by the forkserver; each build's child process then starts with them loaded.
# Public modules of the site's own dependencies only: never our plugins (each build must
# import them afresh), nor optional or test-only packages, nor a library's private modules.
PRELOAD = ["pelican", "pelican.generators", "pelican.readers", "pelican.writers", "markdown_it",
           "yaml", "jinja2", "markupsafe", "difflib", "encodings.unicode_escape", "brotli"]
EVENTS_PATH = "/__preview/events"
KEEPALIVE_SECONDS = 15
BUILD_TIMEOUT_SECONDS = 120
# How often the idle watcher wakes: its first wake-up says it is watching (rebuild_on_changes).
WATCH_TICK_MS = 250
RELOAD_SCRIPT = (f'<script>new EventSource("{EVENTS_PATH}").onmessage = '
                 "() => location.reload();</script>")
BANNER = ('<div role="alert" id="preview-build-error" style="position:sticky;top:0;z-index:99;'
          "margin:0;padding:1rem;background:#fde8e8;color:#611;border-bottom:4px solid #c00;"
          'font:1rem/1.4 system-ui,sans-serif"><strong>Preview: your last change did not '
          "build.</strong> You are seeing the last version that built. Fix the problem below "
          'and save; the page will reload.<pre style="white-space:pre-wrap;margin:.5rem 0 0">'
          "{message}</pre></div>")


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    message: str  # the problems, as printed in the terminal ("" after a good build)
    crashed: bool = False  # an unexpected exception: the worker's state is not to be reused


class _ErrorLog(logging.Handler):
    """Collects the ERROR lines logged during one build, for the banner."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _build(settings_file: str, template_cache: str) -> BuildResult:
    """One Pelican build, as `pelican -q -s SETTINGS` runs it, in the worker's process.

    Plus a Jinja bytecode cache shared by the session's builds (keyed by each template's
    source, so an edited template recompiles).
    """
    from jinja2 import FileSystemBytecodeCache
    from pelican import Pelican
    from pelican.settings import read_settings

    errors = _ErrorLog()
    logging.getLogger().addHandler(errors)
    try:
        settings = read_settings(settings_file)
        settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"],
                                         "bytecode_cache": FileSystemBytecodeCache(template_cache)}
        Pelican(settings).run()
        return BuildResult(errors.lines == [], "\n".join(errors.lines))
    except SystemExit as stop:  # strict_build and treatment_pages stop a failed build this way
        exit_message = stop.code if isinstance(stop.code, str) else ""
        if exit_message:
            print(exit_message, file=sys.stderr, flush=True)
        message = "\n".join([*errors.lines, exit_message]).strip()
        return BuildResult(stop.code in (None, 0), message)
    except Exception as error:  # a bug in a plugin or template: report it, keep serving
        logging.getLogger("pelican").critical("%s: %s", type(error).__name__, error,
                                              exc_info=True)
        return BuildResult(False, f"{type(error).__name__}: {error}", crashed=True)
    finally:
        logging.getLogger().removeHandler(errors)


def _serve_builds(root: str, settings_file: str, template_cache: str,
                  connection: Connection) -> None:
    """The build worker: one build per request on `connection`, each result sent back.

    Stops after a build that crashed: its plugins' state may be half-changed.
    """
    from pelican.log import init as init_logging

    os.chdir(root)
    init_logging(level=logging.WARNING, name="pelican")
    while connection.recv():
        result = _build(settings_file, template_cache)
        connection.send(result)
        if result.crashed:
            return
        set_aside_kept_objects()


def set_aside_kept_objects() -> None:
    """Collect the build's garbage now, while the editor reads, and freeze what survives
    (mostly the content cache in memory): otherwise the next build's own allocations start a
    full collection that walks all of it, on the way to the reload."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Builder:
    """Runs builds in a build worker forked from a preloaded forkserver, replaced when code
    or settings change (see the module docstring)."""

    def __init__(self, root: Path, settings_file: str, content: Iterable[str]) -> None:
        self.root, self.settings_file = root, settings_file
        # Folders whose changes a running worker can build (no code or setting in them).
        self.content = [root / folder for folder in content]
        self.template_cache = tempfile.TemporaryDirectory(prefix="preview-templates-")
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(PRELOAD)
        self.worker: BaseProcess | None = None
        self.connection: Connection | None = None

    def build(self, changed: Iterable[Path] = ()) -> BuildResult:
        """Build in the running worker, or in a new one when `changed` holds code or settings."""
        if any(not any(path.is_relative_to(folder) for folder in self.content)
               for path in changed):
            self.stop()
        if self.worker is None or not self.worker.is_alive():
            self.start()
        try:
            self.connection.send(True)
            if not self.connection.poll(BUILD_TIMEOUT_SECONDS):
                self.stop()
                return BuildResult(False, "the build took too long and was stopped")
            result = self.connection.recv()
        except (EOFError, BrokenPipeError):  # the worker died before reporting
            self.stop()
            return BuildResult(False, "the build stopped unexpectedly: see the terminal")
        if result.crashed:
            self.stop()
        return result

    def start(self) -> None:
        self.connection, theirs = self.context.Pipe()
        self.worker = self.context.Process(target=_serve_builds, daemon=True,
                                           args=(str(self.root), self.settings_file,
                                                 self.template_cache.name, theirs))
        self.worker.start()
        theirs.close()

    def stop(self) -> None:
        """End the worker (it holds no state that matters: the output record is on disk)."""
        if self.worker is None:
            return
        with contextlib.suppress(OSError):  # BrokenPipeError: it has already stopped
            self.connection.send(False)
        self.worker.join(timeout=5)
        if self.worker.is_alive():
            self.worker.kill()
            self.worker.join()
        self.connection.close()
        self.worker = self.connection = None


class PreviewState:
    """The last build's outcome and a counter browsers wait on to reload."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.generation = 0
        self.error = ""

    def publish(self, result: BuildResult) -> None:
        with self.changed:
            self.error = "" if result.ok else (result.message or "the build failed")
            self.generation += 1
            self.changed.notify_all()


def make_handler(state: PreviewState) -> type[SiteRequestHandler]:
    class PreviewHandler(SiteRequestHandler):
        """The site server, plus the reload script (and the error banner) in every HTML page."""

        def do_GET(self) -> None:
            if self.path == EVENTS_PATH:
                self.send_events()
            else:
                super().do_GET()

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def page_bytes(self, page: Path) -> bytes:
            text = page.read_text(encoding="utf-8")
            if state.error:
                banner = BANNER.format(message=html.escape(state.error))
                text = text.replace("<body>", "<body>\n" + banner, 1)
            return text.replace("</body>", RELOAD_SCRIPT + "\n</body>", 1).encode("utf-8")

        def send_events(self) -> None:
            """Server-sent events: one `reload` message after every build."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            with state.changed:
                seen = state.generation
            try:
                self.wfile.write(b"retry: 500\n\n")
                self.wfile.flush()
                while True:
                    with state.changed:
                        state.changed.wait_for(lambda last=seen: state.generation != last,
                                               timeout=KEEPALIVE_SECONDS)
                        news, seen = state.generation != seen, state.generation
                    self.wfile.write(b"data: reload\n\n" if news else b": keep-alive\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return PreviewHandler


def rebuild_on_changes(builder: Builder, root: Path, watched: Iterable[str],
                       on_result: Callable[[BuildResult], None],
                       on_watching: Callable[[], None] = lambda: None) -> None:
    """Rebuild on every change below the `watched` folders until Ctrl+C; content errors
    never stop it (`invoke livereload`, and `invoke regenerate` without a server).

    `on_watching` runs once the watcher is running (its first idle tick, or first change), so
    whatever it announces, an edit made after it is seen.
    """
    from watchfiles import watch

    watching = False
    with contextlib.suppress(KeyboardInterrupt):
        for changes in watch(*(root / path for path in watched), rust_timeout=WATCH_TICK_MS,
                             yield_on_timeout=True):
            if not watching:
                watching = True
                on_watching()
            if changes:
                on_result(builder.build(Path(path) for _change, path in changes))


def say_rebuilt(result: BuildResult) -> None:
    print("Rebuilt." if result.ok else "The build failed (problems above): output/ keeps the "
          "last good build.", file=sys.stderr, flush=True)


def regenerate(root: Path, settings_file: str, watched: Iterable[str],
               content: Iterable[str] = ("content", "theme")) -> None:
    """Build, then rebuild on every change, as the live preview does, with no server."""
    builder = Builder(root, settings_file, content)
    try:
        builder.build()
        rebuild_on_changes(builder, root, watched, say_rebuilt, lambda: print(
            f"Watching {', '.join(watched)} for changes. Press Ctrl+C to stop.", flush=True))
    finally:
        builder.stop()


def serve_with_live_reload(root: Path, settings_file: str, output: Path,
                           watched: Iterable[str], host: str, port: int,
                           content: Iterable[str] = ("content", "theme")) -> None:
    """Build, serve and keep rebuilding until Ctrl+C; content errors never stop it.

    `content`: the watched folders a running build worker rebuilds (code and settings are
    elsewhere: a change there starts a new worker).
    """
    builder, state = Builder(root, settings_file, content), PreviewState()
    first = builder.build()
    state.publish(first)
    if not first.ok:
        print("Fix the problems above; the preview will update when you save.", file=sys.stderr)
    output.mkdir(parents=True, exist_ok=True)
    server = make_server(output, host, port, make_handler(state))

    serving: list[threading.Thread] = []

    def serve() -> None:
        """Served, and said so, only once the watcher runs: a page seen is a page that updates."""
        serving.append(threading.Thread(target=server.serve_forever, daemon=True))
        serving[0].start()
        print(f"Preview at http://{host}:{port}/ — rebuilding on every change to "
              f"{', '.join(watched)}. Press Ctrl+C to stop.", file=sys.stderr, flush=True)

    def show(result: BuildResult) -> None:
        state.publish(result)
        say_rebuilt(result)

    try:
        rebuild_on_changes(builder, root, watched, show, serve)
    finally:
        if serving:  # shutdown() waits for serve_forever(), so only once it has started
            server.shutdown()
        server.server_close()
        builder.stop()

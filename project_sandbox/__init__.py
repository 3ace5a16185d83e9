"""A throw-away copy of the project, and a client for its live preview: for bench/ and tests.

The copy holds what a clinic's repository holds (content, plugins, theme, settings, tasks)
and a link to the repository's node_modules when it has one (pelicanconf.py finds the CMS
bundle beside itself); `site_tools` itself is imported from the installed package.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from site_tools import ROOT
from site_tools.livereload import EVENTS_PATH

PROJECT_FILES = ("plugins", "theme", "pelicanconf.py", "tasks.py")
NODE_MODULES = "node_modules"


def copy_project(target: Path, content: Path, checkout: Path = ROOT) -> Path:
    """Copy the code and settings of `checkout` (this repository, or another checkout that
    bench/ compares with) into `target` (created), without caches, with `content` as its
    content/ folder (tests pass a fixture site, bench the site it measures)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(content, target / "content")
    for name in PROJECT_FILES:
        source = checkout / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    if (checkout / NODE_MODULES).is_dir():  # linked, not copied: large, and only read
        (target / NODE_MODULES).symlink_to(checkout / NODE_MODULES, target_is_directory=True)
    return target


@contextmanager
def running_preview(project: Path, command: list[str]) -> Iterator[tuple[int, subprocess.Popen]]:
    """Run a live-preview `command` in `project` on a free port until the block ends.

    Yields the port and the process once the preview serves its first build.
    """
    port = free_port()
    server = subprocess.Popen(command, cwd=project, env={**os.environ, "PORT": str(port)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_server(port, server)
        yield port, server
    finally:
        server.terminate()
        server.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_server(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until the preview accepts connections (after its first build)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"livereload exited with status {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("livereload did not start serving in time")


def page(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/")
    return connection.getresponse().read().decode("utf-8")


def open_events(port: int) -> http.client.HTTPResponse:
    """The preview's server-sent event stream, read past its opening `retry:` line."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", EVENTS_PATH)
    stream = connection.getresponse()
    stream.readline()
    stream.readline()
    return stream


def wait_for_reload(stream: http.client.HTTPResponse) -> None:
    while (line := stream.readline()) and line.strip() != b"data: reload":
        pass
    if not line:
        raise RuntimeError("the preview closed its event stream")

"""The one local web server: serves a built site as a static host would.

`invoke serve`, the live preview (`livereload.py`), Lighthouse and the browser tests all use
it, so every one of them answers a missing address the same way: the site's `404.html` with
status 404 (under `/es/`, the Spanish `es/404.html`). The live preview subclasses
`SiteRequestHandler` to rewrite HTML as it is sent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Serves the output folder like a static host: a missing path gets 404.html with status 404.

    Every HTML response goes through `page_bytes`, which subclasses override to change what
    is sent (never the files on disk).
    """

    # The CMS's admin/config.yml: Decap reads it either way, but logs a warning without.
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map,
                                                ".yml": "text/yaml"}

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal and the test output stay for problems."""

    def html_file(self) -> Path | None:
        """The HTML file this request names (a folder's index.html), if there is one."""
        target = Path(self.translate_path(self.path))
        if target.is_dir() and urlsplit(self.path).path.endswith("/"):
            target = target / "index.html"
        return target if target.suffix == ".html" and target.is_file() else None

    def do_GET(self) -> None:
        self.serve(super().do_GET)

    def do_HEAD(self) -> None:
        self.serve(super().do_HEAD)

    def serve(self, otherwise: Callable[[], None]) -> None:
        """An HTML page through `send_page`; anything else as `otherwise` (the base class) does."""
        page = self.html_file()
        if page:
            self.send_page(page, HTTPStatus.OK)
        else:
            otherwise()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found_page()
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        self.send_page(page, HTTPStatus.NOT_FOUND)

    def not_found_page(self) -> Path:
        """The 404 page in the language of the address asked for: `/es/…` gets
        `es/404.html` when the site has one, any other address the site's `404.html`."""
        root = Path(self.directory)
        first = urlsplit(self.path).path.strip("/").split("/")[0]
        translated = root / first / "404.html"
        return translated if first and translated.is_file() else root / "404.html"

    def page_bytes(self, page: Path) -> bytes:
        """The bytes sent for an HTML file: the file as built."""
        return page.read_bytes()

    def send_page(self, page: Path, status: HTTPStatus) -> None:
        body = self.page_bytes(page)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 0,
                handler: type[SiteRequestHandler] = SiteRequestHandler) -> ThreadingHTTPServer:
    """A threading server for `directory` (port 0: any free port)."""
    ThreadingHTTPServer.allow_reuse_address = True
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(directory)))
    server.daemon_threads = True
    return server


@contextmanager
def serving(directory: Path, handler: type[SiteRequestHandler] = SiteRequestHandler
            ) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 on a free port in a background thread; yields the base URL."""
    server = make_server(directory, handler=handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

"""`invoke cms`: decap-server on this repository beside the live preview, for an editor
without a GitHub login.

A tool, not the build: the CMS's configuration and /admin/ are the `cms_admin` plugin's
(`cms_admin.config`), which imports nothing from site_tools.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from cms_admin.config import ADMIN_DIR, DEFAULT_DECAP_DIST
from site_tools import ROOT

# This repository's bundle (what pelicanconf.py's CMS_DECAP_DIST names) and decap-server.
DECAP_DIST = ROOT / DEFAULT_DECAP_DIST
DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
LOCAL_BACKEND_PORT = 8081  # Decap's default for `local_backend: true`


def run_local_cms(root: Path, serve_preview: Callable[[], None], host: str, port: int) -> None:
    """Run decap-server on this repository beside `serve_preview()` (the live preview).

    decap-server listens on 127.0.0.1 only and answers only the preview's origin: it writes
    into the working tree (no commit, no pull request), so the editor sees each save in the
    preview and commits with git, or leaves that to someone who does.
    """
    if not DECAP_SERVER.exists():
        raise SystemExit(f"{DECAP_SERVER} is missing: run `npm ci` first.")
    env = {**os.environ, "PORT": str(LOCAL_BACKEND_PORT), "BIND_HOST": "127.0.0.1",
           "ORIGIN": f"http://{host}:{port}", "GIT_REPO_DIRECTORY": str(root)}
    backend = subprocess.Popen([str(DECAP_SERVER)], cwd=root, env=env)
    print(f"The CMS: http://{host}:{port}/{ADMIN_DIR}/ — the page: http://{host}:{port}/ "
          "(open them side by side). Press Ctrl+C to stop.", flush=True)
    try:
        serve_preview()
    finally:
        backend.terminate()
        backend.wait()

"""Authoring and checking tools around the build: not Pelican plugins, never in PLUGINS.

- `check`: `invoke check`, strict validation plus the editorial lint (`lint/`).
- `scaffold`: `invoke new-treatment`. `docs`: `invoke docs`.
- `server`: the one local web server; `livereload`: `invoke livereload` on top of it.
- `lighthouse`: `invoke lighthouse` and the browser tests' Chromium settings.
"""

from pathlib import Path

# The repository these tools are installed from (editable): node_modules/, test-artifacts/,
# and the project files a sandbox copies. The one definition; everything else imports it.
ROOT = Path(__file__).resolve().parent.parent

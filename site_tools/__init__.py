"""Authoring and checking tools around the build: not Pelican plugins, never in PLUGINS.

- `check`: `invoke check`, strict validation plus the editorial lint (`lint/`).
- `scaffold`: `invoke new-treatment`. `docs`: `invoke docs`.
- `server`: the one local web server; `livereload`: `invoke livereload` on top of it.
- `lighthouse`: `invoke lighthouse` and the browser tests' Chromium settings.
"""

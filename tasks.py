"""Tasks for editors and CI, named as pelican-quickstart names them (run `invoke --list`).

Every task that builds fails (non-zero exit) on any content problem, with the same
`path:line: field: message — hint` lines as `pelican` itself.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

ROOT = Path(__file__).resolve().parent
SETTINGS_FILE_BASE = "pelicanconf.py"
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(str(ROOT / SETTINGS_FILE_BASE))}

CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": "publishconf.py",
    "deploy_path": SETTINGS["OUTPUT_PATH"],
    "host": os.environ.get("HOST", "127.0.0.1"),
    "port": int(os.environ.get("PORT", "8000")),
}
WATCHED = ("content", "theme", "plugins", SETTINGS_FILE_BASE)


def pelican_run(arguments: str) -> None:
    """Run Pelican in this process; a content problem exits non-zero with its message."""
    pelican_main(shlex.split(arguments))


def build_in_subprocess() -> bool:
    """One fresh build, so edited plugins are re-imported; prints problems, returns success."""
    result = subprocess.run([sys.executable, "-m", "pelican", "-q", "-s", CONFIG["settings_base"]],
                            cwd=ROOT, check=False)
    return result.returncode == 0


@task
def clean(c):
    """Remove the generated site."""
    if os.path.isdir(CONFIG["deploy_path"]):
        shutil.rmtree(CONFIG["deploy_path"])


@task
def build(c):
    """Build the site into output/ (fails on any content problem)."""
    pelican_run("-s {settings_base}".format(**CONFIG))


@task
def rebuild(c):
    """`clean`, then `build`."""
    clean(c)
    build(c)


@task
def regenerate(c):
    """Rebuild whenever content/, theme/ or plugins/ change; problems are printed, not fatal."""
    from watchfiles import watch

    build_in_subprocess()
    print(f"Watching {', '.join(WATCHED)} for changes. Press Ctrl+C to stop.", flush=True)
    for _changes in watch(*(ROOT / p for p in WATCHED)):
        print("Change detected: rebuilding…", flush=True)
        build_in_subprocess()


@task
def serve(c):
    """Serve output/ at http://127.0.0.1:8000/ (HOST and PORT override)."""

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(CONFIG["deploy_path"], (CONFIG["host"], CONFIG["port"]),
                                   ComplexHTTPRequestHandler)
    print("Serving at http://{host}:{port}/ — press Ctrl+C to stop.".format(**CONFIG),
          file=sys.stderr)
    server.serve_forever()


@task
def reserve(c):
    """`build`, then `serve`."""
    build(c)
    serve(c)


@task
def preview(c):
    """Build the production version of the site (publishconf.py)."""
    pelican_run("-s {settings_publish}".format(**CONFIG))


@task
def livereload(c):
    """Serve the site and reload the browser after every change to content, theme or plugins."""
    from livereload import Server

    if not build_in_subprocess():
        print("Fix the problems above; the preview will update when you save.", file=sys.stderr)
    server = Server()
    for path in WATCHED:
        server.watch(str(ROOT / path), build_in_subprocess)
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["deploy_path"])


@task
def publish(c):
    """Publish the production build by rsync (not configured yet)."""
    sys.exit("publish is not configured yet: see the publishing issue; nothing was published.")


@task
def gh_pages(c):
    """Publish the production build to GitHub Pages (not configured yet)."""
    sys.exit("gh-pages is not configured yet: see the publishing issue; nothing was published.")


@task(help={"format": "text (default) or json"})
def check(c, format="text"):
    """Validate all content and run the editorial lint; exits non-zero only on errors."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from editorial_lint.report import run_check

    sys.exit(run_check(ROOT / SETTINGS["PATH"], SETTINGS, format))


@task(help={"args": "extra arguments for pytest, e.g. \"-k faq -x\""})
def test(c, args=""):
    """Run the whole test suite."""
    c.run(f"{shlex.quote(sys.executable)} -m pytest {args}", pty=False)


@task
def docs(c):
    """Regenerate the field reference in docs/editing.md from the schema."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from treatment_pages.schema import write_reference

    write_reference(ROOT / "docs" / "editing.md")

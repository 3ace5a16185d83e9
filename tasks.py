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
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from invoke import task
from pelican import main as pelican_main
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

from site_tools.build import pelican_command

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


@task(name="clean")
def clean_output(c):
    """Remove the generated site."""
    if os.path.isdir(CONFIG["deploy_path"]):
        shutil.rmtree(CONFIG["deploy_path"])


@task
def build(c, clean=False):
    """Build the site into output/ (fails on any content problem).

    Incremental: only pages whose inputs changed are rendered, only changed files written.
    --clean builds from nothing (no output, no content cache read), as releases do.
    """
    if clean:
        clean_output(c)
    from_nothing = " -e LOAD_CONTENT_CACHE=false" if clean else ""
    pelican_run("-s {settings_base}".format(**CONFIG) + from_nothing)


@task
def rebuild(c):
    """`clean`, then `build`."""
    clean_output(c)
    build(c)


@task
def regenerate(c):
    """Rebuild whenever content/, theme/ or plugins/ change; problems are printed, not fatal."""
    from site_tools.livereload import regenerate as rebuild_on_change

    rebuild_on_change(ROOT, CONFIG["settings_base"], WATCHED)


@task
def serve(c):
    """Serve output/ at http://127.0.0.1:8000/ (HOST and PORT override)."""

    from site_tools.server import make_server

    server = make_server(ROOT / CONFIG["deploy_path"], CONFIG["host"], CONFIG["port"])
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
    """Serve the site, rebuild on every change to content, theme or plugins, reload the browser.

    A failed build is printed and shown as a banner on the served page (never in output/),
    over the last good build.
    """
    from site_tools.livereload import serve_with_live_reload

    serve_with_live_reload(ROOT, CONFIG["settings_base"], ROOT / CONFIG["deploy_path"], WATCHED,
                           CONFIG["host"], CONFIG["port"])


@task
def cms(c):
    """Edit in the CMS without a GitHub login: decap-server on this repository, beside the
    live preview. Open http://127.0.0.1:8000/admin/ and http://127.0.0.1:8000/ side by side;
    each save writes the file here (no commit) and the preview reloads.
    """
    from site_tools.cms import run_local_cms
    from site_tools.livereload import serve_with_live_reload

    run_local_cms(ROOT, lambda: serve_with_live_reload(
        ROOT, CONFIG["settings_base"], ROOT / CONFIG["deploy_path"], WATCHED, CONFIG["host"],
        CONFIG["port"]), CONFIG["host"], CONFIG["port"])


RELEASE_HELP = {
    "siteurl": "the site's absolute address (default: the SITEURL environment variable)",
    "allow_placeholders": "publish even though contact or reviewer details are placeholders",
}


def refuse(message: str) -> NoReturn:
    sys.exit(f"{message}\nNothing was published; the live site is unchanged.")


def build_release(dest: Path, siteurl: str, allow_placeholders: bool) -> None:
    """Run the publishing gate, `invoke check --release`, then build with publishconf.py.

    The gate refuses placeholder details and text (`--allow-placeholders`: plain `invoke
    check` instead, for a test site). Exits with a message at the first failure; `dest` is
    only replaced by a complete build.
    """
    siteurl = siteurl or os.environ.get("SITEURL", "")
    if not siteurl:
        refuse("Set the site's address: --siteurl https://www.example.com or SITEURL=….")
    gate = ["check"] if allow_placeholders else ["check", "--release"]
    if subprocess.run([sys.executable, "-m", "invoke", *gate], cwd=ROOT).returncode:
        refuse(f"`.venv/bin/invoke {' '.join(gate)}` found problems (listed above).")
    built = subprocess.run(pelican_command(CONFIG["settings_publish"], "-q", output=dest),
                           cwd=ROOT, env={**os.environ, "SITEURL": siteurl}, check=False)
    if built.returncode:
        refuse("The production build failed (problems listed above).")


@contextmanager
def staged_release(siteurl: str, allow_placeholders: bool) -> Iterator[Path]:
    """A checked production build in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="release-") as folder:
        site = Path(folder) / "site"
        build_release(site, siteurl, allow_placeholders)
        yield site


def is_remote(target: str) -> bool:
    """rsync's rule: a colon before the first slash names a host (user@host:/path)."""
    return ":" in target.split("/", 1)[0]


@task(help={"dest": "folder to build into", **RELEASE_HELP})
def stage(c, dest, siteurl="", allow_placeholders=False):
    """Check and build a release into DEST without publishing it (CI uploads it)."""
    build_release(Path(dest).resolve(), siteurl, allow_placeholders)


@task(help={"target": "rsync destination, user@host:/path or a folder "
                      "(default: the PUBLISH_TARGET environment variable)", **RELEASE_HELP})
def publish(c, target="", siteurl="", allow_placeholders=False):
    """Check, build and rsync the production site; the live copy is never half-updated."""
    target = target or os.environ.get("PUBLISH_TARGET", "")
    if not target:
        refuse("No publish target: pass --target user@host:/path or set PUBLISH_TARGET.")
    if shutil.which("rsync") is None:
        refuse("rsync is not installed (Debian: apt-get install rsync).")
    local = None if is_remote(target) else Path(target)
    if local and local.is_dir() and any(local.iterdir()) and not (local / "index.html").exists():
        refuse(f"{target} is not empty and holds no index.html: it does not look like this "
               "site, and publishing would delete its files.")
    with staged_release(siteurl, allow_placeholders) as site:
        # --delay-updates: new files land under temporary names and are renamed into place
        # together at the end; --delete-after: old files go only after that.
        synced = subprocess.run(
            ["rsync", "--recursive", "--links", "--times", "--checksum", "--chmod=D755,F644",
             "--delay-updates", "--delete-after", f"{site}/", target.rstrip("/") + "/"],
            check=False)
    if synced.returncode:
        sys.exit(f"rsync failed (exit {synced.returncode}): see its message above.")
    print(f"Published to {target}.")


@task(help={"remote": "git remote or URL (default: GH_PAGES_REMOTE, else origin)",
            "branch": "branch to publish (default: GH_PAGES_BRANCH, else gh-pages)",
            **RELEASE_HELP})
def gh_pages(c, remote="", branch="", siteurl="", allow_placeholders=False):
    """Check, build and push the production site to a GitHub Pages branch with ghp-import."""
    remote = remote or os.environ.get("GH_PAGES_REMOTE", "origin")
    branch = branch or os.environ.get("GH_PAGES_BRANCH", "gh-pages")
    with staged_release(siteurl, allow_placeholders) as site:
        # One commit holding the whole site, pushed at once: the branch is never half-updated.
        pushed = subprocess.run(
            [sys.executable, "-m", "ghp_import", "--no-jekyll", "--push", "--force",
             "--remote", remote, "--branch", branch, "--message", "Publish the site", str(site)],
            cwd=ROOT, check=False)
    if pushed.returncode:
        sys.exit(f"ghp-import failed (exit {pushed.returncode}): see its message above.")
    print(f"Published to branch {branch} of {remote}.")


PROFILE_HELP = ("thresholds: nhs (default: the NHS content style guide), pif (reading age 9 "
                "to 11) or easy-read (sentences of at most 15 words, one idea each)")


@task(help={"format": "text (default) or json",
            "release": "the publishing gate: unacknowledged placeholder.* findings are errors",
            "profile": PROFILE_HELP})
def check(c, format="text", release=False, profile="nhs"):
    """Validate all content and run the editorial lint; exits non-zero only on errors."""
    from site_tools.check import run_check

    sys.exit(run_check(ROOT / SETTINGS["PATH"], SETTINGS, format, release, profile))


@task(help={"base": "the commit, branch or tag to compare with, e.g. origin/main (required)",
            "head": "compare this commit instead of the working copy",
            "output": "also write the Markdown to this file (GITHUB_STEP_SUMMARY, when set, "
                      "gets it appended too)"})
def diff(c, base, head="", output=""):
    """Print, as Markdown, what patients will read differently since BASE, page by page."""
    from site_tools.diff import run_diff

    sys.exit(run_diff(ROOT / SETTINGS["PATH"], SETTINGS, base, head,
                      Path(output) if output else None))


@task(help={"release": "the publishing gate: `invoke check --release` (CI passes it on main)",
            "all": "check every page, not only those changed since a gate passed them"})
def verify(c, release=False, all=False):
    """The content gate: build, check, and the changed pages in Chromium and the validators.

    --all checks every page, not only those whose bytes changed since a gate passed them.
    """
    from site_tools.verify.gate import run_gate

    sys.exit(run_gate(ROOT, CONFIG["settings_base"], release, everything=all))


REPORT_FILE = "test-artifacts/standards-report.html"


@task(help={"output": f"the HTML file to write (default: {REPORT_FILE}; never inside output/)",
            "profile": PROFILE_HELP})
def report(c, output=REPORT_FILE, profile="nhs"):
    """Write the standards report (NHS standard, PIF TICK) for every page; not published."""
    from site_tools.report import run_report
    from site_tools.verify.record import GATE_FILE

    sys.exit(run_report(ROOT / SETTINGS["PATH"], SETTINGS, ROOT / output,
                        ROOT / CONFIG["deploy_path"], profile, ROOT / GATE_FILE))


@task(help={"args": "extra arguments for pytest, e.g. \"-k faq -x\""})
def test(c, args=""):
    """Run the whole test suite."""
    c.run(f"{shlex.quote(sys.executable)} -m pytest {args}", pty=False)


@task(help={"name": "the treatment's name, e.g. \"Nerve Blocks\"",
            "slug": "the web address (lower-case Latin letters, digits, hyphens); by default "
                    "made from the name"})
def new_treatment(c, name, slug=""):
    """Create content/<slug>/ with page.md and every section file, ready to fill in."""
    from site_tools.scaffold import create_treatment

    try:
        files = create_treatment(ROOT / SETTINGS["PATH"], name, slug, SETTINGS)
    except (FileExistsError, ValueError) as refusal:
        sys.exit(str(refusal))
    except OSError as error:
        sys.exit(f"Could not create the treatment folder: {error.strerror} ({error.filename}). "
                 "Nothing was changed.")
    print(f"Created {files[0].parent.relative_to(ROOT)}/ with {len(files)} files. Choose each "
          "indication's approval (approved or off-label: the build asks for it), replace every "
          "'Replace with' text, have the reviewer set last_reviewed and next_review_due, then "
          "run `.venv/bin/invoke check`.")


@task(help={"treatment": "the treatment's folder name, e.g. therapeutic-botox",
            "lang": "the language tag, e.g. es (listed in practice.md's `languages:`)"})
def new_translation(c, treatment, lang):
    """Create the translation files of a treatment in a language, with source_commit set."""
    from datetime import date

    from site_tools.scaffold import create_translation
    from treatment_pages.loading import load_site
    from treatment_pages.revisions import HistoryUnavailable, Repository

    content = ROOT / SETTINGS["PATH"]
    site, _ = load_site(content, SETTINGS)
    if lang not in site.languages[1:]:
        sys.exit(f"'{lang}' is not one of the translated languages in practice.md's "
                 f"`languages:` ({', '.join(site.languages) or 'none'}): add it there first.")
    found = next((t for t in site.treatments if t.folder.name == treatment), None)
    if found is None:
        sys.exit(f"No treatment folder '{treatment}' in {SETTINGS['PATH']}/: use one of "
                 f"{', '.join(t.folder.name for t in site.treatments)}.")
    try:
        with Repository(content) as repository:
            commit = repository.resolve("HEAD")
    except HistoryUnavailable as reason:
        sys.exit(f"The source commit cannot be set: {reason}.")
    files = create_translation(site, found, lang, commit, date.today())
    print(f"Created {len(files)} file(s) with source_commit {commit[:7]}: "
          f"{', '.join(p.name for p in files) or 'none (all exist)'}. Translate every text, "
          "name the translator and checkers in page." + lang + ".md, then run `invoke check`.")


@task
def docs(c):
    """Regenerate the field and lint-rule references in docs/editing.md from their sources."""
    from site_tools.docs import write_guide

    write_guide(ROOT / "docs" / "editing.md")


@task
def lighthouse(c):
    """Build, serve on a free port and score with Lighthouse (mobile); fails below 100 in any."""
    from site_tools.lighthouse import LIGHTHOUSE, LIGHTHOUSE_REPORTS, lighthouse_scores
    from site_tools.server import serving

    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci` first.")
    build(c)
    with serving(ROOT / CONFIG["deploy_path"]) as url:
        scores = lighthouse_scores(url)
    print(f"Lighthouse (median of 3 runs; reports in {LIGHTHOUSE_REPORTS}): {scores}")
    below = {name: score for name, score in scores.items() if score < 100}
    if below:
        sys.exit(f"Lighthouse scores below 100: {below}")

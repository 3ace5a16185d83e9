"""`invoke livereload` on a real project copy: reloads, error banner, last good build, plugins."""

from __future__ import annotations

import http.client
import queue
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from project_sandbox import copy_project, open_events, running_preview, wait_for_reload
from site_tools.livereload import EVENTS_PATH
from tests.support.helpers import INVOKE, TREATMENT, clinic_content, replace


@dataclass
class Preview:
    project: Path
    port: int
    server: subprocess.Popen

    def get(self, path: str = "/") -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")

    def built(self, name: str = "index.html") -> str:
        return (self.project / "output" / name).read_text(encoding="utf-8")


@pytest.fixture
def preview(project: Path) -> Iterator[Preview]:
    with running_preview(project, [*INVOKE, "livereload"]) as (port, server):
        yield Preview(project, port, server)


@pytest.fixture
def clinic_preview(tmp_path: Path) -> Iterator[Preview]:
    """The live preview of a clinic of three treatments, whose pages link to each other."""
    project = copy_project(tmp_path / "project", clinic_content(tmp_path / "clinic"))
    with running_preview(project, [*INVOKE, "livereload"]) as (port, server):
        yield Preview(project, port, server)


def test_served_pages_reload_but_built_files_stay_clean(preview):
    status, page = preview.get()
    assert status == 200
    assert f'new EventSource("{EVENTS_PATH}")' in page
    assert "EventSource" not in preview.built()
    status, missing = preview.get("/no-such-page/")
    assert status == 404 and "EventSource" in missing


def test_content_error_shows_a_banner_over_the_last_good_build(preview):
    faq = preview.project / "content" / TREATMENT / "faq.md"
    good = faq.read_text(encoding="utf-8")
    events = open_events(preview.port)
    faq.write_text(good.replace("- question: How many", "- questoin: How many"),
                   encoding="utf-8")
    wait_for_reload(events)
    _, page = preview.get()
    assert 'id="preview-build-error"' in page
    assert "faq[3].questoin: unknown field" in page
    assert "How many Botox sessions will I need?" in page  # the last good build
    assert "preview-build-error" not in preview.built()
    assert preview.server.poll() is None
    faq.write_text(good.replace("How many Botox sessions", "How many Botox visits"),
                   encoding="utf-8")
    wait_for_reload(events)
    _, page = preview.get()
    assert "preview-build-error" not in page
    assert "How many Botox visits will I need?" in page


def test_plugin_edits_apply_without_a_restart(preview):
    schema = preview.project / "plugins" / "treatment_pages" / "schema.py"  # the labels' home
    events = open_events(preview.port)
    text = schema.read_text(encoding="utf-8")
    assert '"FDA-approved use"' in text
    schema.write_text(text.replace('"FDA-approved use"', '"FDA-approved use (edited plugin)"'),
                      encoding="utf-8")
    wait_for_reload(events)
    assert "FDA-approved use (edited plugin)" in preview.get()[1]


def wait_for_line(lines: queue.Queue[str], wanted: str, seen: list[str],
                  timeout: float = 120) -> None:
    """Take lines (read from the watcher by a thread) until one holds `wanted`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line)
        if wanted in line:
            return
    raise AssertionError(f"no {wanted!r} within {timeout} s:\n{''.join(seen)}")


def test_regenerate_rebuilds_on_each_change_and_survives_a_content_error(project):
    """`invoke regenerate`: the live preview's builds, with no server."""
    faq = project / "content" / TREATMENT / "faq.md"
    good = faq.read_text(encoding="utf-8")
    seen: list[str] = []
    watcher = subprocess.Popen([*INVOKE, "regenerate"], cwd=project, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in watcher.stdout],
                     daemon=True).start()
    try:
        wait_for_line(lines, "Watching", seen)
        # Once, right after the message: it is printed only once the watcher runs.
        faq.write_text(good.replace("- question: How many", "- questoin: How many"),
                       encoding="utf-8")
        wait_for_line(lines, "The build failed", seen, timeout=60)
        assert "faq.md" in "".join(seen) and "questoin" in "".join(seen)
        faq.write_text(good.replace("How many Botox sessions", "How many sessions"),
                       encoding="utf-8")
        wait_for_line(lines, "Rebuilt.", seen, timeout=60)
        page = (project / "output" / "index.html").read_text(encoding="utf-8")
        assert "How many sessions will I need?" in page
        assert watcher.poll() is None  # still watching
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)


def test_what_the_build_worker_keeps_follows_every_edit(clinic_preview):
    """The build worker keeps, between edits, what it read of each file and which templates
    each template uses: another page's new title still reaches every page that links to it, a
    file it kept still reports a new problem, and an edited template still shows."""
    preview, content = clinic_preview, clinic_preview.project / "content"
    events = open_events(preview.port)
    replace(content / "fixture-nerve-blocks" / "page.md", "title: Fixture Nerve Blocks\n",
            "title: Fixture Nerve Blocks Renamed\n")
    wait_for_reload(events)
    for page in ("/", "/treatments/", "/fixture-treatment/"):
        assert "Fixture Nerve Blocks Renamed" in preview.get(page)[1], page
    questions = content / "fixture-treatment" / "questions.md"
    replace(questions, "  - question: Is", "  - questoin: Is")
    wait_for_reload(events)
    assert "faq[1].questoin: unknown field" in preview.get("/fixture-treatment/")[1]
    replace(questions, "  - questoin: Is", "  - question: Is")
    wait_for_reload(events)
    assert "preview-build-error" not in preview.get("/fixture-treatment/")[1]
    # A template that starts to include a new one: a later edit to that one alone shows.
    templates = preview.project / "theme" / "templates"
    (templates / "components" / "marker.html").write_text("<p>marker one</p>\n",
                                                          encoding="utf-8")
    replace(templates / "treatment.html", "{{ review.render(meta) }}\n",
            '{{ review.render(meta) }}\n{% include "components/marker.html" %}\n')
    wait_for_reload(events)
    assert "marker one" in preview.get("/fixture-treatment/")[1]
    (templates / "components" / "marker.html").write_text("<p>marker two</p>\n",
                                                          encoding="utf-8")
    wait_for_reload(events)
    assert "marker two" in preview.get("/fixture-treatment/")[1]

"""`invoke livereload` on a real project copy: reloads, error banner, last good build, plugins."""

from __future__ import annotations

import http.client
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from project_sandbox import open_events, running_preview, wait_for_reload
from site_tools.livereload import EVENTS_PATH
from tests.support.helpers import INVOKE, SECTION


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


def test_served_pages_reload_but_built_files_stay_clean(preview):
    status, page = preview.get()
    assert status == 200
    assert f'new EventSource("{EVENTS_PATH}")' in page
    assert "EventSource" not in preview.built()
    status, missing = preview.get("/no-such-page/")
    assert status == 404 and "EventSource" in missing


def test_content_error_shows_a_banner_over_the_last_good_build(preview):
    faq = preview.project / "content" / SECTION / "faq.md"
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

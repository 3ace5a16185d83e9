"""The CMS in production: the workflow's settings reach the CMS configuration, a missing one
stops the build by name, and `CMS = False` publishes no /admin/ at all."""

from __future__ import annotations

import shutil

import pytest
import yaml

from site_tools.cms import DECAP_DIST
from tests.publishing.hosting import production_build
from tests.support.helpers import ROOT, SAMPLE_SITE, replace, run_pelican
from tests.support.tools import require_tool


def test_a_production_build_writes_the_repository_and_sign_in_address(tmp_path):
    require_tool(DECAP_DIST / "decap-cms.js", "install the node tools with `npm ci` (needs npm)")
    built = production_build(SAMPLE_SITE, tmp_path / "output")
    assert built.returncode == 0, built.log
    config = yaml.safe_load((built.output / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "springfield-pain/website"
    assert config["backend"]["base_url"] == "https://auth.springfield-pain.org"


@pytest.mark.parametrize(("variable", "setting"), [("GITHUB_REPOSITORY", "CMS_REPO"),
                                                   ("CMS_AUTH_URL", "CMS_AUTH_URL")])
def test_a_production_build_without_a_cms_setting_fails_naming_it(
        tmp_path, monkeypatch, variable, setting):
    monkeypatch.delenv(variable)
    built = production_build(SAMPLE_SITE, tmp_path / "output")
    assert built.returncode != 0
    assert f"the CMS is on but {setting} is not set" in built.log
    assert variable in built.log and "CMS = False" in built.log
    assert not (tmp_path / "output").exists()


def test_cms_false_builds_no_admin_even_without_its_settings(project, tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_REPOSITORY")
    monkeypatch.delenv("CMS_AUTH_URL")
    shutil.copy(ROOT / "publishconf.py", project / "publishconf.py")
    replace(project / "pelicanconf.py", "CMS = True", "CMS = False")
    monkeypatch.setenv("SITEURL", "https://clinic.example.org")
    for settings in ("pelicanconf.py", "publishconf.py"):
        output = tmp_path / settings
        built = run_pelican(project / "content", output, settings=settings, cwd=project)
        assert built.returncode == 0, built.log
        assert not (output / "admin").exists()
        assert "/admin/" not in (output / "index.html").read_text(encoding="utf-8")


def test_markdown_fields_open_as_raw_markdown_only(content):
    """Decap opens rich text whenever a field allows it (and remembers the last mode in the
    browser), and rich text saves a typed **bold** escaped: raw is the one mode offered."""
    from cms_admin.config import config

    settings = {"CMS_REPO": "clinic/site", "CMS_BRANCH": "main", "CMS_AUTH_URL": ""}
    found = []

    def walk(fields):
        for field in fields:
            if field.get("widget") == "markdown":
                found.append(field["modes"])
            walk(field.get("fields", []))

    for collection in config(content, settings)["collections"]:
        for entry in collection["files"]:
            walk(entry["fields"])
    assert found and all(modes == ["raw"] for modes in found)

"""`invoke publish` (rsync) and `invoke gh-pages` (ghp-import), for real, into local targets.

Each deploys only a checked, complete production build; a refused or failed run leaves the
target exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.helpers import (
    DATA,
    PLACEHOLDER_FILES,
    TREATMENT,
    invoke,
    line_of,
    make_details_real,
    replace,
)
from tests.support.tools import require_command

from .hosting import SITEURL, production_build


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every entry below `root` (hidden ones too) with its bytes and modification time."""
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else b"",
                                             p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*"))}


def contents(root: Path) -> dict[str, bytes]:
    return {name: data for name, (data, _) in snapshot(root).items() if (root / name).is_file()}


def expected_site(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """What the project's content builds to: production builds are byte-identical."""
    result = production_build(project / "content", tmp_path / "expected")
    assert result.returncode == 0, result.log
    return contents(result.output)


def publish(project: Path, target: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return invoke(project, "publish", "--target", str(target), "--siteurl", SITEURL, *options)


def test_publish_refuses_fictional_details_behind_a_false_flag(release_project, published):
    for name in PLACEHOLDER_FILES:
        replace(release_project / name, "placeholder: true", "placeholder: false")
    before = snapshot(published)
    result = publish(release_project, published)
    assert result.returncode != 0
    assert "content/practice.md" in result.stderr and "placeholder.sample" in result.stdout
    assert snapshot(published) == before


def inject_content_error(project: Path) -> None:
    faq = project / "content" / TREATMENT / "faq.md"
    replace(faq, "- question: How many", "- questoin: How many")


def git_bare(repository: Path, *command: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repository), *command], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def rsync() -> str:
    """`invoke publish` needs rsync: skipped without it, a failure under REQUIRE_TOOLS=1."""
    return require_command("rsync", "apt-get install rsync")


@pytest.fixture
def published(release_project: Path, tmp_path: Path, rsync: str) -> Path:
    """A target holding a first publication, with a second treatment page in it."""
    shutil.copytree(DATA / "fixture-treatment", release_project / "content" / "fixture-treatment")
    target = tmp_path / "live"
    result = publish(release_project, target, "--allow-placeholders")
    assert result.returncode == 0, result.stderr
    return target


def test_publish_syncs_exactly_the_production_build(release_project, published, tmp_path):
    assert contents(published) == expected_site(release_project, tmp_path)
    assert (published / "fixture-treatment" / "index.html").is_file()
    assert {oct(p.stat().st_mode & 0o777) for p in published.rglob("*")} == {"0o644", "0o755"}

    # The next publication removes what the content no longer has, and leaves no temporary files.
    shutil.rmtree(release_project / "content" / "fixture-treatment")
    result = publish(release_project, published, "--allow-placeholders")
    assert result.returncode == 0, result.stderr
    assert contents(published) == expected_site(release_project, tmp_path / "again")
    assert not (published / "fixture-treatment").exists()


def test_publish_refuses_placeholder_details_and_leaves_the_target_unchanged(
        release_project, published):
    before = snapshot(published)
    result = publish(release_project, published)
    assert result.returncode != 0
    for name in PLACEHOLDER_FILES:
        assert name in result.stderr
    assert "--allow-placeholders" in result.stderr
    assert "Nothing was published" in result.stderr
    assert snapshot(published) == before


def test_publish_refuses_a_content_error_and_leaves_the_target_unchanged(
        release_project, published):
    before = snapshot(published)
    inject_content_error(release_project)
    result = publish(release_project, published, "--allow-placeholders")
    assert result.returncode != 0
    line = line_of(release_project / "content" / TREATMENT / "faq.md", "- questoin: How many")
    assert f"content/{TREATMENT}/faq.md:{line}: faq[3].questoin: unknown field" in result.stderr
    assert "Nothing was published" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(published) == before


def test_real_details_publish_to_the_target_named_in_the_environment(
        release_project, tmp_path, monkeypatch, rsync):
    make_details_real(release_project)
    target = tmp_path / "from-env"
    monkeypatch.setenv("PUBLISH_TARGET", str(target))
    monkeypatch.setenv("SITEURL", SITEURL)
    result = invoke(release_project, "publish")
    assert result.returncode == 0, result.stderr
    assert contents(target) == expected_site(release_project, tmp_path)


def test_publish_refuses_a_folder_that_is_not_a_published_site(release_project, tmp_path, rsync):
    target = tmp_path / "documents"
    target.mkdir()
    (target / "letter.txt").write_text("keep me", encoding="utf-8")
    before = snapshot(target)
    result = publish(release_project, target, "--allow-placeholders")
    assert result.returncode != 0
    assert "does not look like this site" in result.stderr
    assert snapshot(target) == before


def test_publish_without_rsync_says_so(release_project, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # tasks run with sys.executable: no PATH needed
    result = publish(release_project, tmp_path / "live", "--allow-placeholders")
    assert result.returncode != 0
    assert "rsync is not installed" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "live").exists()


@pytest.fixture
def bare_remote(tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    return remote


def gh_pages(project: Path, remote: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return invoke(project, "gh-pages", "--remote", str(remote), "--branch", "pages",
                  "--siteurl", SITEURL, *options)


def test_gh_pages_pushes_the_production_build_as_one_commit(release_project, bare_remote,
                                                           tmp_path):
    result = gh_pages(release_project, bare_remote, "--allow-placeholders")
    assert result.returncode == 0, result.stderr
    expected = expected_site(release_project, tmp_path)
    names = set(git_bare(bare_remote, "ls-tree", "-r", "--name-only", "pages").split())
    assert names == set(expected) | {".nojekyll"}
    index = subprocess.run(["git", "--git-dir", str(bare_remote), "show", "pages:index.html"],
                           check=True, capture_output=True).stdout
    assert index == expected["index.html"]
    assert git_bare(bare_remote, "rev-list", "--count", "pages").strip() == "1"


@pytest.mark.parametrize("failure", ["content error", "placeholders"])
def test_gh_pages_refusals_leave_the_branch_unchanged(release_project, bare_remote, failure):
    assert gh_pages(release_project, bare_remote, "--allow-placeholders").returncode == 0
    before = git_bare(bare_remote, "rev-parse", "pages")
    if failure == "content error":
        inject_content_error(release_project)
        result = gh_pages(release_project, bare_remote, "--allow-placeholders")
    else:
        result = gh_pages(release_project, bare_remote)
    assert result.returncode != 0
    assert "Nothing was published" in result.stderr
    assert git_bare(bare_remote, "rev-parse", "pages") == before
    assert os.listdir(bare_remote / "refs" / "heads") == ["pages"]

"""`invoke new-treatment`: natural titles with any name, no decision made for a person, no YAML
comments, a folder whose only findings once its approvals are chosen are placeholders, and it
never overwrites."""

from __future__ import annotations

import pytest

from site_tools.scaffold import SECTIONS, care_phrase
from tests.support.helpers import choose_approvals, findings, invoke, line_of
from treatment_pages.normalise import slugify

NAME = "Nerve Blocks: Spine & Joints"
SLUG = "nerve-blocks-spine-joints"

# One word, several words, an acronym, a name with "treatment" in it, non-ASCII.
TITLES = {
    "Acupuncture": ("What is treatment with Acupuncture?",
                    "Is treatment with Acupuncture right for you?"),
    "Dermal Fillers": ("What is treatment with dermal fillers?",
                       "How does treatment with dermal fillers work?"),
    "PRP": ("What is treatment with PRP?", "Benefits of treatment with PRP"),
    "Laser treatment for scars": ("What is laser treatment for scars?",
                                  "What to expect during laser treatment for scars"),
    "Ozone Injections (O₃)": ("What is treatment with ozone injections (O₃)?",
                              "What treatment with ozone injections (O₃) can help with"),
}


@pytest.mark.parametrize("name", TITLES)
def test_titles_read_naturally_with_any_name(project, name):
    created = invoke(project, "new-treatment", name)
    assert created.returncode == 0, created.stderr
    folder = project / "content" / slugify(name)
    titles = {line.removeprefix("title: ").strip('"')
              for path in folder.glob("*.md")
              for line in path.read_text(encoding="utf-8").splitlines()
              if line.startswith("title: ")}
    assert set(TITLES[name]) <= titles
    assert name in titles  # page.md's h1 is the name as typed
    for plan in SECTIONS:
        assert plan.title.format(care=care_phrase(name)) in titles


def test_a_new_treatment_leaves_approval_and_review_to_a_person(project):
    created = invoke(project, "new-treatment", NAME)
    assert created.returncode == 0, created.stderr
    assert ".venv/bin/invoke check" in created.stdout
    folder = project / "content" / SLUG
    assert len([p for p in folder.glob("*.md") if p.name != "page.md"]) == len(SECTIONS)
    page = (folder / "page.md").read_text(encoding="utf-8")
    assert "last_reviewed" not in page and "next_review_due" not in page
    # No YAML comment in any file: the CMS would drop them on its first save.
    for path in folder.glob("*.md"):
        assert not [line for line in path.read_text(encoding="utf-8").splitlines()
                    if line.lstrip().startswith("#")], path
    # The build asks for the approval: no regulator's word is chosen for the clinic.
    asked = invoke(project, "check")
    assert asked.returncode == 1
    indications = folder / "indications.md"
    assert (f"content/{SLUG}/indications.md:{line_of(indications, '- name:')}: "
            "indications[1].approval: this required field is missing") in asked.stderr


def test_once_its_approvals_are_chosen_a_new_treatment_has_only_placeholder_findings(project):
    assert invoke(project, "new-treatment", NAME).returncode == 0
    folder = project / "content" / SLUG
    choose_approvals(folder)
    checked = invoke(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    mine = [f for f in findings(checked.stdout) if f["path"].startswith(f"content/{SLUG}/")]
    assert {f["rule"] for f in mine if f["level"] != "info"} == {"placeholder.reviewer",
                                                                 "placeholder.text"}
    released = invoke(project, "check", "--release")
    mine = [f for f in findings(released.stdout) if f["path"].startswith(f"content/{SLUG}/")]
    assert {f["rule"] for f in mine if f["level"] == "error"} == {"placeholder.reviewer",
                                                                  "placeholder.text"}
    built = invoke(project, "build")
    assert built.returncode == 0, built.stderr
    page = (project / "output" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Nerve Blocks: Spine &amp; Joints" in page
    assert "Not yet reviewed" in page and "lastReviewed" not in page
    # Not an orphan: the Botox home page links it, and the new index lists both.
    home = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert f'href="./{SLUG}/"' in home and 'href="./treatments/"' in home
    index = (project / "output" / "treatments" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{SLUG}/"' in index and 'href="../"' in index


def test_an_existing_folder_is_never_overwritten(project):
    folder = project / "content" / "therapeutic-botox"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    refused = invoke(project, "new-treatment", "Therapeutic Botox")
    assert refused.returncode != 0
    assert "already exists" in refused.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_name_without_letters_is_refused(project):
    refused = invoke(project, "new-treatment", "!!!")
    assert refused.returncode != 0
    assert "web address" in refused.stderr


def test_a_new_treatment_the_build_would_refuse_is_not_created(project):
    """The task runs the build's own checks with the project's settings and removes what fails."""
    before = sorted(p.name for p in (project / "content").iterdir())
    refused = invoke(project, "new-treatment", "Botox\u200b")
    assert refused.returncode != 0
    assert "fails the build's checks" in refused.stderr
    assert "page.md:2: title: contains an invisible zero-width character (U+200B)" in \
        refused.stderr
    assert sorted(p.name for p in (project / "content").iterdir()) == before


def test_the_task_knows_the_projects_static_folders(project):
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "STATIC_PATHS: list[str] = []", 'STATIC_PATHS: list[str] = ["media"]'), encoding="utf-8")
    refused = invoke(project, "new-treatment", "Media")
    assert refused.returncode != 0
    assert "which is already the static folder media/" in refused.stderr

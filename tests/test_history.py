"""`history.changed-since`: the values patients read now against those at the reviewed commit.

Each test makes a git repository of the frozen sample site (tests/support/git_repos.py): its first
commit sets `last_reviewed`, so it is the reviewed state; edits are committed after it (commit
dates play no part). The check runs in-process as `invoke check` runs it; a few tests run the
real `invoke check` for what only the command shows (exit status, no git, shallow clones).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_tools.diff import NOTHING
from tests.support.git_repos import RE_REVIEWED, Repo, history, read
from tests.support.helpers import TREATMENT, findings, invoke, replace, sample_content
from treatment_pages.model import PAGE_FILE

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
REVIEWED = "2026-11-27"  # last_reviewed in the sample site's page.md
# One edit per kind of value, in several files and positions: (file, old, new, field).
EDITS = [
    ("faq.md", "How many Botox sessions will I need?",
     "How many Botox sessions will I need each year?", "faq[3].question"),
    ("faq.md", "Your doctor will review all potential risks before the procedure.",
     "Your doctor will go through every risk with you.", "faq[2].answer"),
    ("faq.md", "Many patients begin to notice", "Most patients begin to notice", "faq[1].answer"),
    ("indications.md", "Approved in 2000 for adults with cervical dystonia.",
     "Approved in 2000 for adults and teenagers with cervical dystonia.",
     "indications[3].approval_note"),
    ("indications.md", "approval: off-label", "approval: fda-approved", "indications[2].approval"),
    ("benefits.md", "Effective Pain Relief", "Lasting Pain Relief", "benefits[1].name"),
    ("procedure.md", "a local anesthetic may be applied", "a numbing cream may be applied",
     "steps[2].text"),
    ("safety.md", "muscle weakness anywhere in your body", "weak muscles anywhere in your body",
     "care_cards[1].symptoms[2].text"),
    ("safety.md", "position: 65", "position: 66", "position"),
    ("what-is.md", "Therapeutic Botox works by", "Therapeutic Botox mostly works by", ""),
    (PAGE_FILE, "title: Therapeutic Botox", "title: Therapeutic Botox injections", "title"),
    (PAGE_FILE, "The effect can last 3 to 6 months.", "The effect can last 2 to 6 months.",
     "key_facts[4].fact"),
    (PAGE_FILE, "credentials: MD, Pain Medicine", "credentials: MD", "reviewed_by.credentials"),
]


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


def line(repo: Repo, name: str, field: str, folder: str = TREATMENT) -> int:
    """The field's line in the current file, as the loader gives it (the body: its first)."""
    source = read(repo.file(name, folder))
    return source.body_line if field == "" else source.lines[field]


def errors(repo: Repo, **settings) -> list[tuple[str, int | None, str]]:
    """(path below content/, line, message) of each history finding."""
    return [(f.path.relative_to(repo.content).as_posix(), f.line, f.message)
            for f in repo.history(settings)]


def test_the_reviewed_state_itself_passes(repo):
    assert repo.history() == []


@pytest.mark.parametrize(("name", "old", "new", "field"), EDITS,
                         ids=[f"{e[0]}:{e[3] or 'text'}" for e in EDITS])
def test_a_changed_value_is_one_error_at_its_field_naming_its_commit(repo, name, old, new,
                                                                      field):
    sha = repo.edit(name, old, new, "An editor's change")
    found = repo.history()
    assert [(f.rule, f.level) for f in found] == [("history.changed-since", "error")]
    assert found[0].path == repo.file(name)
    assert found[0].line == line(repo, name, field)
    message = found[0].message
    assert f"{name}: {field or 'the section'}" in message
    assert f"in commit {sha[:7]} 'An editor's change'" in message
    assert f"since the review of {REVIEWED}" in message and "re-review" in message


def test_changes_in_several_files_are_one_error_per_field(repo):
    for name, old, new, _ in EDITS[:2] + EDITS[3:4] + EDITS[10:12]:
        repo.edit(name, old, new)
    repo.commit("Several changes")
    expected = {(f"{TREATMENT}/{name}", line(repo, name, field))
                for name, _, _, field in EDITS[:2] + EDITS[3:4] + EDITS[10:12]}
    assert {(path, at) for path, at, _ in errors(repo)} == expected


def test_a_re_review_clears_it_and_the_review_dates_alone_do_not_count(repo):
    repo.edit("benefits.md", "Effective Pain Relief", "Lasting Pain Relief", "Benefit renamed")
    assert len(repo.history()) == 1
    repo.review()
    assert repo.history() == []
    repo.edit(PAGE_FILE, "next_review_due: 2027-11-27", "next_review_due: 2027-11-26",
              "Review due a day earlier")
    assert repo.history() == []


def test_re_wrapping_quoting_key_order_and_comments_do_not_count(repo):
    faq = repo.file("faq.md")
    text = faq.read_text(encoding="utf-8")
    text = text.replace("    answer: Many patients begin to notice improvement within a few",
                        "    answer: >-\n      Many patients begin to notice improvement\n"
                        "      within a few")
    text = text.replace("title: Frequently Asked Questions\nposition: 70",
                        "# Questions patients ask us\nposition: 70\n"
                        "title: 'Frequently Asked Questions'")
    faq.write_text(text, encoding="utf-8")
    replace(repo.file("what-is.md"), "relieve pain, reduce", "relieve pain,\nreduce")
    repo.commit("Re-wrap, quote, reorder, comment")
    assert repo.history() == []
    assert NOTHING in repo.diff("HEAD~1")


def test_a_branch_committed_before_the_review_and_merged_after_it_counts(repo):
    repo.git("checkout", "-q", "-b", "branch")
    sha = repo.edit("faq.md", "Most patients require follow-up sessions",
                    "Most patients need follow-up sessions", "Plainer answer")
    repo.git("checkout", "-q", "main")
    repo.review()
    assert repo.history() == []
    repo.git("merge", "-q", "--no-ff", "-m", "Merge branch", "branch")
    found = errors(repo)
    assert [(path, at) for path, at, _ in found] == [
        (f"{TREATMENT}/faq.md", line(repo, "faq.md", "faq[3].answer"))]
    assert f"in commit {sha[:7]} 'Plainer answer'" in found[0][2]
    assert f"since the review of {RE_REVIEWED}" in found[0][2]


def test_words_written_while_resolving_a_merge_conflict_count(repo):
    sentence = "Rare side effects include drooping eyelids or difficulty swallowing"
    repo.git("checkout", "-q", "-b", "branch")
    repo.edit("faq.md", sentence, "Rare side effects include drooping eyelids", "Branch side")
    repo.git("checkout", "-q", "main")
    repo.edit("faq.md", sentence, "Rare side effects include difficulty swallowing", "Main side")
    repo.review()
    repo.git("merge", "-q", "branch", check=False)  # a conflict
    faq = repo.file("faq.md")
    text = faq.read_text(encoding="utf-8")
    start, end = text.index("<<<<<<<"), text.index(">>>>>>>")
    resolved = ("    answer: Botox is generally safe, but some side effects may occur, such as "
                "mild bruising, headache, or temporary weakness in nearby muscles. Rare side "
                "effects include difficulty swallowing and, very rarely, drooping eyelids, "
                "but these are uncommon and usually temporary. Your doctor will review all "
                "potential risks before the procedure.\n")
    faq.write_text(text[:text.rindex("\n", 0, start) + 1] + resolved
                   + text[text.index("\n", end) + 1:], encoding="utf-8")
    merge = repo.commit("Merge branch, both sides")
    found = errors(repo)
    assert [(path, at) for path, at, _ in found] == [
        (f"{TREATMENT}/faq.md", line(repo, "faq.md", "faq[2].answer"))]
    assert f"in commit {merge[:7]} 'Merge branch, both sides'" in found[0][2]


def test_a_pure_folder_rename_and_draft_files_do_not_count(repo):
    repo.git("mv", f"content/{TREATMENT}", "content/botox")
    repo.commit("Shorter folder name")
    (repo.content / "botox" / "_aftercare.md").write_text(
        "---\ntitle: Aftercare\nposition: 85\n---\nRest for a day.\n", encoding="utf-8")
    (repo.content / "botox" / "faq.md~").write_text("an editor's backup\n", encoding="utf-8")
    repo.commit("A draft section and a backup")
    assert repo.history() == []
    replace(repo.content / "botox" / "faq.md", "How many Botox sessions", "How many sessions")
    repo.commit("Shorter question")
    assert [(path, at) for path, at, _ in errors(repo)] == [
        ("botox/faq.md", line(repo, "faq.md", "faq[3].question", "botox"))]


def test_a_symlinked_section_is_followed_and_a_folder_name_may_have_spaces(repo):
    repo.git("mv", f"content/{TREATMENT}", "content/therapeutic botox")
    folder = "therapeutic botox"
    shared = repo.top / "shared"
    shared.mkdir()
    repo.file("faq.md", folder).rename(shared / "faq.md")
    repo.file("faq.md", folder).symlink_to(Path("../../shared/faq.md"))
    repo.commit("The FAQ is shared; a folder name with a space")
    assert repo.history() == []
    replace(shared / "faq.md", "Many patients begin", "Most patients begin")
    sha = repo.commit("Shared answer changed")
    found = errors(repo)
    assert [(path, at) for path, at, _ in found] == [
        (f"{folder}/faq.md", line(repo, "faq.md", "faq[1].answer", folder))]
    assert sha[:7] in found[0][2]
    replace(repo.file("benefits.md", folder), "Effective Pain", "Real Pain")
    replace(shared / "faq.md", "Most patients begin", "Some patients begin")
    pending = [f for f in repo.history() if f.rule == "history.uncommitted"]
    assert len(pending) == 1
    assert f"not yet committed: content/{folder}/benefits.md, shared/faq.md" \
        in pending[0].message


def test_an_added_or_removed_list_item_is_one_error(repo):
    faq = repo.file("faq.md")
    text = faq.read_text(encoding="utf-8")
    first = text.index("  - question: Are there any side effects")
    faq.write_text(text[:first] + "  - question: Does it hurt?\n    answer: A little.\n"
                   + text[first:], encoding="utf-8")
    repo.commit("A new question")
    assert [(at, message.split(" since")[0]) for _, at, message in errors(repo)] == [
        (line(repo, "faq.md", "faq[2]"), "faq.md: faq[2] 'Does it hurt? / A little.' was added")]
    repo.review()
    text = faq.read_text(encoding="utf-8")
    start = text.index("  - question: How many Botox sessions")
    faq.write_text(text[:start] + text[text.index("---", start):], encoding="utf-8")
    repo.commit("A question removed")
    found = errors(repo)
    assert [at for _, at, _ in found] == [line(repo, "faq.md", "faq")]
    assert "faq[4] 'How many Botox sessions will I need?" in found[0][2]
    assert "was removed" in found[0][2]


def test_a_deleted_section_is_one_error_at_page_md(repo):
    repo.file("safety.md").unlink()
    repo.commit("No safety section")
    assert [(path, at) for path, at, _ in errors(repo)] == [
        (f"{TREATMENT}/page.md", line(repo, PAGE_FILE, "last_reviewed"))]
    assert "safety.md was deleted" in repo.history()[0].message


def test_uncommitted_changes_are_listed_as_info(repo):
    replace(repo.file("faq.md"), "How many Botox sessions", "How many sessions")
    repo.file("aftercare.md").write_text(
        "---\ntitle: Aftercare\nposition: 85\n---\nRest for a day.\n", encoding="utf-8")
    found = repo.history()
    assert [(f.path, f.level, f.rule) for f in found] == [
        (repo.file(PAGE_FILE), "info", "history.uncommitted")]
    assert (f"not yet committed: content/{TREATMENT}/aftercare.md, content/{TREATMENT}/faq.md"
            in found[0].message)


def test_the_level_is_configurable(repo):
    repo.edit("what-is.md", "Therapeutic Botox works by", "Botox works by", "Reword")
    found = repo.history({"EDITORIAL_LINT": {"levels": {"history.changed-since": "warning"}}})
    assert [(f.level, f.rule) for f in found] == [("warning", "history.changed-since")]


# Random re-formatting of a section file: what the CMS or an editor may do without changing
# a value. Lines are only broken before a word that cannot start Markdown structure.
STYLES = (None, "'", '"', ">", "|")
CHOICES_AND_ADDRESSES = {"approval", "level", "action", "url"}  # one more word: invalid
STRUCTURE = ("-", "+", "*", "#", ">", "=", "|", "`", "<")


def wrap(text: str, width: int) -> str:
    words, lines = text.split(" "), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + len(word) >= width and not (
                word.startswith(STRUCTURE) or word[:1].isdigit()):
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".lstrip(" ")
    return "\n".join(lines)


def reformat(path: Path, draw, change: str | None = None) -> None:
    """Rewrite a section file with shuffled keys, random quoting and wrapping, comments;
    with `change`, a field path whose text gets one more word."""
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    if change:
        *parents, last = change.replace("]", "").replace("[", ".").split(".")
        holder = data
        for part in parents:
            holder = holder[int(part) - 1] if part.isdigit() else holder[part]
        key = int(last) - 1 if last.isdigit() else last
        holder[key] = f"{holder[key]} Really"

    class Dumper(yaml.SafeDumper):
        pass

    def text_style(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                       style=draw(st.sampled_from(STYLES)))

    def shuffled(dumper: yaml.SafeDumper, value: dict) -> yaml.Node:
        return dumper.represent_dict(draw(st.permutations(list(value.items()))))

    Dumper.add_representer(str, text_style)
    Dumper.add_representer(dict, shuffled)
    width = draw(st.integers(30, 200))
    dumped = yaml.dump(data, Dumper=Dumper, width=width, allow_unicode=True, sort_keys=False)
    lines = dumped.splitlines()
    for at in sorted(draw(st.sets(st.sampled_from([i for i, line in enumerate(lines)
                                                   if not line.startswith(" ")]))), reverse=True):
        lines.insert(at, "# an editor's note")
    paragraphs = body.split("\n\n")
    body = "\n\n".join(wrap(p.replace("\n", " ").strip(), width) for p in paragraphs)
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    return Repo(tmp_path_factory.mktemp("history") / "repo")


SECTIONS = ["faq.md", "indications.md", "benefits.md", "procedure.md", "safety.md",
            "what-is.md", "contact.md"]


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(SECTIONS), data=st.data())
def test_re_formatting_a_section_is_never_a_change_and_a_changed_value_always_one(
        shared_repo, name, data, monkeypatch):
    monkeypatch.setenv("LINT_TODAY", "2027-01-15")
    repo = shared_repo
    base = repo.first
    repo.git("reset", "-q", "--hard", base)
    repo.git("clean", "-qfdx")
    reformat(repo.file(name), data.draw)
    repo.commit("Re-formatted")
    assert repo.history() == []
    assert NOTHING in repo.diff(base)
    texts = [field for field in read(repo.file(name)).lines
             if isinstance(_value(repo.file(name), field), str)
             and field.rpartition(".")[2] not in CHOICES_AND_ADDRESSES]
    field = data.draw(st.sampled_from(texts))
    repo.git("reset", "-q", "--hard", base)
    reformat(repo.file(name), data.draw, change=field)
    repo.commit("Re-formatted, one value changed")
    found = repo.history()
    assert [(f.path, f.line) for f in found] == [(repo.file(name), read(repo.file(name))
                                                  .lines[field])], field


def _value(path: Path, field: str) -> object:
    """The loader's value at a field path such as faq[2].answer."""
    value: object = read(path).values
    for part in field.replace("]", "").replace("[", ".").split("."):
        value = value[int(part) - 1] if part.isdigit() else value[part]  # type: ignore[index]
    return value


def test_an_error_fails_invoke_check_and_a_shallow_clone_says_so(project):
    repo = Repo(project)
    repo.edit("faq.md", "How many Botox sessions", "How many sessions", "Shorter")
    result = invoke(project, "check")
    found = [f for f in findings(result.stdout) if f["rule"].startswith("history.")]
    assert result.returncode == 1
    assert [(f["path"], f["line"], f["rule"]) for f in found] == [
        (f"content/{TREATMENT}/faq.md", str(line(repo, "faq.md", "faq[3].question")),
         "history.changed-since")]
    clone = project.parent / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project}", str(clone)],
                   check=True)
    result = invoke(clone, "check")
    found = [f for f in findings(result.stdout) if f["rule"].startswith("history.")]
    assert result.returncode == 0
    assert [(f["level"], f["rule"]) for f in found] == [("info", "history.unavailable")]
    assert "shallow" in found[0]["message"] and "fetch-depth: 0" in found[0]["message"]


def test_a_copy_without_git_says_so(content):
    found = history(content)
    assert [(f.level, f.rule) for f in found] == [("info", "history.unavailable")]
    assert "not in a git repository" in found[0].message


def test_without_git_installed_it_says_so(repo, monkeypatch):
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))
    found = repo.history()
    assert [(f.level, f.rule) for f in found] == [("info", "history.unavailable")]
    assert "git is not installed" in found[0].message


@pytest.mark.parametrize("regulator", ["FDA", "MHRA", "TGA"])
def test_a_renamed_choice_value_is_no_change_patients_see(tmp_path, regulator):
    """Content reviewed under an old value (`fda-approved`) and migrated to its new name
    (`approved`): the same label on the page, so neither the history check nor the diff
    counts it; the diff words approvals as the practice's regulator does."""
    content = sample_content(tmp_path / "repo")
    indications = content / TREATMENT / "indications.md"
    indications.write_text(indications.read_text(encoding="utf-8").replace(
        "approval: approved", "approval: fda-approved"), encoding="utf-8")
    replace(content / "practice.md", "regulator: FDA", f"regulator: {regulator}")
    repo = Repo(tmp_path / "repo")
    repo.edit("indications.md", "approval: fda-approved", "approval: approved", "Migrate one")
    indications.write_text(indications.read_text(encoding="utf-8").replace(
        "approval: fda-approved", "approval: approved"), encoding="utf-8")
    repo.commit("Migrate the rest")
    assert repo.history() == []
    assert repo.diff(repo.first).splitlines()[2] == NOTHING
    repo.edit("indications.md", "approval: off-label", "approval: approved", "Now approved")
    label = {"FDA": "FDA-approved use", "MHRA": "Licensed use", "TGA": "TGA-approved use"}
    assert f"| {label[regulator]} |" in repo.diff(repo.first)

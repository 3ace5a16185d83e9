"""The CMS end to end: real Decap in Chromium, decap-server on a copy of the repository.

An editor's session, in order: change an FAQ answer, add an off-label indication, fail to
save an empty required field, then open and save every entry of the generated
configuration. After each save the strict build passes and the page shows the text; after
the last, the page's visible text and JSON-LD are what they were. Then, in the project made
a repository and re-reviewed: saving an entry unchanged is no history error and an empty
`invoke diff`; editing one answer is one history error at its line and a diff of exactly
its old and new sentences. /admin/ is served with
its production policy (headers.ADMIN_CSP, plus the local backend's address): any violation
fails, and so does any request to a host other than 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from project_sandbox import copy_project, free_port, wait_for_server
from publish_extras.headers import ADMIN_CSP
from site_tools.cms import DECAP_DIST, DECAP_SERVER
from site_tools.diff import NOTHING
from site_tools.server import SiteRequestHandler, serving
from tests.browser.conftest import SCREENSHOTS
from tests.support.git_repos import Repo, diff_rows, read
from tests.support.helpers import SAMPLE_SITE, TREATMENT, run_pelican
from tests.support.tools import require_tool

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Every violation of /admin/'s policy, including those thrown as errors, reaches the console.
VIOLATION_LOGGER = """document.addEventListener("securitypolicyviolation", (event) =>
  console.error(`Content Security Policy: ${event.effectiveDirective} ${event.blockedURI}`));"""
NEW_ANSWER = "Most patients notice a change within two weeks; it lasts 3 to 6 months."
NEW_INDICATION = "Overactive Bladder Pain"
OLD_SENTENCE = "Most patients require follow-up sessions every 3 to 6 months to maintain results."
NEW_SENTENCE = "Most patients need a session every 3 months."


# True when the selection is the whole text of the focused field (white space and Slate's
# zero-width placeholders aside).
WHOLE_FIELD_SELECTED = """() => {
  const field = document.activeElement;
  const normal = text => text.replace(/[\\s\\uFEFF]+/g, " ").trim();
  const selected = normal(getSelection().toString());
  return Boolean(field && selected && selected === normal(field.innerText));
}"""


class Editor:
    """The copied project, its decap-server, the served site and one browser page."""

    def __init__(self, project: Path, api: str, page, site_url: str) -> None:
        self.project, self.api, self.page, self.site_url = project, api, page, site_url
        self.outside: list[str] = []
        self.violations: list[str] = []

    def build(self) -> None:
        """The strict development build of the project as it is now: must pass."""
        result = run_pelican(self.project / "content", self.project / "output",
                             "-e", f"CMS_LOCAL_BACKEND={json.dumps(self.api)}", cwd=self.project)
        assert result.returncode == 0, result.log

    def published(self) -> tuple[str, list[object]]:
        """The built page's visible text and its JSON-LD (strict json.loads)."""
        soup = BeautifulSoup((self.project / "output" / "index.html").read_text("utf-8"),
                             "html.parser")
        data = [json.loads(tag.string) for tag in soup.find_all("script",
                                                                 type="application/ld+json")]
        for tag in soup(["script", "style", "head"]):
            tag.decompose()
        return " ".join(soup.get_text(" ").split()), data

    def open(self, collection: str, entry: str) -> None:
        self.page.goto(f"{self.site_url}admin/")
        self.page.goto(f"{self.site_url}admin/#/collections/{collection}/entries/{entry}")
        self.page.locator("input").first.wait_for()

    def select_field(self, tries: int = 20) -> None:
        """Select the whole text of the field just clicked: Ctrl+A until the selection is all
        of it. On a loaded machine the click's focus can land after the first press, and the
        typing then went into the middle of the old text."""
        for _ in range(tries):
            self.page.keyboard.press("Control+A")
            if self.page.evaluate(WHOLE_FIELD_SELECTED):
                return
            self.page.wait_for_timeout(250)
        raise AssertionError("Ctrl+A did not select the field's whole text")

    def publish(self, file: Path) -> None:
        """Publish the open entry and wait until decap-server has rewritten `file`."""
        before = file.read_bytes()
        self.page.get_by_role("button", name="Publish").first.click()
        self.page.get_by_text("Publish now").click()
        for _ in range(150):
            if file.read_bytes() != before:
                break
            self.page.wait_for_timeout(100)
        else:
            raise AssertionError(f"{file.name} was not written")
        self.page.wait_for_timeout(300)  # Decap may write in more than one step
        self.build()

    def shows(self, text: str) -> bool:
        self.page.goto(self.site_url)
        return text in " ".join(self.page.locator("main").text_content().split())

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / name))


def admin_handler(api: str) -> type[SiteRequestHandler]:
    """Serves /admin/ with its production policy, allowing the local backend as well."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(api))
    policy = ADMIN_CSP.replace("connect-src 'self'", f"connect-src 'self' {origin}")

    class Handler(SiteRequestHandler):
        def end_headers(self) -> None:
            if self.path.startswith("/admin/"):
                self.send_header("Content-Security-Policy", policy)
            super().end_headers()

    return Handler


@pytest.fixture(scope="module")
def editor(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    yield from editing(browser, tmp_path_factory, SAMPLE_SITE)


def editing(browser, tmp_path_factory: pytest.TempPathFactory,
            content: Path) -> Iterator[Editor]:
    """An editor logged in to the CMS of a copied project whose content/ is `content`."""
    require_tool(DECAP_SERVER, "install the node tools with `npm ci` (needs npm)")
    require_tool(DECAP_DIST / "decap-cms.js", "install the node tools with `npm ci`")
    project = copy_project(tmp_path_factory.mktemp("cms") / "project", content)
    port = free_port()
    api = f"http://127.0.0.1:{port}/api/v1"
    editor_ = Editor(project, api, None, "")
    editor_.build()
    with serving(project / "output", handler=admin_handler(api)) as site_url:
        env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1",
               "ORIGIN": site_url.rstrip("/"), "GIT_REPO_DIRECTORY": str(project)}
        backend = subprocess.Popen([str(DECAP_SERVER)], cwd=project, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            wait_for_server(port, backend)
            page = context.new_page()
            page.set_default_timeout(20_000)
            editor_.page, editor_.site_url = page, site_url

            def route(route_) -> None:
                if urlsplit(route_.request.url).hostname in LOCAL_HOSTS:
                    route_.continue_()
                else:
                    editor_.outside.append(route_.request.url)
                    route_.abort()

            context.route("**/*", route)
            page.on("console", lambda message: editor_.violations.append(message.text)
                    if "Content Security Policy" in message.text else None)
            page.add_init_script(VIOLATION_LOGGER)
            page.goto(f"{site_url}admin/")
            # The generated configuration passes Decap's own validation (else this page
            # shows "Error loading the CMS configuration" and no Login button).
            page.get_by_role("button", name="Login").click()
            page.get_by_text("Practice").first.wait_for()
            editor_.shot("cms-collections.png")
            yield editor_
        finally:
            context.close()
            backend.terminate()
            backend.wait()


@pytest.fixture(autouse=True)
def nothing_leaves_this_machine(editor: Editor) -> Iterator[None]:
    yield
    assert editor.outside == [], f"requests left 127.0.0.1: {editor.outside}"
    assert editor.violations == [], f"/admin/'s policy was violated: {editor.violations}"


def test_1_an_edited_faq_answer_is_published(editor: Editor):
    editor.open(TREATMENT, "faq")
    answer = editor.page.get_by_text("Many patients begin to notice").first
    answer.click()
    editor.select_field()
    editor.page.keyboard.type(NEW_ANSWER)
    editor.shot("cms-faq.png")
    editor.publish(editor.project / "content" / TREATMENT / "faq.md")
    assert editor.shows(NEW_ANSWER)


def test_2_an_off_label_indication_is_added(editor: Editor):
    editor.open(TREATMENT, "indications")
    page = editor.page
    page.get_by_role("button", name="Add indication").click()
    page.get_by_label("Name").last.fill(NEW_INDICATION)
    page.get_by_label("Description").last.fill("Botox can ease bladder pain in some patients.")
    page.get_by_label("Approval", exact=True).last.click()
    page.get_by_text("Off-label use", exact=True).last.click()
    editor.shot("cms-off-label.png")
    file = editor.project / "content" / TREATMENT / "indications.md"
    editor.publish(file)
    assert editor.shows(NEW_INDICATION)
    written = yaml.safe_load(file.read_text("utf-8").split("---")[1])
    assert written["indications"][-1]["approval"] == "off-label"


def test_3_an_empty_required_field_is_refused_with_its_message(editor: Editor):
    editor.open(TREATMENT, "page")
    file = editor.project / "content" / TREATMENT / "page.md"
    before = file.read_bytes()
    title = editor.page.get_by_label("Title", exact=True)
    title.fill("")
    editor.page.get_by_role("button", name="Publish").first.click()
    editor.page.get_by_text("Publish now").click()
    error = editor.page.get_by_text("Title is required.")
    error.wait_for()
    editor.shot("cms-required.png")
    assert file.read_bytes() == before


def test_4_saving_every_entry_unchanged_keeps_the_page(editor: Editor):
    editor.build()
    before = editor.published()
    config = yaml.safe_load((editor.project / "output" / "admin" / "config.yml").read_text())
    entries = [(collection["name"], entry["name"], entry["file"])
               for collection in config["collections"] for entry in collection["files"]]
    assert sorted(file for *_, file in entries) == sorted(
        path.relative_to(editor.project).as_posix()
        for path in (editor.project / "content").rglob("*.md"))
    for collection, name, file in entries:
        # Decap saves only a changed entry: add a letter and save, remove it and save.
        for key in ("x", "Backspace"):
            editor.open(collection, name)
            first = editor.page.locator("input").first
            first.press("End")
            first.press(key)
            editor.publish(editor.project / file)
    assert editor.published() == before


@pytest.fixture(scope="module")
def reviewed(editor: Editor) -> Repo:
    """The project as a repository whose last commit is a re-review, faq.md as first shipped
    (long answers on one line each, as an editor writes them, not as the CMS re-wraps them)."""
    (editor.project / ".gitignore").write_text("output/\n", encoding="utf-8")
    faq = editor.project / "content" / TREATMENT / "faq.md"
    shutil.copy(SAMPLE_SITE / TREATMENT / "faq.md", faq)
    repo = Repo(editor.project)
    repo.review()
    return repo


def test_5_saving_an_entry_unchanged_is_no_history_error_and_no_diff(editor: Editor,
                                                                     reviewed: Repo):
    base = reviewed.git("rev-parse", "HEAD").strip()
    for key in ("x", "Backspace"):  # Decap saves only a changed entry
        editor.open(TREATMENT, "faq")
        first = editor.page.locator("input").first
        first.press("End")
        first.press(key)
        editor.publish(editor.project / "content" / TREATMENT / "faq.md")
    faq = editor.project / "content" / TREATMENT / "faq.md"
    assert faq.read_bytes() != (SAMPLE_SITE / TREATMENT / "faq.md").read_bytes()  # re-written
    reviewed.commit("Saved in the CMS")
    assert reviewed.history() == []
    assert NOTHING in reviewed.diff(base)


def test_6_an_edited_answer_is_one_history_error_and_exactly_its_sentences(editor: Editor,
                                                                          reviewed: Repo):
    base = reviewed.git("rev-parse", "HEAD").strip()
    faq = editor.project / "content" / TREATMENT / "faq.md"
    editor.open(TREATMENT, "faq")
    editor.page.get_by_text("The number of Botox treatments depends").first.click()
    editor.select_field()
    editor.page.keyboard.type(f"The number of Botox treatments depends on the condition being "
                              f"treated and individual response. {NEW_SENTENCE} Your doctor "
                              "will work with you to develop a treatment plan that suits your "
                              "needs.")
    editor.publish(faq)
    reviewed.commit("One answer edited in the CMS")
    found = reviewed.history()
    assert [(f.rule, f.path, f.line) for f in found] == [
        ("history.changed-since", faq, read(faq).lines["faq[3].answer"])]
    assert diff_rows(reviewed.diff(base)) == [f"| {OLD_SENTENCE} | {NEW_SENTENCE} |"]

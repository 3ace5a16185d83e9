"""Markdown fields in the real CMS: they open in raw Markdown, and what an editor types is
what patients read.

Decap opens a markdown field in rich text when the field allows it, and remembers the last
mode in localStorage (`cms.md-mode`); rich text saves a typed `**bold**` escaped. The site's
configuration offers raw Markdown only (cms_admin/config.py, docs/editing.md), so "both modes"
here means: the field is raw even when the browser remembers rich text, and there is no
toggle to switch to rich text at all. The editor session, decap-server, the served copy of
the sample site and the guards (nothing leaves 127.0.0.1, /admin/'s policy holds) are
test_cms.py's.
"""

from __future__ import annotations

import yaml
from bs4 import BeautifulSoup

from tests.browser.test_cms import (  # noqa: F401  (the fixtures are used by name)
    Editor,
    editor,
    nothing_leaves_this_machine,
    pytestmark,
)
from tests.support.helpers import TREATMENT

OLD_ANSWER = "Many patients begin to notice"
LINK = "https://www.nhs.uk/conditions/botulinum-toxin/"
TYPED = ("Most people feel **much better** within two weeks.\n\n"
         "- the first point\n- the second point\n\n"
         f"Read [the NHS page]({LINK}) too.")


def test_an_answer_opens_in_raw_markdown_and_is_saved_as_typed(editor: Editor):  # noqa: F811
    page = editor.page
    editor.open(TREATMENT, "faq")
    # The mode the browser last used is rich text: the field must still open raw.
    page.evaluate("localStorage.setItem('cms.md-mode', 'rich_text')")
    editor.open(TREATMENT, "faq")
    answer = page.get_by_text(OLD_ANSWER).first
    answer.wait_for()
    # No toggle to rich text; and Decap's raw editor disables the formatting buttons, which
    # rich text's toolbar applies.
    assert page.get_by_text("Rich Text", exact=True).count() == 0, "a rich-text toggle"
    bold = page.get_by_title("Bold")
    assert bold.count() > 0 and all(bold.nth(n).is_disabled() for n in range(bold.count()))
    answer.click()
    editor.select_field()
    page.keyboard.type(TYPED)
    shown = editor.page.evaluate("document.activeElement.innerText")
    assert "**much better**" in shown and f"[the NHS page]({LINK})" in shown  # syntax as typed
    faq = editor.project / "content" / TREATMENT / "faq.md"
    editor.publish(faq)
    saved = yaml.safe_load(faq.read_text("utf-8").split("---")[1])
    assert saved["faq"][0]["answer"].strip() == TYPED
    html = (editor.project / "output" / "index.html").read_text("utf-8")
    item = next(details for details in BeautifulSoup(html, "html.parser").find_all("details")
                if "the first point" in details.get_text())
    assert item.find("strong").get_text() == "much better"
    assert [li.get_text() for li in item.find("ul").find_all("li")] == [
        "the first point", "the second point"]
    link = item.find("a", href=LINK)
    assert link is not None and link.get_text() == "the NHS page"
    assert "*" not in item.get_text() and "[" not in item.get_text()


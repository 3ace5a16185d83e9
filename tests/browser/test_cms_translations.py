"""The CMS edits a translation: real Decap in Chromium, decap-server on a copy of the en+es
fixture site (tests/data/bilingual-site/), served as test_cms.py serves the sample site.

An editor opens the Spanish FAQ (`faq.es.md`, its own entry: Decap 3.16's i18n does not work
on `files` collections, see cms_admin/config.py), changes one answer and publishes. Only
`faq.es.md` changes, to exactly what was typed; the build shows the sentence on /es/ only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.browser.test_cms import Editor, editing, nothing_leaves_this_machine  # noqa: F401
from tests.support.helpers import TREATMENT
from tests.test_translations import BILINGUAL

pytestmark = pytest.mark.browser

OLD_ANSWER = "Depende de su afección. Muchas personas reciben un tratamiento cada pocos meses."
NEW_ANSWER = "La mayoría de las personas nota el efecto en dos semanas; dura de 3 a 6 meses."


@pytest.fixture(scope="module")
def editor(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """An editor in the CMS of a copy of the bilingual fixture site."""
    yield from editing(browser, tmp_path_factory, BILINGUAL)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its relative path, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def front_matter(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text("utf-8").split("---")[1])


def visible_text(page: Path) -> str:
    return " ".join(page.read_text("utf-8").split())


def test_an_edited_spanish_answer_changes_only_the_spanish_file_and_page(editor: Editor):
    errors: list[str] = []
    editor.page.on("console", lambda message: errors.append(message.text)
                   if message.type == "error" else None)
    content = editor.project / "content"
    spanish = content / TREATMENT / "faq.es.md"
    editor.open(TREATMENT, "faq.es")
    # The Spanish form shows the Spanish words (not the English ones) and only word fields.
    assert editor.page.get_by_text("¿Duele?").count() >= 1
    assert editor.page.get_by_text("Does it hurt?").count() == 0
    assert editor.page.get_by_label("Position", exact=True).count() == 0
    editor.page.get_by_text(OLD_ANSWER).first.click()
    editor.select_field()
    editor.page.keyboard.type(NEW_ANSWER)
    editor.shot("cms-faq-es.png")
    editor.publish(spanish)  # and builds

    before, after = files_of(BILINGUAL), files_of(content)
    changed = sorted(name for name in before if before[name] != after.get(name))
    assert changed == [f"{TREATMENT}/faq.es.md"]
    assert sorted(after) == sorted(before)  # no file added (no faq.en.md)
    written, original = front_matter(spanish), front_matter(BILINGUAL / TREATMENT / "faq.es.md")
    assert written["faq"][0]["answer"] == NEW_ANSWER
    assert written["faq"][1:] == original["faq"][1:]
    assert written["faq"][0]["question"] == original["faq"][0]["question"]
    assert {k: v for k, v in written.items() if k != "faq"} == \
        {k: v for k, v in original.items() if k != "faq"}

    output = editor.project / "output"
    assert NEW_ANSWER in visible_text(output / "es" / "index.html")
    assert NEW_ANSWER not in visible_text(output / "index.html")
    assert OLD_ANSWER not in visible_text(output / "es" / "index.html")
    assert errors == [], f"the CMS logged errors: {errors}"

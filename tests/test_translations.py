"""Translations patients can trust, on the English and Spanish fixture site.

`tests/data/bilingual-site/` is a small site in `en` and `es` (the shipped site stays
English-only). Built pages are parsed whole: every page's hreflang cluster, the switcher, the
sitemap, the JSON-LD; translation files with mistakes fail at their line; and in temporary
git repositories, source changes withhold a translation (clinical) or put it behind (words).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from site_tools.check import inspect
from site_tools.report import Assessor, Evidence
from tests.publishing.hosting import SITEURL, production_build
from tests.structured_data.extract import head_graph
from tests.structured_data.vocabulary import vocabulary
from tests.support.git_repos import Repo
from tests.support.helpers import DATA, ROOT, SECTION, Build, invoke, replace, run_pelican
from treatment_pages.catalogs import theme_messages
from treatment_pages.model import load_site

BILINGUAL = DATA / "bilingual-site"
ES_FILES = sorted(p.name for p in (BILINGUAL / SECTION).glob("*.es.md"))


def pages(output: Path) -> dict[str, BeautifulSoup]:
    """Every built patient page by its address from the site root ("/", "/es/")."""
    found = {}
    for path in sorted(output.rglob("*.html")):
        name = path.relative_to(output).as_posix()
        if name.startswith("admin/") or name == "404.html":
            continue
        found["/" + name.removesuffix("index.html")] = BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser")
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    folder = tmp_path_factory.mktemp("bilingual")
    shutil.copytree(BILINGUAL, folder / "content")
    result = run_pelican(folder / "content", folder / "output")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Build:
    folder = tmp_path_factory.mktemp("bilingual-prod")
    shutil.copytree(BILINGUAL, folder / "content")
    result = production_build(folder / "content", folder / "output")
    assert result.returncode == 0, result.log
    return result


def cluster(address: str, soup: BeautifulSoup) -> dict[str, str]:
    """hreflang → absolute-from-root address of a page's alternate links."""
    links = soup.head.find_all("link", rel="alternate", hreflang=True)
    return {link["hreflang"]: urljoin(address, link["href"]) for link in links}


def test_every_page_has_a_complete_reciprocal_hreflang_cluster(built):
    found = pages(built.output)
    assert set(found) == {"/", "/es/"}
    clusters = {address: cluster(address, soup) for address, soup in found.items()}
    for address, links in clusters.items():
        lang = found[address].html["lang"]
        assert links[lang] == address, f"{address}: no self-reference"
        assert links["x-default"] == "/", f"{address}: x-default is not the source"
        assert set(links) == {"en", "es", "x-default"}
        for other in links.values():
            assert clusters[other] == links, f"{address} and {other} disagree"


def test_each_language_has_its_lang_and_a_switcher_in_its_own_language(built):
    for soup in pages(built.output).values():
        lang = soup.html["lang"]
        switcher = soup.select_one("header nav.languages")
        assert switcher is not None
        links = {a["hreflang"]: a for a in switcher.find_all("a")}
        other = "es" if lang == "en" else "en"
        assert set(links) == {other}
        assert links[other]["lang"] == other
        assert links[other].get_text() == {"en": "English", "es": "Español"}[other]
        current = switcher.select_one("[aria-current=page]")
        assert current["lang"] == lang


def english_fragments() -> list[str]:
    """The theme's English words, cut at their placeholders: none may show on a Spanish page."""
    parts = [part.strip(" :.,()") for message in theme_messages(ROOT / "theme")
             for part in re.split(r"%\(\w+\)s|\{\w+\}", message)]
    return sorted({part for part in parts if len(part) > 3})


def test_no_english_theme_string_on_a_spanish_page(built):
    soup = pages(built.output)["/es/"]
    for script in soup.find_all(["script", "style"]):
        script.decompose()
    text = " ".join(soup.get_text(" ").split())
    labels = " ".join(str(v) for tag in soup.find_all(True)
                      for k, v in tag.attrs.items() if k in ("aria-label", "title"))
    leaks = [part for part in english_fragments() if part in text or part in labels]
    assert leaks == []
    assert "Datos clave" in text and "27 de noviembre de 2026" in text


def test_the_spanish_page_states_its_provenance_and_links_to_the_source(built):
    soup = pages(built.output)["/es/"]
    provenance = soup.select_one(".translation")
    assert provenance.find_previous_sibling("div")["class"] == ["review"]
    words = " ".join(provenance.get_text(" ").split())
    for expected in ("Ana Ejemplo", "Traductora médica certificada (ATA)", "Luis Ejemplo",
                     "Dra. Marta Ejemplo", "un traductor profesional", "1 de diciembre de 2026",
                     "revisada el 27 de noviembre de 2026"):
        assert expected in words
    link = provenance.find("a", hreflang="en")
    assert urljoin("/es/", link["href"]) == "/"
    assert soup.select_one(".translation__notice") is None  # not a git checkout: no verdict


def test_the_sitemap_lists_every_version_with_its_alternates(production):
    root = ElementTree.parse(production.output / "sitemap.xml").getroot()
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
             "x": "http://www.w3.org/1999/xhtml"}
    entries = {url.findtext("s:loc", namespaces=names):
               {link.get("hreflang"): link.get("href") for link in url.findall("x:link", names)}
               for url in root.findall("s:url", names)}
    expected = {"en": f"{SITEURL}/", "es": f"{SITEURL}/es/", "x-default": f"{SITEURL}/"}
    assert entries == {f"{SITEURL}/": expected, f"{SITEURL}/es/": expected}


def test_json_ld_names_each_language_and_the_translations(production):
    graphs = {address: head_graph((production.output / name).read_text())[1]
              for address, name in (("/", "index.html"), ("/es/", "es/index.html"))}
    for document in graphs.values():
        assert [p for node in document["@graph"] for p in vocabulary().problems(node)] == []
    source = next(n for n in graphs["/"]["@graph"] if n["@id"] == f"{SITEURL}/")
    spanish = next(n for n in graphs["/es/"]["@graph"] if n["@id"] == f"{SITEURL}/es/")
    assert (source["inLanguage"], spanish["inLanguage"]) == ("en", "es")
    assert source["workTranslation"] == [{"@id": f"{SITEURL}/es/"}]
    assert spanish["translationOfWork"] == {"@id": f"{SITEURL}/"}


def test_the_spanish_faq_page_is_its_visible_text(production):
    html = (production.output / "es" / "index.html").read_text()
    _, document = head_graph(html)
    questions = [n for n in document["@graph"] if n["@type"] == "Question"]
    visible = BeautifulSoup(html, "html.parser").select("details.faq__item")
    assert [q["name"] for q in questions] == [d.summary.get_text() for d in visible]
    assert [q["inLanguage"] for q in questions] == ["es", "es"]
    answers = [BeautifulSoup(q["acceptedAnswer"]["text"], "html.parser").get_text()
               for q in questions]
    assert answers == [d.select_one(".faq__answer").get_text() for d in visible]


# --- Translation files with mistakes: an error at their line -------------------------------


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(BILINGUAL, content)
    return content


def problems_of(content: Path) -> list[str]:
    return [str(p) for p in load_site(content, {})[1]]


def line_number(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_the_fixture_is_valid(bilingual):
    assert problems_of(bilingual) == []


@pytest.mark.parametrize(("name", "old", "new", "needle", "message"), [
    ("faq.es.md", "title: Preguntas frecuentes\n", "title: Preguntas frecuentes\nposition: 40\n",
     "position:", "position: is not translated"),
    ("safety.es.md", "  - heading:", "  - level: urgent\n    heading:", "level:",
     "care_cards[1].level: is not translated"),
    ("page.es.md", "title: Bótox", "slug: botox\ntitle: Bótox", "slug:",
     "slug: is not translated"),
    ("faq.es.md", "  - question: ¿Duele?\n    answer: La mayoría de las personas solo siente un "
     "*pequeño* pinchazo de la aguja.\n", "", "faq:", "faq: has 1 item(s); the source has 2"),
    ("safety.es.md", "      - text: debilidad muscular en cualquier parte del cuerpo\n", "",
     "symptoms:", "care_cards[1].symptoms: has 1 item(s); the source has 2"),
    ("indications.es.md", "    approval_note: Aprobado", "    approval_notes: Aprobado",
     "approval_notes:", "indications[1].approval_notes: unknown field"),
])
def test_a_translation_file_with_a_mistake_fails_at_its_line(bilingual, name, old, new, needle,
                                                             message):
    path = bilingual / SECTION / name
    replace(path, old, new)
    line = line_number(path, needle) if needle in path.read_text() else None
    found = problems_of(bilingual)
    assert any(p.startswith(f"{path.relative_to(bilingual.parent)}:{line}: {message}")
               or (message in p and f"/{name}:" in p) for p in found), found
    if line is not None:
        assert any(f"/{name}:{line}:" in p for p in found), found


@pytest.mark.parametrize(("languages", "message"), [
    ("[en, cz]", "languages[2]: 'cz' is not a known language"),
    ("[en, es-]", "languages[2]: 'es-' is not a language tag"),
])
def test_an_unknown_language_fails_at_its_line(bilingual, languages, message):
    practice = bilingual / "practice.md"
    replace(practice, "languages: [en, es]", f"languages: {languages}")
    line = line_number(practice, "languages:")
    found = problems_of(bilingual)
    assert any(f"practice.md:{line}: {message}" in p for p in found), found


def test_a_file_in_a_language_the_site_does_not_have_fails(bilingual):
    shutil.copy(bilingual / SECTION / "faq.es.md", bilingual / SECTION / "faq.fr.md")
    found = problems_of(bilingual)
    assert any("faq.fr.md:1: 'fr' is not one of the site's languages" in p for p in found)


def test_a_half_translated_page_is_not_published(bilingual, build):
    (bilingual / SECTION / "faq.es.md").unlink()
    result = build(bilingual)
    assert result.returncode == 0, result.log
    assert not (result.output / "es").exists()
    assert "hreflang" not in result.html()
    findings = inspect(bilingual, {}).findings
    assert any(f.rule == "translation.incomplete" and "faq.es.md" in f.message for f in findings)


def test_a_configured_language_missing_a_theme_string_fails_the_build(bilingual, build,
                                                                      tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # the log's one line is not wrapped around its source
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    catalog = theme / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    replace(catalog, 'msgstr "Datos clave"', 'msgstr ""')
    result = build(bilingual, "-t", str(theme))
    assert result.returncode != 0
    assert "has no translation of 'Key facts'" in " ".join(result.log.split())


def test_every_theme_string_has_a_spanish_translation():
    from treatment_pages.catalogs import Catalogs

    spanish = Catalogs(ROOT / "theme", ["en", "es"]).messages["es"]
    assert [m for m in theme_messages(ROOT / "theme") if m not in spanish] == []


def test_a_one_language_site_carries_nothing_of_translations(site):
    html = site.html()
    for trace in ("hreflang", 'class="languages', "translation", "xhtml:link"):
        assert trace not in html


# --- Staleness, from git -----------------------------------------------------------------


class Translated(Repo):
    """The bilingual fixture in a git repository, its translation made from the first commit."""

    def __init__(self, top: Path) -> None:
        super().__init__(top, BILINGUAL)
        self.translated_from(self.first)

    def translated_from(self, commit: str) -> str:
        page = self.file("page.es.md")
        text = re.sub(r"source_commit: \S+", f"source_commit: {commit}", page.read_text())
        page.write_text(text, encoding="utf-8")
        return self.commit(f"Spanish translation from {commit[:7]}")

    def findings(self, release: bool = True) -> list:
        return [f for f in inspect(self.content, {}, release).findings
                if f.rule in ("translation.withheld", "translation.behind")]


CLINICAL = [  # (file, old, new, the field the error names)
    ("safety.md", "muscle weakness anywhere", "muscle weakness or numbness anywhere",
     "care_cards[1].symptoms[2].text"),
    ("safety.md", "hours to weeks after", "hours to days after", "text"),
    ("page.md", "with a fine needle.", "with a very fine needle.", "key_facts[1].fact"),
    ("indications.md", "    approval: off-label", "    approval: approved",
     "indications[2].approval"),
    ("faq.md", "a treatment every few months", "a treatment every 3 months", "faq[1].answer"),
    ("what-is.md", "long-lasting pain", "pain lasting over 3 months", "text"),
]
PLAIN = [
    ("what-is.md", "Doctors use it", "Doctors often use it", "text"),
    ("faq.md", "question: Does it hurt?", "question: Will it hurt?", "faq[2].question"),
    ("page.md", "subtitle: A Targeted Approach", "subtitle: A Precise Approach", "subtitle"),
]
NEUTRAL = [  # the same values: re-wrapped, quoted differently, or a field no one translates
    ("what-is.md", "relaxes muscles. Doctors", "relaxes muscles.\nDoctors"),
    ("safety.md", 'heading: "Get medical help at once if, after an injection, you have any of '
     'these:"', "heading: 'Get medical help at once if, after an injection, you have any of "
     "these:'"),
    ("faq.md", "question: Does it hurt?", 'question: "Does it hurt?"'),
    ("contact.md", "position: 50", "position: 60"),
]


@pytest.mark.parametrize(("name", "old", "new", "field"), CLINICAL)
def test_a_clinical_change_withholds_the_translation(tmp_path, name, old, new, field):
    repo = Translated(tmp_path)
    changed = repo.edit(name, old, new, "Source change")
    findings = repo.findings()
    target = repo.file(name.replace(".md", ".es.md"))
    withheld = [f for f in findings if f.rule == "translation.withheld"]
    assert withheld and all(f.level == "error" for f in withheld), findings
    assert any(f.path == target and f"{field}: " in f.message and changed[:7] in f.message
               for f in withheld), withheld
    result = run_pelican(repo.content, tmp_path / "output")
    assert result.returncode == 0, result.log
    assert not (tmp_path / "output" / "es").exists()
    repo.translated_from(repo.git("rev-parse", "HEAD").strip())
    assert repo.findings() == []


@pytest.mark.parametrize(("name", "old", "new", "field"), PLAIN)
def test_a_change_in_words_puts_the_translation_behind(tmp_path, name, old, new, field):
    repo = Translated(tmp_path)
    changed = repo.edit(name, old, new, "Source wording")
    findings = repo.findings()
    assert [f.rule for f in findings] == ["translation.behind"], findings
    assert findings[0].level == "warning" and f"{field}: " in findings[0].message
    assert findings[0].path == repo.file(name.replace(".md", ".es.md"))
    assert changed[:7] in findings[0].message
    result = run_pelican(repo.content, tmp_path / "output")
    assert result.returncode == 0, result.log
    notice = BeautifulSoup(result.html("es/index.html"), "html.parser") \
        .select_one(".translation__notice")
    day = repo.git("log", "-1", "--format=%cs").strip()
    assert notice is not None and "La página en inglés cambió el" in notice.get_text()
    assert str(int(day[8:])) in notice.get_text()
    assert urljoin("/es/", notice.a["href"]) == "/"
    repo.translated_from(repo.git("rev-parse", "HEAD").strip())
    assert repo.findings() == []
    result = run_pelican(repo.content, tmp_path / "output")
    assert 'class="translation__notice"' not in result.html("es/index.html")


@pytest.mark.parametrize(("name", "old", "new"), NEUTRAL)
def test_rewrapping_or_quoting_changes_nothing(tmp_path, name, old, new):
    repo = Translated(tmp_path)
    repo.edit(name, old, new, "Same words")
    assert repo.findings() == []


def test_several_changes_in_several_files_are_each_named(tmp_path):
    repo = Translated(tmp_path)
    for name, old, new, _ in (CLINICAL[0], CLINICAL[2], PLAIN[0]):
        repo.edit(name, old, new)
    repo.commit("Three changes")
    findings = repo.findings()
    files = {f.path.name for f in findings if f.rule == "translation.withheld"}
    assert files == {"safety.es.md", "page.es.md"}



def test_new_translation_scaffolds_valid_files_the_release_refuses(project):
    """`invoke new-translation` writes every file with source_commit set; the words are still
    the source's, so the build passes but `check --release` refuses them."""
    replace(project / "content" / "practice.md", "placeholder: true\n",
            "placeholder: true\nlanguages: [en, es]\n")
    repo = Repo(project)
    made = invoke(project, "new-translation", SECTION, "es")
    assert made.returncode == 0, made.stdout + made.stderr
    folder = project / "content" / SECTION
    sources = sorted(p.name for p in folder.glob("*.md") if p.name.count(".") == 1)
    assert sorted(p.name for p in folder.glob("*.es.md")) == \
        sorted(name.replace(".md", ".es.md") for name in sources)
    assert f"source_commit: {repo.first}" in (folder / "page.es.md").read_text()
    assert (project / "content" / "practice.es.md").is_file()
    assert problems_of(project / "content") == []
    findings = inspect(project / "content", {}, release=True).findings
    untranslated = [f for f in findings if f.rule == "translation.untranslated"]
    assert untranslated and all(f.level == "error" for f in untranslated)
    again = invoke(project, "new-translation", SECTION, "fr")
    assert again.returncode != 0 and "'fr' is not one of" in again.stderr


def test_the_standards_report_shows_each_language_s_provenance_and_status(tmp_path):
    repo = Translated(tmp_path)

    def row() -> tuple[str, str]:
        run = inspect(repo.content, {})
        status, evidence = Assessor(run, run.site.treatments[0]).translations(Evidence(""))
        return status, " ".join(e.text for e in evidence)

    status, evidence = row()
    assert status == "pass"
    assert "es: professional, translated by Ana Ejemplo" in evidence
    assert "clinical accuracy checked by Dra. Marta Ejemplo (MD, medicina del dolor)" in evidence
    assert evidence.endswith(": current")
    repo.edit(*CLINICAL[0][:3], "Source change")
    status, evidence = row()
    assert status == "fail" and "withheld" in evidence and "safety.es.md" in evidence


def test_a_spanish_page_is_measured_by_a_spanish_formula(bilingual):
    findings = inspect(bilingual, {}).findings
    skipped = [f for f in findings if f.rule == "translation.english-only"]
    assert len(skipped) == 1 and "Fernández Huerta" in skipped[0].message
    assert [f for f in findings if f.rule == "translation.readability"] == []
    replace(bilingual / SECTION / "what-is.es.md", "El bótox es un medicamento",
            "La toxina onabotulínica constituye farmacológicamente una neurotoxina "
            "paralizante administrada intramuscularmente, cuya administración terapéutica "
            "interrumpe reversiblemente la transmisión neuromuscular colinérgica. El bótox es "
            "un medicamento")
    hard = [f for f in inspect(bilingual, {}).findings if f.rule == "translation.readability"]
    assert hard and hard[0].path.name == "what-is.es.md" and "Fernández Huerta" in hard[0].message


def test_a_source_commit_that_names_no_commit_withholds_the_translation(tmp_path):
    repo = Translated(tmp_path)
    replace(repo.file("page.es.md"), f"source_commit: {repo.first}", "source_commit: 1a2b3c4")
    repo.commit("A made-up commit")
    withheld = [f for f in inspect(repo.content, {}, True).findings
                if f.rule == "translation.withheld"]
    page = repo.file("page.es.md")
    assert [(f.path, f.line, f.level) for f in withheld] == \
        [(page, line_number(page, "source_commit:"), "error")]
    result = run_pelican(repo.content, tmp_path / "output")
    assert result.returncode == 0 and not (tmp_path / "output" / "es").exists()

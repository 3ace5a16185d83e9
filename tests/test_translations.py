"""Translations patients can trust, on the English and Spanish fixture site.

`tests/data/bilingual-site/` is a small site in `en` and `es` (the shipped site stays
English-only). Built pages are parsed whole: every page's hreflang cluster, the switcher, the
sitemap, the JSON-LD; translation files with mistakes fail at their line; and in temporary
git repositories, source changes withhold a translation (clinical) or put it behind (words).
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urljoin
from urllib.request import urlopen
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment

from site_tools.check import run_checks
from site_tools.report import Assessor, Evidence
from site_tools.server import serving
from tests.publishing.hosting import SITEURL, production_build
from tests.structured_data.extract import head_graph
from tests.structured_data.vocabulary import vocabulary
from tests.support.git_repos import Repo
from tests.support.helpers import (
    DATA,
    ROOT,
    TREATMENT,
    Build,
    bilingual_clinic,
    invoke,
    replace,
    run_pelican,
    sample_content,
)
from treatment_pages.catalogs import theme_messages
from treatment_pages.loading import load_site

BILINGUAL = DATA / "bilingual-site"
ES_FILES = sorted(p.name for p in (BILINGUAL / TREATMENT).glob("*.es.md"))


def pages(output: Path) -> dict[str, BeautifulSoup]:
    """Every built page by its address from the site root ("/", "/es/", "/es/404.html")."""
    found = {}
    for path in sorted(output.rglob("*.html")):
        name = path.relative_to(output).as_posix()
        if not name.startswith("admin/"):
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


# The bilingual site (one treatment), and a clinic of two whose home page is the index, or a
# treatment with the index at /treatments/: each built once for the checks of every page.
SITES = {"one treatment": (None, None), "clinic": (bilingual_clinic, None),
         "clinic, a treatment at home": (bilingual_clinic, TREATMENT)}


@pytest.fixture(scope="module", params=list(SITES))
def every_page(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> dict[str, BeautifulSoup]:
    make, home = SITES[request.param]
    folder = tmp_path_factory.mktemp("site")
    content = make(folder, home) if make else sample_content(folder, BILINGUAL)
    result = run_pelican(content, folder / "output")
    assert result.returncode == 0, result.log
    return pages(result.output)


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Build:
    folder = tmp_path_factory.mktemp("bilingual-prod")
    result = production_build(sample_content(folder, BILINGUAL), folder / "output")
    assert result.returncode == 0, result.log
    return result


def cluster(address: str, soup: BeautifulSoup) -> dict[str, str]:
    """hreflang → absolute-from-root address of a page's alternate links."""
    links = soup.head.find_all("link", rel="alternate", hreflang=True)
    return {link["hreflang"]: urljoin(address, link["href"]) for link in links}


def test_every_page_exists_in_each_language(every_page):
    english = {address for address in every_page if not address.startswith("/es/")}
    assert {"/404.html", "/"} <= english
    assert set(every_page) - english == {f"/es{address}" for address in english}


def test_every_page_has_a_complete_reciprocal_hreflang_cluster(every_page):
    clusters = {address: cluster(address, soup) for address, soup in every_page.items()}
    for address, links in clusters.items():
        lang = every_page[address].html["lang"]
        assert lang == ("es" if address.startswith("/es/") else "en"), address
        assert links[lang] == address, f"{address}: no self-reference"
        assert links["x-default"] == links["en"], f"{address}: x-default is not the source"
        assert set(links) == {"en", "es", "x-default"}, address
        for other in links.values():
            assert clusters[other] == links, f"{address} and {other} disagree"


def test_each_language_has_its_lang_and_a_switcher_in_its_own_language(every_page):
    for address, soup in every_page.items():
        lang = soup.html["lang"]
        switcher = soup.select_one("header nav.languages")
        assert switcher is not None, address
        links = {a["hreflang"]: a for a in switcher.find_all("a")}
        other = "es" if lang == "en" else "en"
        assert set(links) == {other}
        assert links[other]["lang"] == other
        assert links[other].get_text() == {"en": "English", "es": "Español"}[other]
        assert urljoin(address, links[other]["href"]) == cluster(address, soup)[other]
        current = switcher.select_one("[aria-current=page]")
        assert current["lang"] == lang


def english_fragments() -> list[str]:
    """The theme's English words (every message its catalogs translate), cut at their
    placeholders: none may show on a Spanish page."""
    parts = [part.strip(" :.,()") for message in theme_messages(ROOT / "theme")
             for part in re.split(r"%\(\w+\)s|\{\w+\}", message)]
    return sorted({part for part in parts if len(part) > 3})


def words_shown(soup: BeautifulSoup) -> str:
    """A page's visible text and the words of its labels, outside parts in another language
    (`lang` on an element: a treatment not yet translated, the switcher's other language)."""
    soup = BeautifulSoup(str(soup), "html.parser")  # a copy: the parts are taken out
    lang = soup.html["lang"]
    for other in soup.body.find_all(lambda tag: tag.get("lang") not in (None, lang)):
        other.decompose()
    for script in soup.find_all(["script", "style"]):
        script.decompose()
    labels = [str(v) for tag in soup.find_all(True) for k, v in tag.attrs.items()
              if k in ("aria-label", "title", "alt")]
    return " ".join(" ".join([soup.get_text(" "), *labels]).split())


def english_words(soup: BeautifulSoup) -> list[str]:
    """The theme's English words a page shows (as words: "Contact" is not in "Contacte")."""
    text = words_shown(soup)
    return [part for part in english_fragments()
            if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text)]


def test_no_english_theme_string_on_a_spanish_page(every_page):
    for address, soup in every_page.items():
        if soup.html["lang"] != "en":
            assert english_words(soup) == [], address
    spanish = words_shown(every_page["/es/404.html"])
    assert "Página no encontrada" in spanish and "llamarnos al +1 202-555-0142" in spanish


def test_a_treatment_not_yet_translated_is_listed_in_its_own_language(tmp_path):
    content = bilingual_clinic(tmp_path)
    (content / "nerve-blocks" / "overview.es.md").unlink()
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode == 0, result.log
    found = pages(result.output)
    assert "/es/nerve-blocks/" not in found and "es" not in cluster("/", found["/nerve-blocks/"])
    for address in ("/es/", f"/es/{TREATMENT}/"):
        link = next(a for a in found[address].main.find_all("a")
                    if urljoin(address, a["href"]) == "/nerve-blocks/")
        assert link["hreflang"] == "en" and link.find_parent(lang="en") is not None
        assert link.get_text() == "Nerve blocks"
        assert english_words(found[address]) == []


@pytest.mark.parametrize(("address", "lang"), [("/es/no-such-page/", "es"),
                                              ("/no-such-page/", "en"), ("/esx/", "en")])
def test_a_missing_address_gets_the_404_page_of_its_language(built, address, lang):
    with serving(built.output) as base, pytest.raises(HTTPError) as answer:
        urlopen(base + address)
    assert answer.value.code == 404
    soup = BeautifulSoup(answer.value.read().decode(), "html.parser")
    assert soup.html["lang"] == lang


class TemplateWords(HTMLParser):
    """The words a template writes as they are, not through the catalogs (`_()`)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []

    def handle_data(self, data: str) -> None:
        self.words += re.findall(r"[^\W\d_]{2,}", data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.words += [word for name, value in attrs if name in ("aria-label", "title", "alt")
                       for word in re.findall(r"[^\W\d_]{2,}", value or "")]


@pytest.mark.parametrize("template", sorted(
    p.relative_to(ROOT / "theme" / "templates").as_posix()
    for p in (ROOT / "theme" / "templates").rglob("*.html")))
def test_every_word_of_the_theme_comes_from_the_catalogs(template):
    """Jinja's lexer gives the template's own text; an expression stands as `x`, one letter."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    source = (ROOT / "theme" / "templates" / template).read_text(encoding="utf-8")
    literal = "".join(value if kind == "data" else "x" if kind == "variable_begin" else ""
                      for _, kind, value in env.lex(source))
    parser = TemplateWords()
    parser.feed(literal)
    parser.close()
    assert parser.words == []


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


def sitemap_alternates(output: Path) -> dict[str, dict[str, str]]:
    """Each address of the built sitemap, with its alternates by hreflang."""
    root = ElementTree.parse(output / "sitemap.xml").getroot()
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
             "x": "http://www.w3.org/1999/xhtml"}
    return {url.findtext("s:loc", namespaces=names):
            {link.get("hreflang"): link.get("href") for link in url.findall("x:link", names)}
            for url in root.findall("s:url", names)}


def test_the_sitemap_lists_every_version_with_its_alternates(production):
    entries = sitemap_alternates(production.output)
    expected = {"en": f"{SITEURL}/", "es": f"{SITEURL}/es/", "x-default": f"{SITEURL}/"}
    assert entries == {f"{SITEURL}/": expected, f"{SITEURL}/es/": expected}


def test_the_sitemap_of_a_clinic_lists_each_index_with_its_alternates(tmp_path):
    result = production_build(bilingual_clinic(tmp_path), tmp_path / "output")
    assert result.returncode == 0, result.log
    entries = sitemap_alternates(result.output)
    index = {"en": f"{SITEURL}/", "es": f"{SITEURL}/es/", "x-default": f"{SITEURL}/"}
    assert entries[f"{SITEURL}/"] == entries[f"{SITEURL}/es/"] == index
    assert len(entries) == 6 and all(set(links) == set(index) for links in entries.values())
    graph = head_graph((result.output / "es" / "index.html").read_text())[1]["@graph"]
    assert [p for node in graph for p in vocabulary().problems(node)] == []
    page = next(n for n in graph if n["@id"] == f"{SITEURL}/es/")
    assert page["inLanguage"] == "es" and page["name"] == "Tratamientos en Example Pain Clinic"


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
    path = bilingual / TREATMENT / name
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
    shutil.copy(bilingual / TREATMENT / "faq.es.md", bilingual / TREATMENT / "faq.fr.md")
    found = problems_of(bilingual)
    assert any("faq.fr.md:1: 'fr' is not one of the site's languages" in p for p in found)


def test_a_half_translated_page_is_not_published(bilingual, build):
    (bilingual / TREATMENT / "faq.es.md").unlink()
    result = build(bilingual)
    assert result.returncode == 0, result.log
    assert not (result.output / "es").exists()
    assert "hreflang" not in result.html()
    findings = run_checks(bilingual, {}).findings
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
    """The bilingual fixture (or `top`/content already made) in a git repository, its
    translations made from the first commit."""

    def __init__(self, top: Path) -> None:
        super().__init__(top, BILINGUAL)
        self.translated_from(self.first)

    def translated_from(self, commit: str) -> str:
        for page in self.content.glob("*/page.es.md"):
            text = re.sub(r"source_commit: \S+", f"source_commit: {commit}", page.read_text())
            page.write_text(text, encoding="utf-8")
        return self.commit(f"Spanish translation from {commit[:7]}")

    def findings(self, release: bool = True) -> list:
        return [f for f in run_checks(self.content, {}, release).findings
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



ITEMS = [  # (file, old, new, the list, its item, the item's words): an item added or removed
    ("faq.md", "  - question: Does it hurt?", "  - question: Can I drive home?\n    answer: "
     "Yes, most people can.\n  - question: Does it hurt?", "faq", "gained item 2",
     "Can I drive home?"),
    ("safety.md", "      - text: muscle weakness", "      - text: blurred or double vision\n"
     "      - text: muscle weakness", "care_cards[1].symptoms", "gained item 2",
     "blurred or double vision"),
    ("page.md", "  - fact: The effect can last", "  - fact: It takes about 10 minutes.\n"
     "  - fact: The effect can last", "key_facts", "gained item 2", "It takes about 10 minutes"),
    ("indications.md", "  - name: Jaw pain (TMJ disorder)\n    description: Botox can ease jaw "
     "tension and pain.\n    approval: off-label\n", "", "indications", "lost item 2",
     "Jaw pain (TMJ disorder)"),
]


def test_an_item_the_source_gained_or_lost_is_refused_in_staleness_terms(tmp_path,
                                                                         monkeypatch):
    """Every file's list changed in one commit: each translation file is refused at its list's
    line, naming the item, the commit and what to do; the build refuses the same way."""
    monkeypatch.setenv("COLUMNS", "400")  # the log's lines are not wrapped
    repo = Translated(tmp_path)
    for name, old, new, *_ in ITEMS:
        repo.edit(name, old, new)
    changed = repo.commit("Items added and removed")
    run = run_checks(repo.content, {}, release=True)
    found = {str(p.path.name): p for p in run.invalid}
    for name, _, _, field, item, words in ITEMS:
        target = repo.file(name.replace(".md", ".es.md"))
        problem = found[target.name]
        assert problem.line == line_number(target, f"{field.rpartition('.')[2]}:")
        assert problem.detail.startswith(f"{field}: the source {name} {item} '{words}")
        assert f"in commit {changed[:7]}" in problem.detail
        assert f"source_commit {repo.first[:7]}" in problem.detail
        assert f"item {item.rpartition(' ')[2]} here, in the source's order" in problem.detail
        assert problem.detail.endswith(f"page.es.md to {changed[:7]}")
    assert len(run.invalid) == len(ITEMS)
    result = run_pelican(repo.content, tmp_path / "output")
    log = " ".join(result.log.split())
    assert result.returncode != 0
    assert "faq: the source faq.md gained item 2 'Can I drive home?" in log
    assert "has 1 item(s)" not in log and "Traceback" not in log


PRACTICE = [  # (old, new, the field named, the verdict): practice.md, shown on every page
    ('emergency_number: "911"', 'emergency_number: "112"', "emergency_number",
     "translation.withheld"),
    ("regulator: FDA", "regulator: MHRA", "regulator", "translation.withheld"),
    ("Example Pain Clinic pays for this page.", "Example Pain Clinic pays for these pages.",
     "disclosure", "translation.behind"),
    ("title: Treatments at", "title: All treatments at", "title", "translation.behind"),
]


@pytest.mark.parametrize(("old", "new", "field", "rule"), PRACTICE)
def test_a_change_to_the_practice_follows_the_rules_of_sections(tmp_path, old, new, field,
                                                                 rule):
    """Clinical by the schema (emergency_number, regulator) withholds every translated page,
    other words put them behind: each finding at practice.es.md, naming its page's file."""
    bilingual_clinic(tmp_path)
    repo = Translated(tmp_path)
    replace(repo.content / "practice.md", old, new)
    changed = repo.commit("Practice change")
    findings = repo.findings()
    target = repo.content / "practice.es.md"
    assert {f.rule for f in findings} == {rule}, findings
    assert sorted(f.message.rsplit(" in ", 1)[1] for f in findings) == [
        f"{folder}/page.es.md to {changed[:7]}" for folder in ("nerve-blocks", TREATMENT)]
    for finding in findings:
        assert finding.path == target and finding.message.startswith(f"{field}: ")
        assert changed[:7] in finding.message
        assert finding.line == (line_number(target, f"{field}:") if field in
                                target.read_text() else 1)
    result = run_pelican(repo.content, tmp_path / "output")
    assert result.returncode == 0, result.log
    assert (tmp_path / "output" / "es").exists() == (rule == "translation.behind")
    repo.translated_from(changed)
    assert repo.findings() == []


@pytest.mark.parametrize(("old", "new"), [
    ('phone: "+1 202-555-0142"', 'phone: "+1 202-555-0199"'),  # not words: the source's
    ("  Example Pain Clinic pays for this page. We take", "  Example Pain Clinic pays for this "
     "page.\n  We take"),
])
def test_a_practice_change_no_translation_carries_changes_nothing(tmp_path, old, new):
    repo = Translated(tmp_path)
    replace(repo.content / "practice.md", old, new)
    repo.commit("Same words")
    assert repo.findings() == []


def test_new_translation_scaffolds_valid_files_the_release_refuses(project):
    """`invoke new-translation` writes every file with source_commit set; the words are still
    the source's, so the build passes but `check --release` refuses them."""
    replace(project / "content" / "practice.md", "placeholder: true\n",
            "placeholder: true\nlanguages: [en, es]\n")
    repo = Repo(project)
    made = invoke(project, "new-translation", TREATMENT, "es")
    assert made.returncode == 0, made.stdout + made.stderr
    folder = project / "content" / TREATMENT
    sources = sorted(p.name for p in folder.glob("*.md") if p.name.count(".") == 1)
    assert sorted(p.name for p in folder.glob("*.es.md")) == \
        sorted(name.replace(".md", ".es.md") for name in sources)
    assert f"source_commit: {repo.first}" in (folder / "page.es.md").read_text()
    assert (project / "content" / "practice.es.md").is_file()
    assert problems_of(project / "content") == []
    findings = run_checks(project / "content", {}, release=True).findings
    untranslated = [f for f in findings if f.rule == "translation.untranslated"]
    assert untranslated and all(f.level == "error" for f in untranslated)
    again = invoke(project, "new-translation", TREATMENT, "fr")
    assert again.returncode != 0 and "'fr' is not one of" in again.stderr


def test_the_standards_report_shows_each_language_s_provenance_and_status(tmp_path):
    repo = Translated(tmp_path)

    def row() -> tuple[str, str]:
        run = run_checks(repo.content, {})
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
    findings = run_checks(bilingual, {}).findings
    skipped = [f for f in findings if f.rule == "translation.english-only"]
    assert len(skipped) == 1 and "Fernández Huerta" in skipped[0].message
    assert [f for f in findings if f.rule == "translation.readability"] == []
    replace(bilingual / TREATMENT / "what-is.es.md", "El bótox es un medicamento",
            "La toxina onabotulínica constituye farmacológicamente una neurotoxina "
            "paralizante administrada intramuscularmente, cuya administración terapéutica "
            "interrumpe reversiblemente la transmisión neuromuscular colinérgica. El bótox es "
            "un medicamento")
    hard = [f for f in run_checks(bilingual, {}).findings if f.rule == "translation.readability"]
    assert hard and hard[0].path.name == "what-is.es.md" and "Fernández Huerta" in hard[0].message


def test_a_source_commit_that_names_no_commit_withholds_the_translation(tmp_path):
    repo = Translated(tmp_path)
    replace(repo.file("page.es.md"), f"source_commit: {repo.first}", "source_commit: 1a2b3c4")
    repo.commit("A made-up commit")
    withheld = [f for f in run_checks(repo.content, {}, True).findings
                if f.rule == "translation.withheld"]
    page = repo.file("page.es.md")
    assert [(f.path, f.line, f.level) for f in withheld] == \
        [(page, line_number(page, "source_commit:"), "error")]
    result = run_pelican(repo.content, tmp_path / "output")
    assert result.returncode == 0 and not (tmp_path / "output" / "es").exists()

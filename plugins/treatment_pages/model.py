"""Compose a treatment folder's section files into one validated page model."""

from __future__ import annotations

import errno
import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

from .cache import ContentCache, status
from .facts import check_facts
from .frontmatter import SourceFile, read_source
from .links import href_line, hrefs
from .navigation import TreatmentIndex, link_pages
from .problems import Diagnostic, comparable, display_path, slugify
from .redirects import check_redirects
from .schema import (
    LAYOUT_IDS,
    PAGE_FIELDS,
    PRACTICE_FIELDS,
    SECTION_FIELDS,
    SECTION_LISTS,
    Field,
    reserved_slugs,
    static_folders,
)
from .translations import language_of, load_translations

if TYPE_CHECKING:
    from .translations import Translation

Result = TypeVar("Result")
PAGE_FILE = "page.md"
PRACTICE_FILE = "practice.md"
# Drafts (`_faq.md`), hidden files and editors' backups (`faq.md~`, `.bak`, `.swp`, `#faq.md#`)
# are not published; `invoke check` lists each one, so none disappears without a word.
SKIPPED_NAME = re.compile(r"^[.#_~]|~$|\.(swp|bak|tmp)$")
# What an FAQ answer may contain: the HTML that schema.org Answer text allows in search
# engines' FAQ results, so the visible answer and the JSON-LD answer are the same HTML.
FAQ_ANSWER_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "br", "ol", "ul", "li", "a", "p", "div", "b",
     "strong", "i", "em"})
# Secure web, email, phone and in-site addresses; not `http:`, nor another host written as
# '//host' (or '/\\host', which browsers read alike).
ALLOWED_HREF = re.compile(r"^(?![/\\]{2})(https://|mailto:|tel:|#|/|\.{0,2}/?[\w\-./]*(#[\w\-]*)?$)",
                          re.I)
# An address of a file of this site, relative or from the site root: no scheme (a ':' before
# the first '/', '?' or '#': javascript:, data:, https:) and no other host ('//host', and
# '/\host', which browsers read as '//host'). The page promises nothing from other origins.
SITE_FILE = re.compile(r"^(?![^/?#]*:)(?![/\\]{2})[^\\\s]+$")
# GitHub's extensions, which its preview renders and CommonMark shows as typed characters:
# strikethrough (`~x~`, `~~x~~`), footnotes (`[^1]`) and task-list boxes (`- [ ] item`).
# A run of 1 or 2 tildes that can open (before a non-space) and a later run of the same
# length that can close (after a non-space): what cmark-gfm strikes, and a little more.
STRUCK = re.compile(r"(?<!~)(~~?)(?![~\s])[\s\S]*?(?<![~\s])\1(?!~)")
# A tilde touching '*' or '_': GitHub's strikethrough changes how the emphasis pairs up.
TILDE_BY_EMPHASIS = re.compile(r"[*_]~|~[*_]")
FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
TASK_BOX = re.compile(r"^\[[ xX]\](?:[ \t]|$)")
# A table's delimiter row (`|---|---|`, `--|--`, `---:`; not `---`, a heading's underline):
# under a line of text, GitHub makes a table.
TABLE_RULE = re.compile(r"^ {0,3}(?=.*[|:])\|?[ \t]*:?-+:?[ \t]*"
                        r"(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
FOOTNOTE_HINT = ("write the source in the sentence, or list it in the section's references; "
                 "write '\\[' to show a bracket")
LIST_ITEM_START = re.compile(r"^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# Headings an FAQ answer may not use: the page title is the h1, section titles are h2.
OUTLINE_TAGS = ("h1", "h2")


@dataclass
class Section:
    """One section of a treatment page, from one Markdown file."""

    source: SourceFile
    anchor: str
    body_html: Markup

    @property
    def title_id(self) -> str:
        """The id of the section's heading (the section is labelled by it)."""
        return f"{self.anchor}-title"

    def item_id(self, number: int) -> str:
        """The id of the section's FAQ item `number` (from 1): its visible and JSON-LD address."""
        return f"{self.anchor}-{number}"

    def element_ids(self) -> list[str]:
        """The HTML ids the theme gives this section, its heading and its FAQ items."""
        return [self.anchor, self.title_id,
                *(self.item_id(n) for n in range(1, len(self.faq) + 1))]

    def __getattr__(self, name: str) -> Any:
        """Front-matter fields read as attributes, so templates write `section.title`."""
        try:
            return self.__dict__["source"].values[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class Treatment:
    """A whole treatment page: its page metadata and its ordered sections."""

    folder: Path
    page: SourceFile
    sections: list[Section]
    url: str = ""  # relative to SITEURL: "" for the home page, "slug/" otherwise
    save_as: str = ""
    structured_data: Any = None  # JSON-LD for the template (its __html__), set by jsonld
    others: list[Treatment] = field(default_factory=list)  # "Other treatments" (navigation.py)
    # Translations (translations.py): the published language versions of the page, the source
    # first (empty on a one-language site); on a translated page, its provenance.
    versions: list[Treatment] = field(default_factory=list)
    translation: Translation | None = None

    @property
    def meta(self) -> dict[str, Any]:
        return self.page.values

    @property
    def lang(self) -> str:
        return str(self.meta.get("lang") or "")

    @property
    def anchors(self) -> list[str]:
        """The sections' addresses, which a link's error message suggests."""
        return [section.anchor for section in self.sections]

    def element_ids(self) -> set[str]:
        """Every id on the page, which a `#anchor` link may target: the layout's and sections'."""
        return {*LAYOUT_IDS.values(), *(i for s in self.sections for i in s.element_ids())}


@dataclass
class Site:
    practice: SourceFile
    treatments: list[Treatment]
    skipped: list[Path] = field(default_factory=list)  # files and folders not published
    index: TreatmentIndex | None = None  # the list of all treatments, when there are several
    digests: dict[Path, bytes] = field(default_factory=dict)  # each file read: its bytes' hash
    languages: list[str] = field(default_factory=list)  # practice.md's, the source first
    # Every language version of every treatment (translations.py), withheld ones included.
    translated: list[Treatment] = field(default_factory=list)
    # practice.<lang>.md of each other language: practice.md's values with its words.
    practice_translations: dict[str, SourceFile] = field(default_factory=dict)

    def published_translations(self) -> list[Treatment]:
        """The translated pages patients get: complete and not withheld."""
        return [t for t in self.translated if t.translation and t.translation.status != "withheld"]

    def practice_words(self, lang: str) -> dict[str, Any]:
        """practice.md's values, with its words in `lang`."""
        translated = self.practice_translations.get(lang)
        return translated.values if translated else self.practice.values

    def page_languages(self) -> list[str]:
        """The languages the site has pages in: the source's, then each other language with a
        published page (its index and 404 page exist too)."""
        found = {t.lang for t in self.published_translations()}
        return [lang for n, lang in enumerate(self.languages) if n == 0 or lang in found]

    def home_url(self, lang: str) -> str:
        """The home page in `lang`: its version of the site's home page, else its index, else
        the source language's home page."""
        if not self.languages or lang == self.languages[0]:
            return ""
        urls = [t.url for t in self.published_translations() if t.lang == lang]
        indexes = [index.url for index in self.indexes() if index.lang == lang]
        return f"{lang}/" if f"{lang}/" in [*urls, *indexes] else next(iter(indexes), "")

    def indexes(self) -> list[TreatmentIndex]:
        """The treatments index in each language it exists in, the source first."""
        return (self.index.versions or [self.index]) if self.index else []

    def pages(self) -> list[Treatment | TreatmentIndex]:
        """Every page a link may name: the treatments and the index."""
        return [*self.treatments, *([self.index] if self.index else [])]


class Refusal(NamedTuple):
    """Markdown the build refuses: its line within the text (0 = the text's first line)."""

    line: int
    message: str
    hint: str


class MarkdownRenderer:
    """CommonMark, as GitHub's preview shows it, to HTML; raw HTML is escaped: text stays text.

    markdown-it-py is CommonMark by construction, so `#1 cause` stays a paragraph, a list
    needs no blank line before it and a list nested by 2 spaces stays nested. Measured by
    `bench/markdown_routes.py` (snippets of `tests/data/tricky-markdown.txt` whose tag tree
    equals GitHub's cmark-gfm's; ms to render the real content's 9 texts, three runs):
    Python-Markdown with sane_lists 32/50 (3.0-3.2 ms), plus pymdownx.saneheaders 36/50
    (3.4-4.0 ms), plus mdx_truly_sane_lists and mdx_breakless_lists 39/50 (2.7-4.0 ms; loose
    lists, `1)` lists, fences, autolinks still differ); markdown-it-py 50/50 (1.4-1.7 ms).
    """

    def __init__(self) -> None:
        # Tables are parsed (as GitHub's preview does) only to be refused with their line.
        self._md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False}).enable("table")
        # Every link is parsed as a link (markdown-it would leave `javascript:` ones as text),
        # so that `check_links` refuses it with its line instead of publishing the source.
        self._md.validateLink = lambda url: True  # type: ignore[method-assign]
        self._md.renderer.rules["text"] = _render_text
        # Before text_join, while `\<` and `&lt;` are still apart from the text around them.
        self._md.core.ruler.before("text_join", "refusals", _collect_refusals)

    def render(self, text: str, refusals: list[Refusal] | None = None,
               answer: bool = False) -> Markup:
        """`text` as HTML; what the build refuses in it (images from elsewhere, HTML comments)
        is appended to `refusals`. An FAQ `answer` may not hold `#` or `##` headings (in a
        section's text, the lint's `headings.top-level` warns of them)."""
        env: dict[str, Any] = {"refusals": [] if refusals is None else refusals,
                               "answer": answer}
        tokens = self._md.parse(text, env)
        return Markup(self._md.renderer.render(tokens, self._md.options, env).removesuffix("\n"))


def _render_text(tokens: list[Any], index: int, options: Any, env: Any) -> str:
    """Text escaped as HTML needs it (& < >): quotes stay as the editor typed them."""
    content = tokens[index].content
    return content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _collect_refusals(state: StateCore) -> None:
    """What the page would show otherwise than GitHub's preview, or would load from
    elsewhere, each with its line: the blocks' (`_refuse_blocks`), then each text's."""
    _refuse_blocks(state)
    for token in state.tokens:
        if token.type == "inline" and token.children and token.map:
            _refuse_inline(state, token)


def _refuse(state: StateCore, line: int, message: str, hint: str) -> None:
    state.env["refusals"].append(Refusal(line, message, hint))


def _refuse_blocks(state: StateCore) -> None:
    """Block structure that GitHub's preview shows and the page would not, or otherwise.

    Tables (too wide for a phone), task-list boxes (a box a patient cannot tick), headings in
    answers that would rank with the page or section titles, an empty list item that GitHub
    fills with the lines after it, footnote definitions (which CommonMark drops as link
    definitions) and nesting as deep as markdown-it reads (it drops the rest).
    """
    deepest = state.md.options["maxNesting"] - 1
    for index, token in enumerate(state.tokens):
        line = token.map[0] if token.map else 0
        if token.level >= deepest:
            _refuse(state, line, "lists or quotes are nested too deeply: the words inside "
                    "would not be shown", "use at most a few levels of lists and quotes")
            return
        if token.type == "heading_open" and token.tag in OUTLINE_TAGS and state.env["answer"]:
            ranks = "page title" if token.tag == "h1" else "section titles"
            _refuse(state, line, f"a '{'#' * int(token.tag[1])}' heading would rank with the "
                    f"{ranks}", "start a heading inside an answer with '### ', or write it "
                    "in **bold**")
        elif (token.type == "list_item_open" and state.tokens[index + 1].type ==
              "list_item_close" and _continues_after_a_blank(state.src.split("\n"), line)):
            _refuse(state, line, "an empty list item, then a blank line: GitHub lays out "
                    "what follows differently from the page",
                    "write the item's text on the same line, after the '- ' or '1. '")
        elif token.type == "blockquote_open" and state.tokens[index + 1].type == \
                "blockquote_close":  # markdown-it may drop the lines after it
            _refuse(state, line, "an empty quote ('>' with no text)",
                    "delete the line, or write the quoted text after the '> '")
        elif (token.type == "inline" and index >= 2
              and state.tokens[index - 2].type == "list_item_open"
              and TASK_BOX.match(token.content)):
            _refuse(state, line, f"'{token.content[:3]}' is a task-list box on GitHub, but "
                    "patients would see the brackets", "delete the box: write '- item'")
    _refuse_tables(state)
    for label, reference in state.env.get("references", {}).items():
        if label.startswith("^"):
            _refuse(state, reference["map"][0], f"'[{label}]:' is a footnote on GitHub, but "
                    "the page would drop it", FOOTNOTE_HINT)


def _continues_after_a_blank(lines: list[str], line: int) -> bool:
    """After an empty list item on `line`: a blank line, then indented text or another item,
    which cmark-gfm (GitHub's parser) and CommonMark 0.31 lay out differently."""
    rest = [text for text in lines[line + 1:] if text.strip()]
    return line + 1 < len(lines) and not lines[line + 1].strip() and bool(rest) \
        and (rest[0][:1] in (" ", "\t") or bool(LIST_ITEM_START.match(rest[0])))


def _refuse_tables(state: StateCore) -> None:
    """Tables, found as GitHub finds them: a delimiter row under a line of text, outside code
    (markdown-it's own table rule needs more, e.g. a '|' in the header row)."""
    code = {line for token in state.tokens if token.type in ("fence", "code_block")
            and token.map for line in range(*token.map)}
    tables = {token.map[0] for token in state.tokens if token.type == "table_open" and token.map}
    lines = state.src.split("\n")
    for number, text in enumerate(lines[1:], start=1):
        if TABLE_RULE.match(text) and lines[number - 1].strip() and number not in code:
            tables.add(number - 1)
    for line in sorted(tables):
        _refuse(state, line, "a table would not fit a phone screen (GitHub shows it as a table)",
                "write it as a list, one item per row, e.g. '- Migraine: every 12 weeks'")


def _refuse_inline(state: StateCore, token: Token) -> None:
    """Images that are not files of this site, HTML comments, strikethrough and footnotes.

    An `<img>` is the only element this renderer makes that loads something (raw HTML is
    text). A comment is hidden by GitHub's preview but would be shown to patients as text;
    struck-out words would read as instructions, footnote marks as stray brackets.
    """
    line = token.map[0]
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "image" and not SITE_FILE.match(str(child.attrGet("src") or "")):
            _refuse(state, line, f"image '{child.attrGet('src')}' is not a file of this site",
                    "the page loads nothing from other sites: put the image in a folder the "
                    "build publishes (STATIC_PATHS) and write its path, e.g. /media/diagram.png "
                    "(no https://, //, data: or javascript:)")
        elif child.type == "text" and "<!--" in child.content:
            _refuse(state, line, "an HTML comment '<!--' would be shown to patients as text "
                    "(GitHub's preview hides it)", "delete it; keep notes for editors in the "
                    "commit message or as a '#' comment line in the front matter")
    # The text as written; other tokens (code, escapes, link marks) as one placeholder each.
    text = "".join(child.content if child.type == "text" else "\n" if child.type in
                   ("softbreak", "hardbreak") else "\0" for child in token.children or ())
    for match in STRUCK.finditer(text):
        _refuse(state, token.map[0] + text.count("\n", 0, match.start()),
                f"'{match.group()}' is struck out on GitHub, but patients would read it as "
                "an instruction", "delete the words that no longer apply, or say in words "
                "what changed; write '\\~' to show a tilde")
    for match in TILDE_BY_EMPHASIS.finditer(text):
        _refuse(state, token.map[0] + text.count("\n", 0, match.start()),
                f"'{match.group()}': a tilde next to '*' or '_' changes what GitHub shows in "
                "italics or bold", "write '\\~' for a tilde, or a space between them")
    for match in FOOTNOTE.finditer(text):
        _refuse(state, token.map[0] + text.count("\n", 0, match.start()),
                f"'{match.group()}' is a footnote mark on GitHub, but patients would see the "
                "brackets", FOOTNOTE_HINT)


class ContentReader:
    """Reads content files with one Markdown renderer, through the build's content cache."""

    def __init__(self, cache: ContentCache | None = None) -> None:
        self.renderer = MarkdownRenderer()
        self.cache = cache
        self.digests: dict[Path, bytes] = {}  # every file read: the hash of its bytes

    def read(self, path: Path, problems: list[Diagnostic],
             produce: Callable[[bytes, list[Diagnostic]], Result]) -> Result:
        """`produce(data, problems)` from the file's bytes, or from the cache when unchanged.

        A file that cannot be read (a link to nothing, no permission) is a problem, not a crash.
        """
        try:
            if self.cache is None:
                data = path.read_bytes()
                self.digests[path] = hashlib.blake2b(data, digest_size=16).digest()
                return produce(data, problems)
            found, trusted = status(path)
            if kept := self.cache.recall(path, found):
                self.digests[path] = kept.digest
                problems.extend(kept.problems)
                return kept.result
            data = path.read_bytes()
            self.digests[path] = hashlib.blake2b(data, digest_size=16).digest()
            return self.cache.read(path, data, self.digests[path], problems, produce,
                                   found if trusted else None)
        except OSError as error:
            reason = "it is a link that leads back to itself" if error.errno == errno.ELOOP \
                else "it is a link to a file that does not exist" if path.is_symlink() \
                and not path.exists() else error.strerror or str(error)
            problems.append(Diagnostic(path, None, "", f"cannot be read: {reason}",
                                    "replace it with the real file, or delete it"))
            return None

    def source(self, path: Path, fields: tuple[Field, ...],
               problems: list[Diagnostic]) -> SourceFile:
        """A front-matter-only file (practice.md, page.md): text below it is refused."""
        read = self.read(path, problems, lambda data, found: read_source(path, fields, found, data,
                                                                         has_body=False))
        return read or SourceFile(path)

    def required_source(self, path: Path, fields: tuple[Field, ...], problems: list[Diagnostic],
                        missing: str, hint: str) -> SourceFile:
        """`source`, or an empty SourceFile and a problem when the file does not exist."""
        if path.is_dir():
            problems.append(Diagnostic(path, None, "", f"is a folder, not the file {path.name}",
                                       f"replace the folder with the file: {hint}"))
        elif path.is_file() or path.is_symlink():
            return self.source(path, fields, problems)
        else:
            problems.append(Diagnostic(path, None, "", missing, hint))
        return SourceFile(path)


def check_links(html: str, source: SourceFile, where: str, problems: list[Diagnostic]) -> None:
    """Refuse link schemes a patient's browser should never follow (javascript:, data:)."""
    for href in hrefs(html):
        if not ALLOWED_HREF.match(href):
            problems.append(Diagnostic(source.path, href_line(source, where, href),
                                       where, f"link '{href}' is not allowed",
                                    "link to https:// (not http:), mailto:, tel:, a page of "
                                    "this site or a #section address"))


def load_site(content: Path, settings: dict[str, Any],
              cache: ContentCache | None = None) -> tuple[Site, list[Diagnostic]]:
    """Read the practice file and every treatment folder below `content`.

    Folders named in STATIC_PATHS are skipped. Returns the site and every problem found.
    With a `cache`, files whose bytes are unchanged since the last build are not re-read.
    """
    problems: list[Diagnostic] = []
    reader = ContentReader(cache)
    excluded = static_folders(settings)
    practice = reader.required_source(
        content / PRACTICE_FILE, PRACTICE_FIELDS, problems, "the practice file is missing",
        "create it with the practice's name and contact details")
    site = Site(practice, [], digests=reader.digests)
    for entry in sorted(content.iterdir()):
        if entry.name in excluded:
            continue
        if SKIPPED_NAME.search(entry.name):
            site.skipped.append(entry)
        elif entry.is_dir() and entry.name != PRACTICE_FILE:
            site.treatments.append(load_treatment(entry, reader, problems, site.skipped))
        elif entry.name != PRACTICE_FILE and not language_of(entry):
            problems.append(Diagnostic(entry, None, "", "this file is not part of any treatment",
                                    "move it into a treatment folder, or delete it"))
    if not site.treatments:
        problems.append(Diagnostic(content, None, "", "there is no treatment folder to publish",
                                "add one with `.venv/bin/invoke new-treatment \"Name\"`"
                                + _skipped_hint(site.skipped)))
    _assign_urls(site, reserved_slugs(settings), problems)
    link_pages(site, problems)
    check_redirects(site, problems)
    load_translations(site, reader, problems)
    problems.extend(check_facts(site, settings))
    return site, problems


def _skipped_hint(skipped: list[Path]) -> str:
    """Names an editor may have meant: folders skipped for their name."""
    folders = [p.name for p in skipped if p.is_dir()]
    return (f" (skipped for their names: {', '.join(folders)}; names starting with "
            "'.', '_', '#' or '~' are not published)") if folders else ""


def _assign_urls(site: Site, taken: dict[str, str], problems: list[Diagnostic]) -> None:
    """Give each treatment its URL: the home treatment (practice.md's `home`, or the only
    treatment) at the site root, others at /slug/. A slug the site already uses for
    something else (`taken`: `reserved_slugs`) is refused."""
    home = site.practice.values.get("home")
    slugs: dict[str, Path] = {}
    for treatment in site.treatments:
        slug = treatment.meta.get("slug")
        if slug in taken:
            problems.append(Diagnostic(treatment.page.path, treatment.page.lines.get("slug"),
                                       "slug", f"'{slug}' is the address of {taken[slug]}",
                                       "give this treatment another slug"))
        if slug and slug in slugs:
            problems.append(Diagnostic(treatment.page.path, treatment.page.lines.get("slug"),
                                       "slug",
                                       f"'{slug}' is already used by {display_path(slugs[slug])}",
                                    "give each treatment its own slug"))
        elif slug:
            slugs[slug] = treatment.page.path
    if not home and len(slugs) == 1:
        home = next(iter(slugs))
    every_slug_known = len(slugs) == len(site.treatments)
    if home and site.treatments and home not in slugs and every_slug_known:
        problems.append(Diagnostic(site.practice.path, site.practice.lines.get("home"), "home",
                                f"no treatment has the slug '{home}'",
                                f"use one of: {', '.join(slugs)}, or remove the line to make "
                                "the list of treatments the home page"
                                + _skipped_hint(site.skipped)))
    for treatment in site.treatments:
        slug = treatment.meta.get("slug") or treatment.folder.name
        treatment.url = "" if slug == home else f"{slug}/"
        treatment.save_as = f"{treatment.url}index.html"


def load_treatment(folder: Path, reader: ContentReader, problems: list[Diagnostic],
                   skipped: list[Path]) -> Treatment:
    page = reader.required_source(
        folder / PAGE_FILE, PAGE_FIELDS, problems, "the treatment folder has no page.md",
        "copy page.md from another treatment folder and edit it")
    sections = []
    files = sorted(folder.iterdir())
    skipped.extend(path for path in files if SKIPPED_NAME.search(path.name))
    if not any(path.suffix == ".md" and path.name != PAGE_FILE and path not in skipped
               for path in files):
        problems.append(Diagnostic(folder, None, "", "the treatment folder has no section files",
                                "add the page's sections as .md files beside page.md"))
    for path in files:
        if path in skipped or path.name == PAGE_FILE or language_of(path):
            continue
        if path.is_dir() or path.suffix != ".md":
            problems.append(Diagnostic(path, None, "", "this is not a section file",
                                    "section files are Markdown files ending in .md"))
            continue
        section = reader.read(path, problems, functools.partial(load_section, path,
                                                                  reader.renderer))
        if section:
            sections.append(section)
    by_position: dict[int, list[Section]] = {}
    for section in sections:
        by_position.setdefault(section.position, []).append(section)
    for position, sharing in by_position.items():
        for section in sharing if len(sharing) > 1 else ():
            others = ", ".join(s.source.path.name for s in sharing if s is not section)
            problems.append(Diagnostic(section.source.path, section.source.lines.get("position"),
                                    "position", f"position {position} is also used by {others}",
                                    "give every section its own position number"))
    sections.sort(key=lambda s: s.position or 0)
    _check_unique_ids(sections, problems)
    _check_unique_questions(sections, problems)
    return Treatment(folder, page, sections)


def _check_unique_ids(sections: list[Section], problems: list[Diagnostic]) -> None:
    """Two sections must not produce the same HTML id (their anchors come from file names)."""
    owners = dict.fromkeys(LAYOUT_IDS.values(), "the page layout")
    for section in sections:
        for element_id in section.element_ids():
            if element_id in owners:
                problems.append(Diagnostic(section.source.path, None, "",
                                        f"its address '#{element_id}' is already used by "
                                        f"{owners[element_id]}", "rename the file"))
                break
            owners[element_id] = section.source.path.name


def _check_unique_questions(sections: list[Section], problems: list[Diagnostic]) -> None:
    """One page must not ask the same question twice, even in two FAQ sections."""
    asked: dict[str, str] = {}
    for section in sections:
        for index, item in enumerate(section.faq, start=1):
            if not item["question"]:
                continue  # reported as missing or wrong by validation
            normal = comparable(item["question"])
            where = f"faq[{index}].question"
            if normal in asked and asked[normal] != section.source.path.name:
                problems.append(Diagnostic(section.source.path, section.source.lines.get(where),
                                        where, f"duplicate question: '{item['question']}'",
                                        f"{asked[normal]} already asks it; remove or reword one"))
            asked.setdefault(normal, section.source.path.name)


def load_section(path: Path, renderer: MarkdownRenderer, data: bytes,
                 problems: list[Diagnostic]) -> Section | None:
    """The section, checked completely even when some fields are wrong, so that one run lists
    every problem of the file (a build with problems publishes nothing). None only when the
    front matter could not be read at all.
    """
    source = read_source(path, SECTION_FIELDS, problems, data)
    if not source.values:
        return None
    return section_from(source, renderer, data, problems, slugify(path.stem) or "section")


def section_from(source: SourceFile, renderer: MarkdownRenderer, data: bytes,
                 problems: list[Diagnostic], anchor: str) -> Section:
    """A section from its validated values (a source file's, or a translation's merged with
    its source's): rendered, with what the build refuses in its texts reported."""
    path, values = source.path, source.values
    lists = [name for name in SECTION_LISTS if values[name]]
    if len(lists) > 1:
        problems.append(Diagnostic(path, source.lines.get(lists[1]), lists[1],
                                f"a section may hold only one list, and this one also has "
                                f"'{lists[0]}'", "move one of the lists into its own section file"))
    refusals: list[Refusal] = []
    body_html = renderer.render(source.body, refusals)
    _report_refusals(refusals, source, "", source.body_line, problems)
    check_links(body_html, source, "", problems)
    if not (source.body.strip() or lists or values["call_to_action"] or values["care_cards"]):
        problems.append(Diagnostic(path, source.body_line, "", "the section has no text",
                                "write the section's text below the closing '---'"))
    for index, item in enumerate(values["faq"], start=1):
        where = f"faq[{index}].answer"
        item["answer_html"] = renderer.render(item["answer"] or "", refusals, answer=True)
        _report_refusals(refusals, source, where, _answer_line(data, source.lines.get(where)),
                         problems)
        check_links(item["answer_html"], source, where, problems)
        extra = sorted(set(re.findall(r"<([a-z0-9]+)", item["answer_html"])) - FAQ_ANSWER_TAGS)
        if extra:
            problems.append(Diagnostic(path, source.lines.get(where), where,
                                    f"uses {', '.join(f'<{t}>' for t in extra)}, which FAQ "
                                    "answers cannot contain",
                                    "use paragraphs, lists, links, bold and italic only"))
    return Section(source, anchor=anchor, body_html=body_html)


# A YAML block scalar (`answer: |`): its text starts on the next line, one file line per line.
BLOCK_SCALAR = re.compile(r":[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _answer_line(data: bytes, key_line: int | None) -> int | None:
    """The file line an FAQ answer's text starts on: below `answer: |`, else the key's line.

    Exact for `|` answers; a plain or `>` answer folds its lines, so its later lines count
    from the key's line.
    """
    if key_line is None:
        return None
    lines = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return key_line + 1 if BLOCK_SCALAR.search(lines[key_line - 1]) else key_line


def _report_refusals(refusals: list[Refusal], source: SourceFile, where: str,
                     first_line: int | None, problems: list[Diagnostic]) -> None:
    """Each refusal of one text as a problem at its file line; the list is emptied for reuse."""
    for refusal in refusals:
        line = first_line + refusal.line if first_line else None
        problems.append(Diagnostic(source.path, line, where, refusal.message, refusal.hint))
    refusals.clear()

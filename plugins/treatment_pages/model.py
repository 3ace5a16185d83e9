"""Compose a treatment folder's section files into one validated page model."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markupsafe import Markup

from .cache import ContentCache
from .facts import check_facts
from .frontmatter import SourceFile, read_source
from .links import href_line, hrefs
from .navigation import TreatmentIndex, link_pages
from .problems import Diagnostic, display_path, slugify
from .schema import PAGE_FIELDS, PRACTICE_FIELDS, SECTION_FIELDS, SECTION_LISTS, Field

Result = TypeVar("Result")
# HTML ids of the page layout itself: the templates read them from here (a Jinja global,
# LAYOUT_IDS), and no section may take one of them.
LAYOUT_IDS = {"main": "main", "contents_title": "contents-title"}
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
ALLOWED_HREF = re.compile(r"^(https?://|mailto:|tel:|#|/|\.{0,2}/?[\w\-./]*(#[\w\-]*)?$)")
# An address of a file of this site, relative or from the site root: no scheme (a ':' before
# the first '/', '?' or '#': javascript:, data:, https:) and no other host ('//host', and
# '/\host', which browsers read as '//host'). The page promises nothing from other origins.
SITE_FILE = re.compile(r"^(?![^/?#]*:)(?![/\\]{2})[^\\\s]+$")


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

    @property
    def meta(self) -> dict[str, Any]:
        return self.page.values

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
        self._md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False})
        # Every link is parsed as a link (markdown-it would leave `javascript:` ones as text),
        # so that `check_links` refuses it with its line instead of publishing the source.
        self._md.validateLink = lambda url: True  # type: ignore[method-assign]
        self._md.renderer.rules["text"] = _render_text
        # Before text_join, while `\<` and `&lt;` are still apart from the text around them.
        self._md.core.ruler.before("text_join", "refusals", _collect_refusals)

    def render(self, text: str, refusals: list[Refusal] | None = None) -> Markup:
        """`text` as HTML; what the build refuses in it (images from elsewhere, HTML comments)
        is appended to `refusals`."""
        env: dict[str, Any] = {"refusals": [] if refusals is None else refusals}
        tokens = self._md.parse(text, env)
        return Markup(self._md.renderer.render(tokens, self._md.options, env).removesuffix("\n"))


def _render_text(tokens: list[Any], index: int, options: Any, env: Any) -> str:
    """Text escaped as HTML needs it (& < >): quotes stay as the editor typed them."""
    content = tokens[index].content
    return content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _collect_refusals(state: StateCore) -> None:
    """Images that are not files of this site, and HTML comments, each with its line.

    An `<img>` is the only element this renderer makes that loads something (raw HTML is
    text). A comment is hidden by GitHub's preview but would be shown to patients as text.
    """
    for token in state.tokens:
        if token.type != "inline" or not token.children or not token.map:
            continue
        line = token.map[0]
        for child in token.children:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "image" and not SITE_FILE.match(str(child.attrGet("src") or "")):
                state.env["refusals"].append(Refusal(
                    line, f"image '{child.attrGet('src')}' is not a file of this site",
                    "the page loads nothing from other sites: put the image in the site and "
                    "write its path, e.g. images/diagram.png (no https://, //, data: or "
                    "javascript:)"))
            elif child.type == "text" and "<!--" in child.content:
                state.env["refusals"].append(Refusal(
                    line, "an HTML comment '<!--' would be shown to patients as text "
                    "(GitHub's preview hides it)", "delete it; keep notes for editors in the "
                    "commit message or as a '#' comment line in the front matter"))


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
            data = path.read_bytes()
            self.digests[path] = hashlib.blake2b(data, digest_size=16).digest()
            if self.cache is None:
                return produce(data, problems)
            return self.cache.read(path, data, self.digests[path], problems, produce)
        except OSError as error:
            reason = "it is a link to a file that does not exist" if path.is_symlink() \
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
        if path.is_file() or path.is_symlink():
            return self.source(path, fields, problems)
        problems.append(Diagnostic(path, None, "", missing, hint))
        return SourceFile(path)


def check_links(html: str, source: SourceFile, where: str, problems: list[Diagnostic]) -> None:
    """Refuse link schemes a patient's browser should never follow (javascript:, data:)."""
    for href in hrefs(html):
        if not ALLOWED_HREF.match(href):
            problems.append(Diagnostic(source.path, href_line(source, where, href),
                                       where, f"link '{href}' is not allowed",
                                    "link to https://, mailto:, tel: or #section addresses"))


def load_site(content: Path, settings: dict[str, Any],
              cache: ContentCache | None = None) -> tuple[Site, list[Diagnostic]]:
    """Read the practice file and every treatment folder below `content`.

    Folders named in STATIC_PATHS are skipped. Returns the site and every problem found.
    With a `cache`, files whose bytes are unchanged since the last build are not re-read.
    """
    problems: list[Diagnostic] = []
    reader = ContentReader(cache)
    excluded = {Path(p).parts[0] for p in settings.get("STATIC_PATHS", [])}
    practice = reader.required_source(
        content / PRACTICE_FILE, PRACTICE_FIELDS, problems, "the practice file is missing",
        "create it with the practice's name and contact details")
    site = Site(practice, [], digests=reader.digests)
    for entry in sorted(content.iterdir()):
        if entry.name in excluded:
            continue
        if SKIPPED_NAME.search(entry.name):
            site.skipped.append(entry)
        elif entry.is_dir():
            site.treatments.append(load_treatment(entry, reader, problems, site.skipped))
        elif entry.name != PRACTICE_FILE:
            problems.append(Diagnostic(entry, None, "", "this file is not part of any treatment",
                                    "move it into a treatment folder, or delete it"))
    if not site.treatments:
        problems.append(Diagnostic(content, None, "", "there is no treatment folder to publish",
                                "add one with `invoke new-treatment \"Name\"`"
                                + _skipped_hint(site.skipped)))
    _assign_urls(site, problems)
    link_pages(site, problems)
    problems.extend(check_facts(site))
    return site, problems


def _skipped_hint(skipped: list[Path]) -> str:
    """Names an editor may have meant: folders skipped for their name."""
    folders = [p.name for p in skipped if p.is_dir()]
    return (f" (skipped for their names: {', '.join(folders)}; names starting with "
            "'.', '_', '#' or '~' are not published)") if folders else ""


def _assign_urls(site: Site, problems: list[Diagnostic]) -> None:
    """Give each treatment its URL: the home treatment (practice.md's `home`, or the only
    treatment) at the site root, others at /slug/."""
    home = site.practice.values.get("home")
    slugs: dict[str, Path] = {}
    for treatment in site.treatments:
        slug = treatment.meta.get("slug")
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
        if path in skipped or path.name == PAGE_FILE:
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
            normal = " ".join(item["question"].casefold().split())
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
    values = source.values
    lists = [name for name in SECTION_LISTS if values[name]]
    if len(lists) > 1:
        problems.append(Diagnostic(path, source.lines.get(lists[1]), lists[1],
                                f"a section may hold only one list, and this one also has "
                                f"'{lists[0]}'", "move one of the lists into its own section file"))
    refusals: list[Refusal] = []
    body_html = renderer.render(source.body, refusals)
    _report_refusals(refusals, source, "", source.body_line, problems)
    check_links(body_html, source, "", problems)
    if not source.body.strip() and not lists and not values["call_to_action"]:
        problems.append(Diagnostic(path, source.body_line, "", "the section has no text",
                                "write the section's text below the closing '---'"))
    for index, item in enumerate(values["faq"], start=1):
        where = f"faq[{index}].answer"
        item["answer_html"] = renderer.render(item["answer"] or "", refusals)
        _report_refusals(refusals, source, where, _answer_line(data, source.lines.get(where)),
                         problems)
        check_links(item["answer_html"], source, where, problems)
        extra = sorted(set(re.findall(r"<([a-z0-9]+)", item["answer_html"])) - FAQ_ANSWER_TAGS)
        if extra:
            problems.append(Diagnostic(path, source.lines.get(where), where,
                                    f"uses {', '.join(f'<{t}>' for t in extra)}, which FAQ "
                                    "answers cannot contain",
                                    "use paragraphs, lists, links, bold and italic only"))
    return Section(source, anchor=slugify(path.stem) or "section", body_html=body_html)


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

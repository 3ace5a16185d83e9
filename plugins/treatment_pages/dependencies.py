"""What each page of the site is made from: one key (a hash of all its inputs) per output.

strict_build keeps each output's key in its output record; a page whose key is unchanged
is not rendered again (generator.py). A key holds, for every output: the settings (any
setting can reach any template; functions and classes count by name), the code of every
enabled plugin and the versions of the libraries that render (Pelican, Jinja2,
markdown-it-py, PyYAML), the theme's files other than templates (inline CSS and the message
catalogs), the templates the output's own template uses (its includes, imports and the
template it extends, found by Jinja's parser), practice.md (every page shows the practice)
and the site's languages. Then what the page itself shows, in its language:
- a treatment page: its own files (a translated page: its translation files and its
  source's), its address, the styles of the site's kind, each "Other treatments" link's
  address, language and page file, the index's address and number of treatments, its home
  page's address, practice.<lang>.md, and its language versions (language and address); a
  translated page also its state (from git: current, behind since a date);
- the index: the address, language and page file of every treatment it lists, and the
  index's versions, home page and practice.<lang>.md;
- the 404 page: its links (titles and addresses), versions, home page, index address and
  practice.<lang>.md.
So an edit to one treatment's files re-renders that treatment's pages in each language, and
the index in a language whose list shows that page's words (page.md or page.<lang>.md).
Everything a key leaves out must be derivable from what it holds; the property test
(tests/test_incremental_property.py) checks that an incremental build equals a clean one.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import Environment, meta

from .model import Site, Treatment, TreatmentIndex
from .navigation import NotFoundPage

LIBRARIES = ("pelican", "jinja2", "markdown-it-py", "pyyaml", "markupsafe")


def digest(*parts: Any) -> str:
    """A hash of JSON-able parts (bytes as hex)."""
    text = json.dumps(parts, sort_keys=True, default=_hex)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _hex(value: Any) -> str:
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"not part of a key: {type(value).__name__}")


def stable(value: Any) -> Any:
    """A setting as JSON that is the same in every process: functions and classes by name."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = [stable(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, dict):
        return {str(k): stable(v) for k, v in value.items()}
    if isinstance(value, Path):
        return value.as_posix()
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    return f"{getattr(value, '__module__', '')}.{name}"


def files_digest(paths: list[Path]) -> str:
    """A hash of the files' names and bytes."""
    hashed = hashlib.blake2b(digest_size=16)
    for path in sorted(paths):
        hashed.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()


def build_digest(settings: dict[str, Any], code: tuple[Path, ...] = ()) -> str:
    """What every output depends on: the settings, the enabled plugins' code (and `code`),
    the libraries' versions and the theme's files other than templates."""
    plugin_files = [path for folder in settings["PLUGIN_PATHS"] for name in settings["PLUGINS"]
                    for path in (Path(folder) / name).rglob("*.py")]
    theme = Path(settings["THEME"])
    theme_files = [p for p in theme.rglob("*") if p.is_file()
                   and not p.is_relative_to(theme / "templates")]
    return digest(stable(settings), [version(name) for name in LIBRARIES],
                  files_digest([*plugin_files, *code]), files_digest(theme_files))


# (template source, the environment's syntax) -> the templates it names: kept by a process that
# builds again (the live preview's worker), where parsing every template was a fifth of an edit.
_references: dict[tuple[str, tuple[Any, ...]], list[str | None]] = {}


def _referenced(env: Environment, source: str) -> list[str | None]:
    """The templates `source` includes, imports or extends (None: one named at run time).

    Keyed by the source and what decides how it parses (delimiters, extensions), so an
    edited template, or another environment, is parsed afresh."""
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string,
              env.variable_end_string, env.comment_start_string, env.comment_end_string,
              env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
              env.lstrip_blocks, tuple(sorted(env.extensions)))
    key = (source, syntax)
    if key not in _references:
        _references[key] = list(meta.find_referenced_templates(env.parse(source)))
    return _references[key]


class Keys:
    """The key of each output of one build."""

    def __init__(self, settings: dict[str, Any], env: Environment, site: Site) -> None:
        self.env, self.site, self.digests = env, site, site.digests
        self.base = digest(build_digest(settings), self.digests.get(site.practice.path),
                           site.languages)
        self._templates: dict[str, str] = {}

    def template(self, name: str) -> str:
        """A hash of the template and every template it uses, transitively."""
        if name not in self._templates:
            seen: dict[str, str] = {}
            waiting = [f"{name}.html"]
            while waiting:
                current = waiting.pop()
                if current in seen:
                    continue
                source, _, _ = self.env.loader.get_source(self.env, current)
                seen[current] = source
                used = _referenced(self.env, source)
                if None in used:  # a template named at run time: it may use any template
                    used = self.env.list_templates()
                waiting += used
            self._templates[name] = digest(sorted(seen.items()))
        return self._templates[name]

    def _page(self, treatment: Treatment) -> tuple[str, str, bytes | None]:
        """What a link to `treatment` shows: its address, language and page file."""
        return treatment.url, treatment.lang, self.digests.get(treatment.page.path)

    def _language(self, lang: str, versions: list[Any]) -> list[Any]:
        """What every page in `lang` shows of its language: its home page, practice.<lang>.md
        and its versions' languages and addresses."""
        translated = self.site.practice_translations.get(lang)
        return [self.site.home_url(lang), translated and self.digests.get(translated.path),
                [(version.lang, version.url) for version in versions]]

    def treatment(self, treatment: Treatment, styles: tuple[str, ...],
                  index: TreatmentIndex | None) -> str:
        translation = treatment.translation
        pages = [treatment, *([translation.source] if translation else [])]
        files = [(p.as_posix(), self.digests.get(p)) for page in pages
                 for p in (page.page.path, *(s.source.path for s in page.sections))]
        state = translation and (translation.status, str(translation.changed_on))
        return digest(self.base, self.template("treatment"), styles, treatment.save_as,
                      treatment.url, files, state,
                      [self._page(other) for other in treatment.others],
                      index and (index.url, len(index.treatments)),
                      self._language(treatment.lang, treatment.versions))

    def index(self, index: TreatmentIndex) -> str:
        return digest(self.base, self.template("treatments"), index.save_as,
                      [self._page(t) for t in index.treatments],
                      self._language(index.lang, index.versions))

    def not_found(self, page: NotFoundPage, index: TreatmentIndex | None) -> str:
        return digest(self.base, self.template("404"), page.save_as, page.links,
                      index and index.url, self._language(page.lang, page.versions))

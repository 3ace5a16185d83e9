"""What each page of the site is made from: one key (a hash of all its inputs) per output.

strict_build keeps each output's key in its output record; a page whose key is unchanged
is not rendered again (generator.py). A key holds, for every output: the settings (any
setting can reach any template; functions and classes count by name), the code of every
enabled plugin and the versions of the libraries that render (Pelican, Jinja2,
markdown-it-py, PyYAML), the theme's files other than templates (inline CSS), the
templates the output's own template uses (its includes, imports and the template it
extends, found by Jinja's parser), and practice.md (every page shows the practice). Then
what the page itself shows:
- a treatment page: its own files, its address, the styles of the site's kind, and the
  address and page.md of each treatment under "Other treatments", and the index's address
  and number of treatments ("All N treatments");
- the index: the address and page.md of every treatment (its list shows their titles);
- the 404 page: its links (titles and addresses).
On a site of several languages (translations.py) every page also holds every file the build
read and each translation's state (from git: current, behind since a date, withheld): a page
shows its language versions, their provenance and the practice's words in its language, so
any change re-renders every page (the swap still writes only the files whose bytes changed).
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

from .model import Site, Treatment
from .navigation import NotFoundPage, TreatmentIndex

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


class Keys:
    """The key of each output of one build."""

    def __init__(self, settings: dict[str, Any], env: Environment, site: Site) -> None:
        self.env, self.site, self.digests = env, site, site.digests
        self.base = digest(build_digest(settings), self.digests.get(site.practice.path))
        if len(site.languages) > 1:
            self.base = digest(self.base, site.languages,
                               sorted((p.as_posix(), d) for p, d in self.digests.items()),
                               [(t.save_as, t.translation and (
                                   t.translation.lang, t.translation.status,
                                   str(t.translation.changed_on),
                                   stable(t.translation.provenance)))
                                for t in site.translated])
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
                used = list(meta.find_referenced_templates(self.env.parse(source)))
                if None in used:  # a template named at run time: it may use any template
                    used = self.env.list_templates()
                waiting += used
            self._templates[name] = digest(sorted(seen.items()))
        return self._templates[name]

    def _page(self, treatment: Treatment) -> bytes | None:
        return self.digests.get(treatment.page.path)

    def treatment(self, treatment: Treatment, styles: tuple[str, ...],
                  index: TreatmentIndex | None) -> str:
        files = [(p.name, self.digests.get(p)) for p in
                 (treatment.page.path, *(s.source.path for s in treatment.sections))]
        return digest(self.base, self.template("treatment"), styles, treatment.save_as,
                      treatment.url, files,
                      [(other.url, self._page(other)) for other in treatment.others],
                      index and (index.url, len(index.treatments)))

    def index(self, index: TreatmentIndex) -> str:
        return digest(self.base, self.template("treatments"), index.save_as,
                      [(t.url, self._page(t)) for t in index.treatments])

    def not_found(self, page: NotFoundPage) -> str:
        return digest(self.base, self.template("404"), page.save_as, page.links)

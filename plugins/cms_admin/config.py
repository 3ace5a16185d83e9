"""The CMS at /admin/ (Decap CMS): its configuration, generated from the schema and content tree.

Every build writes `admin/` into the site (the `cms_admin` plugin calls `write_admin`):
`index.html`, `config.yml` generated here from `treatment_pages.schema` and the folders under
`content/`, and the Decap bundle copied from the `CMS_DECAP_DIST` folder (`decap_dist`) into
a folder named by the installed package's exact version. Generating the configuration in the
build means it cannot go stale: a new field in the schema or a new treatment folder is in the
next build's forms.

Widgets by kind, chosen so that what the CMS writes is what the strict build accepts:
- text, url, email, phone, slug, language: `string` (one line); the kind's pattern from
  `frontmatter.PATTERNS`, with the build's own wording (`frontmatter.pattern_problem`).
- markdown: `markdown`, raw Markdown only, written back exactly as typed. Decap opens rich
  text whenever a field allows it (its default, then the last mode the browser used, kept in
  localStorage `cms.md-mode`), and rich text saves a typed `**bold**` escaped: so the one
  mode offered is raw, and what an editor types is what patients read.
- integer: `number` with `value_type: int`; boolean: `boolean`.
- date: `datetime` with `format: YYYY-MM-DD` and no time: a plain YYYY-MM-DD date.
- choice: `select` with the schema's `choices`, each shown by its label; an indication's
  `approval` by practice.md's regulator's words, as the page shows it.
- record: `object`; list: `list` of objects (`summary` shows the item's first field).

A translation file (`faq.es.md` beside `faq.md`) is an entry of its own after its source's,
with only the fields a translation holds (`translation_entries`).

The build side only: `invoke cms` (decap-server beside the live preview) is a tool,
`site_tools.cms`, which imports from here and never the other way round.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml writes the same text several times faster
    from yaml import CSafeDumper as YamlDumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as YamlDumper

from treatment_pages.frontmatter import PATTERNS, pattern_problem, read_source
from treatment_pages.model import PAGE_FILE, PRACTICE_FILE, SKIPPED_NAME, language_of
from treatment_pages.schema import (
    APPROVAL_FIELD,
    CMS_FOLDER,
    PAGE_FIELDS,
    PAGE_HELP,
    PRACTICE_FIELDS,
    PRACTICE_HELP,
    REGULATOR_BY_NAME,
    RESERVED_SLUGS,
    SECTION_FIELDS,
    SECTION_HELP,
    TRANSLATION_FIELD,
    Field,
    Regulator,
    reserved_slugs,
    static_folders,
    words_only,
)

# Where npm installs the bundle, relative to the folder Pelican runs in when the settings do
# not say (`CMS_DECAP_DIST`; pelicanconf.py names the one beside itself).
DEFAULT_DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
ADMIN_DIR = CMS_FOLDER
CONFIG_FILE = "config.yml"
# The section text below the front matter: a form field of every section file, not a schema field.
BODY = "body"
# The bundle, its lazily loaded chunks and WebAssembly, and its licence: not the source maps
# (60 MB) nor the second build `cms.js` that the same package ships.
BUNDLE_GLOBS = ("decap-cms.js", "*.decap-cms.js", "decap-cms.js.LICENSE.txt", "*.wasm")
LABELS = {"faq": "Questions and answers (FAQ)", "url": "Web address (URL)",
          "booking_url": "Booking page (URL)", "lint_ack": "Acknowledged check findings",
          "lang": "Language"}
# The formatting an FAQ answer may use (reading.FAQ_ANSWER_TAGS): no image, code or table.
# No heading-one or heading-two: the page title is the h1 and section titles are h2.
MARKDOWN_BUTTONS = ["bold", "italic", "link", "heading-three",
                    "bulleted-list", "numbered-list"]

log = logging.getLogger(__name__)


def decap_dist(settings: Mapping[str, Any]) -> Path:
    """The Decap bundle's folder: a plugin cannot know the project's root, so the settings
    name it (`CMS_DECAP_DIST`), else npm's place under the working folder."""
    return Path(settings.get("CMS_DECAP_DIST") or DEFAULT_DECAP_DIST)


def decap_version(dist: Path) -> str:
    """The exact version of the decap-cms package whose bundle is `dist` (npm installs the
    version package.json pins)."""
    package = json.loads((dist.parent / "package.json").read_text(encoding="utf-8"))
    return package["version"]


def bundle_folder(dist: Path) -> str:
    """Where the bundle is served from under /admin/: named by version, so cacheable forever."""
    return f"decap-cms-{decap_version(dist)}"


def label(field: Field) -> str:
    return LABELS.get(field.name, field.name.replace("_", " ").capitalize())


def pattern(kind: str, reserved: Mapping[str, str] = RESERVED_SLUGS) -> list[str] | None:
    """Decap's `pattern`: the build's regular expression and the build's words for a mismatch;
    a slug is also not one of `reserved` (`reserved_slugs` of the build's settings)."""
    if kind not in PATTERNS:
        return None
    message, hint = pattern_problem(kind)
    if kind == "slug":  # and not an address the site already uses
        taken = "|".join(re.escape(slug) for slug in reserved)
        return [f"^(?!(?:{taken})$){PATTERNS[kind][0].pattern[1:]}",
                f"This {message}, or is an address the site already uses "
                f"({', '.join(reserved)}): {hint}".replace("`", "")]
    return [PATTERNS[kind][0].pattern, f"This {message}: {hint}".replace("`", "")]


def widget(field: Field, regulator: Regulator | None = None,
           reserved: Mapping[str, str] = RESERVED_SLUGS) -> dict[str, Any]:
    """The widget options for a field's kind (see the module docstring for why each);
    `regulator`: practice.md's, whose words label the approval choices; `reserved`: the
    addresses no slug may take."""
    if field.kind == "markdown":
        return {"widget": "markdown", "modes": ["raw"], "buttons": MARKDOWN_BUTTONS,
                "editor_components": []}
    if field.kind == "integer":
        return {"widget": "number", "value_type": "int"}
    if field.kind == "boolean":
        return {"widget": "boolean"}
    if field.kind == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                "time_format": False, "picker_utc": True}
    if field.kind == "choice":
        return {"widget": "select", "options": [
            {"label": regulator.label(choice.value) if regulator and field is APPROVAL_FIELD
             else choice.label, "value": choice.value} for choice in field.choices]}
    if field.kind == "record":
        return {"widget": "object", "fields": form_fields(field.fields, regulator, reserved)}
    if field.kind == "list" and field.item:  # a list of plain values, e.g. related: slugs
        return {"widget": "list", "collapsed": False,
                "label_singular": field.item_label,
                "field": form_field(field.item, regulator, reserved)}
    if field.kind == "list":
        return {"widget": "list", "collapsed": False,
                "label_singular": field.item_label,
                "summary": f"{{{{fields.{field.fields[0].name}}}}}",
                "fields": form_fields(field.fields, regulator, reserved)}
    return {"widget": "string"}


def form_field(field: Field, regulator: Regulator | None = None,
               reserved: Mapping[str, str] = RESERVED_SLUGS) -> dict[str, Any]:
    """One form field: label, widget, required, the schema's help as hint, the kind's pattern."""
    options = {"label": label(field), "name": field.name, **widget(field, regulator, reserved),
               "required": field.required, "hint": field.help}
    if checked := pattern(field.kind, reserved):
        options["pattern"] = checked
    return options


def form_fields(fields: tuple[Field, ...], regulator: Regulator | None = None,
                reserved: Mapping[str, str] = RESERVED_SLUGS) -> list[dict[str, Any]]:
    return [form_field(field, regulator, reserved) for field in fields]


BODY_FIELD = {"label": "Text", "name": BODY, "widget": "markdown", "required": False,
              "modes": ["raw"], "buttons": MARKDOWN_BUTTONS,
              "editor_components": [],
              "hint": "The section's text, below its heading (Markdown)."}


def shared_forms(regulator: Regulator | None, reserved: Mapping[str, str]
                 ) -> dict[str, list[dict[str, Any]]]:
    """The form of every page.md ("page") and of every section file ("section"), built once
    per configuration.

    Every file's entry names this same list, so the YAML writes it once (an anchor) and each
    file refers to it (an alias; Decap parses them): with one copy per file, config.yml was
    20 MB and took 24 s CPU to write at 300 treatments.
    """
    forms = {"page": form_fields(PAGE_FIELDS, reserved=reserved),
             "section": [*form_fields(SECTION_FIELDS, regulator, reserved), BODY_FIELD]}
    return forms


# A content file's front-matter values: read from the file, or (in a build) taken from what
# the build has already read, so 3,000 files are not read twice.
Values = Callable[[Path, tuple[Field, ...]], dict[str, Any]]
# (an output's name, its key) -> True when the output holds the file that key made.
Reused = Callable[[str, str], bool]


def read_values(path: Path, fields: tuple[Field, ...]) -> dict[str, Any]:
    return read_source(path, fields).values


def _title(values: dict[str, Any]) -> tuple[str, int]:
    """A file's title and position for its entry's label and order ('' and 0 if unreadable)."""
    return str(values.get("title") or ""), values.get("position") or 0


def treatment_collection(folder: Path, content: Path, values: Values = read_values,
                         forms: Mapping[str, list[dict[str, Any]]] | None = None
                         ) -> dict[str, Any]:
    """One collection per treatment folder: page.md first, then the sections by position."""
    forms = forms or shared_forms(None, RESERVED_SLUGS)
    relative = folder.relative_to(content.parent).as_posix()
    page_title, _ = _title(values(folder / PAGE_FILE, PAGE_FIELDS))
    sections = sorted((_title(values(path, SECTION_FIELDS))[::-1], path)
                      for path in folder.glob("*.md")
                      if path.name != PAGE_FILE and not SKIPPED_NAME.search(path.name)
                      and not language_of(path))
    page = {"name": "page", "label": "Page details", "file": f"{relative}/{PAGE_FILE}",
            "fields": forms["page"]}
    files = [page, *translation_entries(page, folder / PAGE_FILE, PAGE_FIELDS,
                                        (TRANSLATION_FIELD,), body=False)]
    for (_, title), path in sections:
        section = {"name": path.stem, "label": title or path.stem,
                   "file": f"{relative}/{path.name}", "fields": forms["section"]}
        files += [section, *translation_entries(section, path, SECTION_FIELDS)]
    return {"name": folder.name, "label": page_title or folder.name,
            "description": f"{PAGE_HELP} {SECTION_HELP}", "format": "yaml-frontmatter",
            "editor": {"preview": False}, "files": files}


def collections(content: Path, settings: Mapping[str, Any], values: Values = read_values
                ) -> list[dict[str, Any]]:
    """The practice, then one collection per treatment folder (as the build finds them, with
    the build's `settings`: no static folder), each slug field refusing `reserved_slugs`."""
    reserved = reserved_slugs(settings)
    practice = {"name": "practice", "label": "Practice", "description": PRACTICE_HELP,
                "format": "yaml-frontmatter", "editor": {"preview": False},
                "files": []}
    entry = {"name": "practice", "label": "Practice details",
             "file": f"{content.name}/{PRACTICE_FILE}",
             "fields": form_fields(PRACTICE_FIELDS, reserved=reserved)}
    practice["files"] = [entry, *translation_entries(entry, content / PRACTICE_FILE,
                                                     PRACTICE_FIELDS, body=False)]
    folders = [entry for entry in sorted(content.iterdir()) if entry.is_dir()
               and not SKIPPED_NAME.search(entry.name)
               and entry.name not in static_folders(settings)]
    path = content / PRACTICE_FILE
    named = values(path, PRACTICE_FIELDS).get("regulator") if path.is_file() else None
    regulator = REGULATOR_BY_NAME.get(str(named))
    forms = shared_forms(regulator, reserved)
    return [practice, *(treatment_collection(folder, content, values, forms)
                        for folder in folders)]


def translation_entries(source: dict[str, Any], path: Path, fields: tuple[Field, ...],
                        extra: tuple[Field, ...] = (), body: bool = True) -> list[dict[str, Any]]:
    """An entry per translation file beside `path` (`faq.es.md` beside `faq.md`), after its
    source's: a form of only the fields a translation file holds (the words; `extra`, e.g. a
    page's `translation:` block; the section's text when `body`). Everything else is the
    source's, edited in the source's entry.

    Not Decap's i18n: Decap 3.16 refuses `i18n` on a `files` collection unless its structure is
    `single_file`, and its `multiple_files` names the default language's file `faq.en.md` too.
    """
    return [{"name": f"{source['name']}.{language_of(translation)}",
             "label": f"{source['label']} ({language_of(translation)})",
             "file": str(Path(source["file"]).with_name(translation.name)),
             "fields": [*form_fields((*words_only(fields), *extra)),
                        *([BODY_FIELD] if body else [])]}
            for translation in sorted(path.parent.glob(f"{path.stem}.*.md"))
            if language_of(translation)]


def config(content: Path, settings: dict[str, Any], values: Values = read_values
           ) -> dict[str, Any]:
    """Decap's whole configuration for the content folder `content` of this repository.

    The GitHub backend opens a pull request per change (`editorial_workflow`), which CI
    checks before anything is published. `local_backend` is used only when the admin page
    is opened from localhost or 127.0.0.1 (Decap's rule), by `invoke cms`.
    """
    backend = {"name": "github", "repo": settings["CMS_REPO"], "branch": settings["CMS_BRANCH"]}
    if settings.get("CMS_AUTH_URL"):
        backend["base_url"] = settings["CMS_AUTH_URL"]
    local = settings.get("CMS_LOCAL_BACKEND", True)
    options: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "local_backend": local if isinstance(local, bool) else {"url": local},
        # Required by Decap; no form offers uploads (images must be files of this site).
        "media_folder": f"{content.name}/_media",
        "collections": collections(content, settings, values),
    }
    if settings.get("SITEURL", "").startswith("http"):
        options["site_url"] = options["display_url"] = settings["SITEURL"]
    return options


def admin_page(bundle: str) -> str:
    """The admin page: the bundle from this site, never indexed, no link from patient pages."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Content editor</title>
</head>
<body>
<script src="{bundle}/decap-cms.js"></script>
</body>
</html>
"""


def write_admin(output: Path, content: Path, settings: dict[str, Any],
                values: Values = read_values, with_config: bool = True,
                reused: Reused = lambda _name, _key: False) -> bool:
    """Write admin/ into the built site; False when the bundle is missing: a warning in a
    production build, a note in development (`make build` says once how to get it, and the
    live preview does not repeat it on every rebuild).

    `with_config=False` leaves config.yml out: the output already holds the same one.
    `reused(name, key)` is True for a bundle file the output already holds (see _copy_bundle).
    """
    dist = decap_dist(settings)
    if not (dist / "decap-cms.js").is_file():
        report = log.warning if settings.get("PUBLISH_EXTRAS") else log.info
        report("/admin/ (the CMS) was not built: %s is missing; install Node.js and npm, "
               "then run `make build`", dist)
        return False
    admin = output / ADMIN_DIR
    bundle = admin / bundle_folder(dist)
    bundle.mkdir(parents=True, exist_ok=True)
    _copy_bundle(dist, bundle, f"{ADMIN_DIR}/{bundle.name}", reused)
    (admin / "index.html").write_text(admin_page(bundle.name), encoding="utf-8")
    if with_config:
        text = yaml.dump(config(content, settings, values), Dumper=YamlDumper,
                         sort_keys=False, allow_unicode=True, width=100)
        (admin / CONFIG_FILE).write_text(text, encoding="utf-8")
    return True


def _copy_bundle(dist: Path, bundle: Path, name: str, reused: Reused) -> None:
    """Copy the bundle's files (6.5 MB), but not those `reused` says the output holds: each
    keyed by its source's path and status, which npm changes when it replaces the file. An
    incremental build (the live preview's every edit) then neither copies nor compares them."""
    for pattern_ in BUNDLE_GLOBS:
        for source in dist.glob(pattern_):
            found = source.stat()
            key = hashlib.blake2b(f"{source.resolve()}\0{found.st_size}\0{found.st_ino}\0"
                                  f"{found.st_mtime_ns}\0{found.st_ctime_ns}".encode(),
                                  digest_size=16).hexdigest()
            if not reused(f"{name}/{source.name}", key):
                shutil.copyfile(source, bundle / source.name)

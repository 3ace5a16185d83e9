"""cms_admin: the CMS's admin page at /admin/ (Decap CMS), written into every build.

A generator, so `admin/` is in the staging folder before strict_build's `output_written`
and publish_extras (which gives it its own CSP and leaves it out of the sitemap) sees it.
The configuration is generated from the schema on each build (`config.py`), so the forms
cannot disagree with what the build accepts. `CMS = False` (or removing "cms_admin" from
PLUGINS) publishes no /admin/ and copies no bundle.

Settings: `CMS`, `CMS_REPO` and `CMS_BRANCH` (where the GitHub backend opens pull requests),
`CMS_AUTH_URL` (the OAuth client's address, docs/editing.md), `CMS_LOCAL_BACKEND`
(decap-server's API address for `invoke cms`), `CMS_DECAP_DIST` (the folder of the Decap
bundle to copy, npm's `node_modules/decap-cms/dist`).

`CMS_DECAP_DIST` is a setting because a plugin cannot know where the project is: like THEME,
the settings name it, and pelicanconf.py names the folder beside itself, so a copied project
(with its own node_modules, or a link to one) builds /admin/ from wherever it runs. Unset, it
is `node_modules/decap-cms/dist` under the folder Pelican runs in. The plugin imports nothing
from site_tools (`invoke cms`, a tool, imports from it).
"""

from __future__ import annotations

import os
from pathlib import Path

from blinker import signal
from pelican import signals
from pelican.generators import Generator

from cms_admin.config import ADMIN_DIR, CONFIG_FILE, read_values, write_admin
from treatment_pages.dependencies import build_digest, digest
from treatment_pages.model import PRACTICE_FILE

reuse_output = signal("strict_build.reuse_output")  # see plugins/strict_build


class AdminGenerator(Generator):
    """Writes admin/ (page, generated config, bundle) into the output folder."""

    def generate_context(self) -> None:
        """Nothing to read: the configuration comes from the schema and the folders."""

    def generate_output(self, writer) -> None:
        """Nothing with `CMS = False`; else admin/, the entries' titles from what
        treatment_pages read, when it is enabled.

        config.yml is keyed by the settings, the code, practice.md (the regulator's words,
        the languages), the content folder's entries, the files in its folders (a translation
        file is an entry of its own) and every file's title and position: an
        incremental build skips it while they are unchanged.
        """
        if not self.settings.get("CMS", True):
            return
        read = {source.path: source.values for treatment in self.context.get("treatments", ())
                for source in (treatment.page, *(s.source for s in treatment.sections))}
        content = Path(self.path)
        practice = content / PRACTICE_FILE
        key = digest(build_digest(self.settings),  # covers this plugin's code, config.py
                     practice.read_bytes() if practice.is_file() else None,
                     sorted(entry.name for entry in content.iterdir()),
                     _entry_files(content),
                     sorted((str(path), values.get("title"), values.get("position"))
                            for path, values in read.items()))
        write_admin(Path(self.output_path), content, self.settings,
                    lambda path, fields: read[path] if path in read else read_values(path, fields),
                    with_config=not self.reused(f"{ADMIN_DIR}/{CONFIG_FILE}", key),
                    reused=self.reused)

    def reused(self, name: str, key: str) -> bool:
        """True when strict_build says the output holds `name` as `key` made it."""
        return any(answer for _, answer in reuse_output.send(self, name=name, key=key))


def _entry_files(content: Path) -> list[str]:
    """"folder/file.md" of every file in the content's folders (translations are entries):
    what `content.glob("*/*.md")` lists, without a Path per file (10,000 at N = 1,000)."""
    return sorted(f"{folder.name}/{name}" for folder in os.scandir(content) if folder.is_dir()
                  for name in os.listdir(folder.path) if name.endswith(".md"))


def add_settings(pelican) -> None:
    """Tell publish_extras where the admin is (its own CSP, no sitemap entry)."""
    if pelican.settings.get("CMS", True):
        pelican.settings["CMS_ADMIN_PATH"] = ADMIN_DIR


def get_generators(_pelican) -> type[AdminGenerator]:
    return AdminGenerator


def register() -> None:
    signals.initialized.connect(add_settings)
    signals.get_generators.connect(get_generators)

"""Which files of a built site the checks look at."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from cms_admin.config import ADMIN_DIR


def html_files(output: Path) -> list[Path]:
    """Every HTML file of the build, the CMS's page included (the validators check it too)."""
    return sorted(output.rglob("*.html"))


def page_paths(output: Path) -> list[str]:
    """URL path of every patient page, as a visitor asks for it (index.html as its folder).

    The CMS's page (admin/) is for editors, not patients: tests/browser/test_cms.py checks it.
    """
    paths = []
    for page in html_files(output):
        path = page.relative_to(output).as_posix()
        if not path.startswith(f"{ADMIN_DIR}/"):
            paths.append(path.removesuffix("index.html"))
    return paths


def page_file(output: Path, path: str) -> Path:
    """The file a page's URL path serves."""
    return output / (path + "index.html" if path == "" or path.endswith("/") else path)


class VerifiedPages:
    """The bytes of every page as the last gate that passed them saw them (a JSON file).

    A page whose bytes are the same, checked by the same checks (`checks`: a hash of their
    code and mode), need not be checked again. Only a gate whose page checks all passed
    records; a failed or skipped check leaves the record as it was, so its pages stay due.
    """

    def __init__(self, record: Path, checks: str) -> None:
        self.record, self.checks = record, checks
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self.pages: dict[str, str] = data.get("pages", {}) if data.get("checks") == checks else {}

    @staticmethod
    def digests(output: Path) -> dict[str, str]:
        return {path: hashlib.sha256(page_file(output, path).read_bytes()).hexdigest()
                for path in page_paths(output)}

    def due(self, output: Path, always: set[str]) -> list[str]:
        """The pages to check: changed or new ones, and those of `always` that exist."""
        return [path for path, digest in self.digests(output).items()
                if path in always or self.pages.get(path) != digest]

    def save(self, output: Path) -> None:
        self.record.parent.mkdir(parents=True, exist_ok=True)
        self.record.write_text(json.dumps({"checks": self.checks,
                                           "pages": self.digests(output)}), encoding="utf-8")

"""Files the build skips for their names: each is listed, so none disappears without a word."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .registry import Target, check, rule

if TYPE_CHECKING:
    from .linter import Linter

SKIPPED = "files.skipped"


@check(Target.SITE)
@rule(SKIPPED, "warning",
      "a file or folder in `content/` is not published because of its name (it starts with "
      "`.`, `_`, `#` or `~`, or ends with `~`, `.bak`, `.swp` or `.tmp`)",
      "Drafts and editors' backup files are kept out of the site on purpose; listing them "
      "shows when a section or a page was hidden by mistake.")
def skipped_files(lint: Linter) -> None:
    for path in lint.site.skipped:
        what = "folder" if path.is_dir() else "file"
        lint.report(SKIPPED, path, None,
                    f"this {what} is not published because of its name — rename it "
                    "(without the leading '.', '_', '#' or '~', or the backup ending) to "
                    "publish it, or delete it")

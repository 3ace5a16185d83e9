"""Text as the build compares and names it: what counts as a repeat, and a slug from a name."""

from __future__ import annotations

import re
import unicodedata


def comparable(text: str) -> str:
    """`text` as a reader sees it, to find repeats: Unicode-normalised (a decomposed accent is
    the accented letter), soft hyphens dropped, case and runs of white space ignored."""
    visible = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return " ".join(visible.casefold().split())


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; accented letters keep their base letter."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")

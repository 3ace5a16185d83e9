"""The one reader of links in rendered HTML, for validation, the lint and the JSON-LD.

Rendered Markdown writes every link as `href="…"` with entities escaped, so one pattern finds
them all; `hrefs` gives what a browser follows, `rewrite_hrefs` changes them in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

HREF = re.compile(r'href="([^"]*)"')


def hrefs(html: str) -> list[str]:
    """Every link target in `html`, entities decoded, as a browser reads it."""
    return [unescape(href) for href in HREF.findall(html)]


def rewrite_hrefs(html: str, rewrite: Callable[[str], str]) -> str:
    """`html` with each href's attribute text (as written, escaped) replaced by `rewrite(it)`."""
    return HREF.sub(lambda match: f'href="{rewrite(match.group(1))}"', html)

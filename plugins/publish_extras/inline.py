"""The theme's stylesheet inlined into every page, so a page renders from its HTML alone.

One request is the whole first render: no stylesheet to fetch after the HTML. The CSS lives
in `theme/inline/` (not `static/`, so it is never published as a file); the production CSP
allows the inline style by the hash of its exact bytes (`headers.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import count, product
from pathlib import Path
from string import ascii_lowercase

INLINE_DIR = "inline"  # in the theme folder, beside templates/
STRING = r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""  # group 1 in each pattern: kept as is
# A string, a comment (dropped) or a run of whitespace (one space).
CSS_TOKEN = re.compile(STRING + r"|/\*.*?\*/|\s+", re.S)
# A string, or a space that nothing needs: beside { } ; , > and after a colon. A space before
# a colon stays (`a :hover` is not `a:hover`).
CSS_SPACE = re.compile(STRING + r"|\s*([{};,>])\s*|(:)\s+")
# A string, or a custom property's name (`--text`; not a BEM modifier, `.list--numbered`).
CUSTOM_PROPERTY = re.compile(STRING + r"|(?<![\w-])(--[\w-]+)")
# Anything the browser would fetch: url() other than data:, and @import.
CSS_FETCH = re.compile(r"""url\(\s*['"]?(?!data:)|@import""", re.I)


def theme_file(theme: str, name: str) -> str:
    """A file of `theme/inline/`; a missing one stops the build with its path."""
    path = Path(theme) / INLINE_DIR / name
    if not path.is_file():
        raise SystemExit(f"{path}: the theme file to inline does not exist")
    return path.read_text(encoding="utf-8")


def short_names() -> Iterator[str]:
    """--a … --z, --aa, --ab …: the shortest names, in a fixed order."""
    for length in count(1):
        for letters in product(ascii_lowercase, repeat=length):
            yield "--" + "".join(letters)


def minify_css(css: str) -> str:
    """Comments and needless whitespace removed, custom properties renamed; strings untouched.

    Every page carries the CSS, so its comments and long names would cost bytes on every
    first render (the page budget has little room). Renaming custom properties is safe here:
    nothing else names them (no script, and the CSP forbids style attributes).
    """
    css = CSS_TOKEN.sub(lambda m: m[1] or ("" if m[0].startswith("/*") else " "), css)
    css = CSS_SPACE.sub(lambda m: m[1] or m[2] or m[3], css)
    names: dict[str, str] = {}
    unused = short_names()

    def rename(match: re.Match[str]) -> str:
        if match[1]:
            return match[1]
        if match[2] not in names:
            names[match[2]] = next(unused)
        return names[match[2]]

    css = CUSTOM_PROPERTY.sub(rename, css)
    return css.replace(";}", "}").strip()


def inline_css(theme: str, *names: str) -> str:
    """The stylesheets' text for one `<style>` element, joined, then minified as one (custom
    properties are renamed once for all of them); refuses anything it would fetch.

    A `url()` (other than data:) or `@import` would be a second request, which the first
    render must not need; `</` would end the style element early.
    """
    css = minify_css("\n".join(theme_file(theme, name) for name in names))
    where = ", ".join(str(Path(theme) / INLINE_DIR / name) for name in names)
    fetches = sorted({m[0] for m in CSS_FETCH.finditer(css)})
    if fetches:
        raise SystemExit(f"{where}: {', '.join(fetches)} would make the page fetch another "
                         "file; the page must render from its HTML alone: use a data: URL "
                         "or drop it")
    if "</" in css:
        raise SystemExit(f"{where}: '</' would end the inline <style> element early")
    return css

"""Pull the JSON-LD out of a built page the strict way: raw text, strict json.loads."""

from __future__ import annotations

import json
from typing import Any

from bs4 import BeautifulSoup


def script_blocks(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [s.string or "" for s in soup.find_all("script", type="application/ld+json")]


def head_graph(html: str) -> tuple[str, dict[str, Any]]:
    """The one JSON-LD block, which must close <body>; returns (raw text, parsed).

    It comes after everything the first render needs (the theme's inline CSS is in <head>).
    """
    soup = BeautifulSoup(html, "html.parser")
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1, f"expected one JSON-LD block, found {len(blocks)}"
    assert blocks[0] is soup.body.find_all(recursive=False)[-1], "JSON-LD must close <body>"
    raw = blocks[0].string or ""
    return raw, json.loads(raw, strict=True)


def walk(value: Any, path: str = "$"):
    """Every (path, value) pair in a JSON document, depth first."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, f"{path}[{index}]")

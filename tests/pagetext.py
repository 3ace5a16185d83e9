"""Helpers to read a built page the way a reader sees it."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup


def visible_text(html: str) -> str:
    """The page's readable text: body only, scripts and styles removed, whitespace folded."""
    soup = BeautifulSoup(html, "html.parser")
    body = soup.body
    assert body is not None
    for hidden in body.find_all(["script", "style", "template"]):
        hidden.decompose()
    return " ".join(body.get_text(" ").split())


def seed_sentences(seed: str) -> list[str]:
    """Every sentence of the seed text, list markers and numbering removed, in order."""
    sentences = []
    for line in seed.splitlines():
        line = re.sub(r"^\s*(?:•|\d+\.)\s*", "", line).strip()
        if line:
            sentences.extend(s for s in re.split(r"(?<=[.?!])\s+", line) if s)
    return [" ".join(s.split()) for s in sentences]

"""Screenshots for people to look at, saved under test-artifacts/screenshots/ (see README)."""

from __future__ import annotations

import struct

import pytest

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

MOBILE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
SHOTS = {
    "mobile": (MOBILE, "screen"),
    "desktop": (DESKTOP, "screen"),
    "dark": ({**MOBILE, "color_scheme": "dark"}, "screen"),
    "print": (DESKTOP, "print"),
}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("name", SHOTS)
def test_full_page_screenshot(open_page, name):
    options, media = SHOTS[name]
    page = open_page("", **options)
    page.emulate_media(media=media)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    width, height = png_size(path.read_bytes())
    # A full-page shot wider than the viewport would mean horizontal scrolling.
    assert width == options["viewport"]["width"]
    assert height > options["viewport"]["height"]


def test_print_pdf(open_page):
    page = open_page("", **DESKTOP)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / "print.pdf"
    page.pdf(path=str(path), format="A4")
    assert path.read_bytes().startswith(b"%PDF-")

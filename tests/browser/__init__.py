"""Checks of the built site in real Chromium and with real validators (marker `browser`)."""

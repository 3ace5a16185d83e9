"""The quality checks of a built site, one small module per check.

`invoke verify` (gate.py) runs them on the real content; tests/browser/ runs the same
functions on fixture sites, so the gate and the tests cannot disagree about what a check is.
"""

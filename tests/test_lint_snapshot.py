"""The lint's findings on the fixture sites are exactly the committed snapshot.

`tests/data/lint-findings.json` was written by `python -m tests.lint_snapshot` before the lint
was optimised; it is regenerated only when a rule deliberately changes, so a change made for
speed that adds, drops or rewords one finding fails here.
"""

from __future__ import annotations

import json

from tests.lint_snapshot import SNAPSHOT, snapshot


def test_the_lint_finds_exactly_what_the_snapshot_holds():
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    found = json.loads(json.dumps(snapshot()))  # JSON's types, as the file holds them
    assert found.keys() == expected.keys()
    for key in expected:
        assert found[key] == expected[key], key

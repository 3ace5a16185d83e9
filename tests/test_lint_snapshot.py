"""The lint's findings on the fixture sites are exactly the committed snapshot.

`tests/data/lint-findings.json` was written by `python -m tests.support.lint_snapshot`
before the lint was optimised; it is regenerated only when a rule deliberately changes, so a
change made for speed that adds, drops or rewords one finding fails here.
"""

from __future__ import annotations

import json

from site_tools.lint.claims import DEFAULT_CLAIMS, claim_pattern, needles
from tests.support.lint_snapshot import SNAPSHOT, snapshot


def test_the_lint_finds_exactly_what_the_snapshot_holds():
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    found = json.loads(json.dumps(snapshot()))  # JSON's types, as the file holds them
    assert found.keys() == expected.keys()
    for key in expected:
        assert found[key] == expected[key], key


def test_the_claims_quick_check_never_skips_a_text_a_phrase_matches():
    """claims.needles skips a family on a plain substring test: every case variant the
    ignore-case pattern matches (İ, dotless i, long s, the Kelvin sign) must still be seen."""
    texts = ["PAINLESS", "painle\u017f\u017f", "Drug-Free", "no \u017fide effects", "NO RI\u212aS",
             "M\u0130RACLE", "m\u0131racle", "Guaranteed", "per\nmanently", "nothing risky"]
    for claim in DEFAULT_CLAIMS:
        for text in texts:
            if claim_pattern(claim).search(text):
                assert any(piece in text.lower() for piece in needles(claim)), (claim.id, text)

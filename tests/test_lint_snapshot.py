"""The lint's findings on the fixture sites are exactly the committed snapshot.

`tests/data/lint-findings.json` was written by `python -m tests.support.lint_snapshot`
before the lint was optimised; it is regenerated only when a rule deliberately changes, so a
change made for speed that adds, drops or rewords one finding fails here.
"""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from site_tools.lint.claims import DEFAULT_CLAIMS, claim_pattern, needles
from site_tools.lint.placeholders import SAMPLE_VALUES, compiled
from site_tools.lint.plain import _ACRONYM, word_index
from site_tools.lint.plain_words import DEFAULT_WORDS
from site_tools.lint.prose import WORD, lower_case, whole_words
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


def test_the_sample_values_quick_check_never_skips_a_value_a_pattern_matches():
    """placeholders.SampleValue skips a file on a plain substring test of its lower-case
    text: each needle avoids i, s and k, and every case and spacing variant is still seen."""
    texts = ["EXAMPLE PAIN CLINIC", "dr. jo EXAMPLE", "Alex\nexample", "12 EXAMPLE street",
             "zz  00000", "BOOK@Example.ORG", "555 0123", "555.0199",
             "WHO PAYS FOR THIS PAGE,\nANY PAYMENT FROM THE MAKERS"]
    for sample in SAMPLE_VALUES:
        assert not set("isk") & set(sample.needle), sample.needle
        for text in texts:
            if re.search(sample.pattern, text, re.IGNORECASE):
                assert sample.needle in text.lower(), (sample.pattern, text)
                assert sample.finditer(text), (sample.pattern, text)
    assert all(any(re.search(s.pattern, t, re.IGNORECASE) for s in SAMPLE_VALUES)
               for t in texts)


@given(st.text(alphabet="whoicanotbesk WHOICANOTBESK'\u2019-.,0\u0130\u212a\u017f\n", max_size=40))
def test_whole_words_in_lower_case_text_are_the_prose_words(text):
    """plain.py finds words in lower_case text with one pattern: the same words, in the same
    order, as prose.WORD's words lower-cased one by one (İ and the Kelvin sign included)."""
    words = ("which", "who", "is", "be", "not", "cannot", "no")
    expected = [w.lower() for w in WORD.findall(text) if w.lower() in words]
    lowered = lower_case(text)
    assert len(lowered) == len(text)
    assert whole_words(words).findall(lowered) == expected


@given(st.lists(st.sampled_from(["prior", "to", "Patients", "ADDITIONAL", "chronic", "x", "1",
                                 " ", "-", "'", "\u2019", "_", "\n", "\u0130", "\u212a"]),
                max_size=12).map("".join))
def test_the_word_list_scan_starts_where_a_listed_token_starts(text):
    """plain.word_index's one-pattern scan of lower_case text finds exactly the ASCII-letter
    tokens that begin a listed form and follow no hyphen or apostrophe."""
    index = word_index(DEFAULT_WORDS)
    starts = [token.start() for token in re.finditer("[A-Za-z]+", text)
              if token.group(0).lower() in index.forms
              and text[token.start() - 1:token.start()] not in ("-", "'", "\u2019")]
    assert [m.start() for m in index.first_words.finditer(lower_case(text))] == starts


@given(st.lists(st.sampled_from(["FDA", "NHS", "A", "&", "E", "s", "x", "1", " ", "(", "_",
                                 "TMJ", "\u00c9"]), max_size=12).map("".join))
def test_the_acronym_pattern_skips_to_capitals_and_finds_the_same(text):
    """plain._ACRONYM tests 'not after a word character or &' after its first capital (so
    the engine can skip to capitals): the same matches as the look-behind written first."""
    first = re.compile(r"(?<![\w&])([A-Z][A-Z0-9&]{1,4})s?(?![\w&])")
    assert [m.span(1) for m in _ACRONYM.finditer(text)] == \
        [m.span(1) for m in first.finditer(text)]


def test_the_unfinished_text_alternation_finds_what_one_of_the_patterns_finds():
    """placeholders.compiled joins the patterns into one quick test: it matches wherever a
    pattern does (a leading \b dropped, it may match more), keeps a leading flag to its own
    pattern, and is not used with groups."""
    patterns = (r"\bReplace with\b", r"(?i)\blorem ipsum\b", r"\bXXX+\b", r"(?x) T B D ")
    single, joined = compiled(patterns)
    for text in ["Replace with words", "LOREM IPSUM", "replace with", "XXXX", "TBD", "T B D",
                 "lorem  ipsum", "Xx", "aLorem ipsum", "Lorem ipsumx"]:
        if any(p.search(text) for p in single):
            assert joined.search(text), text
    assert not joined.search("replace with, Xx, lorem ipsumx, T B D")
    assert compiled((r"(a)\1",))[1] is None
    assert compiled((r"(?x)a # a comment",))[1] is None

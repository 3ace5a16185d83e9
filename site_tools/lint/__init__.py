"""The editorial lint: checks patient pages against standards that no validator knows.

`invoke check` runs it after the strict validation of `treatment_pages`, on the same `Site`
model (nothing is re-read). It reports `path:line: level: rule: message`; only errors fail.
Each rule family is one module below, its rules declared on the checks that report them
(`registry.py`; docs/editing.md lists them): readability (Flesch-Kincaid grade and SMOG per
section and per page, offline through textstat 0.7.4/pyphen), review dates, changes
committed since the last review (git history), placeholder
details, FAQ near-duplicates, Markdown hygiene (heading levels, image alt text, empty list
items), files skipped for their names, stale `lint_ack` acknowledgements, risky claims, key
facts (one sentence each, their reading level), care cards (at most 2, headings ending ':')
and plain language (`plain.py`: the NHS content style guide, W3C COGA and CDC Clear
Communication Index rules, sentence by sentence, on prose only; thresholds by `--profile`,
`profiles.py`).
`invoke check --release`, the publishing gate, makes the placeholder rules and
unacknowledged risky claims errors.

It is not a Pelican build plugin: a build must not start failing because of the calendar, so
only `invoke check` (and pre-commit and CI through it) runs it.

Settings (`EDITORIAL_LINT` dict in pelicanconf.py; every key optional, each declared with its
default by `registry.setting` in the family that reads it):
- `today`: "YYYY-MM-DD" to pin the date reviews are checked against. The `LINT_TODAY`
  environment variable overrides it; without either, the real date is used.
- `fk_grade_max` (8), `smog_max` (14): readability thresholds.
- `review_warn_days` (30): warn this many days before `next_review_due`.
- `review_max_years` (3): the longest allowed gap between `last_reviewed` and the next review.
- `near_duplicate_ratio` (0.85): difflib similarity at which two FAQ questions are reported.
- `levels`: rule id -> "error", "warning", "info" or "off", to change a rule's level.
- `placeholder_text`: regular expressions for unfinished text. (The sample values the
  project ships are not a setting: `placeholders.SAMPLE_VALUES`.)
- `claims`: the risky-phrase list, each a dict `{id, phrases, reason, suggestion}` (replaces
  the default list in `claims.DEFAULT_CLAIMS`).
- `sentence_words_max` (20), `ideas_per_sentence_max` (2), `paragraph_sentences_max` (4),
  `subordinate_clauses_max` (1): plain-language thresholds; `invoke check --profile`
  (`profiles.py`: nhs, pif, easy-read) sets some of them, EDITORIAL_LINT still wins.
- `plain_words`: words to avoid, each `{forms, instead}` (replaces `plain_words.DEFAULT_WORDS`);
  `acronyms_known`: acronyms that need no explanation (NHS, GP, A&E…).
"""

import importlib

# The rule families, in the order of the rule table: importing one registers its checks.
FAMILIES = ("readability", "review", "history", "placeholders", "faq", "markdown", "files",
            "acks", "claims", "key_facts", "care_cards", "plain", "translations")
for family in FAMILIES:
    importlib.import_module(f"{__name__}.{family}")

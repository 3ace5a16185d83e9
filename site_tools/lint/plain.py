"""Plain language: the concrete rules of the NHS content style guide and W3C COGA, per sentence.

Readability formulas are weak evidence (the NHS recommends them only to prioritise); these
rules say what to change and where. They read prose only (`prose.py`: bodies and running-text
fields, not names, headings, addresses or references), never rewrite the clinician's words,
and report warnings. Some are heuristics (nested clauses, passive voice, one idea per
sentence, double negatives): their messages say so, and a right-as-written finding is
acknowledged with `lint_ack` like any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from treatment_pages.model import Treatment

from .placeholders import unfinished
from .plain_words import DEFAULT_WORDS, PlainWord, read_words
from .prose import Span, alternation, blanked, is_prose, lower_case, prose_sentences, whole_words
from .registry import Rule, Target, check, setting
from .texts import Text, markdown_texts

if TYPE_CHECKING:
    from .linter import Linter

PREFIX = "plain."  # of every rule here
SENTENCE_LENGTH = "plain.sentence-length"
ONE_IDEA = "plain.one-idea"
PARAGRAPH_LENGTH = "plain.paragraph-length"
WORDS = "plain.words"
CONTRACTIONS = "plain.contractions"
ETC = "plain.etc"
AMPERSAND = "plain.ampersand"
DOUBLE_NEGATIVE = "plain.double-negative"
NESTED_CLAUSES = "plain.nested-clauses"
PASSIVE = "plain.passive"
ACRONYMS = "plain.acronyms"
NUMBER_WORDS = "plain.number-words"
MIXED_DENOMINATORS = "plain.mixed-denominators"

NHS = "https://service-manual.nhs.uk/content"
COGA = "https://www.w3.org/TR/coga-usable/"
CDC_CCI = "https://www.cdc.gov/ccindex/"
# What each rule finds, why, what to write instead and its sources are data (plain_rules.yml),
# shown in the rule table and in every finding.
_RULE_TEXTS = yaml.safe_load(Path(__file__).with_name("plain_rules.yml").read_text("utf-8"))
SOURCES = {text["id"]: text["source"].format(NHS=NHS, COGA=COGA, CDC_CCI=CDC_CCI)
           for text in _RULE_TEXTS}
RULES = {text["id"]: Rule(text["id"], "warning", text["fires_when"],
                          f"{text['why']} Source: {SOURCES[text['id']]}.")
         for text in _RULE_TEXTS}

setting("sentence_words_max", 20)  # NHS: sentences of about 20 words at most
setting("ideas_per_sentence_max", 2)  # NHS: one idea per sentence; 2 tolerates "X, and Y"
setting("paragraph_sentences_max", 4)
setting("subordinate_clauses_max", 1)
setting("plain_words", DEFAULT_WORDS, read_words)  # replaces the default list
setting("acronyms_known", ("NHS", "GP", "A&E", "UK", "US", "USA", "OK", "TV"), tuple)

APOSTROPHE = "['\u2019]"
# A contraction's ending; "'s" only after the pronouns it contracts (not a possessive).
_CONTRACTION = re.compile(rf"\b(\w+?)(n{APOSTROPHE}t|{APOSTROPHE}(?:re|ve|ll|d|m|s))\b", re.I)
_CONTRACTED_IS = frozenset({"it", "that", "there", "what", "who", "here", "he", "she", "let",
                            "where"})
_ETC = re.compile(r"\betc\b\.?", re.I)
_AMPERSAND = re.compile(r"(?<!\bA)&(?!E\b)")
_NEGATION = r"(?:not|no|never|none|nothing|nobody|cannot|without|\w+n['\u2019]t)"
_NEGATIVE_WORD = (r"(?:un(?:common|usual|likely|known|safe|able|important|helpful|reasonable|wise"
                  r"|aware|certain|clear|sure|necessary)|im(?:possible|probable)|in(?:frequent"
                  r"|correct|significant|adequate|valid|effective|appropriate)|ir(?:regular"
                  r"|relevant)|illegal|non-\w+|not|no|never|none|nothing|nobody|without)")
_DOUBLE_NEGATIVE = re.compile(rf"\b{_NEGATION}\b(?!,)(?:[ \t\n]+[\w\u2019'-]+){{0,3}}?[ \t\n]+"
                              rf"{_NEGATIVE_WORD}\b", re.I)
_SUBORDINATORS = frozenset({"which", "who", "whom", "whose", "where", "when", "whenever",
                            "while", "whilst", "although", "though", "because", "unless",
                            "whereas", "if", "until"})
_NEGATIONS = frozenset({"not", "no", "never", "none", "nothing", "nobody", "cannot",
                        "without"})
_BE = frozenset({"am", "is", "are", "was", "were", "be", "been", "being"})
_JOINER = re.compile(r";|:(?=\s+\S)|,\s+(?:(and|or)|but|so|then|which|while|although|because)\b",
                     re.I)
_QUOTED = re.compile(r"'[^']*'|\u2018[^\u2019]*\u2019|\"[^\"]*\"|\u201c[^\u201d]*\u201d")
_PARTICIPLE = (r"(?:[a-z]+ed|given|done|made|known|seen|taken|shown|written|found|held|kept|told|"
               r"paid|sent|brought|thought|taught|built|chosen|driven|hidden|left|lost|meant|"
               r"said|sold|spoken|understood|worn|hurt|put|set|cut|felt)")
_NOT_PARTICIPLE = frozenset({"need", "feed", "speed", "bleed", "seed", "red", "bed", "shed",
                             "tired", "worried", "concerned", "interested", "pleased", "scared",
                             "relaxed", "qualified", "experienced", "skilled", "trained",
                             "limited", "advanced"})
_PASSIVE = re.compile(rf"\b(?:am|is|are|was|were|be|been|being)\s+(?:(?:not|also|then|only|"
                      rf"still|often|always|sometimes|never|\w+ly)\s+){{0,2}}({_PARTICIPLE})"
                      r"\b(?![-\u2019'])(?!\s+to\s+(?:it|this|that|them)\b)", re.I)
# Not after a word character or '&': tested after the first capital, so that the engine
# skips to the capitals (a pattern starting with a look-behind is tried at every position).
_ACRONYM = re.compile(r"([A-Z](?<![\w&][A-Z])[A-Z0-9&]{1,4})s?(?![\w&])")
# "5%", "5 per cent"; "1 in 100", "1 out of 100". As the acronym pattern, the \b goes after
# the first digit (`\d(?<!\w\d)` is `\b\d`), and the letters are spelt in both cases, not
# re.I (with the two Turkish i's re.I also folds to 'i'): the engine then skips to digits.
_PERCENT = re.compile(r"\d(?<!\w\d)\d*(?:\.\d+)?\s?(?:%|[Pp][Ee][Rr] ?[Cc][Ee][Nn][Tt]\b)")
_DIGIT = re.compile(r"\d")
_FREQUENCY = re.compile(r"\d(?<!\w\d)\d*\s+(?:[Ii\u0130\u0131][Nn]|[Oo][Uu][Tt] [Oo][Ff])\s+"
                        r"(\d[\d,]*)\b")


_SUBORDINATOR_WORDS = whole_words(_SUBORDINATORS)
_BE_WORDS = whole_words(_BE)
_NEGATION_WORDS = whole_words(_NEGATIONS)


def say(lint: Linter, rule_id: str, text: Text, offset: int, message: str) -> None:
    """Report `rule_id` at `offset` of `text`, with the rule's source."""
    where = f"{text.where}: " if text.where else ""
    lint.report(rule_id, text.source.path, text.line_of(offset),
                f"{where}{message} (source: {SOURCES[rule_id]})")


def quote(span: Span, limit: int = 60) -> str:
    shown = span.shown
    return f"'{shown[:limit]}…'" if len(shown) > limit else f"'{shown}'"


@check(Target.TEXT, rules_from=lambda _config: [r for i, r in RULES.items() if i != ACRONYMS])
def plain_text(lint: Linter, text: Text) -> None:
    """Every plain-language rule on one text, its prose split into sentences once."""
    config = lint.config
    if not is_prose(text) or unfinished(lint, text.text):
        return  # not running text, or a scaffold's words (placeholder.text reports them)
    for paragraph, found in prose_sentences(text):
        lowered = lower_case(paragraph.text)
        word_rules(lint, text, paragraph, found, lowered)
        if len(found) > config["paragraph_sentences_max"]:
            say(lint, PARAGRAPH_LENGTH, text, paragraph.start,
                f"{quote(paragraph)}: a paragraph of {len(found)} sentences (at most "
                f"{config['paragraph_sentences_max']}) — break it into shorter paragraphs or a "
                "list")
        for sentence in found:
            sentence_checks(lint, text, sentence, lowered, sentence.start - paragraph.start)


def sentence_checks(lint: Linter, text: Text, sentence: Span, lowered: str, at: int) -> None:
    """The rules on one sentence; `lowered` is its paragraph's lower_case text, in which the
    sentence starts at `at`."""
    config = lint.config
    end = at + len(sentence.text)
    words = len(sentence.words)
    if words > config["sentence_words_max"]:
        say(lint, SENTENCE_LENGTH, text, sentence.start,
            f"{quote(sentence)}: {words} words (at most {config['sentence_words_max']}) — split "
            "it into shorter sentences")
    ideas = idea_count(sentence.text)
    if ideas > config["ideas_per_sentence_max"]:
        say(lint, ONE_IDEA, text, sentence.start,
            f"{quote(sentence)}: about {ideas} ideas in one sentence (at most "
            f"{config['ideas_per_sentence_max']}; heuristic) — give each idea its own sentence")
    clauses = _SUBORDINATOR_WORDS.findall(lowered, at, end)
    if len(clauses) > config["subordinate_clauses_max"]:
        say(lint, NESTED_CLAUSES, text, sentence.start,
            f"{quote(sentence)}: {len(clauses)} subordinate clauses ("
            f"{', '.join(clauses)}; heuristic) — split it, one condition or "
            "reason per sentence")
    for match in _PASSIVE.finditer(sentence.text) if _BE_WORDS.search(lowered, at, end) else ():
        if match.group(1).lower() not in _NOT_PARTICIPLE:
            say(lint, PASSIVE, text, sentence.start + match.start(),
                f"'{' '.join(match.group(0).split())}': passive voice (heuristic) — say who "
                "does it ('your doctor cleans…', 'you may need…')")


def idea_count(sentence: str) -> int:
    """1 + the clause joiners of `sentence`; quoted words, and the ', and' or ', or' that
    ends a list ('bruising, headache, or weakness'), join no ideas."""
    if "," not in sentence and ";" not in sentence and ":" not in sentence:
        return 1  # no joiner, the usual case
    sentence = _QUOTED.sub("''", sentence)
    ideas, clause_start = 1, 0
    for joiner in _JOINER.finditer(sentence):
        ends_list = joiner.group(1) and "," in sentence[clause_start:joiner.start()]
        if not ends_list:
            ideas += 1
        clause_start = joiner.end()
    return ideas


_TOKEN = re.compile(r"[A-Za-z]+")
_WORD_INDEXES: dict[int, tuple[tuple[PlainWord, ...], WordIndex]] = {}


@dataclass(frozen=True)
class WordForm:
    """One form of a listed word: the pattern that matches it where its first word starts,
    and the list entry it belongs to."""

    pattern: re.Pattern[str]
    length: int  # in words: longer forms are tried first
    word: PlainWord


@dataclass(frozen=True)
class WordIndex:
    """The list's forms by their first word, and one pattern finding those first words as
    whole ASCII-letter tokens in lower_case text (one scan of a paragraph instead of a
    look-up per word; without re.I, which made the scan three times slower)."""

    forms: dict[str, list[WordForm]]
    first_words: re.Pattern[str]


def word_index(words: tuple[PlainWord, ...]) -> WordIndex:
    """The index of `words`, kept per list object, with the list."""
    known = _WORD_INDEXES.get(id(words))
    if known and known[0] is words:
        return known[1]
    forms: dict[str, list[WordForm]] = {}
    for word in words:
        unless = rf"(?!\s+(?:{word.unless_before})\b)" if word.unless_before else ""
        for form in word.forms:
            tokens = _TOKEN.findall(form.lower())
            pattern = re.compile(r"[\s-]+".join(map(re.escape, tokens))
                                 + rf"(?![\w'\u2019-]){unless}", re.I)
            forms.setdefault(tokens[0], []).append(WordForm(pattern, len(tokens), word))
    for listed in forms.values():
        listed.sort(key=lambda f: -f.length)
    # A token of _TOKEN in lower_case text, not right after a hyphen or an apostrophe.
    first_words = re.compile(alternation(forms, r"(?<![a-z'\u2019-](?s:.))") + "(?![a-z])")
    index = WordIndex(forms, first_words)
    _WORD_INDEXES[id(words)] = (words, index)
    return index


def listed_words(body: str, lowered: str, index: WordIndex) -> Iterator[tuple[int, int,
                                                                            PlainWord]]:
    """(start, end, entry) of every listed word or phrase in `body` (`lowered` its
    lower_case text), as whole words."""
    for first in index.first_words.finditer(lowered):
        start = first.start()
        for form in index.forms[first.group(0)]:
            match = form.pattern.match(body, start)
            if match:
                yield start, match.end(), form.word
                break


def word_rules(lint: Linter, text: Text, paragraph: Span, found: list[Span],
               lowered: str) -> None:
    """The rules on a paragraph's words; `lowered` is its lower_case text."""
    body = paragraph.text
    at = paragraph.start
    index = word_index(lint.config["plain_words"])
    for start, end, word in listed_words(body, lowered, index):
        say(lint, WORDS, text, at + start,
            f"'{' '.join(body[start:end].split())}' — write instead {word.instead}")
    for match in _CONTRACTION.finditer(body) if "'" in body or "\u2019" in body else ():
        if match.group(2)[-1:].lower() == "s" and match.group(1).lower() not in _CONTRACTED_IS:
            continue
        say(lint, CONTRACTIONS, text, at + match.start(),
            f"'{match.group(0)}' — write it in full ('do not', 'it is', 'you have')")
    for match in _ETC.finditer(body) if "etc" in lowered else ():
        say(lint, ETC, text, at + match.start(), f"'{match.group(0)}' — list every item, or "
            "start the list with 'such as' or 'including'")
    for match in _AMPERSAND.finditer(body) if "&" in body else ():
        say(lint, AMPERSAND, text, at + match.start(), "'&' — write 'and'")
    negative = _NEGATION_WORDS.search(lowered) or "n't" in body or \
        "n\u2019t" in body
    for match in _DOUBLE_NEGATIVE.finditer(body) if negative else ():
        say(lint, DOUBLE_NEGATIVE, text, at + match.start(),
            f"'{' '.join(match.group(0).split())}': a double negative (heuristic) — say it "
            "positively")
    number_checks(lint, text, paragraph, found)


def number_checks(lint: Linter, text: Text, paragraph: Span, found: list[Span]) -> None:
    if not _DIGIT.search(paragraph.text):
        return  # every number pattern starts with a digit
    for sentence in found:
        if _DIGIT.search(sentence.text) and not _FREQUENCY.search(sentence.text):
            for match in _PERCENT.finditer(sentence.text):
                say(lint, NUMBER_WORDS, text, sentence.start + match.start(),
                    f"'{match.group(0)}' — add it in words as a number of people: "
                    f"'{match.group(0).rstrip('%').split()[0]} in 100 people'")
    denominators = {m.group(1).replace(",", "") for m in _FREQUENCY.finditer(paragraph.text)}
    if _PERCENT.search(paragraph.text) and denominators - {"100"}:
        denominators.add("100")
    if len(denominators) > 1:
        say(lint, MIXED_DENOMINATORS, text, paragraph.start,
            f"{quote(paragraph)}: numbers out of {', '.join(sorted(denominators, key=int))} in one "
            "paragraph — "
            "use one form and one denominator ('33 in 100' and '20 in 100')")


def page_texts(treatment: Treatment) -> list[Text]:
    """A page's texts in reading order: page.md's fields, then each section's."""
    page = treatment.page
    texts = [t for t in markdown_texts(page, treatment.meta, "page") if t.where]
    for section in treatment.sections:
        texts.extend(markdown_texts(section.source, section.source.values, "section"))
    return texts


@check(Target.TREATMENT, rules_from=lambda _config: [RULES[ACRONYMS]])
def acronyms(lint: Linter, treatment: Treatment) -> None:
    known = set(lint.config["acronyms_known"])
    seen: set[str] = set()
    for text in page_texts(treatment):
        for match in _ACRONYM.finditer(blanked(text.text)):
            name = match.group(1)
            if name in known or name in seen:
                continue
            seen.add(name)
            explained = re.search(rf"\({re.escape(name)}s?\)|\b{re.escape(name)}s?\s+\(",
                                  text.text)
            if not explained and is_prose(text) and not unfinished(lint, text.text):
                say(lint, ACRONYMS, text, match.start(),
                    f"'{name}' is not explained on its first use on the page — write the words "
                    f"first, then '({name})'")

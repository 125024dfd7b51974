"""Casualty figures: how many were injured or killed, as each report states it.

Read off the parse of an event's sentence: a word of harm ("were injured", "hurt", "wounded",
"killed", "died", "dead", "leaving ... injured") and the people it counts, with their number
as written ("about 30 soldiers", "more than 50 civilians", "dozens of people", "at least 14").
Reports of one event often disagree; the merged event keeps every figure with the outlets
that gave it (``link.events``), and events.csv gives ACLED's ``fatalities`` as the most
conservative count of the dead.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from storyline.records import Casualty

# lemma -> outcome; "dead" and "die" name the dead as their subject, the others as the
# subject of a passive ("were injured") or the object of an active verb ("killed three")
HARM = {"injure": "injured", "hurt": "injured", "wound": "injured", "injured": "injured",
        "wounded": "injured", "kill": "killed", "die": "killed", "dead": "killed"}
DYING = {"die", "dead"}
# a noun that is itself a count of what its "of" phrase names: "dozens of people"
QUANTITY_NOUNS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score",
                  "scores"}
VAGUE_COUNTS = {"several", "many", "numerous", "few", "dozens", "hundreds", "scores"}
NOBODY = {"nobody", "none"}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12,
}
DIGITS = re.compile(r"\d[\d,]*")


def casualties_in(sentence: TokenSpan) -> list[Casualty]:
    """Every figure of people injured or killed the sentence states (none for "no one was
    hurt" or for harm without a count: "protesters were injured")."""
    found = []
    for word in sentence:
        outcome = HARM.get(word.lemma_.lower())
        if outcome is None or word.pos_ not in ("VERB", "ADJ") or _negated(word):
            continue
        for victims in _victims(word):
            found += _figures(victims, outcome)
    return found


def _negated(word: Token) -> bool:
    return any(c.dep_ == "neg" for c in word.children)


def _victims(word: Token) -> list[Token]:
    """The heads of the people a word of harm counts: the subject of "were injured",
    "died" and "are dead", the object of "killed three soldiers", or what "leaving ...
    injured" leaves (the parser hangs that word apart from its verb)."""
    lemma = word.lemma_.lower()
    subjects = ("nsubjpass", "nsubj") if lemma in DYING else ("nsubjpass",)
    head = word.head if word.dep_ == "acomp" else word  # "two people are dead"
    victims = [c for c in head.children if c.dep_ in subjects]
    if not victims and lemma not in DYING:
        victims = [c for c in word.children if c.dep_ == "dobj"]
    return victims or _left_behind(word)


def _left_behind(word: Token) -> list[Token]:
    """ "clashed, leaving about 30 soldiers and around 50 protesters injured": the object of
    the "leave" the harm word follows."""
    if word.i == 0:
        return []
    for verb in (word.doc[word.i - 1], *word.doc[word.i - 1].ancestors):
        if verb.lemma_.lower() == "leave" and verb.i < word.i:
            return [c for c in verb.children if c.dep_ == "dobj"]
    return []


def _figures(victims: Token, outcome: str) -> list[Casualty]:
    """One figure per counted noun among the victims and the nouns joined to them ("about 30
    soldiers and around 50 protesters"); an uncounted noun joins the figure before it
    ("several protesters and police officers")."""
    figures: list[Casualty] = []
    for noun in (victims, *victims.conjuncts):
        count, who = _count_and_who(noun)
        if count:
            figures.append(Casualty(outcome, count, who, _number(count)))
        elif figures and who:
            figures[-1].who += " and " + who
    return figures


def _count_and_who(noun: Token) -> tuple[str, str]:
    """(the count as written, whom it counts) of one noun; an empty count when it has none."""
    if noun.lower_ in NOBODY or any(t.lower_ == "no" for t in noun.lefts):
        return _text(_left_words(noun)), ""  # "no one was hurt", "nobody died"
    of = [obj for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
          for obj in prep.children if obj.dep_ == "pobj"]
    if noun.lemma_.lower() in QUANTITY_NOUNS and of:  # "dozens of people"
        return _text(_left_words(noun)), _text(_noun_words(of[0], set()))
    if noun.like_num or noun.pos_ == "NUM" or noun.lower_ in VAGUE_COUNTS:
        return _text(_left_words(noun)), ""  # "at least 14 were hurt", "hundreds were"
    number = next((c for c in noun.children if c.dep_ == "nummod"), None)
    if number is not None:  # "more than 50 civilians"
        counted = list(number.subtree)
        return _text(counted), _text(_noun_words(noun, {t.i for t in counted}))
    vague = next((c for c in noun.lefts if c.lower_ in VAGUE_COUNTS), None)
    if vague is not None:  # "several protesters"
        return vague.text, _text(_noun_words(noun, {vague.i}))
    return "", _text(_noun_words(noun, set()))


def _left_words(noun: Token) -> list[Token]:
    """The noun with every word before it that hangs on it ("at least 14")."""
    return [t for left in noun.lefts for t in left.subtree] + [noun]


def _noun_words(noun: Token, left_out: set[int]) -> list[Token]:
    """The noun with the words before it that say what it is ("KFOR peacekeepers"), without
    its determiner and the count."""
    modifiers = [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod")]
    return [word for modifier in modifiers for word in modifier.subtree
            if word.i not in left_out] + [noun]


def _text(words: list[Token]) -> str:
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _number(count: str) -> int | None:
    """The number a count states ("about 30" -> 30, "a dozen" -> 12, "no one" -> 0); None
    when vague."""
    digits = DIGITS.search(count)
    if digits:
        return int(digits.group().replace(",", ""))
    lowered = count.lower()
    if lowered in NOBODY or lowered.startswith("no "):
        return 0
    return next((n for word, n in NUMBER_WORDS.items() if re.search(rf"\b{word}\b", lowered)),
                None)


def describe(casualty: Casualty) -> str:
    """ "about 30 soldiers injured", "dozens of people injured", "no one killed"."""
    of = " of" if casualty.count.split()[-1].lower() in QUANTITY_NOUNS and casualty.who else ""
    return " ".join(filter(None, (casualty.count.lower() + of, casualty.who, casualty.outcome)))


def describe_reported(casualty: Casualty) -> str:
    """ "about 30 soldiers injured (Balkan Wire, NewsPulse Daily)": a merged event's figure
    with the outlets that gave it."""
    return f"{describe(casualty)} ({', '.join(casualty.sources)})"

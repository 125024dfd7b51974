"""The event verb dictionary: which words can carry an event and what they usually mean.

The dictionary is a plain TSV (``storyline/data/event_verbs.tsv``) that users extend by editing
it or by naming an extra file in ``STORYLINE_EVENT_VERBS`` (its lines are added, and a phrase
it repeats replaces the shipped line). A phrase's first lemma is the trigger; the other
lemmas must be dependents of the trigger within two steps, so "hold talk" matches
"held talks" and "held direct talks", and "gas tear" matches "tear gas".
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

from storyline.extract.plover import PLOVER_TO_CAMEO
from storyline.models import TIME_ENTITY_LABELS

EXTRA_VERBS_ENV = "STORYLINE_EVENT_VERBS"
POS_OF_TAG = {"verb": {"VERB"}, "noun": {"NOUN", "PROPN"}, "both": {"VERB", "NOUN", "PROPN"}}


@dataclass(frozen=True)
class VerbEntry:
    phrase: str
    plover: str
    cameo: str
    pos: frozenset[str]  # spaCy coarse tags the trigger may have

    @property
    def lemmas(self) -> tuple[str, ...]:
        return tuple(self.phrase.split())


class VerbDictionary:
    def __init__(self, entries: Iterable[VerbEntry]):
        self.by_trigger: dict[str, list[VerbEntry]] = {}
        for entry in {e.phrase: e for e in entries}.values():  # a later line wins
            self.by_trigger.setdefault(entry.lemmas[0], []).append(entry)
        for options in self.by_trigger.values():  # longest phrase first: the most specific
            options.sort(key=lambda e: -len(e.lemmas))

    def match(self, token: Token) -> VerbEntry | None:
        """The most specific entry whose phrase is carried by ``token``, if any."""
        options = self.by_trigger.get(token.lemma_.lower())
        if not options:
            return None
        nearby = _dependent_lemmas(token)
        for entry in options:
            if token.pos_ in entry.pos and all(
                _carries(token, w, nearby) for w in entry.lemmas[1:]
            ):
                return entry
        return None

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_trigger.values())


def _dependent_lemmas(token: Token) -> dict[str, list[Token]]:
    """The words within two steps below the token, by lemma; a noun there stands also for
    what its "of" phrase names ("put the army on the highest **level of** combat
    **readiness**", "on its highest **state of alert**"), as the phrase is about that."""
    lemmas: dict[str, list[Token]] = {}
    for child in token.children:
        for word in (child, *child.children, *_of_objects(child)):
            lemmas.setdefault(word.lemma_.lower(), []).append(word)
    return lemmas


def _of_objects(child: Token) -> list[Token]:
    """The objects of "of" phrases on the nouns one step below ``child``."""
    return [obj for noun in child.children if noun.pos_ == "NOUN"
            for of in noun.children if of.dep_ == "prep" and of.lower_ == "of"
            for obj in of.children if obj.dep_ == "pobj"]


def _carries(trigger: Token, lemma: str, nearby: dict[str, list[Token]]) -> bool:
    """Whether a word of the phrase is among the trigger's dependents. A preposition of the
    phrase is the verb's own, after it, and says whom or what, not when: "called ON Pristina
    to halt" is an appeal; "ON Tuesday called the king", "called the king ON Saturday" and
    "called Erdogan to apologize FOR the case" are not."""
    return any(
        word.dep_ != "prep"
        or (word.head.i == trigger.i and word.i > trigger.i and not _says_when(word))
        for word in nearby.get(lemma, [])
    )


def _says_when(preposition: Token) -> bool:
    """Whether the preposition's own object is a date or time ("on Tuesday"); a date further
    down ("on the highest level of readiness on Friday") dates something else."""
    return any(c.ent_type_ in TIME_ENTITY_LABELS for c in preposition.children)


def parse_entries(lines: Iterable[str], origin: str) -> list[VerbEntry]:
    """Entries from TSV lines; a malformed line raises ValueError naming file and line."""
    entries = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 4 or fields[1] not in PLOVER_TO_CAMEO or fields[3] not in POS_OF_TAG:
            raise ValueError(f"{origin}:{number}: expected 'phrase<TAB>ROOT<TAB>NN<TAB>pos'")
        phrase, plover, cameo, pos = fields
        if not (len(cameo) == 2 and cameo.isdigit() and 1 <= int(cameo) <= 20):
            raise ValueError(f"{origin}:{number}: CAMEO root must be 01..20, got {cameo!r}")
        entries.append(VerbEntry(phrase.lower(), plover, cameo, frozenset(POS_OF_TAG[pos])))
    return entries


@cache
def verb_dictionary() -> VerbDictionary:
    """The shipped dictionary plus the user's extra file, loaded once."""
    shipped = resources.files("storyline") / "data" / "event_verbs.tsv"
    entries = parse_entries(shipped.read_text("utf-8").splitlines(), "event_verbs.tsv")
    extra = os.environ.get(EXTRA_VERBS_ENV)
    if extra:
        entries += parse_entries(Path(extra).read_text("utf-8").splitlines(), extra)
    return VerbDictionary(entries)

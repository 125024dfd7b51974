"""The learned cue decision: is this word, with this speaker and this content, an attribution?

Each candidate (a word that could be a cue, with one content it could report, see
``claims.cue_candidate``) is described by a few parse features: the cue's lemma and part of
speech, the kind of content, how the cue hangs in the sentence, what kind of speaker it has,
how long the content is, how it starts, whether it is a quotation, whether the cue sits inside
someone else's reported clause. A logistic regression over those features, trained on the
PolNeAR training articles (``python -m storyline.extract.claim_cues``), gives each candidate a
probability; a word is a cue for its most probable content when that probability reaches the
model's threshold. The weights ship as JSON (``extract/data/claim_model.json``): scoring is a
sum of a few weights per candidate, no extra parse, no vectors.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from storyline.models import TIME_ENTITY_LABELS, doc_text

MODEL_FILE = resources.files("storyline.extract") / "data" / "claim_model.json"
OPENERS = {"that", "to", "whether", "if", "how", "what", "why", "who", "when", "where", "which"}
PERSONAL = {"i", "we", "you", "he", "she", "they"}
LENGTH_BUCKETS = (1, 3, 7, 15, 30)


@dataclass(frozen=True)
class ClaimModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: Sequence[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-score))

    def to_json(self) -> str:
        weights = {f: round(w, 4) for f, w in sorted(self.weights.items()) if abs(w) >= 1e-4}
        return json.dumps({"bias": round(self.bias, 4), "threshold": self.threshold,
                           "weights": weights}, indent=0, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ClaimModel:
        data = json.loads(text)
        return cls(data["weights"], data["bias"], data["threshold"])


@cache
def claim_model() -> ClaimModel:
    """The shipped model (``extract/data/claim_model.json``)."""
    return ClaimModel.from_json(MODEL_FILE.read_text("utf-8"))


def option_features(
    cue: Token, speaker: TokenSpan, kind: str, span: tuple[int, int],
    quotes: Sequence[tuple[int, int]],
) -> list[str]:
    """The features of one candidate: cue ``cue`` reporting ``span`` (of ``kind``)."""
    lemma = cue.lemma_.lower()
    content = doc_text(cue.doc)[span[0] : span[1]]
    words = content.split()
    opener = words[0].strip("“\"'‘«").lower() if words else ""
    features = [
        f"kind={kind}",
        f"lemma={lemma}",
        f"lemma_kind={lemma}|{kind}",
        f"pos_kind={cue.pos_}|{kind}",
        f"dep={cue.dep_}|{kind}",
        f"head_dep={cue.dep_}|{cue.head.pos_}",
        f"tag={cue.tag_}|{kind}",
        f"speaker={speaker_kind(speaker)}|{kind}",
        f"speaker_lemma={speaker_kind(speaker)}|{lemma}",
        f"length={_bucket(len(words))}|{kind}",
        f"opener={opener if opener in OPENERS else 'other'}|{kind}",
        f"position={'before' if span[1] <= cue.idx else 'after'}|{kind}",
    ]
    if span in set(quotes):
        features += ["direct", f"direct|{kind}", f"direct|{lemma}", _quote_place(cue, span)]
    elif any(start <= span[0] < end or start < span[1] <= end for start, end in quotes):
        features.append(f"part_quoted|{kind}")
    if any(c.dep_ == "neg" for c in cue.children):
        features += [f"negated|{kind}", f"negated|{lemma}"]
    reporter = _reporting_verb(cue)
    if reporter is not None:
        features += [f"nested|{kind}", f"nested_in={reporter.lemma_.lower()}"]
    features += [f"particle={lemma}|{c.lower_}" for c in cue.children if c.dep_ == "prt"]
    if kind == "prep":
        features += [f"prep={lemma}|{prep.lower_}" for prep in cue_prepositions(cue)]
    return features


def cue_prepositions(cue: Token) -> list[Token]:
    """The cue's prepositions, and those the parser hung on a time among them: in "warned
    Kosovo in recent days **against** forcing ...", *against* hangs on *days*."""
    found = []
    for prep in (c for c in cue.children if c.dep_ == "prep"):
        found.append(prep)
        when = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if when is not None and when.ent_type_ in TIME_ENTITY_LABELS:
            found += [c for c in when.children if c.dep_ == "prep"]
    return found


def _quote_place(cue: Token, quote: tuple[int, int]) -> str:
    """Where a quotation lies from its cue: in the cue's sentence, or in the next one after
    a colon ("she said: “...”") or without one (often a new thought, not the cue's content)."""
    sentence = cue.sent
    if sentence.start_char <= quote[0] < sentence.end_char:
        return "quote_place=same_sentence"
    if quote[0] < sentence.start_char:
        return "quote_place=before"
    gap = doc_text(cue.doc)[sentence.end_char - 1 : quote[0]].strip()
    return "quote_place=after_colon" if gap.endswith(":") else "quote_place=after"


def speaker_kind(speaker: TokenSpan) -> str:
    """A coarse kind of speaker: none, a personal pronoun, a named person or organisation,
    another name, or a common noun ("officials", "a senior diplomat")."""
    if len(speaker) == 0:
        return "none"
    root = speaker.root
    if root.lower_ in PERSONAL:
        return "pronoun"
    if root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return root.ent_type_
    return root.pos_


def _reporting_verb(cue: Token) -> Token | None:
    """The verb whose reported clause the cue sits in ("he says **she said** ..."), if any."""
    token = cue
    for _ in range(6):
        if token.dep_ == "ccomp" and token.head.i != token.i:
            return token.head
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _bucket(n: int) -> int:
    return next((b for b in LENGTH_BUCKETS if n <= b), LENGTH_BUCKETS[-1] + 1)

"""Who says so: a summary sentence that carries a claim keeps its speaker.

A sentence that holds both the claim and its speaker ("Police said protesters attacked the
station") is attributed already. A sentence that carries a claim's content without naming
who made it (the second sentence of a long quotation, or another outlet repeating the claim
as fact) is not: the story summary prefers the attributed sentence and otherwise prefixes it
with ``According to <outlet>: `` -- the only words a summary adds to its sources.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import numpy as np

from storyline.records import Annotation, Article, Claim, Extraction

PREFIX = "According to {outlet}: "
ECHO = 0.75  # an unattributed sentence this close to an attributed claim repeats the claim


def claim_sentences(annotation: Annotation, extraction: Extraction | None) -> dict[int, bool]:
    """Sentence index -> whether that sentence names the speaker, for every sentence that
    carries a claim's content (or is a claim's evidence sentence)."""
    found: dict[int, bool] = {}
    for claim in extraction.claims if extraction else []:
        for index, span in enumerate(annotation.sentences):
            carries = any(span.start < end and start < span.end for start, end in claim.spans())
            is_evidence = span.start <= claim.evidence.start < span.end
            if carries or is_evidence:
                found[index] = found.get(index, False) or names_speaker(span.text, claim)
    return found


def names_speaker(sentence: str, claim: Claim) -> bool:
    """Whether the sentence says who is speaking: it holds the speaker or the cue."""
    return any(
        phrase and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", sentence, re.IGNORECASE)
        for phrase in (claim.speaker.strip(), claim.cue.strip())
    )


def attributed(sentence: str, article: Article) -> str:
    return PREFIX.format(outlet=outlet(article)) + sentence


def outlet(article: Article) -> str:
    """The outlet's name, else the site's domain, else a neutral "one report"."""
    return known_outlet(article) or "one report"


def known_outlet(article: Article) -> str | None:
    """The outlet's name, else the site's domain, else None."""
    if article.source:
        return article.source
    host = urlparse(article.url or "").hostname or ""
    return host.removeprefix("www.") or None


def resolve_claims(names_speaker: np.ndarray, vectors: np.ndarray, scores: np.ndarray) -> list[int]:
    """Positions of the sentences to keep. A sentence that repeats an attributed claim without
    its speaker (cosine ``ECHO`` or more) gives way to the attributed sentence, which takes
    its score when that is higher (``scores`` is updated in place)."""
    speaking = np.flatnonzero(names_speaker)
    keep = []
    for k in range(len(vectors)):
        if len(speaking) and not names_speaker[k]:
            likeness = vectors[speaking] @ vectors[k]
            closest = speaking[int(np.argmax(likeness))]
            if likeness.max() >= ECHO:
                scores[closest] = max(scores[closest], scores[k])
                continue
        keep.append(k)
    return keep

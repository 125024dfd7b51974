"""Extract: events (PLOVER root, CAMEO root, mode) and claims, from the one parse per article.

Claims come first: an event reported inside someone's claim has the mode "claimed", and each
claim lists the events its content holds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storyline.extract.claims import find_claims, find_claims_in_text
from storyline.extract.events import classify_events, find_events, train_classifier
from storyline.records import Annotation, Extraction

__all__ = ["classify_events", "extract", "find_claims_in_text", "train_classifier"]


def extract(
    annotations: Sequence[Annotation], sentence_vectors: Sequence[np.ndarray] | None = None
) -> list[Extraction]:
    """Events and claims of each annotated article (one classifier batch for the whole call).
    An annotation without its parse (``doc``) yields an empty extraction: never a re-parse.
    ``sentence_vectors``, one matrix per annotation as ``link.similarity.sentence_vectors``
    gives them, let the event classifier reuse the sentence embeddings the pipeline computes
    anyway instead of encoding the sentences a second time."""
    with_parse = [n for n, a in enumerate(annotations) if a.doc is not None]
    parsed = [annotations[n] for n in with_parse]
    vectors = [sentence_vectors[n] for n in with_parse] if sentence_vectors is not None else []
    claims = [find_claims(a) for a in parsed]
    events = find_events(parsed, claims, vectors)
    found = {a.article.id: (e, c) for a, c, e in zip(parsed, claims, events, strict=True)}
    return [Extraction(a.article.id, *found.get(a.article.id, ([], []))) for a in annotations]

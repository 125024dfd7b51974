"""What the sentence scorer knows about each sentence of one article.

Everything is read off the article's one parse (sentences, entity mentions, times, places)
and its sentence vectors from linking: nothing is parsed or embedded again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from storyline.clean.text import word_count
from storyline.records import Annotation
from storyline.summarize.boilerplate import fills_line, is_boilerplate

SALIENT_ENTITIES = 3  # "the article's most frequent entities"
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})
_QUOTES = re.compile(r"[\"“”]")

FEATURE_NAMES: tuple[str, ...] = (
    "first", "second", "third", "fourth", "fifth",
    "log_position", "relative_position",
    "words", "short", "long",
    "centrality", "degree", "lead_similarity",
    "entity_salience", "salient_entities", "entities",
    "has_time", "has_place",
    "quote", "opens_with_quote",
)  # fmt: skip


@dataclass
class ArticleSentences:
    """The candidate sentences of one article (boilerplate left out) and their features."""

    indices: list[int]  # into annotation.sentences, in article order
    words: np.ndarray  # word count of each candidate
    vectors: np.ndarray  # their unit vectors (rows of the article's matrix)
    features: np.ndarray  # candidates x len(FEATURE_NAMES)


def article_sentences(annotation: Annotation, vectors: np.ndarray) -> ArticleSentences:
    indices = candidate_indices(annotation)
    chosen = np.asarray(vectors, dtype=np.float32)[np.asarray(indices, dtype=int)]
    words = np.array([word_count(annotation.sentences[i].text) for i in indices], dtype=float)
    if not indices:
        return ArticleSentences([], words, chosen, np.zeros((0, len(FEATURE_NAMES))))
    features = _features(annotation, indices, chosen, words)
    return ArticleSentences(indices, words, chosen, features)


def candidate_indices(annotation: Annotation) -> list[int]:
    text, article = annotation.article.text, annotation.article
    return [
        i
        for i, span in enumerate(annotation.sentences)
        if not is_boilerplate(span.text, article, fills_line(text, span.start, span.end))
    ]


def _features(
    annotation: Annotation, indices: list[int], vectors: np.ndarray, words: np.ndarray
) -> np.ndarray:
    count = len(indices)
    rank = np.arange(count, dtype=float)
    similarity = vectors @ vectors.T
    centroid = vectors.sum(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    degree = (similarity.sum(axis=1) - 1.0) / max(count - 1, 1)
    spans = [annotation.sentences[i] for i in indices]
    salience, salient, entities = _entity_features(annotation, spans)
    columns = [
        *((rank == k).astype(float) for k in range(5)),
        np.log1p(rank),
        rank / count,
        np.minimum(words, 60) / 60,
        (words < 10).astype(float),
        (words > 40).astype(float),
        vectors @ centroid,
        degree,
        similarity[0],
        salience,
        salient,
        entities,
        _has_span(spans, annotation.times),
        _has_span(spans, annotation.places),
        np.array([bool(_QUOTES.search(s.text)) for s in spans], dtype=float),
        np.array([s.text.lstrip()[:1] in "\"“'‘" for s in spans], dtype=float),
    ]
    return np.column_stack(columns)


def _entity_features(annotation: Annotation, spans) -> tuple[np.ndarray, ...]:
    """How much of the article's recurring cast each sentence mentions."""
    mentions = [m for m in annotation.mentions if m.label in ENTITY_LABELS]
    frequency = Counter(m.entity_id for m in mentions)
    total = sum(frequency.values()) or 1
    top = {eid for eid, _ in frequency.most_common(SALIENT_ENTITIES)}
    salience, salient, entities = [], [], []
    for span in spans:
        inside = {m.entity_id for m in mentions if span.start <= m.start < span.end}
        salience.append(sum(frequency[e] for e in inside) / total)
        salient.append(len(inside & top) / max(len(top), 1))
        entities.append(min(len(inside), 5) / 5)
    return np.array(salience), np.array(salient), np.array(entities)


def _has_span(spans, found) -> np.ndarray:
    starts = sorted(f.start for f in found)
    return np.array(
        [any(span.start <= s < span.end for s in starts) for span in spans], dtype=float
    )


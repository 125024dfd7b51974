"""What linking needs of each stored article, read once from the corpus."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from storyline.link.similarity import DIM, article_vector, sentence_vectors
from storyline.records import Annotation, Article, Corpus


@dataclass
class ArticleView:
    article: Article
    sentence_texts: list[str]
    sentence_spans: list[tuple[int, int]]  # offsets in the article text
    sentence_matrix: np.ndarray  # one unit vector per sentence
    vector: np.ndarray  # the article vector
    entity_ids: frozenset[str]
    place_ids: frozenset[int]  # GeoNames ids

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def published(self) -> datetime | None:
        return self.article.published


def article_views(corpus: Corpus) -> list[ArticleView]:
    """One view per annotation, in corpus order."""
    stored = list(corpus.vectors) + [None] * (len(corpus.annotations) - len(corpus.vectors))
    return [view_of(a, m) for a, m in zip(corpus.annotations, stored, strict=False)]


def view_of(annotation: Annotation, stored_matrix: np.ndarray | None) -> ArticleView:
    matrix = _sentence_matrix(annotation, stored_matrix)
    return ArticleView(
        article=annotation.article,
        sentence_texts=[s.text for s in annotation.sentences],
        sentence_spans=[(s.start, s.end) for s in annotation.sentences],
        sentence_matrix=matrix,
        vector=article_vector(matrix),
        entity_ids=frozenset(m.entity_id for m in annotation.mentions if m.entity_id),
        place_ids=frozenset(p.geonameid for p in annotation.places if p.geonameid is not None),
    )


def publication_key(published: datetime | None, tiebreak: str) -> tuple:
    """Sorts by publication time, unknown dates last; ``tiebreak`` keeps the order stable."""
    return (published is None, published.timestamp() if published else 0.0, tiebreak)


def _sentence_matrix(annotation: Annotation, stored: np.ndarray | None) -> np.ndarray:
    """The stored sentence vectors; re-encoded only when missing or out of step."""
    if stored is not None:
        matrix = np.asarray(stored, dtype=np.float32)
        if matrix.ndim == 2 and matrix.shape == (len(annotation.sentences), DIM):
            return matrix
    return sentence_vectors(annotation)

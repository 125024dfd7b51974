"""The article summary: a few of the article's own sentences, verbatim and in their order."""

from __future__ import annotations

import numpy as np

from storyline.records import Annotation
from storyline.summarize.features import article_sentences
from storyline.summarize.scorer import sentence_scores
from storyline.summarize.selection import select
from storyline.summarize.text import annotate_texts

ARTICLE_WORDS = 70  # about the length of the first three sentences of a news report


def summarize_article(
    annotation: Annotation, sentence_vectors: np.ndarray, max_words: int = ARTICLE_WORDS
) -> list[int]:
    """Indices into ``annotation.sentences`` of the summary sentences, in article order.

    ``sentence_vectors`` are the unit vectors computed for linking, one row per sentence.
    """
    if len(sentence_vectors) != len(annotation.sentences):
        raise ValueError(
            f"article {annotation.article.id}: {len(sentence_vectors)} sentence vectors "
            f"for {len(annotation.sentences)} sentences"
        )
    pool = article_sentences(annotation, sentence_vectors)
    chosen = select(sentence_scores(pool), pool.vectors, pool.words, max_words)
    return sorted(pool.indices[k] for k in chosen)


def summarize_text(text: str, max_words: int | None = None) -> list[str]:
    """The summary of one plain text, scored exactly as :func:`summarize_article` does."""
    if not text.strip():
        return []
    ((annotation, vectors),) = annotate_texts([text])
    indices = summarize_article(annotation, vectors, max_words or ARTICLE_WORDS)
    return [annotation.sentences[i].text for i in indices]

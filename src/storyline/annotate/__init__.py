"""Annotate: one spaCy parse per article, in batches; every later stage reuses it."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.annotate.entities import find_entities
from storyline.annotate.places import find_places
from storyline.annotate.times import find_times
from storyline.models import nlp
from storyline.records import Annotation, Article, Span

PIPE_BATCH = 16


def annotate(articles: Sequence[Article]) -> list[Annotation]:
    docs = nlp().pipe((a.text for a in articles), batch_size=PIPE_BATCH)
    return [annotate_doc(doc, article) for doc, article in zip(docs, articles, strict=True)]


def annotate_doc(doc, article: Article) -> Annotation:
    sentences = [_trimmed(s.start_char, s.text) for s in doc.sents if s.text.strip()]
    mentions, entities = find_entities(doc, article)
    places = find_places(doc, article)
    return Annotation(
        article=article,
        sentences=sentences,
        mentions=mentions,
        places=places,
        times=find_times(doc, article, places),  # places give "local time" its zone
        entities=entities,
        doc=doc,
    )


def _trimmed(start: int, text: str) -> Span:
    """The sentence without the whitespace that ends it (a paragraph break)."""
    text = text.rstrip()
    return Span(start, start + len(text), text)

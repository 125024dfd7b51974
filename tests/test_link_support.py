"""Builds linking corpora from small fixture articles, without the other stages.

A fixture is a text with front matter: title, source, published, optional attribution, and
hand-annotated ``entities`` (entity ids) and ``places`` (GeoNames-like ids). Sentences are
split by the plain-text rule of ``link.similarity``; vectors come from the real encoder.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime
from functools import cache
from pathlib import Path

import numpy as np

from storyline.link.similarity import sentence_vectors, split_sentences
from storyline.records import Annotation, Article, Corpus, Mention, Place, Span

FIXTURES = Path(__file__).parent / "fixtures" / "link"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "kosovo-2023"


def read_article(path: Path, article_id: str | None = None) -> Annotation:
    """An annotation of a fixture (or example) file with front matter."""
    _, header, body = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = dict(line.split(": ", 1) for line in header.strip().splitlines())
    text = body.strip()
    article = Article(
        id=article_id or path.stem,
        origin=str(path),
        title=meta.get("title"),
        text=text,
        content_hash=hashlib.sha1(text.encode()).hexdigest(),
        source=meta.get("source"),
        published=datetime.fromisoformat(meta["published"]) if "published" in meta else None,
        attribution=meta.get("attribution"),
    )
    return annotate(article, meta.get("entities", "").split(),
                    [int(p) for p in meta.get("places", "").split()])


def fixture(name: str, **changes) -> Annotation:
    """A fixture from tests/fixtures/link, with article fields changed as asked."""
    annotation = read_article(FIXTURES / f"{name}.txt")
    if changes:
        annotation.article = replace(annotation.article, **changes)
    return annotation


def annotate(article: Article, entity_ids: list[str], place_ids: list[int]) -> Annotation:
    sentences, cursor = [], 0
    for sentence in split_sentences(article.text):
        start = article.text.index(sentence, cursor)
        cursor = start + len(sentence)
        sentences.append(Span(start, cursor, sentence))
    return Annotation(
        article=article,
        sentences=sentences,
        mentions=[Mention(0, 0, e, "ORG", e) for e in entity_ids],
        places=[Place(0, 0, str(p), geonameid=p) for p in place_ids],
        times=[],
        entities=[],
    )


def corpus_of(*annotations: Annotation) -> Corpus:
    """A corpus of these annotations with their sentence vectors (cached per text)."""
    return Corpus(list(annotations), [], [_vectors(a) for a in annotations])


def _vectors(annotation: Annotation) -> np.ndarray:
    return _encoded(tuple(s.text for s in annotation.sentences))


@cache
def _encoded(sentences: tuple[str, ...]) -> np.ndarray:
    """Sentence vectors by text: each fixture is encoded once per test session."""
    return sentence_vectors(Annotation(None, [Span(0, 0, s) for s in sentences], [], [], [], []))


def test_fixture_sentences_index_the_text() -> None:
    annotation = fixture("origin")
    assert len(annotation.sentences) == 8
    for span in annotation.sentences:
        assert annotation.article.text[span.start:span.end] == span.text
    assert annotation.article.source == "Adriatic Press Agency"
    assert {m.entity_id for m in annotation.mentions} >= {"kfor", "serbia"}

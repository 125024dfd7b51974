"""What events and claims share: deterministic ids and the evidence sentence."""

from __future__ import annotations

import hashlib

from spacy.tokens import Span as TokenSpan

from storyline.records import Article, Evidence


def record_id(kind: str, article_id: str, *offsets: int) -> str:
    """The same article, offsets and kind always give the same id (re-runs add nothing)."""
    key = "|".join([kind, article_id, *map(str, offsets)])
    return f"{kind[:2]}-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def evidence(article: Article | None, sentence: TokenSpan) -> Evidence:
    """The sentence as evidence, its offsets trimmed of surrounding whitespace."""
    text = sentence.text
    start = sentence.start_char + len(text) - len(text.lstrip())
    return Evidence(
        article_id=article.id if article else "",
        sentence=text.strip(),
        start=start,
        end=start + len(text.strip()),
        source=article.source if article else None,
        published=article.published if article else None,
    )

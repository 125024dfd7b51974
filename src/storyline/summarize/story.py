"""Story summaries: verbatim sentences across a story's articles, main events in time order.

Sentences are scored by their article's own scorer (position, centrality, entities), by how
central they are to the whole story, by how many other articles say the same, and by how
many reports back the events they are evidence of. Rewrites and copies give way to their
origin, repeats are left out (maximal marginal relevance) and claims keep their speakers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from storyline.records import (
    Annotation,
    Corpus,
    Extraction,
    Link,
    MergedEvent,
    Story,
)
from storyline.summarize.attribution import attributed, claim_sentences, outlet
from storyline.summarize.dates import format_moment, format_period, read_time
from storyline.summarize.features import article_sentences
from storyline.summarize.scorer import sentence_scores
from storyline.summarize.selection import select
from storyline.summarize.text import annotate_texts

STORY_WORDS = 120
PER_ARTICLE = 10  # best sentences per article that compete for the story summary
COVERED = 0.8  # a copy's sentence this close to one of its origin's adds nothing
SUPPORT = 0.65  # another article says "the same" when one of its sentences is this close
ECHO = 0.75  # an unattributed sentence this close to an attributed claim repeats the claim
NOVEL = 0.7  # a new sentence this close to an earlier one is not news
# How the story score weighs its parts (tuned on Multi-News dev; docs/summaries.md).
WEIGHTS = {"article": 1.0, "centrality": 1.0, "support": 0.5, "events": 0.5}
_UNKNOWN = datetime.max.replace(tzinfo=UTC)


@dataclass
class Member:
    """One article of the story with what the summary reads of it."""

    annotation: Annotation
    vectors: np.ndarray
    extraction: Extraction | None = None

    @property
    def published(self) -> datetime:
        published = self.annotation.article.published
        if published is None:
            return _UNKNOWN
        return published if published.tzinfo else published.replace(tzinfo=UTC)


@dataclass
class Candidate:
    member: int  # index into the member list
    sentence: int  # index into that article's sentences
    article_score: float
    words: float
    needs_speaker: bool = False  # carries a claim but does not name who made it
    names_speaker: bool = False


def summarize_story(
    story: Story,
    corpus: Corpus,
    links: list[Link],
    events: list[MergedEvent],
    max_words: int = STORY_WORDS,
) -> list[str]:
    """A header ("26–30 May 2023 · 12 articles from 7 sources"), then source sentences.

    Every line after the header is a sentence of one of the story's articles, verbatim;
    a sentence that carries a claim without naming its speaker is prefixed with
    ``According to <outlet>: ``.
    """
    members = story_members(story, corpus)
    header = f"{format_period(*_period(story, members))} · {_counts(members)}"
    return [header, *_summary(members, links, events, max_words)]


def summarize_whats_new(
    story: Story, corpus: Corpus, since: datetime, max_words: int = STORY_WORDS
) -> list[str]:
    """What the articles published after ``since`` add to the earlier ones.

    Returns [] when no article is newer than ``since``; otherwise a header ("New since 29 May
    2023 09:00 UTC · 3 articles from 2 sources") and the new articles' sentences that no
    earlier article already says, verbatim (header alone when they add nothing). Articles
    without a publication time count as earlier.
    """
    since = since if since.tzinfo else since.replace(tzinfo=UTC)
    members = story_members(story, corpus)
    new = [m for m in members if m.published != _UNKNOWN and m.published > since]
    if not new:
        return []
    earlier = [m.vectors for m in members if not m.published > since or m.published == _UNKNOWN]
    known = np.vstack(earlier) if earlier else None
    header = f"New since {format_moment(since)} · {_counts(new)}"
    return [header, *_summary(new, [], [], max_words, known)]


def summarize_documents(documents: list[str], max_words: int) -> list[str]:
    """The multi-document summary of plain texts, scored as :func:`summarize_story` does
    (without a header: these texts have no dates, links, events or claims)."""
    texts = [d for d in documents if d.strip()]
    members = [Member(a, v) for a, v in annotate_texts(texts)]
    return _summary(members, [], [], max_words)


def story_members(story: Story, corpus: Corpus) -> list[Member]:
    """The story's articles with their vectors and extractions, earliest first. An article
    whose stored vectors do not match its sentences (stale data) is left out."""
    position = {a.article.id: k for k, a in enumerate(corpus.annotations)}
    extraction = {e.article_id: e for e in corpus.extractions}
    members = []
    for article_id in story.article_ids:
        if (k := position.get(article_id)) is None:
            continue
        annotation, vectors = corpus.annotations[k], np.asarray(corpus.vectors[k], np.float32)
        if vectors.ndim == 2 and len(vectors) == len(annotation.sentences):
            members.append(Member(annotation, vectors, extraction.get(article_id)))
    return sorted(members, key=lambda m: m.published)


def _summary(
    members: Sequence[Member],
    links: list[Link],
    events: list[MergedEvent],
    max_words: int,
    known: np.ndarray | None = None,
) -> list[str]:
    candidates = _candidates(members, links, known)
    if not candidates:
        return []
    vectors = np.vstack([members[c.member].vectors[c.sentence] for c in candidates])
    scores = _story_scores(members, candidates, vectors, events)
    keep = _resolve_claims(candidates, vectors, scores)
    candidates, vectors, scores = [candidates[k] for k in keep], vectors[keep], scores[keep]
    words = np.array([c.words for c in candidates])
    chosen = select(scores, vectors, words, max_words)
    chosen.sort(key=lambda k: _time_key(members, candidates[k]))
    return [_render(members, candidates[k]) for k in chosen]


def _candidates(
    members: Sequence[Member], links: list[Link], known: np.ndarray | None
) -> list[Candidate]:
    """Each article's best sentences, minus what its origin (or earlier news) already says."""
    origins = _origins(members, links)
    candidates = []
    for k, member in enumerate(members):
        pool = article_sentences(member.annotation, member.vectors)
        scores = sentence_scores(pool)
        claims = claim_sentences(member.annotation, member.extraction)
        covered = [(members[o].vectors, COVERED) for o in origins.get(k, [])]
        if known is not None:
            covered.append((known, NOVEL))
        for p in np.argsort(-scores)[:PER_ARTICLE]:
            if any(_says(seen, pool.vectors[p], limit) for seen, limit in covered):
                continue
            index = pool.indices[p]
            candidates.append(
                Candidate(k, index, float(scores[p]), float(pool.words[p]),
                          needs_speaker=claims.get(index) is False,
                          names_speaker=claims.get(index) is True)
            )
    return candidates


def _says(sentences: np.ndarray, vector: np.ndarray, limit: float) -> bool:
    """Whether one of ``sentences`` is at least ``limit`` close to ``vector``."""
    return len(sentences) > 0 and float(np.max(sentences @ vector)) >= limit


def _origins(members: Sequence[Member], links: list[Link]) -> dict[int, list[int]]:
    """Member index of a copy or rewrite -> member indices of the articles it repeats."""
    position = {m.annotation.article.id: k for k, m in enumerate(members)}
    origins: dict[int, list[int]] = {}
    for link in links:
        if link.article_id in position and link.origin_id in position:
            origins.setdefault(position[link.article_id], []).append(position[link.origin_id])
    return origins


def _story_scores(
    members: Sequence[Member],
    candidates: list[Candidate],
    vectors: np.ndarray,
    events: list[MergedEvent],
) -> np.ndarray:
    article_of = np.array([c.member for c in candidates])
    centroid = np.zeros(vectors.shape[1], dtype=np.float32)
    for k in set(article_of.tolist()):
        mean = vectors[article_of == k].mean(axis=0)
        centroid += mean / (np.linalg.norm(mean) or 1.0)
    centroid /= np.linalg.norm(centroid) or 1.0
    parts = {
        "article": np.array([c.article_score for c in candidates]),
        "centrality": vectors @ centroid,
        "support": _support(vectors, article_of),
        "events": _event_weight(members, candidates, events),
    }
    return sum(WEIGHTS[name] * value for name, value in parts.items())


def _support(vectors: np.ndarray, article_of: np.ndarray) -> np.ndarray:
    """Share of the other articles that have a sentence saying about the same thing."""
    articles = sorted(set(article_of.tolist()))
    if len(articles) < 2:
        return np.zeros(len(vectors))
    agree = np.zeros(len(vectors))
    for k in articles:
        closest = (vectors @ vectors[article_of == k].T).max(axis=1)
        agree += (closest >= SUPPORT) & (article_of != k)
    return agree / (len(articles) - 1)


def _event_weight(
    members: Sequence[Member], candidates: list[Candidate], events: list[MergedEvent]
) -> np.ndarray:
    """For a sentence that is evidence of merged events: the most reports any of them has,
    as a share of the story's best-reported event."""
    reports = Counter()
    evidence = {
        e.id: (e.evidence.article_id, e.evidence.start)
        for m in members
        if m.extraction
        for e in m.extraction.events
    }
    for merged in events:
        for report in merged.report_ids:
            if report in evidence:
                key = evidence[report]
                reports[key] = max(reports[key], len(merged.report_ids))
    if not reports:
        return np.zeros(len(candidates))
    top = max(reports.values())
    weights = []
    for c in candidates:
        annotation = members[c.member].annotation
        span = annotation.sentences[c.sentence]
        weights.append(
            max(
                (n for (aid, start), n in reports.items()
                 if aid == annotation.article.id and span.start <= start < span.end),
                default=0,
            ) / top
        )
    return np.array(weights)


def _resolve_claims(
    candidates: list[Candidate], vectors: np.ndarray, scores: np.ndarray
) -> list[int]:
    """Keep claims with their speakers: a sentence that repeats an attributed claim without
    its speaker gives way to the attributed sentence, which inherits its score."""
    speaking = [k for k, c in enumerate(candidates) if c.names_speaker]
    keep = []
    for k, candidate in enumerate(candidates):
        if speaking and not candidate.names_speaker:
            likeness = vectors[speaking] @ vectors[k]
            best = int(np.argmax(likeness))
            if likeness[best] >= ECHO:
                scores[speaking[best]] = max(scores[speaking[best]], scores[k])
                continue
        keep.append(k)
    return keep


def _time_key(members: Sequence[Member], candidate: Candidate) -> tuple:
    """What the sentence is about in time (a date it names, else its article's publication),
    then the article and the sentence order."""
    member = members[candidate.member]
    span = member.annotation.sentences[candidate.sentence]
    named = [
        read[0]
        for t in member.annotation.times
        if span.start <= t.start < span.end and (read := read_time(t))
    ]
    return (min(named, default=member.published), member.published, candidate.member,
            candidate.sentence)


def _render(members: Sequence[Member], candidate: Candidate) -> str:
    annotation = members[candidate.member].annotation
    text = annotation.sentences[candidate.sentence].text.strip()
    return attributed(text, annotation.article) if candidate.needs_speaker else text


def _period(story: Story, members: Sequence[Member]) -> tuple[datetime | None, datetime | None]:
    dates = [m.annotation.article.published for m in members if m.annotation.article.published]
    first = story.first_seen or min(dates, default=None)
    last = story.last_seen or max(dates, default=None)
    return first, last


def _counts(members: Sequence[Member]) -> str:
    articles = len(members)
    sources = len({outlet(m.annotation.article) for m in members})
    return (f"{articles} article{'s' * (articles != 1)} from "
            f"{sources} source{'s' * (sources != 1)}")

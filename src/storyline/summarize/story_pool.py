"""The sentences that compete for a story summary, and their story scores.

Each article offers its best sentences by its own scorer. A sentence's story score adds its
article score, its closeness to the whole story, the share of other articles that say the
same, and the reports behind the events it is evidence of. The weights were tuned on the
Multi-News dev file (docs/summaries.md); ``events`` cannot be measured there and is set by
hand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from storyline.records import Annotation, Extraction, Link, MergedEvent
from storyline.summarize.attribution import claim_sentences
from storyline.summarize.features import article_sentences
from storyline.summarize.scorer import sentence_scores

PER_ARTICLE = 30  # best sentences per article that compete for the story summary
MAX_CANDIDATES = 3000  # fewer per article in very large stories, so scoring stays fast
COVERED = 0.8  # a copy's sentence this close to one of its origin's adds nothing
SUPPORT = 0.65  # another article says "the same" when one of its sentences is this close
WEIGHTS = {"article": 1.0, "centrality": 1.0, "support": 0.25, "events": 0.5}
UNKNOWN_TIME = datetime.max.replace(tzinfo=UTC)


@dataclass
class Member:
    """One article of the story with what the summary reads of it."""

    annotation: Annotation
    vectors: np.ndarray  # one unit vector per sentence
    extraction: Extraction | None = None

    @property
    def published(self) -> datetime:
        published = self.annotation.article.published
        if published is None:
            return UNKNOWN_TIME
        return published if published.tzinfo else published.replace(tzinfo=UTC)


@dataclass
class Candidate:
    member: int  # index into the member list
    sentence: int  # index into that article's sentences
    article_score: float
    words: float
    vector: np.ndarray
    names_speaker: bool = False  # carries a claim and says who made it
    needs_speaker: bool = False  # carries a claim but does not say who made it


def story_candidates(
    members: Sequence[Member], links: list[Link], known: np.ndarray | None = None,
    novel: float = 1.0,
) -> list[Candidate]:
    """Each article's best sentences, less those its origin already says (cosine ``COVERED``)
    and, when ``known`` is given, those an earlier sentence already says (cosine ``novel``)."""
    origins = _origins(members, links)
    per_article = max(3, min(PER_ARTICLE, MAX_CANDIDATES // max(len(members), 1)))
    candidates = []
    for k, member in enumerate(members):
        pool = article_sentences(member.annotation, member.vectors)
        scores = sentence_scores(pool)
        claims = claim_sentences(member.annotation, member.extraction)
        said = [(members[o].vectors, COVERED) for o in origins.get(k, [])]
        if known is not None:
            said.append((known, novel))
        for p in np.argsort(-scores)[:per_article]:
            if any(_says(sentences, pool.vectors[p], limit) for sentences, limit in said):
                continue
            index = pool.indices[p]
            candidates.append(Candidate(
                k, index, float(scores[p]), float(pool.words[p]), pool.vectors[p],
                names_speaker=claims.get(index) is True, needs_speaker=claims.get(index) is False,
            ))
    return candidates


def story_scores(
    members: Sequence[Member], candidates: list[Candidate], events: list[MergedEvent]
) -> np.ndarray:
    vectors = np.vstack([c.vector for c in candidates])
    article_of = np.array([c.member for c in candidates])
    parts = {
        "article": np.array([c.article_score for c in candidates]),
        "centrality": vectors @ _story_centroid(vectors, article_of),
        "support": _support(members, vectors, article_of),
        "events": _event_weight(members, candidates, events),
    }
    return sum(WEIGHTS[name] * value for name, value in parts.items())


def _says(sentences: np.ndarray, vector: np.ndarray, limit: float) -> bool:
    """Whether one of ``sentences`` is at least ``limit`` close to ``vector``."""
    return len(sentences) > 0 and float(np.max(sentences @ vector)) >= limit


def _origins(members: Sequence[Member], links: list[Link]) -> dict[int, list[int]]:
    """Member index of a copy or rewrite -> member indices of the articles it repeats."""
    position = {m.annotation.article.id: k for k, m in enumerate(members)}
    origins: dict[int, list[int]] = defaultdict(list)
    for link in links:
        if link.article_id in position and link.origin_id in position:
            origins[position[link.article_id]].append(position[link.origin_id])
    return origins


def _story_centroid(vectors: np.ndarray, article_of: np.ndarray) -> np.ndarray:
    """The mean of the articles' mean vectors: each article counts once, however long."""
    centroid = np.zeros(vectors.shape[1], dtype=np.float32)
    for k in np.unique(article_of):
        mean = vectors[article_of == k].mean(axis=0)
        centroid += mean / (np.linalg.norm(mean) or 1.0)
    return centroid / (np.linalg.norm(centroid) or 1.0)


def _support(
    members: Sequence[Member], vectors: np.ndarray, article_of: np.ndarray
) -> np.ndarray:
    """Share of the other articles (copies included: a repeat is a vote for salience) that
    have a sentence saying about the same thing."""
    if len(members) < 2:
        return np.zeros(len(vectors))
    agree = np.zeros(len(vectors))
    for k, member in enumerate(members):
        if len(member.vectors):
            closest = (vectors @ member.vectors.T).max(axis=1)
            agree += (closest >= SUPPORT) & (article_of != k)
    return agree / (len(members) - 1)


def _event_weight(
    members: Sequence[Member], candidates: list[Candidate], events: list[MergedEvent]
) -> np.ndarray:
    """For a sentence that is the evidence of merged events: the most reports one of them
    has, as a share of the story's best-reported event."""
    evidence = {
        event.id: (event.evidence.article_id, event.evidence.start)
        for member in members if member.extraction
        for event in member.extraction.events
    }
    reports: dict[str, list[tuple[int, int]]] = defaultdict(list)  # article -> (offset, count)
    for merged in events:
        for report in merged.report_ids:
            if report in evidence:
                article_id, start = evidence[report]
                reports[article_id].append((start, len(merged.report_ids)))
    top = max((n for found in reports.values() for _, n in found), default=0)
    if not top:
        return np.zeros(len(candidates))
    weights = []
    for candidate in candidates:
        annotation = members[candidate.member].annotation
        span = annotation.sentences[candidate.sentence]
        found = reports.get(annotation.article.id, [])
        weights.append(max((n for s, n in found if span.start <= s < span.end), default=0))
    return np.array(weights, dtype=float) / top

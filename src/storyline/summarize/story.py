"""Story summaries: verbatim sentences from across a story's articles, in time order.

The candidates and their scores come from ``story_pool``; here the claims are resolved (a
claim keeps its speaker), the sentences are picked within the word budget without repeats
(maximal marginal relevance) and put in the order of what they report.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np

from storyline.clean.language import UNDETERMINED
from storyline.records import Corpus, Link, MergedEvent, Story
from storyline.summarize.attribution import attributed, known_outlet, resolve_claims
from storyline.summarize.dates import format_moment, format_period, read_time
from storyline.summarize.selection import select
from storyline.summarize.story_pool import (
    UNKNOWN_TIME,
    Candidate,
    Member,
    story_candidates,
    story_scores,
)
from storyline.summarize.text import annotate_texts

STORY_WORDS = 120
# Two sentences from different articles say the same thing at this cosine: the summary
# keeps one, and a new article's sentence this close to an earlier one is not news.
SAME_THING = 0.7
DIVERSITY = 1.0  # MMR: likeness to a chosen sentence costs this much (both tuned on Multi-News)


def summarize_story(
    story: Story,
    corpus: Corpus,
    links: list[Link],
    events: list[MergedEvent],
    max_words: int = STORY_WORDS,
) -> list[str]:
    """A header ("26–30 May 2023 · 12 articles from 7 sources"), then source sentences.

    Every line after the header is a sentence of one of the story's articles, verbatim; a
    sentence that carries a claim without naming its speaker is prefixed with
    ``According to <outlet>: ``.
    """
    members = story_members(story, corpus)
    header = f"{format_period(*_period(story, members))} · {_counts(members)}"
    told = in_story_language(members)
    return [header, *_summary(told, story_candidates(told, links), events, max_words)]


def summarize_whats_new(
    story: Story, corpus: Corpus, since: datetime, max_words: int = STORY_WORDS
) -> list[str]:
    """What the articles published after ``since`` add to the earlier ones.

    Returns [] when no article is newer than ``since``; otherwise a header ("New since 29 May
    2023 09:00 UTC · 3 articles from 2 sources") and the new articles' sentences that no
    earlier article already says, verbatim (the header alone when they add nothing).
    Articles without a publication time count as earlier.
    """
    since = since if since.tzinfo else since.replace(tzinfo=UTC)
    members = story_members(story, corpus)
    is_new = [UNKNOWN_TIME > m.published > since for m in members]
    new = [m for m, fresh in zip(members, is_new, strict=True) if fresh]
    if not new:
        return []
    earlier = [m.vectors for m, fresh in zip(members, is_new, strict=True) if not fresh]
    known = np.vstack(earlier) if earlier else None
    header = f"New since {format_moment(since)} · {_counts(new)}"
    told = in_story_language(new, members)
    return [header, *_summary(told, story_candidates(told, [], known, SAME_THING), [],
                              max_words)]


def summarize_documents(documents: list[str], max_words: int) -> list[str]:
    """The summary of several plain texts about one story, scored as :func:`summarize_story`
    does (without a header: plain texts have no dates, links, events or claims)."""
    texts = [d for d in documents if d.strip()]
    members = [Member(annotation, vectors) for annotation, vectors in annotate_texts(texts)]
    return _summary(members, story_candidates(members, []), [], max_words)


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


def in_story_language(members: Sequence[Member], story: Sequence[Member] = ()) -> list[Member]:
    """The members written in the language most of the story's articles (``story``, by
    default the members themselves) are written in, or in no language the clean stage could
    tell: a summary reads in one language, and a report in translation joins its story
    (``link.stories.join_translations``) to be counted and listed, not quoted."""
    languages = [m.annotation.article.language for m in story or members]
    known = [language for language in languages if language not in (None, UNDETERMINED)]
    if not known:
        return list(members)
    main = max(known, key=known.count)
    return [m for m in members
            if m.annotation.article.language in (None, UNDETERMINED, main)]


def _summary(
    members: Sequence[Member],
    candidates: list[Candidate],
    events: list[MergedEvent],
    max_words: int,
) -> list[str]:
    if not candidates:
        return []
    scores = story_scores(members, candidates, events)
    vectors = np.vstack([c.vector for c in candidates])
    keep = resolve_claims(np.array([c.names_speaker for c in candidates]), vectors, scores)
    candidates, vectors, scores = [candidates[k] for k in keep], vectors[keep], scores[keep]
    words = np.array([c.words for c in candidates])
    chosen = select(scores, vectors, words, max_words, DIVERSITY, SAME_THING)
    chosen.sort(key=lambda k: _time_key(members, candidates[k]))
    return [_render(members, candidates[k]) for k in chosen]


def _time_key(members: Sequence[Member], candidate: Candidate) -> tuple:
    """When what the sentence reports happened (a date it names, else its article's
    publication time), then article and sentence order."""
    member = members[candidate.member]
    span = member.annotation.sentences[candidate.sentence]
    named = [
        read[0]
        for time in member.annotation.times
        if span.start <= time.start < span.end and (read := read_time(time))
    ]
    return min(named, default=member.published), member.published, candidate.member, span.start


def _render(members: Sequence[Member], candidate: Candidate) -> str:
    annotation = members[candidate.member].annotation
    text = annotation.sentences[candidate.sentence].text.strip()
    return attributed(text, annotation.article) if candidate.needs_speaker else text


def _period(story: Story, members: Sequence[Member]) -> tuple[datetime | None, datetime | None]:
    dates = [m.annotation.article.published for m in members if m.annotation.article.published]
    return story.first_seen or min(dates, default=None), story.last_seen or max(dates, default=None)


def _counts(members: Sequence[Member]) -> str:
    """"4 articles from 3 sources"; articles whose outlet nobody knows are not one source."""
    named = [name for m in members if (name := known_outlet(m.annotation.article))]
    articles, sources, unknown = len(members), len(set(named)), len(members) - len(named)
    counts = f"{articles} article{'s' * (articles != 1)}"
    if sources:
        counts += f" from {sources} source{'s' * (sources != 1)}"
    if unknown and sources:
        counts += f" and {unknown} of unknown outlet"
    elif unknown:
        counts += ", outlet unknown" if unknown == 1 else ", outlets unknown"
    return counts

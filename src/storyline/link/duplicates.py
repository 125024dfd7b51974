"""Exact copies, near duplicates and rewrites, each traced to its origin.

Three detectors propose pairs; each pair is confirmed on the texts themselves:
- exact: the same ``content_hash``;
- near: MinHash LSH over word shingles proposes, the true shingle Jaccard (or containment of
  the shorter text in the longer) confirms;
- rewrite: the article-vector index proposes the nearest articles, and the pair is confirmed
  when most sentences of the later article have a close paraphrase in the earlier one; when
  the later article credits the earlier one's outlet as its source ("cited by ..."), it says
  itself that it retells that report, so a looser paraphrase is enough, as long as it runs
  both ways: half the sentences of each article have a counterpart in the other (an
  independent report that cites the outlet for one detail shares a few facts, not the
  story sentence after sentence);
  a loose retelling that credits nobody is confirmed when it retells the earlier article
  whole and in its order: most sentences of *each* article have a loose paraphrase in the
  other, the matched sentences run in the same order, and the two appeared within a few
  days. Independent reports of one event share its facts, but each tells its own part of
  the story in its own order, so they fall far short of this on one side or both.
Confirmed pairs form groups; the group's origin is chosen once (see ``origin_rank``) and
every other member gets one Link to it. Both articles keep their own records.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.clean.attribution import known_sources
from storyline.link.articles import ArticleView, article_views, publication_key
from storyline.link.index import VectorIndex
from storyline.records import Corpus, Link

SHINGLE_WORDS = 3
NUM_PERM = 128
LSH_THRESHOLD = 0.3  # generous: LSH only proposes, the exact Jaccard decides
NEAR_JACCARD = 0.5
NEAR_CONTAINMENT = 0.8  # share of the shorter text's shingles found in the longer one
REWRITE_CANDIDATES = 10
REWRITE_CANDIDATE_SIMILARITY = 0.7  # article vectors, to propose
ALIGN_SIMILARITY = 0.75  # a sentence and its paraphrase
REWRITE_SHARE = 0.6  # of the later article's sentences with a paraphrase in the earlier
CREDITED_ALIGN_SIMILARITY = 0.6  # the same, when the later article credits the earlier's
CREDITED_REWRITE_SHARE = 0.5  # outlet as its source
# An uncredited loose retelling: the share of each article's sentences that are paraphrased
# (at CREDITED_ALIGN_SIMILARITY) in the other *in the same order*, and the longest time
# between the two. Only a whole report retold from top to bottom reaches this share.
RETELLING_SHARE = 0.8
RETELLING_MAX_GAP = timedelta(days=3)

_WORD = re.compile(r"\w+")


@dataclass
class _Pair:
    later: int  # positions in the view list
    earlier: int


def find_links(corpus: Corpus) -> list[Link]:
    """Every exact copy, near duplicate and rewrite in the corpus, pointing at its origin."""
    views = article_views(corpus)
    shingles = [shingle_set(v.article.text) for v in views]
    pairs = [
        *_exact_pairs(views),
        *_near_pairs(views, shingles),
        *_rewrite_pairs(views),
    ]
    links: list[Link] = []
    for group in _groups(len(views), pairs):
        origin = min(group, key=lambda i: origin_rank(views[i], [views[k] for k in group]))
        links.extend(
            describe_link(views[i], views[origin], shingles[i], shingles[origin])
            for i in group
            if i != origin
        )
    return sorted(links, key=lambda link: (link.origin_id, link.article_id))


# --- proposing and confirming pairs ------------------------------------------------------

def _exact_pairs(views: list[ArticleView]) -> Iterable[tuple[int, int]]:
    by_hash: dict[str, list[int]] = defaultdict(list)
    for i, view in enumerate(views):
        if view.article.text.strip():
            by_hash[view.article.content_hash].append(i)
    for members in by_hash.values():
        yield from ((members[0], other) for other in members[1:])


def _near_pairs(views: list[ArticleView], shingles: list[set[str]]) -> Iterable[tuple[int, int]]:
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    signatures = MinHash.bulk([[s.encode() for s in group] for group in shingles],
                              num_perm=NUM_PERM)
    for i, signature in enumerate(signatures):
        if shingles[i]:
            lsh.insert(i, signature)
    for i, signature in enumerate(signatures):
        if not shingles[i]:
            continue
        for j in lsh.query(signature):
            if j > i and is_near_duplicate(shingles[i], shingles[j]):
                yield i, j


def _rewrite_pairs(views: list[ArticleView]) -> Iterable[tuple[int, int]]:
    index = VectorIndex(np.vstack([v.vector for v in views]) if views else None)
    for i, view in enumerate(views):
        if not view.sentence_texts:
            continue
        for j, _ in index.query(view.vector, REWRITE_CANDIDATES + 1, REWRITE_CANDIDATE_SIMILARITY):
            if j > i and views[j].sentence_texts:
                later, earlier = ordered(view, views[j])
                if is_rewrite(later, earlier):
                    yield i, j


def shingle_set(text: str) -> set[str]:
    """Overlapping runs of ``SHINGLE_WORDS`` lower-cased words."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[k : k + SHINGLE_WORDS]) for k in range(len(words) - SHINGLE_WORDS + 1)}


def shingle_overlap(a: set[str], b: set[str]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger)."""
    if not a or not b:
        return 0.0, 0.0
    shared = len(a & b)
    return shared / len(a | b), shared / min(len(a), len(b))


def is_near_duplicate(a: set[str], b: set[str]) -> bool:
    jaccard, containment = shingle_overlap(a, b)
    return jaccard >= NEAR_JACCARD or containment >= NEAR_CONTAINMENT


def is_rewrite(later: ArticleView, earlier: ArticleView) -> bool:
    """Whether ``later`` retells ``earlier`` (see the module notes)."""
    return rewrite_floor(later, earlier) is not None


def rewrite_floor(later: ArticleView, earlier: ArticleView) -> float | None:
    """The sentence-paraphrase cosine at which ``later`` is confirmed to retell ``earlier``
    (strict, or loose for a credited rewrite or a whole retelling), or None when it is no
    rewrite. A link lists its sentence pairs at that bar."""
    if credits(later, earlier):
        covered = rewrite_share(earlier, later, CREDITED_ALIGN_SIMILARITY)
        if min(rewrite_share(later, earlier), covered) >= CREDITED_REWRITE_SHARE:
            return CREDITED_ALIGN_SIMILARITY
        return None
    if rewrite_share(later, earlier) >= REWRITE_SHARE:
        return ALIGN_SIMILARITY
    return CREDITED_ALIGN_SIMILARITY if is_retelling(later, earlier) else None


def is_retelling(later: ArticleView, earlier: ArticleView) -> bool:
    """Whether ``later`` retells the whole of ``earlier`` in its order, soon after it: the
    evidence of a rewrite when ``later`` does not say whose report it retells."""
    if not published_close(later, earlier):
        return False
    shares = (in_order_share(later, earlier), in_order_share(earlier, later))
    return min(shares) >= RETELLING_SHARE


def published_close(a: ArticleView, b: ArticleView) -> bool:
    """Both dates known and at most ``RETELLING_MAX_GAP`` apart: a retelling follows its
    source within days, and without dates nothing shows it does."""
    if a.published is None or b.published is None:
        return False
    return abs(a.published - b.published) <= RETELLING_MAX_GAP


def in_order_share(later: ArticleView, earlier: ArticleView) -> float:
    """Share of the later article's sentences whose loose paraphrase in the earlier one
    (``aligned_sentences`` at ``CREDITED_ALIGN_SIMILARITY``) keeps the earlier article's
    order: the longest run of aligned pairs whose matches never go back."""
    count = len(later.sentence_matrix)
    aligned = aligned_sentences(later, earlier, CREDITED_ALIGN_SIMILARITY)
    return longest_non_decreasing([j for _, j, _ in aligned]) / count if count else 0.0


def longest_non_decreasing(values: list[float]) -> int:
    """Length of the longest non-decreasing subsequence (patience sorting)."""
    tails: list[float] = []  # tails[k]: the smallest last value of a run of length k + 1
    for value in values:
        position = bisect_right(tails, value)
        tails[position:position + 1] = [value]
    return len(tails)


def aligned_sentences(
    later: ArticleView, earlier: ArticleView, floor: float | None = None
) -> list[list[float]]:
    """[i, j, sim] for each sentence i of ``later`` whose best match j in ``earlier`` is a
    paraphrase: cosine at least ``floor``, by default ``ALIGN_SIMILARITY``, or
    ``CREDITED_ALIGN_SIMILARITY`` when ``later`` credits ``earlier``'s outlet."""
    if not len(later.sentence_matrix) or not len(earlier.sentence_matrix):
        return []
    similarity = later.sentence_matrix @ earlier.sentence_matrix.T
    best = similarity.argmax(axis=1)
    scores = similarity[np.arange(len(best)), best]
    if floor is None:
        floor = CREDITED_ALIGN_SIMILARITY if credits(later, earlier) else ALIGN_SIMILARITY
    return [
        [int(i), int(best[i]), round(min(1.0, float(scores[i])), 4)]
        for i in np.flatnonzero(scores >= floor)
    ]


def rewrite_share(
    later: ArticleView, earlier: ArticleView, floor: float | None = None
) -> float:
    """Share of the later article's sentences that have a paraphrase in the earlier one."""
    count = len(later.sentence_matrix)
    return len(aligned_sentences(later, earlier, floor)) / count if count else 0.0


# --- groups, origins, links ----------------------------------------------------------------

def _groups(count: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected groups (of two or more) of the confirmed pairs, by union-find."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        parent[root(a)] = root(b)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(count):
        members[root(i)].append(i)
    return [group for group in members.values() if len(group) > 1]


def origin_key(view: ArticleView) -> tuple:
    """Earliest first; on equal or unknown dates the fullest text first."""
    unknown, timestamp, tiebreak = publication_key(view.published, view.id)
    return (unknown, timestamp, -len(view.article.text), tiebreak)


def ordered(a: ArticleView, b: ArticleView) -> tuple[ArticleView, ArticleView]:
    """(later, earlier) of two articles by ``origin_key``."""
    return (a, b) if origin_key(a) > origin_key(b) else (b, a)


def origin_rank(view: ArticleView, group: list[ArticleView]) -> tuple:
    """The group's origin ranks lowest: a member that another member credits as its wire
    source, else the earliest published (the fullest on a tie or when dates are unknown)."""
    credited = any(other is not view and credits(other, view) for other in group)
    return (not credited, *origin_key(view))


def credits(copy: ArticleView, source: ArticleView) -> bool:
    """Whether ``copy`` names the outlet that published ``source`` as its wire source."""
    named, outlet = copy.article.attribution, source.article.source
    return bool(named and outlet) and _outlet_name(named) == _outlet_name(outlet)


def _outlet_name(name: str) -> str:
    """One spelling per outlet: the known wire name where there is one ("ITAR-TASS" is TASS)."""
    known = known_sources()
    stripped = name.strip()
    for candidate in (stripped, re.sub(r"^the\s+", "", stripped, flags=re.IGNORECASE)):
        if candidate in known:
            return known[candidate].casefold()
    return " ".join(_WORD.findall(stripped.casefold().removeprefix("the ")))


def describe_link(
    copy: ArticleView, origin: ArticleView, copy_shingles: set[str], origin_shingles: set[str]
) -> Link:
    """The Link from ``copy`` to ``origin``, its kind judged on that pair itself."""
    aligned = aligned_sentences(copy, origin, rewrite_floor(copy, origin))
    if copy.article.content_hash == origin.article.content_hash:
        return Link(copy.id, origin.id, "exact", 1.0, aligned)
    jaccard, containment = shingle_overlap(copy_shingles, origin_shingles)
    if jaccard >= NEAR_JACCARD or containment >= NEAR_CONTAINMENT:
        return Link(copy.id, origin.id, "near", round(max(jaccard, containment), 4), aligned)
    share = len(aligned) / len(copy.sentence_texts) if copy.sentence_texts else 0.0
    return Link(copy.id, origin.id, "rewrite", round(share, 4), aligned)

"""Stories: the articles about one developing story, clustered in publication order.

Each independent article (not a copy of another) is taken in publication order, unknown
dates last, and joins the story it scores best with, or opens a new one. The score of an
article against a story is

    linking similarity to the story's centroid (its articles' vectors summed), its semantic
      part shared with what the story already tells of the article's opening sentences
      (``TextSpace.story_similarity``)
    + ENTITY_WEIGHT * share of the article's entities the story already names
    + PLACE_WEIGHT  * share of the article's places (GeoNames ids) the story already has
    - a time penalty growing with the log of the gap in days to the story's dates

where each share weighs a name by its rarity in the collection (``names.rarity``): sharing
a name few articles use says more than sharing one every article uses. Plain texts have no
parse; their entities are the names their capitalisation shows (``names.text_names``).

and it joins when the score reaches ``JOIN_SCORE``. The centroid rather than the mean
similarity to each article: a story's articles each tell part of it, so a new report that
shares names and words with the story as a whole, a few with each article, belongs to it;
the mean over a long story of short texts (headlines) sinks below the bar as it grows.
Candidate stories come from an index of story centroids, never from all stories. After
the pass, an article left alone in its story is scored again against the stories as they
now stand (it may have come before the rest of its story), or, written in another language
than a story that names most of its names, joins that story as its translation; two
stories that score as one are merged, and a story whose articles fall into two
groups whose *texts* are clearly apart is split (shared entities may pull one article into
a story; a whole group of articles that reads differently is another story about the same
actors). Both changes are recorded on the stories. Copies (links) join their origin's story.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from storyline.clean.attribution import without_dateline
from storyline.clean.language import UNDETERMINED, guess_language
from storyline.link.articles import ArticleView, article_views, publication_key
from storyline.link.index import VectorIndex
from storyline.link.names import rarity, text_names
from storyline.link.similarity import TextSpace
from storyline.records import Corpus, Link, Story, StoryChange

JOIN_SCORE = 0.33
CANDIDATE_STORIES = 10
CANDIDATE_TEXTS = 20  # a text's nearest neighbour is sought among this many by article vector
ENTITY_WEIGHT = 0.1
PLACE_WEIGHT = 0.1
TIME_SCALE_DAYS = 7.0
TIME_WEIGHT = 0.1
TIME_MAX_PENALTY = 0.6  # five years apart cost about this much; only near-copies survive it
# A report in another language joins the story naming this share of its names' weight
# (Multi-News dev's one translation: 0.67 with its story, 0.25 at most elsewhere).
TRANSLATION_SHARE = 0.5
TRANSLATION_MIN_NAMES = 3
MERGE_SCORE = 0.35  # two stories are one when their articles score this well across
# Two texts that are each other's nearest (among their index candidates) are one story when they
# score this well: well below JOIN_SCORE, because being mutual nearest neighbours among all
# texts is itself strong evidence; above what texts share by topic alone.
MUTUAL_SCORE = 0.2
SPLIT_MIN_ARTICLES = 4
SPLIT_SCORE = 0.2  # groups whose texts score below this across are two stories
TITLE_FALLBACK_CHARS = 120
TITLE_MIN_WORDS = 3  # an opening shorter than this is a dateline or a label, not a title


@dataclass(frozen=True)
class StoryItem:
    """One text to cluster; row ``i`` of the TextSpace belongs to item ``i``."""

    key: str  # article id, or the position of a plain text
    published: datetime | None = None
    entities: frozenset[str] = frozenset()
    places: frozenset[int] = frozenset()
    language: str | None = None  # ISO 639-1, as the clean stage guessed it


@dataclass
class Cluster:
    members: list[int]  # rows, in publication order
    changes: list[StoryChange] = field(default_factory=list)


# --- the public entry points ---------------------------------------------------------------

def cluster_stories(corpus: Corpus, links: list[Link]) -> list[Story]:
    """Every stored article in exactly one story."""
    views = article_views(corpus)
    copy_of = {link.article_id: link.origin_id for link in links}
    independent = [v for v in views if v.id not in copy_of]
    space = TextSpace.of_sentences(
        [v.sentence_texts for v in independent], [v.sentence_matrix for v in independent]
    )
    items = [StoryItem(v.id, v.published, v.entity_ids, v.place_ids, v.article.language)
             for v in independent]
    by_id = {v.id: v for v in views}
    origins = {link.origin_id for link in links}
    stories = []
    for cluster in cluster_items(space, items):
        member_ids = [items[row].key for row in cluster.members]
        copies = [a for a, origin in copy_of.items() if origin in set(member_ids)]
        stories.append(_story(cluster, [by_id[i] for i in member_ids + copies], items, origins))
    return sorted(stories, key=lambda s: publication_key(s.first_seen, s.id))


def cluster_texts(texts: list[str], dates: list | None = None) -> list[int]:
    """Story labels for plain texts (the eval's ``cluster`` task), by the same algorithm."""
    if not texts:
        return []
    space = TextSpace.of_texts(texts)
    published = [_as_datetime(d) for d in dates] if dates else [None] * len(texts)
    items = [StoryItem(f"{i:09d}", when, names, language=guess_language(text))
             for i, (when, names, text)
             in enumerate(zip(published, text_names(texts), texts, strict=True))]
    labels = [0] * len(texts)
    for label, cluster in enumerate(cluster_items(space, items)):
        for row in cluster.members:
            labels[row] = label
    return labels


def story_id(first_article_id: str) -> str:
    """Stable: the same first article always names the same story."""
    return "story-" + hashlib.sha1(first_article_id.encode()).hexdigest()[:12]


# --- clustering ------------------------------------------------------------------------------

def cluster_items(space: TextSpace, items: Sequence[StoryItem]) -> list[Cluster]:
    """Incremental assignment in publication order, a second look for articles left alone,
    then merges, then splits."""
    order = sorted(range(len(items)), key=lambda r: publication_key(items[r].published,
                                                                     items[r].key))
    weights = name_weights(items)
    clusters: list[Cluster] = []
    index = VectorIndex()
    for row in order:
        _assign(row, space, items, weights, clusters, index)
    clusters = rejoin_singles(space, items, weights, clusters)
    clusters = join_translations(items, weights, clusters)
    clusters = merge_close(space, items, weights, clusters)
    clusters = merge_mutual_nearest(space, items, clusters)
    return split_loose(space, items, clusters)


def name_weights(items: Sequence[StoryItem]) -> dict:
    """The rarity of every entity and every place among the items."""
    return {**rarity(item.entities for item in items), **rarity(item.places for item in items)}


def _assign(
    row: int, space: TextSpace, items: Sequence[StoryItem], weights: dict,
    clusters: list[Cluster], index: VectorIndex,
) -> None:
    """Join the best-scoring candidate story, or open a new one."""
    candidates = [key for key, _ in index.query(space.vectors[row], CANDIDATE_STORIES)]
    scored = [(article_score(row, clusters[key].members, space, items, weights), key)
              for key in candidates]
    best_score, best = max(scored, default=(-np.inf, -1))
    if best_score >= JOIN_SCORE:
        clusters[best].members.append(row)
        index.update(best, _centroid(space, clusters[best].members))
    else:
        clusters.append(Cluster([row]))
        index.add(_centroid(space, [row]))


def article_score(
    row: int, members: Sequence[int], space: TextSpace, items: Sequence[StoryItem],
    weights: dict,
) -> float:
    """How well text ``row`` fits the story made of ``members``."""
    item = items[row]
    entities = set().union(*(items[m].entities for m in members))
    places = set().union(*(items[m].places for m in members))
    dates = [items[m].published for m in members]
    return (
        space.story_similarity(row, members)
        + ENTITY_WEIGHT * _share(item.entities, entities, weights)
        + PLACE_WEIGHT * _share(item.places, places, weights)
        - time_penalty(_gap_days([item.published], dates))
    )


def group_score(
    rows: Sequence[int], others: Sequence[int], space: TextSpace, items: Sequence[StoryItem],
    weights: dict,
) -> float:
    """How well two groups of texts fit together: the same terms as ``article_score``,
    with the overlap of the groups' entity and place sets (Jaccard, weighted by rarity).
    Average link here, not centroid to centroid: two centroids of a few texts each are
    closer than any two of the texts, which would let stories merge on a shared topic."""
    def union(group: Sequence[int], attribute: str) -> set:
        return set().union(*(getattr(items[r], attribute) for r in group))

    return (
        text_score(rows, others, space, items)
        + ENTITY_WEIGHT * _jaccard(union(rows, "entities"), union(others, "entities"), weights)
        + PLACE_WEIGHT * _jaccard(union(rows, "places"), union(others, "places"), weights)
    )


def text_score(
    rows: Sequence[int], others: Sequence[int], space: TextSpace, items: Sequence[StoryItem]
) -> float:
    """How well two groups read together: average-link similarity less the time penalty."""
    return space.mean_similarity(rows, others) - time_penalty(
        _gap_days([items[r].published for r in rows], [items[r].published for r in others]))


def time_penalty(gap_days: float) -> float:
    """Nothing for a few days, a little for weeks, a lot for years."""
    return min(TIME_MAX_PENALTY, TIME_WEIGHT * float(np.log1p(gap_days / TIME_SCALE_DAYS)))


def rejoin_singles(
    space: TextSpace, items: Sequence[StoryItem], weights: dict, clusters: list[Cluster]
) -> list[Cluster]:
    """Score each article left alone in its story again, against the stories as they stand
    after the pass, and let it join the best one reaching ``JOIN_SCORE``. An article that
    came before the rest of its story found nothing to join then; arriving now, it would
    join (the same score and bar as the pass)."""
    clusters = list(clusters)
    index = VectorIndex(np.vstack([_centroid(space, c.members) for c in clusters])
                        if clusters else None)
    for k in sorted(range(len(clusters)), key=lambda k: _order_key(items, clusters[k].members[0])):
        if len(clusters[k].members) != 1:
            continue
        row = clusters[k].members[0]
        scored = [(article_score(row, clusters[key].members, space, items, weights), key)
                  for key, _ in index.query(space.vectors[row], CANDIDATE_STORIES + 1)
                  if key != k and clusters[key].members]
        score, best = max(scored, default=(-np.inf, -1))
        if score < JOIN_SCORE:
            continue
        keep, absorb = _merge(clusters, best, k, items,
                              f"its article scores {score:.2f} with the story as it grew "
                              f"(join at {JOIN_SCORE})")
        index.update(keep, _centroid(space, clusters[keep].members))
        index.update(absorb, np.zeros(space.vectors.shape[1], dtype=np.float32))
    return [cluster for cluster in clusters if cluster.members]


def join_translations(
    items: Sequence[StoryItem], weights: dict, clusters: list[Cluster]
) -> list[Cluster]:
    """An article alone in its story, in another language than a story that names most of
    its names, is that story's report in translation: texts in two languages share no words
    and little meaning a monolingual model can see, but a translation names the same rare
    people and places. It joins the story holding the largest share of its names' weight
    (at least ``TRANSLATION_SHARE``, and ``TRANSLATION_MIN_NAMES`` of them), less the time
    penalty. Only names some other article also has count: the names a parser trained on
    English finds in another language are mostly common nouns no one else names
    ("Demonstranten"), which tell nothing of where the article belongs."""
    clusters = list(clusters)
    spread = Counter(name for item in items for name in item.entities | item.places)
    shared = {name for name, count in spread.items() if count > 1}
    by_language: dict[str, list[int]] = {}
    for j, cluster in enumerate(clusters):
        by_language.setdefault(_language(cluster.members, items), []).append(j)
    by_language.pop(UNDETERMINED, None)
    for k in sorted(range(len(clusters)), key=lambda k: _order_key(items, clusters[k].members[0])):
        if len(clusters[k].members) != 1:
            continue
        item = items[clusters[k].members[0]]
        if item.language in (None, UNDETERMINED):
            continue
        others = [j for language, js in by_language.items() if language != item.language
                  for j in js if clusters[j].members]
        scored = [(_translation_score(item, shared, clusters[j].members, items, weights), j)
                  for j in others]
        score, best = max(scored, default=(-np.inf, -1))
        if score < TRANSLATION_SHARE:
            continue
        _merge(clusters, best, k, items,
               f"a report in another language naming {score:.2f} of its names' weight there "
               f"(join at {TRANSLATION_SHARE})")
    return [cluster for cluster in clusters if cluster.members]


def _translation_score(
    item: StoryItem, shared: set, members: Sequence[int], items: Sequence[StoryItem],
    weights: dict,
) -> float:
    names = (item.entities | item.places) & shared
    named = set().union(*(items[m].entities | items[m].places for m in members))
    if len(names & named) < TRANSLATION_MIN_NAMES:
        return -np.inf
    return _share(names, named, weights) - time_penalty(
        _gap_days([item.published], [items[m].published for m in members]))


def _language(members: Sequence[int], items: Sequence[StoryItem]) -> str:
    """The language most of a story's articles are written in."""
    languages = [items[m].language or UNDETERMINED for m in members]
    return max(languages, key=languages.count)


def merge_close(
    space: TextSpace, items: Sequence[StoryItem], weights: dict, clusters: list[Cluster]
) -> list[Cluster]:
    """Merge story pairs that score as one: candidate pairs from the centroid index, best
    first, each re-scored on the stories as they stand when its turn comes."""
    clusters = list(clusters)
    alive = set(range(len(clusters)))
    for _, a, b in _merge_candidates(space, items, weights, clusters):
        if a not in alive or b not in alive:
            continue
        score = group_score(clusters[a].members, clusters[b].members, space, items, weights)
        if score < MERGE_SCORE:
            continue
        _, absorb = _merge(clusters, a, b, items,
                           f"their articles score {score:.2f} together (merge at {MERGE_SCORE})")
        alive.discard(absorb)
    return [clusters[k] for k in sorted(alive)]


def merge_mutual_nearest(
    space: TextSpace, items: Sequence[StoryItem], clusters: list[Cluster]
) -> list[Cluster]:
    """Merge the stories of two texts that are each other's nearest text (sought among
    each text's nearest articles in the index) and score at least ``MUTUAL_SCORE``: a pair
    the average link kept apart, because each also tells things the other does not, though
    nothing else comes as close to either."""
    clusters = list(clusters)
    story_of = {row: k for k, cluster in enumerate(clusters) for row in cluster.members}
    index = VectorIndex(space.vectors)
    nearest = {row: _nearest(space, index, row) for row in story_of}
    for row, other in sorted(nearest.items()):
        if other is None or other < row or nearest.get(other) != row:
            continue
        a, b = story_of[row], story_of[other]
        score = text_score([row], [other], space, items)
        if a == b or score < MUTUAL_SCORE:
            continue
        keep, _ = _merge(clusters, a, b, items,
                         f"two of their articles are each other's nearest, scoring {score:.2f} "
                         f"(merge at {MUTUAL_SCORE})")
        story_of.update({r: keep for r in clusters[keep].members})
    return [cluster for cluster in clusters if cluster.members]


def _nearest(space: TextSpace, index: VectorIndex, row: int) -> int | None:
    """The text most similar to text ``row`` among its nearest articles in the index (None
    when it is the only one)."""
    candidates = [key for key, _ in index.query(space.vectors[row], CANDIDATE_TEXTS + 1)
                  if key != row]
    if not candidates:
        return None
    return candidates[int(space.similarity(row, candidates).argmax())]


def _merge_candidates(
    space: TextSpace, items: Sequence[StoryItem], weights: dict, clusters: list[Cluster]
) -> list[tuple[float, int, int]]:
    """(score, a, b) of story pairs that score as one, best first."""
    if not clusters:
        return []
    centroids = [_centroid(space, c.members) for c in clusters]
    index = VectorIndex(np.vstack(centroids))
    pairs = []
    for a, centroid in enumerate(centroids):
        for b, _ in index.query(centroid, CANDIDATE_STORIES):
            if b > a:
                score = group_score(clusters[a].members, clusters[b].members, space, items,
                                    weights)
                if score >= MERGE_SCORE:
                    pairs.append((score, a, b))
    return sorted(pairs, reverse=True)


def _merge(
    clusters: list[Cluster], a: int, b: int, items: Sequence[StoryItem], reason: str
) -> tuple[int, int]:
    """Stories ``a`` and ``b`` become the earlier one (kept, its id stays); the later is left
    empty. Returns (kept, emptied)."""
    keep, absorb = sorted((a, b), key=lambda k: _order_key(items, clusters[k].members[0]))
    _absorb(clusters[keep], clusters[absorb], items, reason)
    clusters[absorb] = Cluster([])
    return keep, absorb


def _absorb(
    kept: Cluster, absorbed: Cluster, items: Sequence[StoryItem], reason: str
) -> None:
    kept.changes.append(StoryChange(
        story_id(items[kept.members[0]].key), "merge",
        [story_id(items[absorbed.members[0]].key)], reason,
        _latest(items, kept.members + absorbed.members),
    ))
    kept.changes.extend(absorbed.changes)
    kept.members = _in_order(items, kept.members + absorbed.members)


def split_loose(
    space: TextSpace, items: Sequence[StoryItem], clusters: list[Cluster]
) -> list[Cluster]:
    """Split each story whose articles form two groups that barely fit together."""
    result = []
    for cluster in clusters:
        parts = _two_groups(cluster.members, space, items)
        if parts is None:
            result.append(cluster)
            continue
        (first, second), score = parts
        first_id, second_id = (story_id(items[p[0]].key) for p in (first, second))
        reason = f"two groups scoring {score:.2f} across (split below {SPLIT_SCORE})"
        at = _latest(items, cluster.members)
        result.append(Cluster(first, cluster.changes + [
            StoryChange(first_id, "split", [second_id], reason, at)]))
        result.append(Cluster(second, [StoryChange(second_id, "split", [first_id], reason, at)]))
    return result


def _two_groups(
    members: list[int], space: TextSpace, items: Sequence[StoryItem]
) -> tuple[tuple[list[int], list[int]], float] | None:
    """The average-link cut of a story into two groups, when the groups are clearly apart:
    each has two articles or more and their texts score below ``SPLIT_SCORE`` across."""
    if len(members) < SPLIT_MIN_ARTICLES:
        return None
    scores = np.array([[text_score([a], [b], space, items) for b in members] for a in members])
    distance = np.clip(1.0 - scores, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    labels = fcluster(linkage(squareform(distance, checks=False), "average"), 2, "maxclust")
    groups = [[m for m, label in zip(members, labels, strict=True) if label == k] for k in (1, 2)]
    if min(len(g) for g in groups) < 2:
        return None
    across = text_score(groups[0], groups[1], space, items)
    if across >= SPLIT_SCORE:
        return None
    groups.sort(key=lambda g: _order_key(items, g[0]))
    return (groups[0], groups[1]), across


# --- helpers ---------------------------------------------------------------------------------

def _story(
    cluster: Cluster, views: list[ArticleView], items: Sequence[StoryItem], origins: set[str]
) -> Story:
    views = sorted(views, key=lambda v: publication_key(v.published, v.id))
    dates = [v.published for v in views if v.published]
    first = items[cluster.members[0]].key
    by_id = {v.id: v for v in views}
    return Story(
        id=story_id(first),
        title=_title(by_id[first], views),
        article_ids=[v.id for v in views],
        first_seen=min(dates, default=None),
        last_seen=max(dates, default=None),
        origins=[v.id for v in views if v.id in origins],
        changes=cluster.changes,
    )


def _title(first: ArticleView, views: list[ArticleView]) -> str:
    """The first article's title, else the earliest title, else its opening words."""
    for view in [first, *views]:
        if view.article.title:
            return view.article.title
    return _opening_words(first.sentence_texts or [first.article.text])


def _opening_words(sentences: Sequence[str]) -> str:
    """The first sentence that says something (a wire dateline, "(CNN) --", does not), cut
    at a word within ``TITLE_FALLBACK_CHARS`` characters."""
    texts = [" ".join(without_dateline(s).split()) for s in sentences]
    opening = next((t for t in texts if len(t.split()) >= TITLE_MIN_WORDS), texts[0])
    if len(opening) <= TITLE_FALLBACK_CHARS:
        return opening
    return opening[:TITLE_FALLBACK_CHARS].rsplit(" ", 1)[0].rstrip(",;:—–-") + " …"


def _centroid(space: TextSpace, rows: Sequence[int]) -> np.ndarray:
    total = space.vectors[list(rows)].sum(axis=0)
    norm = float(np.linalg.norm(total))
    return total / norm if norm > 0 else total


def _share(mine: frozenset, theirs: set, weights: dict) -> float:
    """The weight of ``mine`` that ``theirs`` holds (0 when ``mine`` weighs nothing)."""
    return _ratio(_weight(mine & theirs, weights), _weight(mine, weights))


def _jaccard(a: set, b: set, weights: dict) -> float:
    return _ratio(_weight(a & b, weights), _weight(a | b, weights))


def _weight(names: set, weights: dict) -> float:
    return sum(weights.get(name, 0.0) for name in names)


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole > 0 else 0.0


def _gap_days(dates: Sequence[datetime | None], others: Sequence[datetime | None]) -> float:
    """Days between two sets of dates (0 when they overlap or a side has none)."""
    a = [d for d in dates if d]
    b = [d for d in others if d]
    if not a or not b:
        return 0.0
    if max(a) < min(b):
        return (min(b) - max(a)).total_seconds() / 86400
    if max(b) < min(a):
        return (min(a) - max(b)).total_seconds() / 86400
    return 0.0


def _order_key(items: Sequence[StoryItem], row: int) -> tuple:
    return publication_key(items[row].published, items[row].key)


def _in_order(items: Sequence[StoryItem], rows: list[int]) -> list[int]:
    return sorted(rows, key=lambda r: _order_key(items, r))


def _latest(items: Sequence[StoryItem], rows: Sequence[int]) -> datetime | None:
    return max((items[r].published for r in rows if items[r].published), default=None)


def _as_datetime(value: object) -> datetime | None:
    """A date given to ``cluster_texts``: a datetime or an ISO 8601 string (UTC if naive)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)

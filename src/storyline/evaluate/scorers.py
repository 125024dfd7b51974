"""Metrics, each a pure function of predictions and gold answers (no models, no I/O).

Every scorer returns a plain dict of numbers so a task can put ours and each baseline side
by side. Conventions where a ratio has no denominator are stated per function.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Hashable, Sequence
from functools import cache

import numpy as np

WORD = re.compile(r"\w+")
EARTH_RADIUS_KM = 6371.0
MISS_KM = math.pi * EARTH_RADIUS_KM  # half the Earth's circumference: an unresolved toponym
Span = tuple[int, int]


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(true_positives: float, predicted: float, gold: float) -> dict[str, float]:
    """Precision, recall, F1 from counts; an empty denominator scores 0."""
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall)}


def word_count(sentences: Sequence[str]) -> int:
    return sum(len(s.split()) for s in sentences)


# --- extraction: 4-gram shingles, as in the scrapinghub article-extraction-benchmark ---------

def shingles(text: str, n: int = 4) -> Counter:
    """Counts of word n-grams; a text shorter than n words is one shingle of all its words."""
    words = WORD.findall(text or "")
    return Counter(tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1)) if words)


def shingle_counts(gold: str, predicted: str, n: int = 4) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, divided by their sum so that long pages weigh no more."""
    gold_shingles, predicted_shingles = shingles(gold, n), shingles(predicted, n)
    tp = sum((gold_shingles & predicted_shingles).values())
    fp = sum((predicted_shingles - gold_shingles).values())
    fn = sum((gold_shingles - predicted_shingles).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def extraction_scores(pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Mean per-page shingle precision and recall over (gold, predicted) pairs, and the F1 of
    those means. As in the benchmark, a page with nothing predicted is left out of the
    precision mean (it counts in recall); with nothing predicted anywhere, precision is 0."""
    counts = [shingle_counts(gold, predicted) for gold, predicted in pairs]
    precisions = [_ratio(tp, fp, fn) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [_ratio(tp, fn, fp) for tp, fp, fn in counts if tp + fn > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall)}


def _ratio(tp: float, wrong: float, other_wrong: float) -> float:
    """tp / (tp + wrong), where two empty texts agree perfectly."""
    if wrong == other_wrong == 0:
        return 1.0
    return tp / (tp + wrong) if tp + wrong else 0.0


# --- summaries: ROUGE ---------------------------------------------------------------------

ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")


@cache
def _rouge_scorer():
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


def rouge_scores(summaries: Sequence[Sequence[str]],
                 references: Sequence[Sequence[str]]) -> dict[str, float]:
    """Mean ROUGE F1 ×100 (stemmed) against the best reference of each item, and the mean
    summary length in words. Summaries and references are lists of sentences; they are
    joined by newlines, which is how ROUGE-Lsum sees sentence boundaries."""
    scorer = _rouge_scorer()
    totals = dict.fromkeys(ROUGE_TYPES, 0.0)
    for summary, item_references in zip(summaries, references, strict=True):
        best = scorer.score_multi(list(item_references), "\n".join(summary))
        for rouge_type in ROUGE_TYPES:
            totals[rouge_type] += best[rouge_type].fmeasure
    count = max(1, len(summaries))
    scores = {rouge_type: 100 * total / count for rouge_type, total in totals.items()}
    scores["words"] = statistics.mean(word_count(s) for s in summaries) if summaries else 0.0
    return scores


# --- clustering: B-cubed and pairwise -----------------------------------------------------

def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin): per item, the share of its
    predicted cluster that shares its gold cluster, and the reverse; averaged over items."""
    both = Counter(zip(predicted, gold, strict=True))
    predicted_sizes, gold_sizes = Counter(predicted), Counter(gold)
    n = len(gold)
    if not n:
        return {"bcubed_precision": 0.0, "bcubed_recall": 0.0, "bcubed_f1": 0.0}
    # Every item in a (predicted, gold) cell has the same per-item scores.
    precision = sum(c * c / predicted_sizes[p] for (p, _), c in both.items()) / n
    recall = sum(c * c / gold_sizes[g] for (_, g), c in both.items()) / n
    return {"bcubed_precision": precision, "bcubed_recall": recall,
            "bcubed_f1": f1(precision, recall)}


def pairwise_f1(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """F1 over the item pairs put in one cluster; when neither side has any pair (all
    singletons) the two agree and score 1."""
    def pairs(sizes) -> int:
        return sum(size * (size - 1) // 2 for size in sizes)

    together = pairs(Counter(zip(predicted, gold, strict=True)).values())
    predicted_pairs, gold_pairs = pairs(Counter(predicted).values()), pairs(Counter(gold).values())
    if predicted_pairs == gold_pairs == 0:
        return 1.0
    return prf(together, predicted_pairs, gold_pairs)["f1"]


def clustering_scores(predicted: Sequence[Hashable],
                      gold: Sequence[Hashable]) -> dict[str, float]:
    return {**bcubed(predicted, gold), "pairwise_f1": pairwise_f1(predicted, gold),
            "clusters": len(set(predicted))}


# --- similarity ---------------------------------------------------------------------------

def correlations(system: Sequence[float], gold: Sequence[float]) -> dict[str, float | None]:
    """Pearson and Spearman correlation; None when undefined (fewer than 2 items, or a
    constant side)."""
    from scipy.stats import pearsonr, spearmanr

    x, y = np.asarray(system, dtype=float), np.asarray(gold, dtype=float)
    if len(x) < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return {"pearson": None, "spearman": None}
    return {"pearson": float(pearsonr(x, y)[0]), "spearman": float(spearmanr(x, y)[0])}


# --- classification -----------------------------------------------------------------------

def classification_scores(predicted: Sequence[str], gold: Sequence[str]) -> dict:
    """Accuracy, macro-F1 over the gold and predicted labels, F1 per label, and the confusion
    matrix (rows gold, columns predicted)."""
    from sklearn.metrics import confusion_matrix, f1_score

    labels = sorted(set(gold) | set(predicted))
    per_label = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    correct = sum(p == g for p, g in zip(predicted, gold, strict=True))
    return {
        "accuracy": correct / len(gold) if gold else 0.0,
        "macro_f1": float(np.mean(per_label)) if labels else 0.0,
        "per_label_f1": {label: float(v) for label, v in zip(labels, per_label, strict=True)},
        "confusion": {"labels": labels,
                      "matrix": confusion_matrix(gold, predicted, labels=labels).tolist()},
    }


# --- geography ----------------------------------------------------------------------------

def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


Resolution = tuple[float | None, float | None, int | None]  # lat, lon, geonameid


def resolution_scores(predicted: Sequence[Resolution],
                      gold: Sequence[Resolution]) -> dict[str, float]:
    """Accuracy within 161 km (100 miles), exact GeoNames id, and the median error, over gold
    toponyms; an unresolved one is wrong and counts as MISS_KM away."""
    errors, same_id = [], 0
    for (lat, lon, geonameid), (gold_lat, gold_lon, gold_id) in zip(predicted, gold, strict=True):
        known = lat is not None and lon is not None
        errors.append(distance_km(lat, lon, gold_lat, gold_lon) if known else MISS_KM)
        same_id += geonameid is not None and geonameid == gold_id
    if not errors:
        return {"acc_161km": 0.0, "exact_id": 0.0, "median_error_km": MISS_KM}
    return {"acc_161km": sum(e <= 161 for e in errors) / len(errors),
            "exact_id": same_id / len(errors),
            "median_error_km": float(statistics.median(errors))}


def detection_scores(documents: Sequence[tuple[Sequence[Span], Sequence[Span]]]
                     ) -> dict[str, float]:
    """Exact-span detection P/R/F1 over (predicted, gold) spans per document, micro-averaged
    (a span counted once per document)."""
    right = predicted_total = gold_total = 0
    for predicted, gold in documents:
        right += len(set(predicted) & set(gold))
        predicted_total += len(set(predicted))
        gold_total += len(set(gold))
    return {f"detect_{k}": v for k, v in prf(right, predicted_total, gold_total).items()}


# --- time expressions: TempEval-3 ---------------------------------------------------------

Timex = tuple[int, int, str, str | None]  # start, end, type, value


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(predicted: Sequence[Span], gold: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs of overlapping spans, exact matches
    first, then the largest overlaps."""
    return _one_to_one(
        (predicted[i] != gold[j], -_overlap(predicted[i], gold[j]), i, j)
        for i in range(len(predicted)) for j in range(len(gold))
        if _overlap(predicted[i], gold[j]) > 0
    )


def _one_to_one(candidates) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: candidates are tuples (sort keys..., i, j), best first
    once sorted; each predicted i and gold j is used once."""
    used_p, used_g, pairs = set(), set(), []
    for *_, i, j in sorted(candidates):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


# TimeML duration units that are whole numbers of ISO 8601 ones: decade, century,
# millennium, quarter
TIMEML_UNITS = {"E": (10, "Y"), "C": (100, "Y"), "L": (1000, "Y"), "Q": (3, "M")}


def canonical_timex_value(value: str | None) -> str | None:
    """One form for TIMEX3 values that say the same thing in different ways, so values are
    compared by meaning: two-digit ISO weeks (2000-W7 is 2000-W07); a decade or century
    written with X digits (199X is 199); a year written with unknown month and day, as some
    annotators write a bare year (1968-XX and 1994-XX-XX are 1968 and 1994; an unknown
    field below a known one stays: 1998-10-XX is some day of October, 1989-WXX some week);
    TimeML's decade, century, millennium and quarter durations in years and months (P1E is
    P10Y, P2Q is P6M). Other values are kept as written."""
    if not value or re.fullmatch(r"[A-Z]+_REF", value):
        return value
    duration = re.fullmatch(r"P(\d+)([ECLQ])", value)
    if duration:
        size, unit = TIMEML_UNITS[duration.group(2)]
        return f"P{int(duration.group(1)) * size}{unit}"
    if "T" in value or value.startswith("P"):
        return value
    fields = [re.sub(r"^W(\d)$", r"W0\1", f) for f in value.split("-")]
    if not re.search(r"\d", fields[0]):
        return "-".join(fields)  # no year known ("XXXX-05-29", sets): nothing to drop
    if all(re.fullmatch(r"X+", field) for field in fields[1:]):
        return fields[0].rstrip("X")
    return "-".join(fields)


def timex_scores(documents: Sequence[tuple[Sequence[Timex], Sequence[Timex]]]) -> dict:
    """TempEval-3 over (predicted, gold) timex lists per document: strict (same offsets) and
    relaxed (overlapping) span F1; type accuracy over relaxed matches; value F1 counting a
    relaxed match whose normalized value is also right, compared by meaning
    (``canonical_timex_value``), and ``value_f1_as_written`` comparing the strings."""
    predicted_total = gold_total = strict = relaxed = same_type = same_value = same_string = 0
    for predicted, gold in documents:
        predicted_total += len(predicted)
        gold_total += len(gold)
        for i, j in match_spans([t[:2] for t in predicted], [t[:2] for t in gold]):
            relaxed += 1
            strict += predicted[i][:2] == gold[j][:2]
            same_type += predicted[i][2] == gold[j][2]
            ours, theirs = predicted[i][3], gold[j][3]
            same_string += ours is not None and ours == theirs
            same_value += ours is not None and (
                canonical_timex_value(ours) == canonical_timex_value(theirs))
    strict_scores = prf(strict, predicted_total, gold_total)
    relaxed_scores = prf(relaxed, predicted_total, gold_total)
    return {
        "strict_precision": strict_scores["precision"], "strict_recall": strict_scores["recall"],
        "strict_f1": strict_scores["f1"],
        "relaxed_precision": relaxed_scores["precision"],
        "relaxed_recall": relaxed_scores["recall"], "relaxed_f1": relaxed_scores["f1"],
        "type_accuracy": same_type / relaxed if relaxed else 0.0,
        "value_f1": prf(same_value, predicted_total, gold_total)["f1"],
        "value_f1_as_written": prf(same_string, predicted_total, gold_total)["f1"],
    }


# --- claims (attributions) ----------------------------------------------------------------

SOURCE_STOPWORDS = frozenset({"a", "an", "the", "of"})


def token_ids(text: str, spans: Sequence[Span]) -> frozenset[int]:
    """Indices of the words of ``text`` that overlap any of ``spans``: comparing word sets
    ignores quote marks, punctuation and whitespace at span edges."""
    return frozenset(i for i, word in enumerate(WORD.finditer(text))
                     if any(_overlap(word.span(), span) for span in spans))


def source_matches(predicted: str | None, gold: str) -> bool:
    """A speaker matches the gold source when their words (lower-cased, without a/an/the/of)
    reach F1 >= 0.5, e.g. "Trump" and "Donald Trump"; an empty gold source matches only
    an empty speaker."""
    def words(text: str | None) -> Counter:
        return Counter(w for w in WORD.findall((text or "").lower()) if w not in SOURCE_STOPWORDS)

    predicted_words, gold_words = words(predicted), words(gold)
    if not gold_words or not predicted_words:
        return not gold_words and not predicted_words
    common = sum((predicted_words & gold_words).values())
    return f1(common / sum(predicted_words.values()), common / sum(gold_words.values())) >= 0.5


Attribution = tuple[frozenset[int], str]  # content word ids, source text


def share_of_longer(a: frozenset[int], b: frozenset[int]) -> float:
    """Words two contents share, as a share of the longer one's (overlap50 needs 0.5)."""
    return len(a & b) / max(len(a), len(b), 1)


def _match_contents(predicted: Sequence[Attribution], gold: Sequence[Attribution],
                    exact: bool) -> list[tuple[int, int]]:
    """One-to-one pairs: same word set (exact), or words shared >= 50 % of the longer side."""
    candidates = []
    for i, (p_words, _) in enumerate(predicted):
        for j, (g_words, _) in enumerate(gold):
            shared = share_of_longer(p_words, g_words)
            matches = p_words == g_words if exact else shared >= 0.5
            if matches and p_words:
                candidates.append((-shared, i, j))
    return _one_to_one(candidates)


def claim_scores(documents: Sequence[tuple[Sequence[Attribution], Sequence[Attribution]]]
                 ) -> dict[str, float]:
    """Content-span F1, exact (same words) and overlap50 (>= 50 % of the longer span's words
    shared), micro-averaged; source accuracy over the overlap50 matches."""
    predicted_total = gold_total = exact = loose = right_source = 0
    for predicted, gold in documents:
        predicted_total += len(predicted)
        gold_total += len(gold)
        exact += len(_match_contents(predicted, gold, exact=True))
        for i, j in _match_contents(predicted, gold, exact=False):
            loose += 1
            right_source += source_matches(predicted[i][1], gold[j][1])
    exact_scores = prf(exact, predicted_total, gold_total)
    loose_scores = prf(loose, predicted_total, gold_total)
    return {
        "content_precision_exact": exact_scores["precision"],
        "content_recall_exact": exact_scores["recall"],
        "content_f1_exact": exact_scores["f1"],
        "content_precision_overlap50": loose_scores["precision"],
        "content_recall_overlap50": loose_scores["recall"],
        "content_f1_overlap50": loose_scores["f1"],
        "source_accuracy": right_source / loose if loose else 0.0,
    }


def content_f1_interval(groups: Sequence[Sequence[tuple[Sequence[Attribution],
                                                        Sequence[Attribution]]]],
                        rounds: int = 1000, seed: int = 0) -> tuple[float, float]:
    """The 95 % bootstrap interval of the overlap50 content F1: ``groups`` (each an article's
    documents, its annotators' copies together) are drawn with replacement ``rounds`` times.
    How far the figure could move on another sample of as many articles."""
    counts = np.array([[sum(len(p) for p, _ in group), sum(len(g) for _, g in group),
                        sum(len(_match_contents(p, g, exact=False)) for p, g in group)]
                       for group in groups], dtype=float)
    draws = np.random.default_rng(seed).integers(0, len(counts), (rounds, len(counts)))
    predicted, gold, matched = counts[draws].sum(axis=1).T
    scores = [prf(m, p, g)["f1"] for m, p, g in zip(matched, predicted, gold, strict=True)]
    low, high = np.percentile(scores, [2.5, 97.5])
    return float(low), float(high)


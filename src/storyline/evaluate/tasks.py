"""The evaluation tasks: each loads a file, runs storyline's own function for that stage (the
same code the pipeline runs) and the baselines over the same items, and scores them all.

storyline's function is imported when the task runs, so a stage that is missing or broken
makes only its own task fail ("not available: ..."), never the others.
"""

from __future__ import annotations

import importlib
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from storyline.evaluate import baselines, scorers
from storyline.evaluate.loaders import Fields, load_items
from storyline.records import Problem

MULTIDOC_MAX_WORDS = 250
FOLDS = 5
SEED = 0


class TaskUnavailable(RuntimeError):
    """storyline's function for this task cannot be imported."""


@dataclass
class TaskResult:
    task: str
    file: str
    n: int
    seconds: float
    metrics: dict[str, Any]
    baselines: dict[str, dict[str, Any]]
    settings: dict[str, Any] = field(default_factory=dict)  # budgets, folds, thresholds
    timing: dict[str, float] = field(default_factory=dict)  # seconds per system
    problems: list[str] = field(default_factory=list)  # bad lines, items ours failed on

    def to_json(self) -> dict[str, Any]:
        return _finite(asdict(self))


@dataclass
class Run:
    """What a task function hands back: scores per system, plus notes for the reader."""

    metrics: dict[str, Any]
    baselines: dict[str, dict[str, Any]]
    settings: dict[str, Any] = field(default_factory=dict)
    timing: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Task:
    name: str
    patterns: tuple[str, ...]  # file names it recognises, relative to the data folder
    fields: Fields  # what each item must hold
    run: Callable[[list[dict[str, Any]], list[Problem]], Run]


def run_task(task: str, path: str | Path, limit: int | None = None) -> TaskResult:
    """Score ours and the baselines of ``task`` on the first ``limit`` items of ``path``."""
    spec = TASKS[task]
    loaded = load_items(path, spec.fields, limit)
    if not loaded.items:
        raise ValueError(f"{path}: no usable items for task {task!r}")
    started = time.perf_counter()
    outcome = spec.run(loaded.items, loaded.problems)
    return TaskResult(
        task=task, file=str(path), n=len(loaded.items),
        seconds=round(time.perf_counter() - started, 2),
        metrics=outcome.metrics, baselines=outcome.baselines, settings=outcome.settings,
        timing={k: round(v, 2) for k, v in outcome.timing.items()},
        problems=[_describe(p, path) for p in loaded.problems],
    )


def _describe(problem: Problem, path: str | Path) -> str:
    if problem.stage == "ours":
        return f"{path}, {problem.origin}: ours failed: {problem.reason}"
    return f"{problem.origin}: {problem.reason}"


def files_for(task: str, data_dir: str | Path) -> list[Path]:
    """The files of ``data_dir`` that ``task`` recognises by name. Training splits
    (``*_train.jsonl``) are left out: what storyline learns from is never what it is scored on."""
    found = {p for pattern in TASKS[task].patterns for p in Path(data_dir).glob(pattern)
             if not p.stem.endswith("_train")}
    return sorted(found)


# --- helpers ------------------------------------------------------------------------------

def ours(module: str, name: str) -> Callable:
    """storyline's own function, or TaskUnavailable saying why it cannot be used."""
    try:
        return getattr(importlib.import_module(module), name)
    except Exception as error:  # a half-written module may fail in any way
        raise TaskUnavailable(f"not available: {type(error).__name__}: {error}") from error


def each(function: Callable, items: Sequence[dict[str, Any]],
         problems: list[Problem]) -> list[Any]:
    """``function`` over the items; an item it fails on gives None and a Problem, so one bad
    item cannot sink a whole evaluation (the failures are reported with the scores)."""
    results = []
    for item in items:
        try:
            results.append(function(item))
        except Exception as error:
            problems.append(Problem(f"item {item.get('id', '?')}",
                                    f"{type(error).__name__}: {error}", stage="ours"))
            results.append(None)
    return results


class Stopwatch:
    """Seconds spent per system, accumulated across calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = Counter()

    def time(self, system: str, function: Callable, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args)
        finally:
            self.seconds[system] += time.perf_counter() - started


def _finite(value: Any) -> Any:
    """NaN and infinities become None so the JSON stays valid."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    if isinstance(value, float | np.floating):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


# --- extraction ---------------------------------------------------------------------------

def run_extraction(items: list[dict[str, Any]], problems: list[Problem]) -> Run:
    extract_main_text = ours("storyline.clean.html", "extract_main_text")
    clock = Stopwatch()
    predicted = clock.time("ours", each, lambda it: extract_main_text(it["html"], it.get("url")),
                           items, problems)
    predicted_baseline = clock.time("trafilatura", lambda: [baselines.trafilatura_text(it["html"])
                                                            for it in items])
    gold = [it["text"] for it in items]
    return Run(
        metrics=scorers.extraction_scores(list(zip(gold, [p or "" for p in predicted],
                                                   strict=True))),
        baselines={"trafilatura": scorers.extraction_scores(list(zip(gold, predicted_baseline,
                                                                     strict=True)))},
        settings={"shingle": "4 words"}, timing=clock.seconds,
    )


# --- summaries ----------------------------------------------------------------------------

def _reference_lines(references: Sequence[Sequence[str]]) -> list[list[str]]:
    """Each reference with one sentence a line (ROUGE-Lsum's sentence boundaries); one with
    no line breaks is split by the baselines' sentence splitter."""
    flat = [r for refs in references for r in refs]
    unsplit = [r for r in flat if "\n" not in r.strip()]
    split = dict(zip(unsplit, baselines.split_sentences(unsplit), strict=True))
    return [["\n".join(split[r]) if r in split else r.strip() for r in refs]
            for refs in references]


def run_summarize(items: list[dict[str, Any]], problems: list[Problem]) -> Run:
    summarize_text = ours("storyline.summarize", "summarize_text")
    clock = Stopwatch()
    summaries = [s or [] for s in clock.time(
        "ours", each, lambda it: summarize_text(it["text"]), items, problems)]
    references = _reference_lines([_as_list(it["references"]) for it in items])
    sentences = clock.time("sentence split", baselines.split_sentences,
                           [it["text"] for it in items])
    lead3 = clock.time("lead3", lambda: [baselines.lead(s) for s in sentences])
    lexrank = clock.time("lexrank", lambda: [
        baselines.lexrank(s, scorers.word_count(summary))
        for s, summary in zip(sentences, summaries, strict=True)])
    return Run(
        metrics=scorers.rouge_scores(summaries, references),
        baselines={"lead3": scorers.rouge_scores(lead3, references),
                   "lexrank": scorers.rouge_scores(lexrank, references)},
        settings={"rouge": "F1 x100, stemmed, best reference",
                  "lexrank_budget": "the word count of our summary of the same article"},
        timing=clock.seconds,
    )


def run_multidoc(items: list[dict[str, Any]], problems: list[Problem]) -> Run:
    summarize_documents = ours("storyline.summarize", "summarize_documents")
    budget = MULTIDOC_MAX_WORDS
    clock = Stopwatch()
    summaries = [s or [] for s in clock.time(
        "ours", each, lambda it: summarize_documents(list(it["documents"]), budget),
        items, problems)]
    references = _reference_lines([_as_list(it["references"]) for it in items])
    flat = [doc for it in items for doc in it["documents"]]
    flat_sentences = iter(clock.time("sentence split", baselines.split_sentences, flat))
    clusters = [[next(flat_sentences) for _ in it["documents"]] for it in items]
    lead = clock.time("lead", lambda: [baselines.round_robin_lead(c, budget) for c in clusters])
    lexrank = clock.time("lexrank", lambda: [
        baselines.lexrank([s for doc in c for s in doc], budget) for c in clusters])
    return Run(
        metrics=scorers.rouge_scores(summaries, references),
        baselines={"lead": scorers.rouge_scores(lead, references),
                   "lexrank": scorers.rouge_scores(lexrank, references)},
        settings={"max_words": budget, "rouge": "F1 x100, stemmed, best reference"},
        timing=clock.seconds,
    )


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


# --- stories: clustering and similarity ---------------------------------------------------

def run_cluster(items: list[dict[str, Any]], problems: list[Problem]) -> Run:
    cluster_texts = ours("storyline.link.stories", "cluster_texts")
    texts = [it.get("text") or it["title"] for it in items]
    gold = [str(it["cluster"]) for it in items]
    clock = Stopwatch()
    predicted = list(clock.time("ours", cluster_texts, texts, None))
    if len(predicted) != len(texts):
        raise ValueError(f"cluster_texts gave {len(predicted)} labels for {len(texts)} texts")
    baseline = clock.time("tfidf_agglomerative", baselines.tfidf_agglomerative, texts)
    return Run(
        metrics=scorers.clustering_scores(predicted, gold),
        baselines={"tfidf_agglomerative": scorers.clustering_scores(baseline, gold)},
        settings={"gold_clusters": len(set(gold)),
                  "baseline": f"TF-IDF, average link, cosine distance threshold "
                              f"{baselines.CLUSTER_DISTANCE}"},
        timing=clock.seconds,
    )


def run_similarity(items: list[dict[str, Any]], problems: list[Problem]) -> Run:
    text_similarity = ours("storyline.link.similarity", "text_similarity")
    texts_a, texts_b = [it["text1"] for it in items], [it["text2"] for it in items]
    gold = [-float(it["overall"]) for it in items]  # 1 = very similar ... 4 = very dissimilar
    clock = Stopwatch()
    predicted = np.asarray(clock.time("ours", text_similarity, texts_a, texts_b), dtype=float)
    baseline = clock.time("tfidf_cosine", baselines.tfidf_cosine, texts_a, texts_b)
    return Run(
        metrics=scorers.correlations(predicted, gold),
        baselines={"tfidf_cosine": scorers.correlations(baseline, gold)},
        settings={"gold": "-overall"}, timing=clock.seconds,
    )


# --- event types --------------------------------------------------------------------------

def cv_folds(labels: Sequence[str], k: int = FOLDS,
             seed: int = SEED) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified k folds with a fixed seed; fewer folds when the largest class is smaller
    than k (as in a quick --limit run), plain folds when every label occurs once."""
    from sklearn.model_selection import KFold, StratifiedKFold

    if len(labels) < 2:
        raise ValueError("cross-validation needs at least 2 items")
    largest = max(Counter(labels).values())
    positions = np.zeros(len(labels))
    with warnings.catch_warnings():  # "the least populated class has fewer than k members"
        warnings.simplefilter("ignore", UserWarning)
        if largest >= 2:
            folds = StratifiedKFold(min(k, largest), shuffle=True, random_state=seed)
            return list(folds.split(positions, labels))
        return list(KFold(min(k, len(labels)), shuffle=True, random_state=seed).split(positions))


def run_event_type(items: list[dict[str, Any]], problems: list[Problem]) -> Run:
    train_classifier = ours("storyline.extract.events", "train_classifier")
    examples = [(it["sentence"], it.get("source") or "", it.get("target") or "") for it in items]
    texts = [" ".join(example) for example in examples]
    labels = [str(it["label"]) for it in items]
    if len(set(labels)) < 2:
        raise ValueError(f"event-type needs at least 2 different labels, but all {len(labels)} "
                         f"items are {labels[0]!r} (a file sorted by label? use a larger --limit)")
    folds = cv_folds(labels)
    predicted = {name: [""] * len(items) for name in ("ours", "majority", "tfidf_logreg")}
    clock = Stopwatch()
    for train, test in folds:
        train_labels = [labels[i] for i in train]
        model = clock.time("ours", train_classifier, [examples[i] for i in train], train_labels)
        guesses = {
            "ours": clock.time("ours", model.predict, [examples[i] for i in test]),
            "majority": baselines.majority_label(train_labels, len(test)),
            "tfidf_logreg": clock.time(
                "tfidf_logreg", baselines.tfidf_logistic_regression,
                [texts[i] for i in train], train_labels, [texts[i] for i in test]),
        }
        for name, guessed in guesses.items():
            for i, label in zip(test, guessed, strict=True):
                predicted[name][i] = str(label)
    scores = {name: scorers.classification_scores(p, labels) for name, p in predicted.items()}
    return Run(
        metrics=scores.pop("ours"), baselines=scores,
        settings={"folds": len(folds), "seed": SEED, "labels": len(set(labels)),
                  "cv": "stratified k-fold; each item scored by a model that never saw it"},
        timing=clock.seconds,
    )


# --- places -------------------------------------------------------------------------------

def run_geo(items: list[dict[str, Any]], problems: list[Problem]) -> Run:
    resolve_toponyms = ours("storyline.annotate.places", "resolve_toponyms")
    detect_places = ours("storyline.annotate.places", "detect_places")
    spans = [_spans(it) for it in items]
    gold = [(t["lat"], t["lon"], t["geonameid"]) for it in items for t in it["toponyms"]]
    clock = Stopwatch()
    resolved = clock.time("ours", each, lambda it: resolve_toponyms(it["text"], _spans(it)),
                          items, problems)
    detected = clock.time("ours", each, lambda it: detect_places(it["text"]), items, problems)
    # Matched by offsets, so a place left out or reordered cannot shift the others.
    predicted = []
    for item_spans, places in zip(spans, resolved, strict=True):
        by_span = {(p.start, p.end): (p.lat, p.lon, p.geonameid) for p in places or []}
        predicted += [by_span.get(span, (None, None, None)) for span in item_spans]
    detection = [([(p.start, p.end) for p in places or []], item_spans)
                 for places, item_spans in zip(detected, spans, strict=True)]
    baseline = clock.time("most_populous", lambda: [
        baselines.most_populous(it["text"][start:end])
        for it, item_spans in zip(items, spans, strict=True) for start, end in item_spans])
    return Run(
        metrics={**scorers.resolution_scores(predicted, gold),
                 **scorers.detection_scores(detection)},
        baselines={"most_populous": scorers.resolution_scores(baseline, gold)},
        settings={"gold_toponyms": len(gold),
                  "unresolved": f"counts as wrong and {scorers.MISS_KM:.0f} km off",
                  "detection": "exact span match, end to end (detect_places)",
                  "baseline": "most populous GeoNames city (population >= 500) or country "
                              "with that name or alternate name"},
        timing=clock.seconds,
    )


def _spans(item: dict[str, Any]) -> list[tuple[int, int]]:
    return [(t["start"], t["end"]) for t in item["toponyms"]]


# --- times --------------------------------------------------------------------------------

def run_time(items: list[dict[str, Any]], problems: list[Problem]) -> Run:
    normalize_timexes = ours("storyline.annotate.times", "normalize_timexes")
    clock = Stopwatch()
    found = [refs or [] for refs in clock.time(
        "ours", each, lambda it: normalize_timexes(it["text"], it["dct"]), items, problems)]
    gold = [[(t["start"], t["end"], t["type"], t["value"]) for t in it["timexes"]]
            for it in items]
    predicted = [[(r.start, r.end, r.type, r.value) for r in refs] for refs in found]
    # Spans only: our spans and types, every value the document date.
    spans_only = [[(r.start, r.end, r.type, it["dct"]) for r in refs]
                  for it, refs in zip(items, found, strict=True)]
    return Run(
        metrics=scorers.timex_scores(list(zip(predicted, gold, strict=True))),
        baselines={"spans_only": scorers.timex_scores(list(zip(spans_only, gold, strict=True)))},
        settings={"gold_timexes": sum(len(g) for g in gold)}, timing=clock.seconds,
    )


# --- claims -------------------------------------------------------------------------------

def gold_attributions(item: dict[str, Any]) -> list[scorers.Attribution]:
    """Gold (content word ids, source text), for attributions that have a content span."""
    text = item["text"]
    return [(scorers.token_ids(text, [(s["start"], s["end"]) for s in a["content"]]),
             " ".join(s["text"] for s in a.get("source") or []))
            for a in item["attributions"] if a.get("content")]


def run_claims(items: list[dict[str, Any]], problems: list[Problem]) -> Run:
    find_claims_in_text = ours("storyline.extract.claims", "find_claims_in_text")
    clock = Stopwatch()
    found = [claims or [] for claims in clock.time(
        "ours", each, lambda it: find_claims_in_text(it["text"]), items, problems)]
    heuristic = clock.time("quote_said", lambda: [baselines.quote_said_claims(it["text"])
                                                  for it in items])
    gold = [gold_attributions(it) for it in items]

    def as_attributions(text: str, claims: list[tuple[str, list[tuple[int, int]]]]):
        return [(scorers.token_ids(text, spans), speaker) for speaker, spans in claims]

    # every piece of a content split by its attribution counts ("“A,” she said. “B”")
    ours_claims = [[(c.speaker, c.spans()) for c in claims] for claims in found]
    heuristic = [[(speaker, [(start, end)]) for speaker, start, end in claims]
                 for claims in heuristic]
    documents = {name: [(as_attributions(it["text"], claims), g)
                        for it, claims, g in zip(items, predictions, gold, strict=True)]
                 for name, predictions in (("ours", ours_claims), ("quote_said", heuristic))}
    scored = {name: scorers.claim_scores(docs) for name, docs in documents.items()}
    articles = _copies_by_article(items)
    low, high = scorers.content_f1_interval(
        [[documents["ours"][i] for i in copies] for copies in articles])
    return Run(
        metrics=scored.pop("ours"), baselines=scored,
        settings={"gold_attributions": sum(len(g) for g in gold),
                  "source_match": "speaker text vs gold source text: word F1 >= 0.5 "
                                  "(lower-cased, a/an/the/of ignored)",
                  "ours content_f1_overlap50, 95 % bootstrap interval over the "
                  f"{len(articles)} articles": f"{low:.3f}-{high:.3f}",
                  **_annotator_agreement(articles, gold, documents["ours"])},
        timing=clock.seconds,
    )


def _copies_by_article(items: list[dict[str, Any]]) -> list[list[int]]:
    """Item indexes per article: PolNeAR ids are ``<article>#<annotator>``, and a few
    articles are annotated by several annotators (an item without an id is an article)."""
    copies: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        copies.setdefault(str(item.get("id", i)).split("#")[0], []).append(i)
    return list(copies.values())


def _annotator_agreement(articles: list[list[int]], gold: list[list[scorers.Attribution]],
                         ours: list[tuple[list, list]]) -> dict[str, str]:
    """How far the annotators of one article agree, scored as storyline is (each copy in
    turn the gold for another), next to storyline's score on those copies: the reach of
    the metric on these articles."""
    shared = [copies for copies in articles if len(copies) > 1]
    if not shared:
        return {}
    pairs = [(gold[a], gold[b]) for copies in shared for a in copies for b in copies if a != b]
    agreement = scorers.claim_scores(pairs)["content_f1_overlap50"]
    on_them = scorers.claim_scores([ours[i] for copies in shared for i in copies])
    return {f"annotators vs each other on the {len(shared)} articles several annotated "
            f"({len(pairs)} pairs), content_f1_overlap50":
            f"{agreement:.3f} (ours on those copies {on_them['content_f1_overlap50']:.3f})"}


TASKS: dict[str, Task] = {task.name: task for task in (
    Task("extraction", ("extraction/pages_*.jsonl",), ("html", "text"), run_extraction),
    Task("summarize", ("summarization/*.jsonl",), ("text", "references"), run_summarize),
    Task("multidoc", ("multidoc/*.jsonl",), ("documents", "references"), run_multidoc),
    Task("cluster", ("clustering/multinews_clusters_*.jsonl", "clustering/uci_headlines_*.jsonl"),
         (("text", "title"), "cluster"), run_cluster),
    Task("similarity", ("clustering/semeval_en_pairs_*.jsonl",), ("text1", "text2", "overall"),
         run_similarity),
    Task("event-type", ("events/plv_*.jsonl", "events/aw_*.jsonl", "events/cameo_class_*.jsonl"),
         ("sentence", "label"), run_event_type),
    Task("geo", ("geo/*.jsonl",), ("text", "toponyms"), run_geo),
    Task("time", ("time/*.jsonl",), ("text", "dct", "timexes"), run_time),
    Task("claims", ("claims/polnear_*.jsonl",), ("text", "attributions"), run_claims),
)}


# --- every task on every file -------------------------------------------------------------

@dataclass
class Failure:
    task: str
    file: str
    reason: str


def run_all(data_dir: str | Path, limit: int | None = None,
            on_start: Callable[[str, Path], None] | None = None,
            tasks: Sequence[str] | None = None) -> tuple[list[TaskResult], list[Failure]]:
    """Every task (or those named in ``tasks``) on every file of ``data_dir`` it recognises.
    A task whose function is not available, or that fails on a file, is recorded and the run
    goes on."""
    results, failures = [], []
    for task in tasks or TASKS:
        paths = files_for(task, data_dir)
        if not paths:
            failures.append(Failure(task, "", "no file matches "
                                    + ", ".join(TASKS[task].patterns)))
        for index, path in enumerate(paths):
            if on_start:
                on_start(task, path)
            try:
                results.append(run_task(task, path, limit))
            except TaskUnavailable as error:  # the same for every file of this task
                failures += [Failure(task, str(p), str(error)) for p in paths[index:]]
                break
            except Exception as error:
                failures.append(Failure(task, str(path), f"failed: {type(error).__name__}: "
                                                         f"{error}"))
    return results, failures

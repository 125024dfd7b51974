"""Fit the sentence scorer's weights on a summarization file, with k-fold cross-validation.

    python -m storyline.summarize.train ../shared/eval/summarization/cnndm_val_dev.jsonl

The file holds one JSON object per line with ``text`` and ``references`` (reference
summaries, sentences separated by newlines). Each sentence is labelled 1 when a greedy
oracle picks it (the sentences that together best match the reference in ROUGE-1 + ROUGE-2),
a logistic model learns those labels from the features, and ``weights.json`` is written.
Cross-validation predicts every article with a model that never saw it and reports ROUGE
F1 (x100, stemmed) of the summaries next to Lead-3 on the same sentences.
This is a development tool: it needs the data file and is never run by the pipeline.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer, tokenizers
from sklearn.linear_model import LogisticRegression

from storyline.clean.text import word_count
from storyline.summarize.article import ARTICLE_WORDS
from storyline.summarize.features import FEATURE_NAMES, ArticleSentences, article_sentences
from storyline.summarize.scorer import model_inputs
from storyline.summarize.selection import select
from storyline.summarize.text import annotate_texts

ORACLE_SENTENCES = 3
ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")
_tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)


def oracle_labels(sentences: Sequence[str], reference: str) -> np.ndarray:
    """1 for the sentences a greedy search picks to maximize ROUGE-1 + ROUGE-2 F1."""
    reference_grams = [_ngrams(_tokenizer.tokenize(reference), n) for n in (1, 2)]
    sentence_grams = [[_ngrams(_tokenizer.tokenize(s), n) for n in (1, 2)] for s in sentences]
    labels = np.zeros(len(sentences))
    chosen: list[Counter] = [Counter(), Counter()]
    best = 0.0
    for _ in range(ORACLE_SENTENCES):
        gains = [
            -1.0 if labels[k] else _f1_sum(_add(chosen, grams), reference_grams)
            for k, grams in enumerate(sentence_grams)
        ]
        pick = int(np.argmax(gains)) if gains else 0
        if not gains or gains[pick] <= best:
            break
        best, labels[pick] = gains[pick], 1.0
        chosen = _add(chosen, sentence_grams[pick])
    return labels


def _add(counts: list[Counter], more: list[Counter]) -> list[Counter]:
    return [c + m for c, m in zip(counts, more, strict=True)]


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))


def _f1_sum(candidate: list[Counter], reference: list[Counter]) -> float:
    total = 0.0
    for c, r in zip(candidate, reference, strict=True):
        overlap = sum((c & r).values())
        if overlap:
            precision, recall = overlap / sum(c.values()), overlap / sum(r.values())
            total += 2 * precision * recall / (precision + recall)
    return total


def fit(pools: list[ArticleSentences], labels: list[np.ndarray]) -> LogisticRegression:
    model = LogisticRegression(C=1.0, max_iter=3000)
    model.fit(np.vstack([model_inputs(p) for p in pools]), np.concatenate(labels))
    return model


def summarize_pool(model: LogisticRegression, pool: ArticleSentences, budget: int) -> list[int]:
    if not pool.indices:
        return []
    scores = model.predict_proba(model_inputs(pool))[:, 1]
    return sorted(pool.indices[k] for k in select(scores, pool.vectors, pool.words, budget))


def rouge(pairs: list[tuple[list[str], str]]) -> dict[str, float]:
    """Mean ROUGE F1 x100 of (summary sentences, reference) pairs, and the mean word count."""
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    totals = Counter()
    for summary, reference in pairs:
        scores = scorer.score(reference, "\n".join(summary))
        for name in ROUGE_TYPES:
            totals[name] += scores[name].fmeasure * 100
        totals["words"] += sum(word_count(sentence) for sentence in summary)
    return {name: round(totals[name] / max(len(pairs), 1), 2) for name in (*ROUGE_TYPES, "words")}


def cross_validate(rows, pools, labels, folds: int, budget: int) -> dict[str, dict[str, float]]:
    """Out-of-fold summaries (article k is in fold k mod folds) next to two baselines: Lead-3
    and the leading sentences that fit the same word budget (boilerplate left out)."""
    fold_of = np.arange(len(rows)) % folds
    ours, lead3, lead_budget = [], [], []
    for fold in range(folds):
        train = [k for k in range(len(rows)) if fold_of[k] != fold]
        model = fit([pools[k] for k in train], [labels[k] for k in train])
        for k in np.flatnonzero(fold_of == fold):
            (annotation, reference), pool = rows[k], pools[k]
            sentences = [span.text for span in annotation.sentences]
            ours.append(([sentences[i] for i in summarize_pool(model, pool, budget)], reference))
            lead3.append((sentences[:3], reference))
            leading = select(-np.arange(len(pool.indices), dtype=float), pool.vectors,
                             pool.words, budget, duplicate=2.0) if pool.indices else []
            lead_budget.append(([sentences[pool.indices[p]] for p in sorted(leading)], reference))
    return {"model": rouge(ours), "lead3": rouge(lead3), "lead_same_budget": rouge(lead_budget)}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--budget", type=int, default=ARTICLE_WORDS)
    parser.add_argument("--write", action="store_true", help="write weights.json")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.data.open(encoding="utf-8")][: args.limit]
    annotated = annotate_texts([r["text"] for r in records])
    rows = [(a, r["references"][0]) for (a, _), r in zip(annotated, records, strict=True)]
    pools = [article_sentences(a, v) for a, v in annotated]
    labels = [
        oracle_labels([a.sentences[i].text for i in p.indices], ref)
        for (a, ref), p in zip(rows, pools, strict=True)
    ]
    report = cross_validate(rows, pools, labels, args.folds, args.budget)
    print(json.dumps(report, indent=2))
    if args.write:
        write_weights(fit(pools, labels), args, report)


def write_weights(model: LogisticRegression, args: argparse.Namespace, report: dict) -> None:
    coefficients = [round(float(c), 5) for c in model.coef_[0]]
    data = {
        "features": list(FEATURE_NAMES),
        "coefficients": coefficients[: len(FEATURE_NAMES)],
        "vector_coefficients": coefficients[len(FEATURE_NAMES) :],
        "intercept": round(float(model.intercept_[0]), 5),
        "trained_on": args.data.name,
        "folds": args.folds,
        "budget_words": args.budget,
        "cross_validation": report,
    }
    lines = [f" {json.dumps(key)}: {json.dumps(value)}" for key, value in data.items()]
    target = Path(str(files("storyline.summarize").joinpath("weights.json")))
    target.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


if __name__ == "__main__":
    main()

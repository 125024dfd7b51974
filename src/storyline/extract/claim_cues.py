"""Train the claim cue model on attribution-annotated articles (PolNeAR training split).

    python -m storyline.extract.claim_cues ../shared/eval/claims/polnear_train.jsonl

Every word that could be a cue gives one candidate per content it could report
(``claims.cue_candidate``); a candidate is positive when the annotation holds an attribution
whose cue contains that word and whose content shares at least half of the longer span's
words with the candidate's (as the ``claims`` eval task scores). A logistic regression over
the candidates' features (``claim_model.option_features``) is fitted, and its threshold is
the one that gave the best content F1 in a cross-validation over the articles (model from
the other folds, scored end to end on the held-out fold). Only feature weights are shipped
(``extract/data/claim_model.json``): no sentence of the training text.
"""

from __future__ import annotations

import argparse
import bisect
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from storyline.evaluate.scorers import WORD, claim_scores, share_of_longer
from storyline.extract.claim_model import MODEL_FILE, ClaimModel, option_features
from storyline.extract.claims import claims_in_doc, cue_candidate, quotation_spans
from storyline.models import doc_text, nlp

MIN_FEATURE_COUNT = 2  # a feature seen once says more about one article than about cues
REGULARISATION = 1.0  # sklearn's C; chosen by cross-validation (docs/claims.md)
L1_RATIO = 0.0  # an L2 penalty: cross-validated F1 above L1 (docs/claims.md)
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)

Gold = list[tuple[set[int], frozenset[int]]]


def gold_attributions(item: dict[str, Any]) -> Gold:
    """(character offsets of the cue, word ids of the content) of each attribution."""
    words_of = WordIndex(item["text"])
    return [
        ({i for s in a["cue"] for i in range(s["start"], s["end"])},
         words_of(*((s["start"], s["end"]) for s in a["content"])))
        for a in item["attributions"] if a.get("content") and a.get("cue")
    ]


def labelled_candidates(doc: Doc, gold: Gold) -> Iterator[tuple[list[str], bool]]:
    """(features, is an annotated attribution) of every candidate in a parsed article."""
    text = doc_text(doc)
    quotes, words_of = quotation_spans(text), WordIndex(text)
    for token in doc:
        candidate = cue_candidate(token, quotes)
        if candidate is None:
            continue
        speaker, options = candidate
        for kind, span in options:
            words = words_of(span)
            attributed = any(token.idx in cue and bool(words) and
                             share_of_longer(words, content) >= 0.5 for cue, content in gold)
            yield option_features(token, speaker, kind, span, quotes), attributed


class WordIndex:
    """Word ids of a character span, as ``scorers.token_ids`` counts them (the words that
    overlap it), found by bisection: the trainer asks for tens of thousands of spans."""

    def __init__(self, text: str):
        words = [m.span() for m in WORD.finditer(text)]
        self.starts = [start for start, _ in words]
        self.ends = [end for _, end in words]

    def __call__(self, *spans: tuple[int, int]) -> frozenset[int]:
        return frozenset(i for start, end in spans for i in range(
            bisect.bisect_right(self.ends, start), bisect.bisect_left(self.starts, end)))


def fit(items: Sequence[dict[str, Any]], docs: Sequence[Doc], threshold: float = 0.5,
        regularisation: float = REGULARISATION) -> ClaimModel:
    """A logistic regression over the candidates of annotated, parsed articles."""
    features: list[list[str]] = []
    labels: list[bool] = []
    for item, doc in zip(items, docs, strict=True):
        for candidate_features, attributed in labelled_candidates(doc, gold_attributions(item)):
            features.append(candidate_features)
            labels.append(attributed)
    counts = Counter(f for fs in features for f in fs)
    rows = [{f: 1 for f in fs if counts[f] >= MIN_FEATURE_COUNT} for fs in features]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows).tocsr()
    matrix.indices, matrix.indptr = matrix.indices.astype(np.int32), matrix.indptr.astype(np.int32)
    regression = LogisticRegression(
        C=regularisation, l1_ratio=L1_RATIO, solver="liblinear", random_state=0
    )  # liblinear visits the features in a random order: fixed, one command gives one file
    regression.fit(matrix, np.array(labels))
    names = vectorizer.get_feature_names_out()
    weights = dict(zip(names, regression.coef_[0].tolist(), strict=True))
    return ClaimModel(weights, float(regression.intercept_[0]), threshold)


def score(items: Sequence[dict[str, Any]], docs: Sequence[Doc], model: ClaimModel) -> dict:
    """The ``claims`` eval task's scores of ``model`` on annotated, parsed articles."""
    return claim_scores(_predicted_and_gold(items, docs, model))


def _predicted_and_gold(items: Sequence[dict[str, Any]], docs: Sequence[Doc],
                        model: ClaimModel) -> list[tuple[list, list]]:
    documents = []
    for item, doc in zip(items, docs, strict=True):
        text = item["text"]
        words_of = WordIndex(text)
        predicted = [(words_of(*c.spans()), c.speaker)
                     for c in claims_in_doc(doc, None, [], model)]
        gold = [(words_of(*((s["start"], s["end"]) for s in a["content"])),
                 " ".join(s["text"] for s in a.get("source") or []))
                for a in item["attributions"] if a.get("content")]
        documents.append((predicted, gold))
    return documents


def cross_validate(items: Sequence[dict[str, Any]], docs: Sequence[Doc], folds: int = 2,
                   regularisation: float = REGULARISATION) -> dict[float, dict]:
    """Scores per threshold of models trained on the other folds, pooled over the held-out
    articles (folds by article)."""
    groups = [_fold(item["id"], folds) for item in items]
    held_out_runs = []
    for fold in range(folds):
        train = [i for i, g in enumerate(groups) if g != fold]
        test = [i for i, g in enumerate(groups) if g == fold]
        model = fit([items[i] for i in train], [docs[i] for i in train],
                    regularisation=regularisation)
        held_out_runs.append((model, test))
    per_threshold = {}
    for threshold in THRESHOLDS:
        documents = []
        for model, test in held_out_runs:
            at = ClaimModel(model.weights, model.bias, threshold)
            documents += _predicted_and_gold([items[i] for i in test], [docs[i] for i in test], at)
        per_threshold[threshold] = claim_scores(documents)
    return per_threshold


def _fold(item_id: str, folds: int) -> int:
    """The fold of an article: its annotators' copies stay together."""
    article = item_id.split("#")[0]
    return sum(article.encode()) % folds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="PolNeAR-style JSONL (id, text, attributions)")
    parser.add_argument("--out", type=Path, default=Path(str(MODEL_FILE)))
    parser.add_argument("--folds", type=int, default=2)
    args = parser.parse_args()
    items = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    docs = list(nlp().pipe((item["text"] for item in items), batch_size=20))
    results = cross_validate(items, docs, args.folds)
    for threshold, scores in results.items():
        print(f"threshold {threshold}: cross-validated content F1 (overlap50) "
              f"{scores['content_f1_overlap50']:.3f}, source accuracy "
              f"{scores['source_accuracy']:.3f}")
    best = max(results, key=lambda t: results[t]["content_f1_overlap50"])
    model = fit(items, docs, threshold=best)
    args.out.write_text(model.to_json(), encoding="utf-8")
    kept = sum(abs(w) >= 1e-4 for w in model.weights.values())
    print(f"{kept} non-zero weights, threshold {best} -> {args.out}")


if __name__ == "__main__":
    main()

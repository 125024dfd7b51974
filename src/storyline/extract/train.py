"""Rebuild the shipped event classifier.

    python -m storyline.extract.train --data ../shared/eval/events/plv_dev.jsonl

reads JSONL records with ``sentence``, ``source``, ``target`` and ``label`` (a PLOVER root),
reports k-fold cross-validated accuracy and macro-F1 (of the classifier alone, as the
``event-type`` eval task scores it, and with the verb dictionary's codebook rule, as the pipeline
types events), fits the softmax temperature that makes
the out-of-fold confidences honest, trains on every record and writes the model file
(``storyline/data/event_classifier.npz`` unless ``--out`` says otherwise).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

from storyline.extract.classifier import (
    INTENT_ROOT,
    MODEL_FILE,
    Instance,
    codebook_choice,
    dictionary_floor,
    feature_matrix,
    items_to_instances,
    planned,
    softmax,
    train_on_instances,
)

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / MODEL_FILE
TEMPERATURES = np.geomspace(0.05, 5.0, 60)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="JSONL with labelled records")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)

    records = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line]
    labels = np.array([r["label"] for r in records])
    instances = items_to_instances([(r["sentence"], r["source"], r["target"]) for r in records])
    margins = cross_validate(instances, labels, args.folds)
    classes = np.array(sorted(set(labels)))
    temperature = fit_temperature(margins, labels, classes)
    probabilities = softmax(margins / temperature)
    readings = [_reading(i, classes) for i in instances]
    alone = classes[probabilities.argmax(axis=1)]
    intent = list(classes).index(INTENT_ROOT) if INTENT_ROOT in classes else None
    chosen = [
        codebook_choice(p, r, intent if planned(i.frame) else None, dictionary_floor(i.frame))
        for p, r, i in zip(probabilities, readings, instances, strict=True)
    ]
    with_dictionary = classes[chosen]
    print(f"{args.folds}-fold cross-validation on {len(records)} records:")
    for name, predicted in (("classifier", alone), ("with the dictionary", with_dictionary)):
        print(
            f"  {name:20s} accuracy {accuracy_score(labels, predicted):.3f}  "
            f"macro-F1 {f1_score(labels, predicted, average='macro'):.3f}"
        )
    classifier = train_on_instances(instances, labels)
    classifier.temperature = temperature
    classifier.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


def cross_validate(instances: list[Instance], labels: np.ndarray, folds: int) -> np.ndarray:
    """Out-of-fold margins, one column per label in sorted order."""
    margins = np.zeros((len(labels), len(set(labels))))
    splits = StratifiedKFold(folds, shuffle=True, random_state=0).split(labels, labels)
    for train, test in splits:
        model = train_on_instances([instances[i] for i in train], labels[train])
        held_out = [instances[i] for i in test]
        margins[test] = model.scores(feature_matrix(held_out, model.words, model.parse))
    return margins


def fit_temperature(margins: np.ndarray, labels: np.ndarray, classes: np.ndarray) -> float:
    """The temperature whose softmax of out-of-fold margins has the least log loss."""
    gold = np.searchsorted(classes, labels)

    def log_loss(temperature: float) -> float:
        scaled = margins / temperature
        scaled -= scaled.max(axis=1, keepdims=True)
        log_p = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
        return -float(log_p[np.arange(len(gold)), gold].mean())

    return float(min(TEMPERATURES, key=log_loss))


def _reading(instance: Instance, classes: np.ndarray) -> int | None:
    """The dictionary's root for the instance's trigger, as a column index."""
    frame = instance.frame
    if frame.entry is None or frame.entry.plover not in classes:
        return None
    return int(np.searchsorted(classes, frame.entry.plover))


if __name__ == "__main__":
    main()

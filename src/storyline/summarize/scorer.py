"""The learned sentence scorer: a logistic model over the features in ``features.py`` and the
sentence's MiniLM vector (a linear probe that learns which kinds of sentence report the news
rather than colour or background).

The weights in ``weights.json`` were fitted by ``python -m storyline.summarize.train`` (see
there and docs/summaries.md for the data and the cross-validation behind them).
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

import numpy as np

from storyline.summarize.features import FEATURE_NAMES, ArticleSentences

WEIGHTS_FILE = "weights.json"


@cache
def _weights() -> tuple[np.ndarray, np.ndarray, float]:
    data = json.loads(files("storyline.summarize").joinpath(WEIGHTS_FILE).read_text())
    if tuple(data["features"]) != FEATURE_NAMES:
        raise RuntimeError(f"{WEIGHTS_FILE} was fitted for other features: re-run train")
    return (
        np.asarray(data["coefficients"], dtype=np.float32),
        np.asarray(data["vector_coefficients"], dtype=np.float32),
        float(data["intercept"]),
    )


def sentence_scores(pool: ArticleSentences) -> np.ndarray:
    """The probability, per candidate sentence, that it belongs in a good summary."""
    if not pool.indices:
        return np.zeros(0)
    coefficients, vector_coefficients, intercept = _weights()
    logit = pool.features @ coefficients + pool.vectors @ vector_coefficients + intercept
    return 1.0 / (1.0 + np.exp(-logit))


def model_inputs(pool: ArticleSentences) -> np.ndarray:
    """The scorer's input matrix: the features, then the vector (for training)."""
    return np.hstack([pool.features, pool.vectors])

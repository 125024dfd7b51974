"""A quick `--limit` run of every eval task with storyline's real functions on the outside
data in ../shared/eval. Skipped when that folder is absent, and — clearly marked — when a
stage's function is not available yet."""

from __future__ import annotations

import math

import pytest

from storyline.evaluate.tasks import TaskUnavailable, run_task

SMOKE = [  # task, file under ../shared/eval, limit
    ("extraction", "extraction/pages_dev.jsonl", 3),
    ("summarize", "summarization/cnndm_val_dev.jsonl", 5),
    ("multidoc", "multidoc/multinews_dev.jsonl", 3),
    ("cluster", "clustering/uci_headlines_dev.jsonl", 10),
    ("similarity", "clustering/semeval_en_pairs_dev.jsonl", 10),
    ("event-type", "events/aw_dev.jsonl", 10),  # plv_dev is sorted by label: 10 are 1 label
    ("event-type", "events/cameo_class_dev.jsonl", 10),
    ("geo", "geo/lgl_dev.jsonl", 3),
    ("time", "time/timebank_dev.jsonl", 5),
    ("claims", "claims/polnear_dev.jsonl", 3),
]


@pytest.mark.slow
@pytest.mark.parametrize(("task", "relative", "limit"), SMOKE,
                         ids=[f"{task}:{relative}" for task, relative, _ in SMOKE])
def test_quick_run_on_outside_data(eval_dir, task, relative, limit):
    path = eval_dir / relative
    if not path.exists():
        pytest.skip(f"{relative} is not in ../shared/eval")
    try:
        result = run_task(task, path, limit)
    except TaskUnavailable as error:
        pytest.skip(f"SKIPPED, storyline's function for {task!r} is {error}")
    assert result.n == limit
    assert not [p for p in result.problems if "ours failed" in p]
    assert result.baselines
    for scores in [result.metrics, *result.baselines.values()]:
        for name, value in scores.items():
            if isinstance(value, float):
                assert math.isfinite(value), name
                if not name.startswith(("rouge", "median", "words", "pearson", "spearman")):
                    assert 0 <= value <= 1, name

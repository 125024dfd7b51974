"""`storyline eval` on tiny fixture files of every format.

storyline's own functions are replaced by simple stand-ins here, so these tests check the
harness (loading, scoring, baselines, table, JSON, BENCHMARKS.md) whatever state the stages
are in; the smoke tests in test_evaluate_smoke.py run the real functions on real data.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from storyline.evaluate import baselines, tasks
from storyline.evaluate.cli import eval_command
from storyline.records import Place, TimeRef

FIXTURES = Path(__file__).parent / "fixtures" / "evaluate"


class MajorityModel:
    def __init__(self, items, labels):
        self.label = max(sorted(set(labels)), key=labels.count)

    def predict(self, items):
        return [self.label] * len(items)


def _first_sentences(text: str, count: int) -> list[str]:
    return [s + "." for s in text.split(". ")[:count]]


def _places(text: str, spans=None) -> list[Place]:
    """Every 'Paris' resolved to Paris, France; nothing else found."""
    return [Place(m.start(), m.end(), "Paris", "Paris", 2988507, 48.85341, 2.3488)
            for m in re.finditer("Paris", text)]


STAND_INS = {
    "extract_main_text": lambda html, url=None: re.sub(r"<[^>]+>", " ", html),
    "summarize_text": lambda text, max_words=None: _first_sentences(text, 2),
    "summarize_documents": lambda documents, max_words: [_first_sentences(d, 1)[0]
                                                         for d in documents],
    "cluster_texts": lambda texts, dates=None: list(range(len(texts))),  # all singletons
    "text_similarity": baselines.tfidf_cosine,
    "train_classifier": MajorityModel,
    "resolve_toponyms": _places,
    "detect_places": _places,
    "normalize_timexes": lambda text, dct: [
        TimeRef(text.index("Monday"), text.index("Monday") + 6, "Monday", "DATE", "2023-05-29")],
    "find_claims_in_text": lambda text: [SimpleNamespace(
        speaker="the mayor", spans=lambda: [(1, text.index("”"))])],
}


@pytest.fixture
def stand_ins(monkeypatch):
    monkeypatch.setattr(tasks, "ours", lambda module, name: STAND_INS[name])
    # A two-name gazetteer instead of loading GeoNames.
    monkeypatch.setattr(baselines, "gazetteer", lambda: {
        "paris": (2_000_000, (48.85341, 2.3488, 2988507))})


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(eval_command, list(args))
    return result.exit_code, result.output


def _json_run(tmp_path, task: str, fixture: str, *options: str) -> dict:
    out = tmp_path / "out.json"
    code, output = _run(task, str(FIXTURES / fixture), "--json", str(out), *options)
    assert code == 0, output
    return json.loads(out.read_text())


EXPECTED = {  # task -> fixture, metric keys, baselines (as in docs/evaluation.md)
    "extraction": ("pages.jsonl", {"precision", "recall", "f1"}, {"trafilatura"}),
    "summarize": ("summaries.jsonl", {"rouge1", "rouge2", "rougeLsum", "words"},
                  {"lead3", "lexrank"}),
    "multidoc": ("multidoc.jsonl", {"rouge1", "rouge2", "rougeLsum", "words"},
                 {"lead", "lexrank"}),
    "cluster": ("clusters.jsonl", {"bcubed_precision", "bcubed_recall", "bcubed_f1",
                                   "pairwise_f1", "clusters"}, {"tfidf_agglomerative"}),
    "similarity": ("pairs.jsonl", {"pearson", "spearman"}, {"tfidf_cosine"}),
    "event-type": ("events.jsonl", {"accuracy", "macro_f1", "per_label_f1", "confusion"},
                   {"majority", "tfidf_logreg"}),
    "geo": ("places.jsonl", {"acc_161km", "exact_id", "median_error_km", "detect_precision",
                             "detect_recall", "detect_f1"}, {"most_populous"}),
    "time": ("times.jsonl", {"strict_f1", "relaxed_f1", "type_accuracy", "value_f1"},
             {"spans_only"}),
    "claims": ("claims.jsonl", {"content_f1_exact", "content_f1_overlap50",
                                "source_accuracy"}, {"quote_said"}),
}


@pytest.mark.parametrize("task", list(EXPECTED))
def test_every_task_writes_the_json_it_promises(task, tmp_path, stand_ins):
    fixture, metrics, baseline_names = EXPECTED[task]
    data = _json_run(tmp_path, task, fixture)
    assert {"task", "file", "n", "seconds", "metrics", "baselines"} <= set(data)
    assert data["task"] == task and data["file"].endswith(fixture)
    assert metrics <= set(data["metrics"])
    assert set(data["baselines"]) == baseline_names
    for scores in data["baselines"].values():
        assert set(scores) == set(data["metrics"]) - {"detect_precision", "detect_recall",
                                                      "detect_f1"}


def test_table_shows_ours_next_to_the_baseline(stand_ins):
    code, output = _run("cluster", str(FIXTURES / "clusters.jsonl"))
    assert code == 0
    assert "ours" in output and "tfidf_agglomerative" in output and "bcubed_f1" in output


def test_cluster_scores_and_title_field(tmp_path, stand_ins):
    data = _json_run(tmp_path, "cluster", "clusters.jsonl")
    # Singletons against two gold pairs: precision 1, recall 1/2 per item.
    assert data["metrics"]["bcubed_precision"] == 1.0
    assert data["metrics"]["bcubed_recall"] == 0.5
    assert data["baselines"]["tfidf_agglomerative"]["bcubed_f1"] == 1.0  # two clear topics
    headlines = _json_run(tmp_path, "cluster", "headlines.jsonl")
    assert headlines["n"] == 3 and headlines["metrics"]["clusters"] == 3


def test_similarity_correlates_with_minus_overall(tmp_path, stand_ins):
    data = _json_run(tmp_path, "similarity", "pairs.jsonl")
    assert data["metrics"] == data["baselines"]["tfidf_cosine"]  # the stand-in is the baseline
    assert data["metrics"]["pearson"] > 0.5  # similar pairs have a low "overall"


def test_event_type_cross_validates(tmp_path, stand_ins):
    data = _json_run(tmp_path, "event-type", "events.jsonl")
    assert data["settings"]["folds"] == 3  # 3 items per label: 3 stratified folds
    # Each fold trains on 2 + 2 items: the majority is the first label alphabetically, AGREE.
    assert data["metrics"]["accuracy"] == 0.5
    assert data["metrics"] == data["baselines"]["majority"]
    numeric = _json_run(tmp_path, "event-type", "sentences.jsonl")
    assert set(numeric["metrics"]["per_label_f1"]) == {"1", "4"}
    code, output = _run("event-type", str(FIXTURES / "events.jsonl"), "--limit", "1")
    assert code == 1 and "needs at least 2 different labels" in output


def test_geo_and_time_and_claims_scores(tmp_path, stand_ins):
    geo = _json_run(tmp_path, "geo", "places.jsonl")
    assert geo["metrics"]["acc_161km"] == pytest.approx(2 / 3)  # Berlin unresolved
    assert geo["metrics"]["detect_precision"] == 1.0
    assert geo["metrics"]["detect_recall"] == pytest.approx(2 / 3)
    assert geo["baselines"]["most_populous"]["exact_id"] == pytest.approx(2 / 3)
    time = _json_run(tmp_path, "time", "times.jsonl")
    assert time["metrics"]["strict_f1"] == pytest.approx(0.5)  # 1 of 1 found, 1 of 3 gold
    assert time["metrics"]["value_f1"] == pytest.approx(0.5)
    assert time["baselines"]["spans_only"]["value_f1"] == 0  # Monday is not the DCT
    claims = _json_run(tmp_path, "claims", "claims.jsonl")
    assert claims["metrics"]["content_precision_exact"] == 1.0
    assert claims["metrics"]["content_recall_exact"] == 0.5
    assert claims["metrics"]["source_accuracy"] == 1.0
    assert claims["baselines"]["quote_said"]["content_f1_overlap50"] == 1.0


def test_limit_and_bad_lines(tmp_path, stand_ins):
    assert _json_run(tmp_path, "cluster", "clusters.jsonl", "--limit", "2")["n"] == 2
    data = _json_run(tmp_path, "similarity", "bad.jsonl")
    assert data["n"] == 2
    assert [p.split(": ")[0].rsplit(":", 1)[1] for p in data["problems"]] == ["line 2", "line 3"]


def test_a_missing_stage_fails_with_a_clear_message(monkeypatch):
    with pytest.raises(tasks.TaskUnavailable, match="not available: ModuleNotFoundError"):
        tasks.ours("storyline.no_such_stage", "anything")

    def unavailable(module, name):
        raise tasks.TaskUnavailable("not available: stage not written yet")

    monkeypatch.setattr(tasks, "ours", unavailable)
    code, output = _run("claims", str(FIXTURES / "claims.jsonl"))
    assert code == 1 and "not available: stage not written yet" in output


def test_all_runs_what_it_recognises_and_rewrites_benchmarks(tmp_path, stand_ins):
    data = tmp_path / "data"
    (data / "clustering").mkdir(parents=True)
    shutil.copy(FIXTURES / "headlines.jsonl", data / "clustering" / "uci_headlines_tiny.jsonl")
    shutil.copy(FIXTURES / "pairs.jsonl", data / "clustering" / "semeval_en_pairs_tiny.jsonl")
    shutil.copy(FIXTURES / "pairs.jsonl", data / "clustering" / "unrelated.jsonl")
    benchmarks = tmp_path / "BENCHMARKS.md"
    benchmarks.write_text("# Benchmarks\n\n## Throughput\n\nkept as is\n")
    out = tmp_path / "all.json"
    code, output = _run("all", "--data", str(data), "--limit", "3", "--benchmarks",
                        str(benchmarks), "--json", str(out))
    assert code == 0, output
    text = benchmarks.read_text()
    assert "## Throughput\n\nkept as is" in text
    assert f"`storyline eval all --data {data} --limit 3`" in text
    assert "cores" in text
    assert "### cluster · `clustering/uci_headlines_tiny.jsonl`" in text
    assert "### similarity · `clustering/semeval_en_pairs_tiny.jsonl`" in text
    assert "unrelated" not in text
    assert re.search(r"### geo\n\nNot measured \(run on [-0-9]+\): no file matches geo/\*\.jsonl",
                     text)
    results = json.loads(out.read_text())
    assert [r["task"] for r in results["results"]] == ["cluster", "similarity"]
    code, _ = _run("all", "--data", str(data), "--benchmarks", str(benchmarks))
    assert benchmarks.read_text().count("<!-- eval:start -->") == 1


def test_all_with_only_rewrites_those_tables_and_keeps_the_others(tmp_path, stand_ins):
    data = tmp_path / "data"
    (data / "clustering").mkdir(parents=True)
    shutil.copy(FIXTURES / "headlines.jsonl", data / "clustering" / "uci_headlines_tiny.jsonl")
    shutil.copy(FIXTURES / "pairs.jsonl", data / "clustering" / "semeval_en_pairs_tiny.jsonl")
    benchmarks = tmp_path / "BENCHMARKS.md"
    code, output = _run("all", "--data", str(data), "--benchmarks", str(benchmarks))
    assert code == 0, output
    similarity_table = _block(benchmarks.read_text(), "### similarity")
    code, output = _run("all", "--data", str(data), "--benchmarks", str(benchmarks),
                        "--only", "cluster", "--limit", "2")
    assert code == 0, output
    text = benchmarks.read_text()
    assert _block(text, "### similarity") == similarity_table
    assert "n = 2 " in _block(text, "### cluster")
    assert text.index("### cluster") < text.index("### similarity") < text.index("### geo")
    code, output = _run("all", "--data", str(data), "--only", "cluster,nonsense")
    assert code != 0 and "unknown task nonsense" in output


def _block(text: str, heading: str) -> str:
    start = text.index(heading)
    return text[start:text.index("\n### ", start + 1)]


def test_an_item_ours_fails_on_is_reported_and_scored_empty(tmp_path, stand_ins, monkeypatch):
    def broken(html, url=None):
        raise ValueError("cannot parse")

    monkeypatch.setitem(STAND_INS, "extract_main_text", broken)
    data = _json_run(tmp_path, "extraction", "pages.jsonl")
    assert data["metrics"]["recall"] == 0
    assert data["problems"] == [f"{FIXTURES / 'pages.jsonl'}, item p1: ours failed: "
                                "ValueError: cannot parse"]


def test_eval_all_leaves_training_splits_out(tmp_path):
    from storyline.evaluate.tasks import files_for

    (tmp_path / "claims").mkdir()
    for name in ("polnear_dev.jsonl", "polnear_train.jsonl"):
        (tmp_path / "claims" / name).write_text("{}\n")
    assert [p.name for p in files_for("claims", tmp_path)] == ["polnear_dev.jsonl"]

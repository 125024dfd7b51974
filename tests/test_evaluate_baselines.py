"""The eval baselines and the harness pieces they rely on, on small hand-made inputs."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from storyline.evaluate import baselines
from storyline.evaluate.loaders import load_items
from storyline.evaluate.report import END, START, replace_section
from storyline.evaluate.tasks import cv_folds

SENTENCES = [
    "The storm closed the port on Tuesday.",  # 7 words
    "The port stayed closed as the storm hit the coast.",  # 10, shares with both others
    "Storm damage on the coast was heavy.",  # 7
    "A bakery sold bread.",  # 4, shares nothing
]


def test_lexrank_ranks_the_central_sentence_first():
    scores = baselines.lexrank_scores(SENTENCES)
    assert int(np.argmax(scores)) == 1
    assert int(np.argmin(scores)) == 3
    assert scores.sum() == pytest.approx(1.0)


def test_lexrank_keeps_the_budget_and_text_order():
    assert baselines.lexrank(SENTENCES, max_words=10) == [SENTENCES[1]]
    chosen = baselines.lexrank(SENTENCES, max_words=17)
    assert sum(len(s.split()) for s in chosen) <= 17
    assert chosen == [s for s in SENTENCES if s in chosen]  # text order
    assert baselines.lexrank([], 50) == []


def test_fill_budget_passes_over_a_sentence_that_would_overflow():
    assert baselines.fill_budget(SENTENCES, [1, 0, 3], max_words=14) == [SENTENCES[1],
                                                                         SENTENCES[3]]


def test_round_robin_lead_takes_first_sentences_first():
    documents = [["a1 x.", "a2 x.", "a3 x."], ["b1 x.", "b2 x."]]
    assert baselines.round_robin_lead(documents, max_words=8) == [
        "a1 x.", "b1 x.", "a2 x.", "b2 x."]


def test_lead3():
    assert baselines.lead(SENTENCES) == SENTENCES[:3]


def test_tfidf_agglomerative_separates_two_topics():
    texts = ["storm closes port", "port closed by storm", "bank raises interest rate",
             "interest rate raised by bank"]
    labels = baselines.tfidf_agglomerative(texts)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
    assert baselines.tfidf_agglomerative(["alone"]) == [0]


def test_tfidf_cosine_pairs():
    similarity = baselines.tfidf_cosine(["storm port", "storm port"], ["storm port", "bank rate"])
    assert similarity == pytest.approx([1.0, 0.0])


def test_majority_and_logistic_regression():
    assert baselines.majority_label(["a", "b", "b"], 2) == ["b", "b"]
    train = ["troops attack village", "rebels attack convoy", "leaders sign deal",
             "ministers sign accord"]
    guess = baselines.tfidf_logistic_regression(train, ["hit", "hit", "deal", "deal"],
                                                ["soldiers attack town", "envoys sign deal"])
    assert guess == ["hit", "deal"]
    assert baselines.tfidf_logistic_regression(train[:2], ["hit", "hit"], ["x"]) == ["hit"]


def test_cv_folds_never_score_what_they_trained_on():
    labels = ["a"] * 7 + ["b"] * 5 + ["c"] * 3
    folds = cv_folds(labels)
    assert len(folds) == 5
    tested = Counter(int(i) for _, test in folds for i in test)
    assert tested == Counter(range(len(labels)))  # every item scored exactly once
    for train, test in folds:
        assert not set(train) & set(test)
    assert [t.tolist() for _, t in folds] == [t.tolist() for _, t in cv_folds(labels)]  # seeded
    assert len(cv_folds(["a", "a", "b"])) == 2  # fewer folds when classes are small
    assert len(cv_folds(["a", "b", "c"])) == 3  # every label once: plain folds


def test_quote_and_said_verb_claims():
    text = ("“We will not back down,” Smith said. The minister told reporters that the talks "
            "had failed. According to police, three people were hurt. The weather was fine.")
    found = {(speaker, text[start:end]) for speaker, start, end in
             baselines.quote_said_claims(text)}
    assert found == {("Smith", "We will not back down,"),
                     ("The minister", "the talks had failed"),
                     ("police", "three people were hurt")}


def test_country_centres_are_mainland_centroids():
    centres = baselines.country_centres()
    lat, lon = centres["FR"]  # mainland France, not an overseas territory
    assert 44 < lat < 49 and 0 < lon < 5
    assert "XK" in centres  # Kosovo has no ISO number in the outlines; found by name


@pytest.mark.slow
def test_most_populous_candidate():
    lat, lon, geonameid = baselines.most_populous("paris")
    assert geonameid == 2988507  # Paris, France, not Paris, Texas
    assert baselines.most_populous("Nowhere-in-particular") == (None, None, None)


def test_loader_reports_bad_lines_and_limits(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text('{"text": "a"}\nnot json\n\n{"other": 1}\n{"text": "b"}\n{"text": "c"}\n')
    loaded = load_items(path, ["text"], limit=2)
    assert [item["text"] for item in loaded.items] == ["a", "b"]
    assert [p.origin for p in loaded.problems] == [f"{path}:line 2", f"{path}:line 4"]
    assert "missing field 'text'" in loaded.problems[1].reason


def test_replace_section_replaces_only_the_marked_section():
    text = replace_section("# Benchmarks\n", f"{START}\nfirst\n{END}")
    assert text.startswith("# Benchmarks\n")
    text = replace_section(text + "\n## Throughput\nkept as is\n", f"{START}\nsecond\n{END}")
    assert "second" in text and "first" not in text
    assert text.count(START) == 1 and "## Throughput\nkept as is" in text

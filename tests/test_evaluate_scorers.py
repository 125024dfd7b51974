"""The eval metrics on hand-made cases whose answers were worked out by hand."""

from __future__ import annotations

import pytest

from storyline.evaluate import scorers

# --- extraction shingles ------------------------------------------------------------------

def test_shingles_of_a_short_text_are_one_shingle():
    assert scorers.shingles("just three words") == {("just", "three", "words"): 1}
    assert scorers.shingles("") == {}


def test_shingle_counts_worked_example():
    # gold shingles: (a b c d), (b c d e); predicted: (a b c d), (b c d x)
    tp, fp, fn = scorers.shingle_counts("a b c d e", "a b c d x")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))


def test_extraction_perfect_empty_and_partial():
    gold = "one two three four five six"
    assert scorers.extraction_scores([(gold, gold)]) == {"precision": 1, "recall": 1, "f1": 1}
    assert scorers.extraction_scores([(gold, "")]) == {"precision": 0, "recall": 0, "f1": 0}
    # 3 gold shingles; prediction keeps the first 2 and adds 1 wrong: P = 2/3, R = 2/3.
    partial = scorers.extraction_scores([(gold, "one two three four five nine")])
    assert partial["precision"] == pytest.approx(2 / 3)
    assert partial["recall"] == pytest.approx(2 / 3)


def test_extraction_means_are_per_page():
    # Page 1 perfect; page 2 nothing predicted: excluded from precision, recall 0.
    scores = scorers.extraction_scores([("a b c d e", "a b c d e"), ("f g h i j", "")])
    assert scores["precision"] == 1.0
    assert scores["recall"] == 0.5
    assert scores["f1"] == pytest.approx(2 / 3)


# --- ROUGE --------------------------------------------------------------------------------

def test_rouge_perfect_empty_and_best_reference():
    references = [["The port closed.\nShips waited offshore.", "Something else entirely."]]
    perfect = scorers.rouge_scores([["The port closed.", "Ships waited offshore."]], references)
    assert perfect["rouge1"] == pytest.approx(100)
    assert perfect["rougeLsum"] == pytest.approx(100)
    assert perfect["words"] == 6
    empty = scorers.rouge_scores([[]], references)
    assert empty["rouge1"] == empty["rouge2"] == 0
    assert empty["words"] == 0


def test_rouge_uses_stemming():
    assert scorers.rouge_scores([["ships waiting"]], [["ship waited"]])["rouge1"] == 100


# --- clustering ---------------------------------------------------------------------------

def test_bcubed_worked_example():
    # gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}
    # precision per item: 1, 1, 1/3, 2/3, 2/3 -> 11/15; recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15
    scores = scorers.bcubed([1, 1, 2, 2, 2], ["A", "A", "A", "B", "B"])
    assert scores["bcubed_precision"] == pytest.approx(11 / 15)
    assert scores["bcubed_recall"] == pytest.approx(11 / 15)
    assert scores["bcubed_f1"] == pytest.approx(11 / 15)
    # pairs predicted {12, 34, 35, 45}, gold {12, 13, 23, 45}: 2 shared -> P = R = F1 = 0.5
    assert scorers.pairwise_f1([1, 1, 2, 2, 2], ["A", "A", "A", "B", "B"]) == pytest.approx(0.5)


def test_bcubed_perfect_and_one_big_cluster():
    gold = ["A", "A", "B", "C"]
    perfect = scorers.clustering_scores([7, 7, 8, 9], gold)
    assert perfect["bcubed_f1"] == perfect["pairwise_f1"] == 1.0
    assert perfect["clusters"] == 3
    lumped = scorers.bcubed([0, 0, 0, 0], gold)
    assert lumped["bcubed_recall"] == 1.0
    assert lumped["bcubed_precision"] == pytest.approx((0.5 + 0.5 + 0.25 + 0.25) / 4)


def test_pairwise_all_singletons_agree():
    assert scorers.pairwise_f1([1, 2, 3], ["a", "b", "c"]) == 1.0
    assert scorers.pairwise_f1([1, 1, 3], ["a", "b", "c"]) == 0.0


# --- similarity, classification -----------------------------------------------------------

def test_correlations():
    assert scorers.correlations([0.1, 0.5, 0.9], [-4, -2, -1]) == pytest.approx(
        {"pearson": 0.9820, "spearman": 1.0}, abs=1e-4)
    assert scorers.correlations([0.3, 0.3, 0.3], [1, 2, 3]) == {"pearson": None,
                                                                "spearman": None}


def test_classification_worked_example():
    scores = scorers.classification_scores(["a", "b", "b", "b"], ["a", "a", "b", "b"])
    assert scores["accuracy"] == 0.75
    # a: P 1, R 1/2 -> 2/3; b: P 2/3, R 1 -> 4/5
    assert scores["per_label_f1"] == pytest.approx({"a": 2 / 3, "b": 0.8})
    assert scores["macro_f1"] == pytest.approx((2 / 3 + 0.8) / 2)
    assert scores["confusion"] == {"labels": ["a", "b"], "matrix": [[1, 1], [0, 2]]}
    assert scorers.classification_scores(["x", "y"], ["x", "y"])["macro_f1"] == 1.0


# --- geography ----------------------------------------------------------------------------

def test_distance_paris_london():
    assert scorers.distance_km(48.8534, 2.3488, 51.5085, -0.1257) == pytest.approx(344, abs=3)


def test_resolution_scores():
    paris, london = (48.8534, 2.3488, 2988507), (51.5085, -0.1257, 2643743)
    near_paris = (48.9, 2.4, 999)  # a few km off, another id
    scores = scorers.resolution_scores([paris, near_paris, (None, None, None)],
                                       [paris, paris, london])
    assert scores["acc_161km"] == pytest.approx(2 / 3)
    assert scores["exact_id"] == pytest.approx(1 / 3)
    assert scores["median_error_km"] == pytest.approx(
        scorers.distance_km(48.9, 2.4, 48.8534, 2.3488))
    assert scorers.resolution_scores([(None, None, None)], [paris])["median_error_km"] == \
        pytest.approx(scorers.MISS_KM)


def test_detection_scores_count_per_document():
    documents = [([(0, 5), (10, 15)], [(0, 5)]), ([(0, 5)], [(0, 5), (20, 25)])]
    scores = scorers.detection_scores(documents)
    assert scores == pytest.approx({"detect_precision": 2 / 3, "detect_recall": 2 / 3,
                                    "detect_f1": 2 / 3})


# --- TempEval-3 ---------------------------------------------------------------------------

def test_timex_perfect_and_empty():
    gold = [(0, 6, "DATE", "2023-05-29"), (20, 31, "DURATION", "PT3H")]
    perfect = scorers.timex_scores([(gold, gold)])
    assert perfect["strict_f1"] == perfect["relaxed_f1"] == perfect["value_f1"] == 1
    assert perfect["type_accuracy"] == 1
    empty = scorers.timex_scores([([], gold)])
    assert empty["strict_f1"] == empty["relaxed_f1"] == empty["value_f1"] == 0


def test_timex_strict_relaxed_worked_example():
    gold = [(0, 6, "DATE", "2023-05-29"), (20, 31, "DURATION", "PT3H")]
    predicted = [
        (0, 6, "DATE", "2023-05-29"),  # exact, right value
        (14, 31, "DATE", "2023-05-31"),  # overlaps the second: relaxed only, wrong type/value
        (40, 45, "DATE", "2023"),  # spurious
    ]
    scores = scorers.timex_scores([(predicted, gold)])
    # strict: 1 of 3 predicted, 1 of 2 gold -> P 1/3, R 1/2, F1 0.4
    assert scores["strict_f1"] == pytest.approx(0.4)
    # relaxed: 2 of 3, 2 of 2 -> F1 0.8
    assert scores["relaxed_f1"] == pytest.approx(0.8)
    assert scores["type_accuracy"] == 0.5
    # value: 1 right -> same as strict here
    assert scores["value_f1"] == pytest.approx(0.4)


@pytest.mark.parametrize(("written", "canonical"), [
    ("2000-W7", "2000-W07"), ("2000-W7-WE", "2000-W07-WE"),  # ISO weeks have two digits
    ("199X", "199"), ("19XX", "19"),  # a decade, a century
    ("1968-XX", "1968"), ("1994-XX-XX", "1994"), ("199X-XX-XX", "199"),  # a bare year
    ("1998-10-XX", "1998-10-XX"), ("1989-WXX", "1989-WXX"), ("1988-QX", "1988-QX"),
    ("P1E", "P10Y"), ("P2Q", "P6M"), ("P2L", "P2000Y"),  # TimeML units in ISO ones
    ("PXC", "PXC"), ("XXXX-05-29", "XXXX-05-29"), ("XXXX-XX", "XXXX-XX"),  # nothing known
    ("1998-10-23TNI", "1998-10-23TNI"), ("PRESENT_REF", "PRESENT_REF"), (None, None),
])
def test_timex_values_are_compared_by_meaning(written, canonical):
    assert scorers.canonical_timex_value(written) == canonical


def test_timex_value_f1_by_meaning_and_as_written():
    gold = [(0, 9, "DATE", "2000-W7"), (20, 26, "DATE", "1998-W08")]
    predicted = [(0, 9, "DATE", "2000-W07"), (20, 26, "DATE", "1998-W09")]
    scores = scorers.timex_scores([(predicted, gold)])
    assert scores["value_f1"] == pytest.approx(0.5)
    assert scores["value_f1_as_written"] == 0


def test_match_spans_is_one_to_one():
    # Two predictions overlap the one gold span: only the better one matches.
    assert scorers.match_spans([(0, 3), (0, 10)], [(0, 10)]) == [(1, 0)]


# --- claims -------------------------------------------------------------------------------

TEXT = "“We will rebuild the bridge by spring,” the mayor said. Critics argued it was small."


def _ids(part: str) -> frozenset[int]:
    start = TEXT.index(part)
    return scorers.token_ids(TEXT, [(start, start + len(part))])


def test_token_ids_ignore_quote_marks():
    assert _ids("“We will rebuild the bridge by spring,”") == _ids("We will rebuild the bridge "
                                                               "by spring")


def test_claims_exact_and_overlap():
    gold = [(_ids("We will rebuild the bridge by spring,"), "the mayor"),
            (_ids("it was small"), "Critics")]
    assert scorers.claim_scores([(gold, gold)])["content_f1_exact"] == 1.0
    assert scorers.claim_scores([([], gold)])["content_f1_overlap50"] == 0.0
    # 4 of 7 words of the quote (>= 50 %) with the right speaker; a spurious short claim.
    predicted = [(_ids("We will rebuild the"), "The Mayor"), (_ids("Critics argued"), "he")]
    scores = scorers.claim_scores([(predicted, gold)])
    assert scores["content_f1_exact"] == 0.0
    assert scores["content_precision_overlap50"] == 0.5
    assert scores["content_recall_overlap50"] == 0.5
    assert scores["source_accuracy"] == 1.0
    # 3 of 7 words: below half
    assert scorers.claim_scores([([(_ids("We will rebuild"), "")], gold)])[
        "content_f1_overlap50"] == 0.0


def test_content_f1_interval_spans_the_articles_scores():
    gold = [(_ids("We will rebuild the bridge by spring,"), "the mayor"),
            (_ids("it was small"), "Critics")]
    perfect, missed = [(gold, gold)], [([], gold)]
    low, high = scorers.content_f1_interval([perfect, missed] * 10, rounds=200)
    assert 0.0 < low < 0.5 < high < 1.0  # the pooled F1 of half right, half missed is 0.67
    assert scorers.content_f1_interval([perfect] * 5, rounds=50) == (1.0, 1.0)


def test_source_matches():
    assert scorers.source_matches("Trump", "Donald Trump")
    # 1 word of 3 shared: P 1/3, R 1 -> F1 0.5, just enough
    assert scorers.source_matches("the New York Post", "The Post")
    assert not scorers.source_matches("New York officials", "The Post")  # F1 0
    assert not scorers.source_matches("Post office staff", "The New York Post")  # F1 1/3
    assert not scorers.source_matches("a spokesman", "a source")
    assert scorers.source_matches("", "")
    assert not scorers.source_matches("he", "")

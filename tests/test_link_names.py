"""Names for story linking: found from capitalisation in plain texts, weighed by rarity."""

from __future__ import annotations

import math

import pytest

from storyline.link.names import rarity, text_names


def test_names_are_words_capitalised_inside_sentences() -> None:
    texts = ["Police said Strzok left. The team met in Quantico on Monday.",
             "Officials in Quantico said the police would return."]
    first, second = text_names(texts)
    assert {"strzok", "quantico", "monday"} <= first
    # 'Police' and 'The' open their sentences; 'police' is written in lower case elsewhere.
    assert not {"police", "the", "officials"} & first
    assert second == {"quantico"}


def test_a_word_the_collection_mostly_writes_in_lower_case_is_no_name() -> None:
    headlines = ["Plosser: Fed Sees High Bar For Tapering", "Yellen sees a high bar for change",
                 "Markets say the Fed is right"]
    names = text_names(headlines)
    assert "fed" in names[0] and "fed" in names[2]
    assert not {"sees", "high", "bar", "for"} & names[0]


def test_a_possessive_names_the_same_entity() -> None:
    names = text_names(["Reports say Gidley's remarks stand.", "Aides said Gidley left."])
    assert names[0] == names[1] == {"gidley"}


def test_rarity_is_inverse_document_frequency() -> None:
    weights = rarity([{"kfor", "kosovo"}, {"kosovo"}, {"kosovo", "zvecan"}, set()])
    assert weights["kosovo"] == pytest.approx(math.log(4 / 3))
    assert weights["kfor"] == weights["zvecan"] == pytest.approx(math.log(4))

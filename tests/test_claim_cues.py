"""The cue model trainer: candidates labelled against annotations, a fitted model that tells a
reporting verb from another one, word ids that match the scorer's."""

from __future__ import annotations

import pytest

from storyline.evaluate.scorers import token_ids
from storyline.extract.claim_cues import WordIndex, fit, gold_attributions, labelled_candidates
from storyline.extract.claim_model import ClaimModel
from storyline.extract.claims import claims_in_doc
from storyline.models import nlp

pytestmark = pytest.mark.slow


def span(text: str, part: str) -> dict:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def baker_item(text: str, content: str) -> dict:
    return {"id": text, "text": text, "attributions": [{
        "source": [span(text, "The baker")],
        "cue": [span(text, "said")],
        "content": [span(text, content)],
    }]}


def test_candidates_are_labelled_by_the_annotation():
    text = ("The baker said that bread prices would rise. "
            "The baker said hello to the fisherman.")
    item = baker_item(text, "that bread prices would rise")
    labelled = list(labelled_candidates(nlp()(text), gold_attributions(item)))
    said = [(kind, attributed) for features, attributed in labelled if "lemma=say" in features
            for kind in features if kind.startswith("kind=")]
    assert said == [("kind=ccomp", True), ("kind=dobj", False), ("kind=prep", False)]


def test_fitted_model_takes_the_annotated_verb_for_a_cue():
    items = [baker_item(f"The baker said that the {thing} was fresh. "
                        f"The baker baked the {thing} at dawn.", f"that the {thing} was fresh")
             for thing in ("bread", "cake", "pie", "loaf", "bun", "tart")]
    docs = [nlp()(item["text"]) for item in items]
    model = fit(items, docs, threshold=0.5)
    restored = ClaimModel.from_json(model.to_json())
    claims = claims_in_doc(nlp()("The baker said that the scone was fresh. "
                                 "The baker baked the scone at dawn."), None, [], restored)
    assert [(c.cue, c.content) for c in claims] == [("said", "that the scone was fresh")]


def test_word_index_counts_words_as_the_scorer_does():
    text = "“We will not,” she said, (twice) — and left."
    words_of = WordIndex(text)
    for spans in [(0, 13), (3, 20), (15, len(text)), (14, 15)]:
        assert words_of(spans) == token_ids(text, [spans])
    assert words_of((0, 5), (30, 40)) == token_ids(text, [(0, 5), (30, 40)])

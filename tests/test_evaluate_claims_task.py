"""The claims eval task's reading of several annotators' copies of one article."""

from __future__ import annotations

from storyline.evaluate import tasks

TEXT = "The mayor said the bridge would reopen. Critics argued it was too small."


def _attribution(cue: str, content: str) -> dict:
    def span(part: str) -> list[dict]:
        start = TEXT.index(part)
        return [{"start": start, "end": start + len(part), "text": part}]
    return {"source": [], "cue": span(cue), "content": span(content)}


def _copy(annotator: str, *attributions: dict) -> dict:
    return {"id": f"a1#{annotator}", "text": TEXT, "attributions": list(attributions)}


def test_annotators_are_scored_against_each_other_as_storyline_is():
    mayor = _attribution("said", "the bridge would reopen")
    critics = _attribution("argued", "it was too small")
    items = [_copy("x", mayor, critics), _copy("y", mayor),
             {"id": "a2#x", "text": TEXT, "attributions": [mayor]}]
    articles = tasks._copies_by_article(items)
    assert articles == [[0, 1], [2]]
    gold = [tasks.gold_attributions(item) for item in items]
    ours = [(gold[0][:1], g) for g in gold]  # storyline found the mayor's claim only
    (label, value), = tasks._annotator_agreement(articles, gold, ours).items()
    assert "1 articles several annotated (2 pairs)" in label
    # x against y: P 1/2 R 1; y against x: P 1 R 1/2 -> pooled F1 2/3
    assert value.startswith("0.667")
    # ours: 2 predicted, both right, of 3 gold -> P 1 R 2/3 -> F1 0.8
    assert value.endswith("(ours on those copies 0.800)")


def test_no_agreement_without_several_annotators():
    items = [{"id": "a1", "text": TEXT, "attributions": []},
             {"text": TEXT, "attributions": []}, {"text": TEXT, "attributions": []}]
    assert tasks._copies_by_article(items) == [[0], [1], [2]]
    assert tasks._annotator_agreement(tasks._copies_by_article(items), [[]] * 3,
                                      [([], [])] * 3) == {}

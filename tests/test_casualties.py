"""Casualty figures: how many were injured or killed, as each report states it."""

from __future__ import annotations

import pytest

from storyline.extract.casualties import casualties_in, describe
from storyline.models import nlp

pytestmark = pytest.mark.slow


def figures(text: str) -> list[tuple[str, int | None]]:
    (sentence,) = nlp()(text).sents
    return [(describe(c), c.number) for c in casualties_in(sentence)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dozens of people were hurt near the bridge on Friday.",
         [("dozens of people injured", None)]),
        ("Some 40 firefighters were injured in the blaze.", [("some 40 firefighters injured", 40)]),
        ("The governor said more than 60 residents were injured.",
         [("more than 60 residents injured", 60)]),
        ("The shelling killed four farmers and wounded 11 villagers.",
         [("four farmers killed", 4), ("11 villagers injured", 11)]),
        ("Two people died and at least 9 were hurt.",
         [("two people killed", 2), ("at least 9 injured", 9)]),
        ("Rebels clashed with the army in the valley, leaving about 20 soldiers and around 35 "
         "rebels injured.", [("about 20 soldiers injured", 20), ("around 35 rebels injured", 35)]),
        ("Several miners and two rescuers were injured.",
         [("several miners injured", None), ("two rescuers injured", 2)]),
        ("At least 1,200 people were killed in the fighting.",
         [("at least 1,200 people killed", 1200)]),
        ("Nobody was killed in the explosion.", [("nobody killed", 0)]),
    ],
)
def test_figures_as_written_with_their_number(text: str, expected: list):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Protesters were injured in the clashes.",  # harm without a count
        "The minister was not hurt.",  # negated
        "The army said the talks had killed the plan.",  # a plan has no casualties count
    ],
)
def test_no_figure_without_a_count_of_people(text: str):
    assert figures(text) == []

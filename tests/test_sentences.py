"""Sentence bounds the parse keeps: paragraph breaks, and none after an abbreviated title."""

from __future__ import annotations

import pytest

from storyline.models import nlp


def _sentences(text: str) -> list[str]:
    return [s.text.strip() for s in nlp()(text).sents]


@pytest.mark.parametrize("title", ["Cpl.", "Sgt. Maj.", "Lt. Col.", "Capt.", "Insp."])
def test_a_name_after_an_abbreviated_title_stays_in_its_sentence(title):
    text = f"In 2002, Master {title} Arron Perry took aim from a distance of 2,300 metres."
    assert _sentences(text) == [text]


def test_the_title_is_one_token_and_the_name_a_person():
    doc = nlp()("The report was signed by Supt. Dana Lee of the district police.")
    assert "Supt." in [t.text for t in doc]
    assert any(e.label_ == "PERSON" and "Lee" in e.text for e in doc.ents)


def test_a_blank_line_still_ends_a_sentence():
    assert _sentences("Clashes in the north\n\nPolice said twelve people were hurt.") == [
        "Clashes in the north", "Police said twelve people were hurt."]


def test_a_title_may_still_end_a_sentence():
    assert _sentences("The order came from a colonel and a Capt. He refused it.") == [
        "The order came from a colonel and a Capt.", "He refused it."]

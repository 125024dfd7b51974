"""The one similarity used for linking."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from storyline.link.index import VectorIndex
from storyline.link.similarity import (
    DIM,
    LEAD_SENTENCES,
    TextSpace,
    article_vector,
    content_masks,
    cosine,
    split_sentences,
    text_similarity,
)
from tests.test_link_support import fixture


def unit(*values: float) -> np.ndarray:
    vector = np.zeros(DIM, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


def test_article_vector_is_unit_length_and_led_by_the_lead() -> None:
    lead, body = unit(1, 0), unit(0, 1)
    vector = article_vector(np.vstack([lead, body, body]))
    assert np.isclose(np.linalg.norm(vector), 1.0)
    # Weights 1, 1/2, 1/3: the lead alone outweighs neither of the two body sentences
    # together, but it does tilt the vector toward itself more than a plain mean would.
    plain_mean = (lead + 2 * body) / np.linalg.norm(lead + 2 * body)
    assert cosine(vector, lead) > cosine(plain_mean, lead)


def test_a_title_counts_as_the_first_sentence() -> None:
    title, body = unit(1, 0), unit(0, 1)
    assert np.allclose(article_vector(body[None, :], title),
                       article_vector(np.vstack([title, body])))


def test_an_article_without_sentences_has_a_zero_vector() -> None:
    assert not article_vector(np.zeros((0, DIM))).any()


def test_cosine_of_vectors_and_of_matrices() -> None:
    a, b = unit(1, 0), unit(1, 1)
    assert cosine(a, b) == pytest.approx(np.sqrt(0.5))
    assert cosine(np.vstack([a, b]), np.vstack([a, b])).shape == (2, 2)
    assert cosine(2 * a, b) == pytest.approx(cosine(a, b))


def test_split_sentences_keeps_abbreviated_numbers_and_quotes_together() -> None:
    text = 'Troops arrived on May 29. "We will stay," he said.\nA new paragraph starts here.'
    assert split_sentences(text) == [
        "Troops arrived on May 29.", '"We will stay," he said.', "A new paragraph starts here."]


def test_sentences_repeated_across_many_texts_are_boilerplate() -> None:
    share = "Share this article on social media."
    texts = [[f"Story {k} happened.", share] for k in range(3)] + [["Another story.", "Fine."]]
    masks = content_masks(texts)
    assert [m.tolist() for m in masks[:3]] == [[True, False]] * 3
    assert masks[3].tolist() == [True, True]


def test_vector_index_returns_the_nearest_keys_first() -> None:
    index = VectorIndex()
    keys = [index.add(v) for v in (unit(1, 0), unit(0, 1), unit(1, 1))]
    assert keys == [0, 1, 2]
    assert [k for k, _ in index.query(unit(1, 0.1), k=2)] == [0, 2]
    assert index.query(unit(1, 0), k=3, min_similarity=0.9) == [(0, pytest.approx(1.0))]
    index.update(1, unit(1, 0.05))
    assert index.query(unit(1, 0.05), k=1)[0][0] == 1


@pytest.mark.slow
def test_text_similarity_ranks_a_paraphrase_above_a_related_report_above_another_topic() -> None:
    origin, paraphrase, related, other = (
        fixture(n).article.text for n in ("origin", "paraphrase", "same_story", "unrelated"))
    scores = text_similarity([origin, origin, origin], [paraphrase, related, other])
    assert scores.shape == (3,)
    assert scores[0] > scores[1] > scores[2]
    with pytest.raises(ValueError):
        text_similarity([origin], [])


def test_a_page_repeated_whole_under_three_texts_is_a_template() -> None:
    template = ["Sign in to read this page.", "Enable cookies to continue."]
    report = ["Troops arrived in the town.", "The mayor stayed in his office."]
    masks = content_masks([template, template, template, report, report])
    assert not any(mask.any() for mask in masks[:3])
    assert all(mask.all() for mask in masks[3:])


def test_the_article_vector_reads_only_the_lead() -> None:
    lead, tail = unit(1, 0), unit(0, 1)
    rows = np.vstack([lead] * LEAD_SENTENCES + [tail] * 5)
    assert np.allclose(article_vector(rows), lead)


def test_centroid_similarity_is_the_cosine_with_the_summed_vectors() -> None:
    a, b, c = unit(1, 0, 0), unit(0, 1, 0), unit(1, 1, 0)
    vectors = np.vstack([a, b, c])
    space = TextSpace(vectors, sparse.csr_matrix(vectors))
    # One text: the pairwise similarity. Two: c points at their centroid exactly.
    assert space.centroid_similarity(2, [0]) == pytest.approx(space.similarity(2, [0])[0])
    assert space.centroid_similarity(2, [0, 1]) == pytest.approx(1.0)
    assert space.similarity(2, [0, 1]).mean() == pytest.approx(np.sqrt(0.5))


def test_told_finds_each_opening_sentence_in_whichever_article_tells_it() -> None:
    # Text 0 opens with sentences a and b; text 1 tells a, text 2 tells b, each among
    # other things (c, d). Together they tell all of 0's opening; text 1 alone half of it.
    a, b, c, d = unit(1, 0, 0, 0), unit(0, 1, 0, 0), unit(0, 0, 1, 0), unit(0, 0, 0, 1)
    leads = [np.vstack([a, b]), np.vstack([a, c]), np.vstack([b, d])]
    vectors = np.vstack([article_vector(m) for m in leads])
    space = TextSpace(vectors, sparse.csr_matrix(vectors), leads)
    assert space.told(0, [1, 2]) == pytest.approx(1.0)
    assert space.told(0, [1]) == pytest.approx(0.5)
    # The story similarity shares its semantic part between the centroid and ``told``.
    centroid = space.centroid_similarity(0, [1, 2])
    assert space.story_similarity(0, [1, 2]) > centroid


def test_without_sentences_a_text_is_its_article_vector() -> None:
    a, b = unit(1, 0), unit(1, 1)
    space = TextSpace(np.vstack([a, b]), sparse.csr_matrix(np.vstack([a, b])))
    assert space.told(0, [1]) == pytest.approx(float(a @ b))
    assert space.story_similarity(0, [1]) == pytest.approx(space.similarity(0, [1])[0])

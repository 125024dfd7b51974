"""Article summaries: verbatim source sentences, in order, never boilerplate."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storyline.records import Annotation, Article
from storyline.summarize import summarize_article, summarize_text
from storyline.summarize.boilerplate import is_boilerplate
from storyline.summarize.text import annotate_texts

FIXTURES = Path(__file__).parent / "fixtures" / "summarize"
CHROME_LINE = "Subscribe to the Alder Gazette for morning alerts"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def annotated():
    text = (FIXTURES / "article_boilerplate.txt").read_text(encoding="utf-8")
    ((annotation, vectors),) = annotate_texts([text])
    annotation.article.title = text.splitlines()[0]
    annotation.article.removed = [CHROME_LINE]
    return annotation, vectors


def test_article_summary_is_source_sentences_in_order(annotated):
    annotation, vectors = annotated
    indices = summarize_article(annotation, vectors)
    assert indices and indices == sorted(set(indices))
    text = annotation.article.text
    for i in indices:
        span = annotation.sentences[i]
        assert text[span.start : span.end] == span.text  # traceable to its offsets


def test_article_summary_respects_word_budget(annotated):
    annotation, vectors = annotated
    for budget in (30, 70, 120):
        chosen = [annotation.sentences[i].text for i in summarize_article(annotation, vectors,
                                                                          budget)]
        assert sum(len(s.split()) for s in chosen) <= budget + 5  # words split slightly apart
    assert len(summarize_article(annotation, vectors, 30)) < len(
        summarize_article(annotation, vectors, 120)
    )


def test_boilerplate_is_never_selected_even_at_the_top(annotated):
    annotation, vectors = annotated
    # With a budget larger than the article every reporting sentence fits: only chrome is left.
    chosen = {annotation.sentences[i].text.strip() for i in summarize_article(annotation,
                                                                              vectors, 1000)}
    for line in ("By Jane Marlow", "Photo:", "Read more:", "Advertisement", CHROME_LINE,
                 "Storm floods the lower town of Port Alder\n"):
        assert not any(s.startswith(line.strip()) for s in chosen), line
    assert any(s.startswith("A storm surge flooded") for s in chosen)


def test_summary_ignores_vectors_of_boilerplate(annotated):
    """Scores come from the given vectors: a strong vector on a chrome line changes nothing."""
    annotation, vectors = annotated
    boosted = vectors.copy()
    chrome = [i for i, s in enumerate(annotation.sentences) if "Subscribe" in s.text]
    boosted[chrome] = vectors.mean(axis=0) / np.linalg.norm(vectors.mean(axis=0))
    assert not set(chrome) & set(summarize_article(annotation, boosted, 1000))


@pytest.mark.parametrize(
    "line, chrome",
    [
        ("By Jane Marlow and Peter Osei", True),
        ("By . Daily Mail Reporter .", True),
        ("Photo: Residents wade through the flooded square", True),
        ("Read more: How the 1998 flood changed the harbour", True),
        ("PUBLISHED: 12:01 EST, 3 April 2013 | UPDATED: 14:10 EST", True),
        ("| Ana Costa/AP The mayor visits the flooded harbour district", True),
        ("Harbour Police (@AlderPolice) March 12, 2024", True),
        ('<meta property="og:title" content="Flood in Port Alder">', True),
        ("You can add location information to your Tweets, such as your city.", True),
        ("The harbour wall after the storm (Tomas Berg - GETTY IMAGES)", True),
        ("View all of our coverage of the Port Alder floods here.", True),
        ("Harbour Gazette Reprints: for your personal, non-commercial use only.", True),
        ("Rating is available when the video has been rented.", True),
        ("The council met - AP reporters were there - to vote on the flood wall.", False),
        ("Volunteers said they would see more rain before the week was out.", False),
        ("By Monday evening the water had reached the steps of the town hall.", False),
        ("The mayor wrote that 3 < 4 and 5 > 2 in a letter to the council.", False),
        ("Published reports say that 20 houses were destroyed by the water.", False),
        ("Images released by the police showed the flooded harbour district.", False),
    ],
)
def test_is_boilerplate(line, chrome):
    article = Article(id="a", origin="test", title=None, text=line, content_hash="h")
    assert is_boilerplate(line, article) is chrome


def test_removed_lines_and_headlines_are_boilerplate():
    article = Article(id="a", origin="t", title="Flood forces 2,000 from homes", text="",
                      content_hash="h", removed=["Share this story with a friend today"])
    assert is_boilerplate("Share this story with a friend today", article)
    assert is_boilerplate("Flood forces 2,000 from homes", article)
    assert is_boilerplate("Town counts the cost of the worst flood in decades", article,
                          whole_line=True)
    assert not is_boilerplate("The town counted the cost of the worst flood in decades.", article,
                              whole_line=True)


def test_summarize_text_returns_verbatim_sentences():
    text = (FIXTURES / "article_boilerplate.txt").read_text(encoding="utf-8")
    summary = summarize_text(text, max_words=60)
    assert summary
    assert all(sentence in text for sentence in summary)
    positions = [text.index(s) for s in summary]
    assert positions == sorted(positions)
    assert summarize_text("   ") == []


def test_article_without_sentences_has_an_empty_summary():
    article = Article(id="a", origin="t", title=None, text="", content_hash="h")
    annotation = Annotation(article, [], [], [], [], [])
    assert summarize_article(annotation, np.zeros((0, 384), dtype=np.float32)) == []
    with pytest.raises(ValueError, match="1 sentence vectors for 0 sentences"):
        summarize_article(annotation, np.zeros((1, 384), dtype=np.float32))


def test_seed_articles_summaries_are_verbatim_and_skip_site_prompts(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        summary = summarize_text(text)
        assert summary, path.name
        assert all(sentence in text for sentence in summary), path.name
        assert sum(len(s.split()) for s in summary) <= 70 or len(summary) == 1
        assert not any("No time to read" in s or "Get a summary" in s for s in summary)

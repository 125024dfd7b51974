"""Story summaries and "what's new": verbatim sentences, no repeats, claims keep speakers."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.models import embed
from storyline.records import (
    Annotation,
    Article,
    Claim,
    Corpus,
    Evidence,
    Extraction,
    Link,
    Span,
    Story,
)
from storyline.summarize import summarize_documents, summarize_story, summarize_whats_new
from storyline.summarize.attribution import PREFIX

FIXTURES = Path(__file__).parent / "fixtures" / "summarize"
CLAIM_SENTENCE = "Mayor Ana Ruiz said protesters attacked the council building"
PREFIX_START = PREFIX.split("{")[0]

pytestmark = pytest.mark.slow


def line_annotation(record: dict) -> Annotation:
    """An annotation with one sentence per line of the fixture text."""
    text = record["text"]
    article = Article(
        id=record["id"], origin="fixture", title=record["title"], text=text,
        content_hash=record["id"], source=record["source"],
        published=datetime.fromisoformat(record["published"]),
    )
    sentences = [Span(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    return Annotation(article, sentences, mentions=[], places=[], times=[], entities=[])


def claim_in(annotation: Annotation, sentence_start: str, cue: str, speaker: str) -> Claim:
    span = next(s for s in annotation.sentences if s.text.startswith(sentence_start))
    content_start = span.text.index(cue) + len(cue) + 1
    return Claim(
        id=f"{annotation.article.id}-claim", speaker=speaker, cue=cue,
        content=span.text[content_start:], content_start=span.start + content_start,
        content_end=span.end, direct=False,
        evidence=Evidence(annotation.article.id, span.text, span.start, span.end),
    )


def make_corpus(annotations: list[Annotation], claims: dict[str, list[Claim]]) -> Corpus:
    vectors = [embed([s.text for s in a.sentences]) for a in annotations]
    extractions = [Extraction(a.article.id, [], claims.get(a.article.id, [])) for a in annotations]
    return Corpus(annotations, extractions, vectors)


@pytest.fixture(scope="module")
def flood():
    records = json.loads((FIXTURES / "story.json").read_text(encoding="utf-8"))
    annotations = [line_annotation(r) for r in records]
    river = annotations[2]
    claims = {river.article.id: [
        claim_in(river, CLAIM_SENTENCE, "said", "Mayor Ana Ruiz"),
        claim_in(river, "Protest organisers denied", "denied", "Protest organisers"),
    ]}
    corpus = make_corpus(annotations, claims)
    story = Story(id="s1", title="Port Alder flood", article_ids=[r["id"] for r in records])
    rewrite = Link("coastal-daily-1", "harbor-times-1", "rewrite", 0.93)
    return corpus, story, rewrite


def source_sentences(corpus: Corpus) -> set[str]:
    return {s.text.strip() for a in corpus.annotations for s in a.sentences}


def strip_prefix(line: str) -> str:
    return line.split(": ", 1)[1] if line.startswith(PREFIX_START) else line


def test_story_summary_is_header_then_verbatim_sentences(flood):
    corpus, story, rewrite = flood
    summary = summarize_story(story, corpus, [rewrite], [], max_words=400)
    assert summary[0] == "12–14 March 2024 · 4 articles from 4 sources"
    assert len(summary) > 3
    assert all(strip_prefix(line) in source_sentences(corpus) for line in summary[1:])


def test_story_summary_removes_what_two_sources_repeat(flood):
    corpus, story, rewrite = flood
    for links in ([rewrite], []):  # the vectors alone catch the repeat; the link too
        summary = summarize_story(story, corpus, links, [], max_words=400)
        for fact in ("2,000", "care homes", "town hall"):
            assert sum(fact in line for line in summary) == 1, (fact, summary)


def test_story_summary_prefers_the_origin_over_its_rewrite(flood):
    corpus, story, rewrite = flood
    summary = summarize_story(story, corpus, [rewrite], [], max_words=400)
    origin, copy = (corpus.annotations[k].article.text for k in (0, 1))
    for fact in ("2,000", "town hall"):
        (line,) = [line for line in summary if fact in line]
        assert line in origin and line not in copy


def test_contested_claim_keeps_its_speaker(flood):
    corpus, story, rewrite = flood
    summary = summarize_story(story, corpus, [rewrite], [], max_words=400)
    about_attack = [line for line in summary if "attacked" in line]
    assert about_attack, "the claim is a main point of the story"
    for line in about_attack:
        assert "said" in line or line.startswith(PREFIX_START), line
    # Valley News states the mayor's claim as fact: that version never stands alone.
    assert "Protesters attacked the Port Alder council building" not in " ".join(summary)


def test_claim_without_its_speaker_gets_the_outlet_prefix():
    record = {
        "id": "quote-1", "source": "River Post", "title": "Mayor promises help",
        "published": "2024-03-15T10:00:00+00:00",
        "text": "The town will rebuild every street that the water destroyed, Ruiz said.\n"
                "Nobody will be left without a home before the winter comes.",
    }
    annotation = line_annotation(record)
    second = annotation.sentences[1]
    claim = Claim(
        id="c", speaker="Ruiz", cue="said", content=annotation.article.text[: second.end],
        content_start=0, content_end=second.end, direct=False,
        evidence=Evidence("quote-1", annotation.sentences[0].text, 0, annotation.sentences[0].end),
    )
    corpus = make_corpus([annotation], {"quote-1": [claim]})
    story = Story(id="s", title="t", article_ids=["quote-1"])
    summary = summarize_story(story, corpus, [], [], max_words=400)
    assert summary[1] == annotation.sentences[0].text  # names its speaker: verbatim
    assert summary[2] == "According to River Post: " + second.text


def test_a_report_in_translation_is_counted_but_not_quoted():
    english = [{"id": f"en{k}", "source": f"Wire {k}", "title": "t",
                "published": f"2024-03-1{k}T08:00:00+00:00",
                "text": "The storm flooded the harbour district of Port Alder overnight.\n"
                        f"About {k},000 people were evacuated from the lower town."}
               for k in (2, 3)]
    german = {"id": "de", "source": "Hafenblatt", "title": "t",
              "published": "2024-03-14T08:00:00+00:00",
              "text": "Der Sturm hat in der Nacht das Hafenviertel von Port Alder überflutet.\n"
                      "Die Regierung hat 40 Millionen Euro an Nothilfe bewilligt."}
    annotations = [line_annotation(r) for r in (*english, german)]
    for annotation, language in zip(annotations, ("en", "en", "de"), strict=True):
        annotation.article.language = language
    corpus = make_corpus(annotations, {})
    story = Story(id="s", title="t", article_ids=["en2", "en3", "de"])
    summary = summarize_story(story, corpus, [], [], max_words=400)
    assert "3 articles from 3 sources" in summary[0]
    german_lines = {s.text for s in annotations[2].sentences}
    assert len(summary) > 1 and not german_lines & set(summary[1:])
    new = summarize_whats_new(story, corpus, datetime(2024, 3, 13, 12, tzinfo=UTC))
    assert new[0].startswith("New since") and not german_lines & set(new[1:])


def test_whats_new_only_has_sentences_from_new_articles(flood):
    corpus, story, _ = flood
    since = datetime(2024, 3, 13, 12, 0, tzinfo=UTC)
    new = summarize_whats_new(story, corpus, since, max_words=400)
    assert new[0].startswith("New since 13 March 2024 12:00 UTC · 2 articles from 2 sources")
    newer_text = {s.text for a in corpus.annotations[2:] for s in a.sentences}
    assert len(new) > 1
    assert all(strip_prefix(line) in newer_text for line in new[1:])
    assert summarize_whats_new(story, corpus, datetime(2024, 4, 1, tzinfo=UTC)) == []


def test_whats_new_leaves_out_what_earlier_articles_said():
    early = {"id": "e", "source": "A", "title": "t", "published": "2024-03-12T08:00:00+00:00",
             "text": "The storm flooded the harbour district of Port Alder overnight.\n"
                     "About 2,000 people were evacuated from the lower town."}
    late = {"id": "l", "source": "B", "title": "t", "published": "2024-03-14T08:00:00+00:00",
            "text": "The storm flooded the harbour district of Port Alder overnight.\n"
                    "The government approved 40 million euros in emergency funds."}
    corpus = make_corpus([line_annotation(early), line_annotation(late)], {})
    story = Story(id="s", title="t", article_ids=["e", "l"])
    new = summarize_whats_new(story, corpus, datetime(2024, 3, 13, tzinfo=UTC), max_words=400)
    assert new[1:] == ["The government approved 40 million euros in emergency funds."]


def test_summarize_documents_is_verbatim_and_within_budget():
    records = json.loads((FIXTURES / "story.json").read_text(encoding="utf-8"))
    documents = [r["text"] for r in records]
    summary = summarize_documents(documents, max_words=45)
    assert summary and all(any(s in d for d in documents) for s in summary)
    assert sum(len(s.split()) for s in summary) <= 45
    assert len(set(summary)) == len(summary)


@pytest.mark.parametrize(("sources", "counts"), [
    ((None, None, None), "3 articles, outlets unknown"),
    (("Wire 1", None, None), "3 articles from 1 source and 2 of unknown outlet"),
    (("Wire 1", "Wire 1", "Wire 2"), "3 articles from 2 sources"),
])
def test_articles_of_unknown_outlets_are_not_counted_as_one_source(sources, counts):
    records = [{"id": f"a{k}", "source": source, "title": "t",
                "published": f"2024-03-1{k}T08:00:00+00:00",
                "text": f"The storm flooded the harbour district of Port Alder on day {k}."}
               for k, source in enumerate(sources, start=1)]
    annotations = [line_annotation(r) for r in records]
    story = Story(id="s", title="t", article_ids=[r["id"] for r in records])
    summary = summarize_story(story, make_corpus(annotations, {}), [], [], max_words=400)
    assert summary[0].endswith(f" · {counts}")

"""The store on SQLite and, when STORYLINE_TEST_PG_URL names a server, on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from storyline.records import Entity, Link, MergedEvent, Problem, Story
from storyline.store import Store, database_url
from tests.factories import analysed_article as _analysed
from tests.factories import fresh_store


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path) -> Store:
    return fresh_store(request.param, tmp_path)


def test_articles_round_trip_whole(store: Store) -> None:
    when = datetime(2023, 5, 29, 16, 0, tzinfo=UTC)
    annotation, extraction, vectors = _analysed("a1", when)
    store.save_articles([annotation], [extraction], [vectors])

    corpus = store.load_corpus()

    assert store.has_article("a1") and not store.has_article("zz")
    loaded = corpus.annotations[0]
    assert loaded.article == annotation.article
    assert loaded.places[0].name == "Zvečan" and loaded.times[0].value == "2023-05-29"
    assert loaded.entities[0].sector == "COP" and loaded.mentions[0].entity_id == "x-police"
    assert corpus.extractions[0].events[0].place.geonameid == 786714
    assert corpus.extractions[0].claims[0].speaker == "a senior diplomat"
    assert corpus.extractions[0].claims[0].kind == "ccomp"
    assert np.allclose(corpus.vectors[0], vectors, atol=1e-3)


def test_corpus_links_replace_and_point_articles(store: Store) -> None:
    early = datetime(2023, 5, 29, 10, 0, tzinfo=UTC)
    batch = [_analysed("a1", early), _analysed("a2", early.replace(hour=12))]
    store.save_articles(*map(list, zip(*batch, strict=True)))
    link = Link("a2", "a1", "near", 0.97, [[0, 0, 0.99]])
    story = Story("s1", "Clashes", ["a1", "a2"], ["Protesters gathered."], early, early)
    merged = MergedEvent("m1", "PROTEST", "14", "asserted", None, None, None, None,
                         ["e-a1", "e-a2"], ["Wire"], early, "Protesters gathered.")
    entity = Entity("x1", "Aleksandar Vučić", "PERSON", ["Vucic"], "SRB", "GOV")

    for _ in range(2):  # relinking replaces, never accumulates
        store.save_corpus_links([link], [story], [merged], [entity])

    corpus = store.load_corpus()
    by_id = {a.article.id: a.article for a in corpus.annotations}
    assert by_id["a2"].duplicate_of == "a1" and by_id["a1"].duplicate_of is None
    assert {a.story_id for a in by_id.values()} == {"s1"}
    assert [s.title for s in store.stories()] == ["Clashes"]
    assert store.merged_events()[0].report_ids == ["e-a1", "e-a2"]
    assert store.links()[0].aligned == [[0, 0, 0.99]]
    assert store.entities()[0].aliases == ["Vucic"]


def test_problems_are_kept(store: Store) -> None:
    store.save_problems([Problem("bad.bin", "binary file", "ingest")])
    assert store.problems() == [Problem("bad.bin", "binary file", "ingest")]


def test_plain_path_means_sqlite(tmp_path) -> None:
    assert database_url(str(tmp_path / "x.db")).startswith("sqlite:///")
    assert database_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"


def test_search_finds_articles_events_and_claims_without_diacritics(store: Store) -> None:
    when = datetime(2023, 5, 29, 16, 0, tzinfo=UTC)
    store.save_articles(*map(list, zip(_analysed("a1", when), strict=True)))

    hits = store.search("zvecan protesters")

    assert {(h["kind"], h["ref_id"]) for h in hits} >= {("article", "a1"), ("event", "e-a1")}
    assert store.search("diplomat")[0]["kind"] == "claim"
    assert store.search("nothing-like-this") == [] and store.search("  ") == []


def test_reads_restricted_to_named_articles(store: Store) -> None:
    when = datetime(2023, 5, 29, 16, 0, tzinfo=UTC)
    batch = [_analysed("a1", when), _analysed("a2", when)]
    store.save_articles(*map(list, zip(*batch, strict=True)))

    corpus = store.load_corpus(["a2"])

    assert [a.article.id for a in corpus.annotations] == ["a2"]
    assert [x.events[0].id for x in corpus.extractions] == ["e-a2"]

"""Small hand-made records for tests that need stored data but not the models."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import numpy as np

from storyline.records import (
    Actor,
    Annotation,
    Article,
    Claim,
    Entity,
    Event,
    Evidence,
    Extraction,
    Link,
    Mention,
    MergedEvent,
    Place,
    Span,
    Story,
    TimeRef,
)
from storyline.store import Store, database_url

PG_URL = os.environ.get("STORYLINE_TEST_PG_URL")

ZVECAN = Place(0, 0, "Zvečan", "Zvečan", 786714, 42.9075, 20.84, "XK", kind="city",
               confidence=0.9)


def analysed_article(
    article_id: str,
    published: datetime,
    title: str = "Clashes in the north",
    source: str = "Wire",
    body: str = "Protesters gathered in Zvečan on Monday. Police used tear gas.",
) -> tuple[Annotation, Extraction, np.ndarray]:
    """An article with one place, one time, one entity, one PROTEST event and one claim."""
    article = Article(
        id=article_id, origin=f"{article_id}.txt", title=title, text=body,
        content_hash="h" + article_id, source=source, published=published,
        removed=["Previous Article"], summary=[0],
    )
    first_end = body.index(".") + 1
    where = body.find("Zvečan")
    place = Place(**{**vars(ZVECAN), "start": where, "end": where + 6}) if where >= 0 else None
    day = body.find("Monday")
    when = TimeRef(day, day + 6, "Monday", "DATE", "2023-05-29", "day") if day >= 0 else None
    evidence = Evidence(article_id, body[:first_end], 0, first_end, source, published)
    event = Event(f"e-{article_id}", "PROTEST", "14", "asserted", "gathered", evidence,
                  source_actor=Actor("Protesters", None, "SRB", "CVL"), place=place, date=when)
    claim = Claim(f"c-{article_id}", "a senior diplomat", "said", "tensions rose", 0, 10, False,
                  evidence, kind="ccomp")
    police = body.find("Police")
    mentions = ([Mention(police, police + 6, "Police", "ORG", "x-police")] if police >= 0
                else [])
    annotation = Annotation(
        article=article,
        sentences=[Span(0, first_end, body[:first_end]),
                   Span(first_end + 1, len(body), body[first_end + 1:])],
        mentions=mentions, places=[place] if place else [], times=[when] if when else [],
        entities=[Entity("x-police", "Kosovo Police", "ORG", ["Police"], "XKX", "COP")],
    )
    return annotation, Extraction(article_id, [event], [claim]), np.eye(2, 384, dtype=np.float32)


def save(store: Store, *items: tuple[Annotation, Extraction, np.ndarray]) -> None:
    store.save_articles(*map(list, zip(*items, strict=True)))


def story_of(story_id: str, items, title: str) -> tuple[Story, MergedEvent]:
    """A story over ``items`` and one merged event of all their events."""
    annotations = [a for a, _, _ in items]
    dates = [a.article.published for a in annotations]
    story = Story(story_id, title, [a.article.id for a in annotations],
                  [f"{len(annotations)} articles", annotations[0].sentences[0].text],
                  min(dates), max(dates),
                  [annotations[0].article.id])
    first = items[0][1].events[0]
    merged = MergedEvent(f"m-{story_id}", first.plover, first.cameo, first.mode,
                         first.source_actor, None, first.place, first.date,
                         [e.id for _, x, _ in items for e in x.events],
                         [a.article.source for a in annotations], min(dates),
                         first.evidence.sentence)
    return story, merged


def populated(store: Store) -> Store:
    """Two stories: a 2023 clash reported three times (one a copy) and a 2018 visit."""
    may = datetime(2023, 5, 29, 15, 0, tzinfo=UTC)
    clash = [
        analysed_article("a1", may, source="Balkan Wire"),
        analysed_article("a2", may.replace(hour=17), source="NewsPulse"),
        analysed_article("a3", may.replace(day=30), source="Belgrade Herald",
                         title="<script>alert('x')</script> Hostile title",
                         body="Police entered Zvečan on Monday. <script>alert('x')</script>"),
    ]
    visit = [analysed_article("b1", datetime(2018, 9, 30, 8, 0, tzinfo=UTC),
                              title="A visit to the lake", source="Danube Post",
                              body="The president visited the lake in 2018. Soldiers waited.")]
    save(store, *clash, *visit)
    story_a, event_a = story_of("s-clash", clash, "Clashes in Zvečan")
    story_b, event_b = story_of("s-visit", visit, "Visit to Gazivode")
    links = [Link("a2", "a1", "near", 0.98, [[0, 0, 0.99]])]
    store.save_corpus_links(links, [story_a, story_b], [event_a, event_b], [])
    return store


def fresh_store(kind: str, folder) -> Store:
    """An empty store: a SQLite file in ``folder``, or the CI's PostgreSQL database wiped."""
    if kind == "sqlite":
        return Store(str(folder / "test.db"))
    if not PG_URL:
        import pytest

        pytest.skip("STORYLINE_TEST_PG_URL is not set (CI sets it)")
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url(PG_URL))
    with engine.begin() as db:
        db.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return Store(PG_URL)

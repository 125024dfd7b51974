"""The store: SQLite by default (one file), PostgreSQL by URL, the same code for both.

Per-article records are written once, in one transaction per batch, so a crash loses
nothing already committed and a re-run skips what is stored. Corpus-level records
(entities, links, stories, merged events) are replaced whole at each relink.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, delete, func, or_, select, update
from sqlalchemy import text as sql_text

from storyline.records import (
    Annotation,
    Article,
    Claim,
    Corpus,
    Entity,
    Event,
    Extraction,
    Link,
    MergedEvent,
    Problem,
    Story,
    from_dict,
    to_dict,
)
from storyline.store import schema

MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass
class EventFilters:
    """What users filter events on; every field is optional."""

    type: str | None = None  # PLOVER root
    mode: str | None = None
    actor: str | None = None  # any part of an actor's name or its codes
    country: str | None = None  # ISO-2 of the place
    place: str | None = None
    date_from: str | None = None  # ISO dates compare as text
    date_to: str | None = None
    story: str | None = None

    def conditions(self, table: Any) -> list[Any]:
        c = table.c
        wanted = [
            (self.type, lambda v: c.plover == v.upper()),
            (self.mode, lambda v: c.mode == v.lower()),
            (self.actor, lambda v: c.actors.ilike(f"%{v}%")),
            (self.country, lambda v: c.country == v.upper()),
            (self.place, lambda v: c.place.ilike(f"%{v}%")),
            (self.date_from, lambda v: c.date >= v),
            (self.date_to, lambda v: c.date <= v + "\uffff"),  # the whole of the last day
            (self.story, lambda v: c.story_id == v),
        ]
        return [make(value) for value, make in wanted if value]


def database_url(target: str) -> str:
    """A SQLAlchemy URL from a URL or a plain file path (which means SQLite)."""
    if "://" not in target:
        Path(target).expanduser().parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{Path(target).expanduser()}"
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    return target


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Store:
    def __init__(self, target: str) -> None:
        self.engine = create_engine(database_url(target))
        migrate(self.engine)

    # --- per-article records -------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        query = select(schema.articles.c.id).where(schema.articles.c.id == article_id)
        with self.engine.connect() as db:
            return db.execute(query).first() is not None

    def save_articles(
        self,
        annotations: Sequence[Annotation],
        extractions: Sequence[Extraction],
        vectors: Sequence[np.ndarray],
    ) -> None:
        """One batch of analysed articles, committed together."""
        now = datetime.now(UTC)
        with self.engine.begin() as db:
            for annotation, extraction, matrix in zip(
                annotations, extractions, vectors, strict=True
            ):
                db.execute(schema.articles.insert(), _article_row(annotation, matrix, now))
                if rows := [_place_row(annotation.article.id, p) for p in annotation.places]:
                    db.execute(schema.places.insert(), rows)
                if rows := [_event_row(e) for e in extraction.events]:
                    db.execute(schema.events.insert(), rows)
                if rows := [_claim_row(c) for c in extraction.claims]:
                    db.execute(schema.claims.insert(), rows)
                db.execute(schema.search_index.insert(), _search_rows(annotation, extraction))

    def save_problems(self, problems: Iterable[Problem]) -> None:
        rows = [{**to_dict(p), "at": datetime.now(UTC)} for p in problems]
        if rows:
            with self.engine.begin() as db:
                db.execute(schema.problems.insert(), rows)

    def load_corpus(
        self, article_ids: Collection[str] | None = None, vectors: bool = True
    ) -> Corpus:
        """Stored articles (all, or those named) with annotations, extractions and (unless
        not wanted) their sentence vectors."""
        articles, events, claims = schema.articles, schema.events, schema.claims
        columns = [c for c in articles.c if vectors or c.name != "vectors"]
        with self.engine.connect() as db:
            query = select(*columns).order_by(articles.c.id)
            rows = db.execute(_only(query, articles.c.id, article_ids)).all()
            events = _group(db.execute(
                _only(select(events.c.record), events.c.article_id, article_ids)).scalars(), Event)
            claims = _group(db.execute(
                _only(select(claims.c.record), claims.c.article_id, article_ids)).scalars(), Claim)
        annotations = [_annotation(row) for row in rows]
        return Corpus(
            annotations=annotations,
            extractions=[
                Extraction(a.article.id, events.get(a.article.id, []), claims.get(a.article.id, []))
                for a in annotations
            ],
            vectors=[_matrix(getattr(row, "vectors", None), row.vector_dim) for row in rows],
        )

    # --- corpus-level records ------------------------------------------------------------

    def save_corpus_links(
        self,
        links: Sequence[Link],
        stories: Sequence[Story],
        merged: Sequence[MergedEvent],
        entities: Sequence[Entity],
    ) -> None:
        """Replace the corpus-level records and point articles and events at them."""
        story_of = {a: s.id for s in stories for a in s.article_ids}
        with self.engine.begin() as db:
            for table in schema.CORPUS_TABLES:
                db.execute(delete(table))
            db.execute(
                update(schema.articles).values(duplicate_of=None, rewrite_of=None, story_id=None)
            )
            db.execute(update(schema.events).values(merged_id=None))
            _insert(db, schema.entities, [_entity_row(e) for e in entities])
            _insert(db, schema.links, [_link_row(link) for link in links])
            _insert(db, schema.stories, [_story_row(s, self._sources(db, s)) for s in stories])
            for article_id, story_id in story_of.items():
                db.execute(
                    update(schema.articles)
                    .where(schema.articles.c.id == article_id)
                    .values(story_id=story_id)
                )
            for link in links:
                column = "rewrite_of" if link.kind == "rewrite" else "duplicate_of"
                db.execute(
                    update(schema.articles)
                    .where(schema.articles.c.id == link.article_id)
                    .values({column: link.origin_id})
                )
            _insert(db, schema.merged_events, [_merged_row(m, db) for m in merged])
            for event in merged:
                db.execute(
                    update(schema.events)
                    .where(schema.events.c.id.in_(event.report_ids))
                    .values(merged_id=event.id)
                )

    @staticmethod
    def _sources(db: Any, story: Story) -> int:
        query = select(func.count(func.distinct(schema.articles.c.source))).where(
            schema.articles.c.id.in_(story.article_ids)
        )
        return db.execute(query).scalar_one()

    # --- reads for outputs and the web -----------------------------------------------------

    def stories(self, ids: Collection[str] | None = None) -> list[Story]:
        table = schema.stories
        query = select(table.c.record).order_by(table.c.last_seen.desc(), table.c.id)
        return self._records(_only(query, table.c.id, ids), Story)

    def stories_with_source_counts(self) -> list[tuple[Story, int]]:
        """Stories by recent activity, each with how many outlets reported it."""
        table = schema.stories
        query = select(table.c.record, table.c.source_count).order_by(
            table.c.last_seen.desc(), table.c.id)
        with self.engine.connect() as db:
            return [(from_dict(Story, r.record), r.source_count) for r in db.execute(query)]

    def merged_events(self, story_ids: Collection[str] | None = None) -> list[MergedEvent]:
        table = schema.merged_events
        query = _only(select(table.c.record), table.c.story_id, story_ids)
        return self._records(query, MergedEvent)

    def find_merged_events(
        self, filters: EventFilters, limit: int = 100, offset: int = 0
    ) -> tuple[int, list[MergedEvent]]:
        """Merged events matching ``filters``: (how many in all, this page of them)."""
        table = schema.merged_events
        conditions = filters.conditions(table)
        count = select(func.count()).select_from(table).where(*conditions)
        page = (select(table.c.record).where(*conditions)
                .order_by(table.c.date, table.c.id).limit(limit).offset(offset))
        with self.engine.connect() as db:
            total = db.execute(count).scalar_one()
        return total, self._records(page, MergedEvent)

    def find_articles(
        self, story_id: str | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[int, list[Article]]:
        """Articles, newest first, optionally of one story: (how many in all, this page)."""
        table = schema.articles
        conditions = [table.c.story_id == story_id] if story_id else []
        count = select(func.count()).select_from(table).where(*conditions)
        query = (select(table.c.id).where(*conditions)
                 .order_by(table.c.published.desc(), table.c.id).limit(limit).offset(offset))
        with self.engine.connect() as db:
            total = db.execute(count).scalar_one()
            ids = list(db.execute(query).scalars())
        found = {a.article.id: a.article for a in self.load_corpus(ids, vectors=False).annotations}
        return total, [found[i] for i in ids]

    def find_claims(
        self, story_id: str | None = None, speaker: str | None = None,
        limit: int = 100, offset: int = 0,
    ) -> tuple[int, list[Claim]]:
        claims, articles = schema.claims, schema.articles
        conditions = []
        if story_id:
            conditions.append(claims.c.article_id.in_(
                select(articles.c.id).where(articles.c.story_id == story_id)))
        if speaker:
            conditions.append(claims.c.speaker.ilike(f"%{speaker}%"))
        count = select(func.count()).select_from(claims).where(*conditions)
        query = (select(claims.c.record).where(*conditions).order_by(claims.c.id)
                 .limit(limit).offset(offset))
        with self.engine.connect() as db:
            total = db.execute(count).scalar_one()
        return total, self._records(query, Claim)

    def story_activity(self) -> dict[str, list[tuple[str, int]]]:
        """Per story: (day, articles published that day), oldest first."""
        table = schema.articles
        query = select(table.c.story_id, table.c.published).where(
            table.c.story_id.is_not(None), table.c.published.is_not(None))
        days: dict[str, Counter[str]] = defaultdict(Counter)
        with self.engine.connect() as db:
            for story_id, published in db.execute(query):
                days[story_id][str(published)[:10]] += 1
        return {story: sorted(counts.items()) for story, counts in days.items()}

    def entities(self) -> list[Entity]:
        return self._records(select(schema.entities.c.record), Entity)

    def links(self, article_ids: Collection[str] | None = None) -> list[Link]:
        """Links (all, or those that touch the named articles from either side)."""
        table = schema.links
        query = select(table.c.record).order_by(table.c.article_id, table.c.origin_id)
        if article_ids is not None:
            ids = list(article_ids)
            query = query.where(or_(table.c.article_id.in_(ids), table.c.origin_id.in_(ids)))
        return self._records(query, Link)

    def story_article_ids(self, story_id: str) -> list[str]:
        query = select(schema.articles.c.id).where(schema.articles.c.story_id == story_id)
        with self.engine.connect() as db:
            return list(db.execute(query).scalars())

    def search(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Articles, events and claims matching ``text`` (all words), best first."""
        words = [w for w in "".join(c if c.isalnum() else " " for c in text).split()]
        if not words:
            return []
        if self.engine.dialect.name == "sqlite":
            query = sql_text(
                "SELECT kind, ref_id, article_id, snippet(search_index, 3, '[', ']', ' … ', 12) "
                "AS snippet FROM search_index WHERE search_index MATCH :q ORDER BY rank LIMIT :n"
            ).bindparams(q=" ".join(f'"{w}"' for w in words), n=limit)
        else:
            query = sql_text(
                "SELECT kind, ref_id, article_id, ts_headline('simple', text, q, "
                "'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet "
                "FROM search_index, plainto_tsquery('simple', unaccent_text(:q)) q "
                "WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT :n"
            ).bindparams(q=" ".join(words), n=limit)
        with self.engine.connect() as db:
            return [dict(row._mapping) for row in db.execute(query)]

    def problems(self) -> list[Problem]:
        with self.engine.connect() as db:
            rows = db.execute(select(schema.problems)).all()
        return [Problem(r.origin, r.reason, r.stage) for r in rows]

    def _records(self, query: Any, cls: type) -> list[Any]:
        with self.engine.connect() as db:
            return [from_dict(cls, record) for record in db.execute(query).scalars()]


# --- rows ----------------------------------------------------------------------------------


def _article_row(annotation: Annotation, matrix: np.ndarray, now: datetime) -> dict[str, Any]:
    article = annotation.article
    return {
        "id": article.id,
        "origin": article.origin,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published,
        "text": article.text,
        "content_hash": article.content_hash,
        "attribution": article.attribution,
        "added": now,
        "record": to_dict(annotation),
        "vectors": np.asarray(matrix, dtype=np.float16).tobytes(),
        "vector_dim": int(matrix.shape[1]) if matrix.ndim == 2 else 0,
    }


def _place_row(article_id: str, place: Any) -> dict[str, Any]:
    row = to_dict(place)
    row.pop("candidates", None)
    row.pop("admin1", None)
    return {"article_id": article_id, **row}


def _event_row(event: Event) -> dict[str, Any]:
    return {**_event_columns(event), "article_id": event.evidence.article_id}


def _event_columns(event: Event | MergedEvent) -> dict[str, Any]:
    """What a report and a merged event share: their type, mode, date, place and actors."""
    actors = [a for a in (event.source_actor, event.target_actor) if a]
    return {
        "id": event.id,
        "plover": event.plover,
        "cameo": event.cameo,
        "mode": event.mode,
        "date": event.date.value if event.date else None,
        "place": event.place.name if event.place else None,
        "country": event.place.country if event.place else None,
        "actors": " | ".join(" ".join(filter(None, (a.text, a.country, a.sector)))
                             for a in actors),
        "record": to_dict(event),
    }


def _claim_row(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article_id": claim.evidence.article_id,
        "speaker": claim.speaker,
        "speaker_entity_id": claim.speaker_entity_id,
        "cue": claim.cue,
        "content": claim.content,
        "direct": claim.direct,
        "record": to_dict(claim),
    }


def _entity_row(entity: Entity) -> dict[str, Any]:
    keys = ("id", "name", "type", "country", "sector", "role")
    return {**{k: getattr(entity, k) for k in keys}, "record": to_dict(entity)}


def _link_row(link: Link) -> dict[str, Any]:
    return {
        "article_id": link.article_id,
        "origin_id": link.origin_id,
        "kind": link.kind,
        "similarity": link.similarity,
        "record": to_dict(link),
    }


def _story_row(story: Story, source_count: int) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "article_count": len(story.article_ids),
        "source_count": source_count,
        "record": to_dict(story),
    }


def _merged_row(event: MergedEvent, db: Any) -> dict[str, Any]:
    first = event.report_ids[0] if event.report_ids else None
    story_id = db.execute(
        select(schema.articles.c.story_id)
        .join(schema.events, schema.events.c.article_id == schema.articles.c.id)
        .where(schema.events.c.id == first)
    ).scalar()
    return {**_event_columns(replace(event, story_id=story_id)), "story_id": story_id,
            "report_count": len(event.report_ids)}


def _search_rows(annotation: Annotation, extraction: Extraction) -> list[dict[str, Any]]:
    article = annotation.article
    rows = [{"kind": "article", "ref_id": article.id, "article_id": article.id,
             "text": f"{article.title or ''}\n{article.text}"}]
    rows += [{"kind": "event", "ref_id": e.id, "article_id": article.id,
              "text": e.evidence.sentence} for e in extraction.events]
    rows += [{"kind": "claim", "ref_id": c.id, "article_id": article.id,
              "text": f"{c.speaker}: {c.content}"} for c in extraction.claims]
    return rows


def _only(query: Any, column: Any, values: Collection[str] | None) -> Any:
    """Restrict ``query`` to rows whose ``column`` is in ``values`` (None: no restriction)."""
    return query if values is None else query.where(column.in_(list(values)))


def _insert(db: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        db.execute(table.insert(), rows)


def _group(records: Iterable[dict[str, Any]], cls: type) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for record in records:
        item = from_dict(cls, record)
        grouped.setdefault(item.evidence.article_id, []).append(item)
    return grouped


def _annotation(row: Any) -> Annotation:
    """The stored annotation, with the links the corpus stage set on the row."""
    annotation = from_dict(Annotation, row.record)
    article = annotation.article
    article.duplicate_of, article.rewrite_of = row.duplicate_of, row.rewrite_of
    article.story_id = row.story_id
    return annotation


def _matrix(blob: bytes | None, dim: int | None) -> np.ndarray:
    if not blob or not dim:
        return np.zeros((0, dim or 0), dtype=np.float32)
    return np.frombuffer(blob, dtype=np.float16).reshape(-1, dim).astype(np.float32)

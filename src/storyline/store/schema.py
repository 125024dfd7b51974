"""The database schema: typed columns for what users filter and sort on, and the full
record as JSON beside them so every stage's output comes back whole.

Changing a table means a new Alembic revision in ``store/migrations/versions``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("origin", Text, nullable=False),
    Column("title", Text),
    Column("source", String(200), index=True),
    Column("url", Text),
    Column("published", DateTime(timezone=True), index=True),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), index=True, nullable=False),
    Column("attribution", String(200)),
    Column("duplicate_of", String(32)),
    Column("rewrite_of", String(32)),
    Column("story_id", String(32), index=True),
    Column("added", DateTime(timezone=True), nullable=False),
    Column("record", JSON, nullable=False),  # records.Annotation without the parse
    Column("vectors", LargeBinary),  # float16 (sentences x dim) sentence vectors
    Column("vector_dim", Integer),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(20)),
    Column("country", String(3), index=True),
    Column("sector", String(10)),
    Column("role", Text),
    Column("record", JSON, nullable=False),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("articles.id"), index=True, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("name", Text, index=True),
    Column("geonameid", Integer, index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2), index=True),
    Column("kind", String(20)),
    Column("confidence", Float),
)

events = Table(
    "events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id"), index=True, nullable=False),
    Column("plover", String(20), index=True),
    Column("cameo", String(2)),
    Column("mode", String(20), index=True),
    Column("date", String(40), index=True),
    Column("place", Text),
    Column("actors", Text),  # both actors with codes, for filtering
    Column("country", String(2)),
    Column("merged_id", String(32), index=True),
    Column("record", JSON, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id"), index=True, nullable=False),
    Column("speaker", Text),
    Column("speaker_entity_id", String(32), index=True),
    Column("cue", String(60)),
    Column("content", Text),
    Column("direct", Boolean),
    Column("record", JSON, nullable=False),
)

links = Table(
    "links",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("origin_id", String(32), primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("similarity", Float),
    Column("record", JSON, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text),
    Column("first_seen", DateTime(timezone=True)),
    Column("last_seen", DateTime(timezone=True), index=True),
    Column("article_count", Integer),
    Column("source_count", Integer),
    Column("record", JSON, nullable=False),
)

merged_events = Table(
    "merged_events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("story_id", String(32), index=True),
    Column("plover", String(20), index=True),
    Column("cameo", String(2)),
    Column("mode", String(20), index=True),
    Column("date", String(40), index=True),
    Column("place", Text),
    Column("actors", Text),  # both actors with codes, for filtering
    Column("country", String(2), index=True),
    Column("report_count", Integer),
    Column("record", JSON, nullable=False),
)

problems = Table(
    "problems",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("stage", String(20)),
    Column("at", DateTime(timezone=True), nullable=False),
)

# Full-text index (created by migration 0002: FTS5 on SQLite, tsvector on PostgreSQL);
# declared here only so that rows can be inserted through SQLAlchemy.
search_index = Table(
    "search_index",
    MetaData(),
    Column("kind", String(10)),  # article, event, claim
    Column("ref_id", String(32)),
    Column("article_id", String(32)),
    Column("text", Text),
)

# Tables rewritten whole each time the corpus is relinked.
CORPUS_TABLES = (entities, links, stories, merged_events)

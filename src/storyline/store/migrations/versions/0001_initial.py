"""The initial schema.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("source", sa.String(200), index=True),
        sa.Column("url", sa.Text),
        sa.Column("published", TZ, index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), index=True, nullable=False),
        sa.Column("attribution", sa.String(200)),
        sa.Column("duplicate_of", sa.String(32)),
        sa.Column("rewrite_of", sa.String(32)),
        sa.Column("story_id", sa.String(32), index=True),
        sa.Column("added", TZ, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("vectors", sa.LargeBinary),
        sa.Column("vector_dim", sa.Integer),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(20)),
        sa.Column("country", sa.String(3), index=True),
        sa.Column("sector", sa.String(10)),
        sa.Column("role", sa.Text),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "places",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id"), index=True,
                  nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("name", sa.Text, index=True),
        sa.Column("geonameid", sa.Integer, index=True),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country", sa.String(2), index=True),
        sa.Column("kind", sa.String(20)),
        sa.Column("confidence", sa.Float),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id"), index=True,
                  nullable=False),
        sa.Column("plover", sa.String(20), index=True),
        sa.Column("cameo", sa.String(2)),
        sa.Column("mode", sa.String(20), index=True),
        sa.Column("date", sa.String(40), index=True),
        sa.Column("place", sa.Text),
        sa.Column("actors", sa.Text),  # both actors with codes, for filtering
        sa.Column("country", sa.String(2)),
        sa.Column("merged_id", sa.String(32), index=True),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id"), index=True,
                  nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_entity_id", sa.String(32), index=True),
        sa.Column("cue", sa.String(60)),
        sa.Column("content", sa.Text),
        sa.Column("direct", sa.Boolean),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "links",
        sa.Column("article_id", sa.String(32), primary_key=True),
        sa.Column("origin_id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("similarity", sa.Float),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("first_seen", TZ),
        sa.Column("last_seen", TZ, index=True),
        sa.Column("article_count", sa.Integer),
        sa.Column("source_count", sa.Integer),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "merged_events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("story_id", sa.String(32), index=True),
        sa.Column("plover", sa.String(20), index=True),
        sa.Column("cameo", sa.String(2)),
        sa.Column("mode", sa.String(20), index=True),
        sa.Column("date", sa.String(40), index=True),
        sa.Column("place", sa.Text),
        sa.Column("actors", sa.Text),  # both actors with codes, for filtering
        sa.Column("country", sa.String(2), index=True),
        sa.Column("report_count", sa.Integer),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "problems",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("stage", sa.String(20)),
        sa.Column("at", TZ, nullable=False),
    )


def downgrade() -> None:
    for table in ("problems", "merged_events", "stories", "links", "claims", "events", "places",
                  "entities", "articles"):
        op.drop_table(table)

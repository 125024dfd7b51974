"""Full-text search over articles, events and claims: FTS5 on SQLite, tsvector on PostgreSQL.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            "kind UNINDEXED, ref_id UNINDEXED, article_id UNINDEXED, text, "
            "tokenize='unicode61 remove_diacritics 2')"
        )
    else:
        # unaccent is STABLE; a generated column needs an IMMUTABLE wrapper.
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        op.execute(
            "CREATE FUNCTION unaccent_text(text) RETURNS text LANGUAGE sql IMMUTABLE "
            "AS $$ SELECT public.unaccent('public.unaccent', $1) $$"
        )
        op.execute(
            "CREATE TABLE search_index (kind VARCHAR(10) NOT NULL, ref_id VARCHAR(32) NOT NULL, "
            "article_id VARCHAR(32) NOT NULL, text TEXT NOT NULL, "
            "tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', unaccent_text(text))) STORED)"
        )
        op.execute("CREATE INDEX search_index_tsv ON search_index USING GIN (tsv)")


def downgrade() -> None:
    op.execute("DROP TABLE search_index")
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION unaccent_text(text)")

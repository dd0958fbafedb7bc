"""search: one full-text index over actions, notes, history, round-table answers and minutes

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 14:40:00.000000

SQLite: an FTS5 table over ``search_doc`` (external content, kept in step by triggers on
``search_doc`` only, a table no other migration alters). PostgreSQL: a GIN index on the
``to_tsvector('simple', ...)`` expression the search query matches.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TSV = "to_tsvector('simple', text || ' ' || entities || ' ' || owners)"
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(text, entities, owners, "
    "content='search_doc', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN "
    "INSERT INTO search_fts(rowid, text, entities, owners) "
    "VALUES (new.id, new.text, new.entities, new.owners); END",
    "CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, text, entities, owners) "
    "VALUES ('delete', old.id, old.text, old.entities, old.owners); END",
    "CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, text, entities, owners) "
    "VALUES ('delete', old.id, old.text, old.entities, old.owners); "
    "INSERT INTO search_fts(rowid, text, entities, owners) "
    "VALUES (new.id, new.text, new.entities, new.owners); END",
]


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "search_doc",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("entities", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("owners", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "key"),
    )
    with op.batch_alter_table("search_doc", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_doc_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_search_doc_meeting_id"), ["meeting_id"], unique=False)
    op.create_table(
        "search_mark",
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("mark_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("mark_id", sa.Integer(), nullable=False),
        sa.Column("window", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("source"),
    )
    # the incremental reads of changed actions and answers, in (time, id) order
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index("ix_action_updated_at_id", ["updated_at", "id"], unique=False)
    with op.batch_alter_table("roundtable_entry", schema=None) as batch_op:
        batch_op.create_index("ix_roundtable_entry_answered_at_id", ["answered_at", "id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_search_doc_tsv ON search_doc USING gin ({TSV})")
    else:
        for statement in SQLITE_FTS:
            op.execute(statement)


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_doc_tsv")
    else:
        for name in ("search_doc_au", "search_doc_ad", "search_doc_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    with op.batch_alter_table("roundtable_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_roundtable_entry_answered_at_id")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index("ix_action_updated_at_id")
    op.drop_table("search_mark")
    with op.batch_alter_table("search_doc", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_doc_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_search_doc_at"))
    op.drop_table("search_doc")

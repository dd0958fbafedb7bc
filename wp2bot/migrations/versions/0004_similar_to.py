"""similar_to: a new proposal that may restate an older item, for the chair to merge

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 14:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision.

    On SQLite a plain ADD COLUMN with its reference: a batch copy would drop and recreate
    ``action``, which the tables that refer to it do not allow with foreign keys on.
    """
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE action ADD COLUMN similar_to INTEGER REFERENCES action (id)")
        return
    op.add_column("action", sa.Column("similar_to", sa.Integer(), nullable=True))
    op.create_foreign_key("fk_action_similar_to_action", "action", "action", ["similar_to"], ["id"])


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name == "sqlite":
        op.drop_column("action", "similar_to")  # SQLite drops the column with its reference
        return
    op.drop_constraint("fk_action_similar_to_action", "action", type_="foreignkey")
    op.drop_column("action", "similar_to")

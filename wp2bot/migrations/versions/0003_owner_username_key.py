"""owner username key: a normalised, indexed username for "whose items" queries

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 10:15:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("action_owner", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("username_key", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.create_index(
            "ix_action_owner_username_key_action", ["username_key", "action_id"], unique=False
        )
    # usernames stored before this revision: the same normalisation the store applies
    op.execute(
        "UPDATE action_owner SET username_key = lower(ltrim(username, '@')) "
        "WHERE username IS NOT NULL"
    )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("action_owner", schema=None) as batch_op:
        batch_op.drop_index("ix_action_owner_username_key_action")
        batch_op.drop_column("username_key")

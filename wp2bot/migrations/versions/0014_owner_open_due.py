"""owner open/due copies: "my open items, soonest due first" walks one index on the owner rows

Each owner row carries a copy of its action's open-and-accepted flag and due date (kept in step
by the store's writes), indexed after the owner's username key and name key.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 19:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_COLUMNS = ["open_accepted", "due", "action_id"]


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("action_owner", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("open_accepted", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("due", sa.Date(), nullable=True))
    # rows stored before this revision: the same copy the store's writes keep
    op.execute(
        "UPDATE action_owner SET "
        "open_accepted = EXISTS (SELECT 1 FROM action WHERE action.id = action_owner.action_id "
        "AND action.status != 'done' AND action.review = 'accepted'), "
        "due = (SELECT action.due FROM action WHERE action.id = action_owner.action_id)"
    )
    with op.batch_alter_table("action_owner", schema=None) as batch_op:
        # every writer sets the flag: a row without it is a bug, not a closed item
        batch_op.alter_column("open_accepted", server_default=None)
        batch_op.create_index(
            "ix_action_owner_user_open_due", ["username_key", *_COLUMNS], unique=False
        )
        batch_op.create_index(
            "ix_action_owner_name_open_due", ["name_key", *_COLUMNS], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("action_owner", schema=None) as batch_op:
        batch_op.drop_index("ix_action_owner_name_open_due")
        batch_op.drop_index("ix_action_owner_user_open_due")
        batch_op.drop_column("due")
        batch_op.drop_column("open_accepted")

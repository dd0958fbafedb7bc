"""answer progress: a command's answer is kept once computed, with how many of its parts are out

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 23:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("chat_answer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reply", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("parts_done", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("chat_answer", schema=None) as batch_op:
        batch_op.drop_column("parts_done")
        batch_op.drop_column("reply")

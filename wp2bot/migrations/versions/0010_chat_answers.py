"""chat answers: which command posts are being or were answered, so each is answered once

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 17:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "chat_answer",
        sa.Column("post_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("claimed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("lease_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("answered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("post_id"),
    )
    op.create_index("ix_chat_answer_claimed_at", "chat_answer", ["claimed_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_chat_answer_claimed_at", table_name="chat_answer")
    op.drop_table("chat_answer")

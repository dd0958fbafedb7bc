"""outbox: every message to send, from the decision to send until it is posted

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 14:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    text = sqlmodel.sql.sqltypes.AutoString
    when = sqlmodel.sql.sqltypes.UTCDateTime
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", text(), nullable=False),
        sa.Column("kind", text(), nullable=False),
        sa.Column("recipient", text(), nullable=False),
        sa.Column("direct", sa.Boolean(), nullable=False),
        sa.Column("root_id", text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("cards", sa.JSON(), nullable=False),
        sa.Column("state", text(), nullable=False),
        sa.Column("created_at", when(), nullable=False),
        sa.Column("lease_until", when(), nullable=True),
        sa.Column("holder", text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("retry_at", when(), nullable=True),
        sa.Column("sent_at", when(), nullable=True),
        sa.Column("post_id", text(), nullable=False),
        sa.Column("error", text(), nullable=False),
        sa.Column("reported", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index(op.f("ix_outbox_kind"), "outbox", ["kind"], unique=False)
    op.create_index("ix_outbox_state_retry", "outbox", ["state", "retry_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_outbox_state_retry", table_name="outbox")
    op.drop_index(op.f("ix_outbox_kind"), table_name="outbox")
    op.drop_table("outbox")

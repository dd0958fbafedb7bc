"""chat posts: the posts the bot made with cards, so that a click updates only its own card

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 14:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "chat_post",
        sa.Column("post_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("nonce", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("recipient", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("saved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("post_id"),
    )
    with op.batch_alter_table("chat_post", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chat_post_saved_at"), ["saved_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("chat_post", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_post_saved_at"))
    op.drop_table("chat_post")

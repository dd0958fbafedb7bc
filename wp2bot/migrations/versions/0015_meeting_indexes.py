"""indexes on action.last_meeting_id and meeting.meeting_date: reads by meeting and by day

The carry-over reads the open items of the last few ingested meetings by ``meeting_id`` or
``last_meeting_id`` (only the first had an index); the calendar reads the meetings nearest a
day (the previous and the next), not every stored meeting.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 21:45:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index("ix_action_last_meeting_id", ["last_meeting_id"], unique=False)
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_meeting_date", ["meeting_date"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_meeting_date")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index("ix_action_last_meeting_id")

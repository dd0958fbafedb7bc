"""indexes for the chair's summary: sections by due date, closed and new items, overdue nudges

The summary reads each section's first items and counts the rest. By due date (overdue, due
before the meeting, later or undated) an index on (due, status, review) answers both from the
index alone; it replaces the index on due. Items closed since the last meeting are a seek on
(status, closed_at), which replaces the index on status; items of a meeting or added by hand
since a time a seek on (meeting_id, created_at), which replaces the index on meeting_id. The
stuck items read the overdue nudges only, by (kind, action_id, username, sent_at).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 01:20:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_REPLACED = (  # (new index, its columns, the single-column index it makes redundant)
    ("ix_action_due_status_review", ["due", "status", "review"], "ix_action_due"),
    ("ix_action_status_closed_at", ["status", "closed_at"], "ix_action_status"),
    ("ix_action_meeting_id_created_at", ["meeting_id", "created_at"], "ix_action_meeting_id"),
)
_NUDGES = ["kind", "action_id", "username", "sent_at"]


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("action", schema=None) as batch_op:
        for name, columns, old in _REPLACED:
            batch_op.create_index(name, columns, unique=False)
            batch_op.drop_index(old)
    with op.batch_alter_table("reminder_log", schema=None) as batch_op:
        batch_op.create_index("ix_reminder_log_kind_action_user_sent", _NUDGES, unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("reminder_log", schema=None) as batch_op:
        batch_op.drop_index("ix_reminder_log_kind_action_user_sent")
    with op.batch_alter_table("action", schema=None) as batch_op:
        for name, columns, old in _REPLACED:
            batch_op.create_index(old, columns[:1], unique=False)
            batch_op.drop_index(name)

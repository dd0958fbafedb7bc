"""one live action per minutes line: a unique index that concurrent ingests cannot break

Two ingests of the same minutes at once used to store every action twice. Before the index is
created, such duplicates are resolved without loss: the first copy stays, each later one is
marked rejected with a history entry naming the copy it duplicates.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 14:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEX = "uq_action_meeting_line_fingerprint"
# actions read from a line of minutes (added by hand they have neither line nor wording key)
LIVE = "review != 'rejected' AND source_line > 0 AND fingerprint != ''"


def upgrade() -> None:
    """Apply this revision."""
    conn = op.get_bind()
    dupes = conn.execute(
        sa.text(
            "SELECT a.id, a.review, MIN(b.id) FROM action a JOIN action b "
            "ON a.meeting_id = b.meeting_id AND a.source_line = b.source_line "
            "AND a.fingerprint = b.fingerprint AND b.id < a.id "
            "AND b.review != 'rejected' "
            "WHERE a.review != 'rejected' AND a.source_line > 0 AND a.fingerprint != '' "
            "GROUP BY a.id, a.review"
        )
    ).all()
    for duplicate, review, original in dupes:
        # stamped with the copy's own last change: a migration has no clock of its own
        conn.execute(
            sa.text(
                "INSERT INTO history (action_id, at, who, via, change, old, new, comment) "
                "SELECT id, updated_at, 'wp2bot', 'migration', 'review', :old, 'rejected', "
                ":comment FROM action WHERE id = :id"
            ),
            {"id": duplicate, "old": review, "comment": f"a second copy of #{original}"},
        )
        conn.execute(
            sa.text("UPDATE action SET review = 'rejected' WHERE id = :id"), {"id": duplicate}
        )
    op.create_index(
        INDEX,
        "action",
        ["meeting_id", "source_line", "fingerprint"],
        unique=True,
        sqlite_where=sa.text(LIVE),
        postgresql_where=sa.text(LIVE),
    )


def downgrade() -> None:
    """Revert this revision (the resolved duplicates stay rejected)."""
    op.drop_index(INDEX, table_name="action")

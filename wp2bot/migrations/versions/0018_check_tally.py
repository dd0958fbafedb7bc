"""check tally: each check's settled state, advanced as its results are added

A view of the checks read 30 days of results per check to find its settled state (8,640 runs
at one every five minutes). The tally row holds that state, since when it holds, the current
run of agreeing results and the newest result's row. It starts empty: the first results added
after this revision count each check's stored history once (``check_tallies``).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 02:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "check_tally",
        sa.Column("check_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("k", sa.Integer(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("since", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("run_ok", sa.Boolean(), nullable=True),
        sa.Column("run_len", sa.Integer(), nullable=False),
        sa.Column("run_since", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("check_id"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("check_tally")

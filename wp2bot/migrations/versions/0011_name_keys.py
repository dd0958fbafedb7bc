"""name keys: "who is @name" and "a site's items" seek an index on lower-cased keys

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 17:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("username_key", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.create_index("ix_person_username_key", ["username_key"], unique=False)
    with op.batch_alter_table("action_owner", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "name_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
            )
        )
        batch_op.create_index("ix_action_owner_name_key", ["name_key"], unique=False)
    # rows stored before this revision: the same normalisation the store applies
    op.execute(
        "UPDATE person SET username_key = lower(ltrim(username, '@')) WHERE username IS NOT NULL"
    )
    op.execute("UPDATE action_owner SET name_key = lower(name)")


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("action_owner", schema=None) as batch_op:
        batch_op.drop_index("ix_action_owner_name_key")
        batch_op.drop_column("name_key")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_username_key")
        batch_op.drop_column("username_key")

"""The outbox table: every message wp2bot sends, from the decision to send until it is posted."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel


class OutboxRow(SQLModel, table=True):
    """One message to post: to a person (``direct``) or a channel, with its idempotency key."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_retry", "state", "retry_at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)  # one decision to send (see wp2bot.domain.outbox.message_key)
    kind: str = Field(index=True)  # digest | prompt | proposal | summary | alarm | report | ...
    recipient: str  # username for a DM, channel id or name otherwise
    direct: bool = True
    root_id: str = ""
    text: str = Field(sa_column=Column(Text, nullable=False))
    cards: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    state: str = "pending"  # wp2bot.domain.outbox.OutboxState
    created_at: datetime
    lease_until: datetime | None = None  # a sender holds the message until then
    holder: str = ""  # which sender holds the lease (diagnostics only)
    attempts: int = 0  # claims so far
    retry_at: datetime | None = None  # after a transient failure: not before then
    sent_at: datetime | None = None
    post_id: str = ""
    error: str = ""
    reported: bool = False  # an undeliverable message the chairs were told about

"""The database adapter: meetings, people, actions, owners and their history, via sqlmodel.

``Store`` is the one object the composition root opens; its parts live beside it, one module
for each port they serve: ``meeting_store`` (meetings, people), ``action_reads`` and
``action_writes`` (actions), ``database`` (engines, transactions, the exclusive block).
"""

from __future__ import annotations

from wp2bot.adapters.storage.action_writes import ActionWrites
from wp2bot.adapters.storage.database import (
    aware,
    make_engine,
    name_key,
    transaction,
    username_key,
    utc,
)
from wp2bot.adapters.storage.meeting_store import MeetingStore
from wp2bot.adapters.storage.outbox_store import OutboxStore
from wp2bot.ports.actions import ActionFilter, NotFound
from wp2bot.ports.meetings import MeetingRecord

__all__ = [
    "ActionFilter",
    "MeetingRecord",
    "NotFound",
    "Store",
    "aware",
    "make_engine",
    "name_key",
    "transaction",
    "username_key",
    "utc",
]


class Store(ActionWrites, MeetingStore):
    """All reads and writes of tracked state; each public method is one transaction."""

    def outbox(self) -> OutboxStore:
        """The outbox in this database."""
        return OutboxStore(self.engine)

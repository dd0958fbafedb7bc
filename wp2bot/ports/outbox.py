"""The outbox's two sides: where queued messages live, and what posts them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from wp2bot.chat import Outgoing, Queued


class OutboxRepository(Protocol):
    """Where the outbox lives (``wp2bot.adapters.storage.outbox_store.OutboxStore``)."""

    def add(self, messages: Sequence[Outgoing], at: datetime) -> None:
        """Queue messages no other state change goes with (keys already queued are kept)."""
        ...

    def pending(self, limit: int = 500) -> list[Queued]:
        """Messages not yet confirmed as posted, oldest first."""
        ...

    def by_keys(self, keys: Sequence[str]) -> list[Queued]:
        """The messages with these keys (in any state), oldest first."""
        ...

    def take(self, item: Queued, until: datetime, holder: str) -> bool:
        """Claim a message until ``until``; False when another sender was first."""
        ...

    def sent(self, item_id: int, post_id: str, at: datetime) -> None:
        """Confirm a message as posted."""
        ...

    def failed(self, item_id: int, error: str, retry_at: datetime) -> None:
        """Give a claim back after a transient failure."""
        ...

    def release(self, item_id: int) -> None:
        """Give a claim back untried."""
        ...

    def undeliverable(self, item_id: int, error: str, at: datetime) -> None:
        """Mark a message refused for good."""
        ...

    def unreported(self) -> list[Queued]:
        """Undeliverable messages the chairs have not been told about (text and cards may be
        left empty: the report names each message's kind, recipient and error)."""
        ...

    def reported(self, item_ids: Sequence[int], reports: Sequence[Outgoing], at: datetime) -> None:
        """Flag messages as reported and queue the reports, in one transaction."""
        ...


class Courier(Protocol):
    """Posts outbox messages (the Mattermost adapter, or any ChatPort through ``ChatCourier``)."""

    def deliver(self, message: Outgoing) -> str:
        """Post the message; returns the post id. ``Undeliverable`` for a refusal for good."""
        ...

    def find(self, message: Outgoing, since: datetime) -> str | None:
        """The id of a post of this message made since ``since`` by an earlier claim, if any."""
        ...

"""Repository of the outbox over the Store's engine: ``OutboxStore(store.engine)``.

``enqueue`` writes messages on a connection the caller already holds, so that the decision to
send (a digest claimed, a question stamped, a proposal recorded) and the message commit together
or not at all. A sender ``take``s a message by a compare-and-set on its attempt count, which
also holds between processes on PostgreSQL and SQLite: two senders never hold the same lease.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, literal, null, update
from sqlalchemy import select as core_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from wp2bot.adapters.storage.outbox_tables import OutboxRow
from wp2bot.chat import Button, Card, JSONValue, Outgoing, Queued
from wp2bot.domain.outbox import OutboxState

_TABLE = OutboxRow.__table__  # type: ignore[attr-defined]


def utc(at: datetime) -> datetime:
    """Aware UTC (naive values read back from SQLite are UTC)."""
    return at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)


def aware(at: datetime | None) -> datetime | None:
    """``utc`` for optional values."""
    return None if at is None else utc(at)


def cards_to_json(cards: Sequence[Card]) -> list[dict[str, Any]]:
    """Cards as plain JSON (the outbox keeps them until the message is posted)."""
    return [
        {
            "text": c.text, "title": c.title, "title_link": c.title_link, "color": c.color,
            "footer": c.footer, "fields": [list(f) for f in c.fields],
            "buttons": [{"id": b.id, "label": b.label, "context": dict(b.context),
                         "style": b.style} for b in c.buttons],
        }
        for c in cards
    ]  # fmt: skip


def cards_from_json(value: Iterable[Mapping[str, Any]]) -> tuple[Card, ...]:
    """The inverse of ``cards_to_json``."""
    cards = []
    for c in value:
        buttons = tuple(
            Button(str(b["id"]), str(b["label"]), _context(b.get("context")), str(b["style"]))
            for b in c.get("buttons", ())
        )
        fields = tuple((str(t), str(v), bool(s)) for t, v, s in c.get("fields", ()))
        cards.append(
            Card(
                text=str(c.get("text", "")), title=str(c.get("title", "")),
                title_link=str(c.get("title_link", "")), color=str(c.get("color", "")),
                fields=fields, buttons=buttons, footer=str(c.get("footer", "")),
            )
        )  # fmt: skip
    return tuple(cards)


def _context(value: object) -> dict[str, JSONValue]:
    return {str(k): v for k, v in value.items()} if isinstance(value, Mapping) else {}


def _first_per_key(messages: Sequence[Outgoing]) -> list[Outgoing]:
    first: dict[str, Outgoing] = {}
    for m in messages:
        first.setdefault(m.key, m)
    return list(first.values())


def enqueue(conn: Connection, messages: Sequence[Outgoing], at: datetime) -> None:
    """Add messages inside the caller's transaction; a key already queued is kept as it is."""
    if not messages:
        return
    rows = [
        {"key": m.key, "kind": m.kind, "recipient": m.to, "direct": m.direct,
         "root_id": m.root_id, "text": m.text, "cards": cards_to_json(m.cards),
         "state": OutboxState.PENDING.value, "created_at": utc(at), "attempts": 0,
         "holder": "", "post_id": "", "error": "", "reported": False}
        for m in _first_per_key(messages)
    ]  # fmt: skip
    if conn.dialect.name == "postgresql":
        conn.execute(postgresql.insert(_TABLE).on_conflict_do_nothing(index_elements=["key"]), rows)
    elif conn.dialect.name == "sqlite":
        conn.execute(sqlite.insert(_TABLE).on_conflict_do_nothing(index_elements=["key"]), rows)
    else:
        known = {str(k) for k in conn.execute(core_select(_TABLE.c.key))}
        fresh = [r for r in rows if r["key"] not in known]
        if fresh:
            conn.execute(insert(_TABLE), fresh)


def _queued(row: Any) -> Queued:
    message = Outgoing(
        key=row.key, kind=row.kind, to=row.recipient, text=row.text, direct=bool(row.direct),
        root_id=row.root_id, cards=cards_from_json(row.cards or ()),
    )  # fmt: skip
    return Queued(
        id=int(row.id), message=message, state=OutboxState(row.state),
        created_at=utc(row.created_at), attempts=int(row.attempts),
        lease_until=aware(row.lease_until), retry_at=aware(row.retry_at),
        post_id=row.post_id, error=row.error,
    )  # fmt: skip


class OutboxStore:
    """The outbox's reads and state changes; each method is one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, messages: Sequence[Outgoing], at: datetime) -> None:
        """Queue messages that no other state change goes with (keys already queued are kept)."""
        with self.engine.begin() as conn:
            enqueue(conn, messages, at)

    def pending(self, limit: int = 500) -> list[Queued]:
        """Messages not yet confirmed as posted, oldest first (due or not)."""
        q = (
            core_select(_TABLE)
            .where(_TABLE.c.state == OutboxState.PENDING.value)
            .order_by(_TABLE.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [_queued(r) for r in conn.execute(q)]

    def by_keys(self, keys: Sequence[str]) -> list[Queued]:
        """The messages with these keys (in any state), oldest first."""
        if not keys:
            return []
        q = core_select(_TABLE).where(_TABLE.c.key.in_(list(keys))).order_by(_TABLE.c.id)
        with self.engine.connect() as conn:
            return [_queued(r) for r in conn.execute(q)]

    def messages(self, state: OutboxState | None = None) -> list[Queued]:
        """Every message (in one state), oldest first."""
        q = core_select(_TABLE).order_by(_TABLE.c.id)
        if state is not None:
            q = q.where(_TABLE.c.state == state.value)
        with self.engine.connect() as conn:
            return [_queued(r) for r in conn.execute(q)]

    def counts(self) -> dict[OutboxState, int]:
        """How many messages are in each state."""
        q = core_select(_TABLE.c.state, func.count()).group_by(_TABLE.c.state)
        with self.engine.connect() as conn:
            return {OutboxState(s): int(n) for s, n in conn.execute(q)}

    def take(self, item: Queued, until: datetime, holder: str) -> bool:
        """Claim ``item`` until ``until``; False when another sender changed it since it was read.

        The update only applies while the row still has the attempt count that was read, so of
        two senders racing for one message exactly one wins.
        """
        stmt = (
            update(_TABLE)
            .where(
                _TABLE.c.id == item.id,
                _TABLE.c.attempts == item.attempts,
                _TABLE.c.state == OutboxState.PENDING.value,
            )
            .values(lease_until=utc(until), holder=holder, attempts=item.attempts + 1)
        )
        with self.engine.begin() as conn:
            return bool(conn.execute(stmt).rowcount == 1)

    def sent(self, item_id: int, post_id: str, at: datetime) -> None:
        """The message is posted: confirm it with its post id."""
        self._set(item_id, state=OutboxState.SENT.value, post_id=post_id, sent_at=utc(at),
                  lease_until=None, error="")  # fmt: skip

    def failed(self, item_id: int, error: str, retry_at: datetime) -> None:
        """A transient failure: give the lease back and wait until ``retry_at``."""
        self._set(item_id, lease_until=None, retry_at=utc(retry_at), error=error[:500])

    def release(self, item_id: int) -> None:
        """Give the lease back without a try (a sender stopping before it sends)."""
        self._set(item_id, lease_until=None)

    def undeliverable(self, item_id: int, error: str, at: datetime) -> None:
        """Refused for good: no more tries; the chairs hear of it (see ``unreported``)."""
        self._set(item_id, state=OutboxState.UNDELIVERABLE.value, lease_until=None,
                  error=error[:500], sent_at=utc(at))  # fmt: skip

    def unreported(self) -> list[Queued]:
        """Undeliverable messages not yet reported, oldest first, with their text and cards
        left empty: the report names kind, recipient and error, and a run of failed digests
        would otherwise read back every text and card of them."""
        unread = {"text": literal(""), "cards": null()}
        q = (
            core_select(
                *(unread[c.name].label(c.name) if c.name in unread else c for c in _TABLE.c)
            )
            .where(_TABLE.c.state == OutboxState.UNDELIVERABLE.value, ~_TABLE.c.reported)
            .order_by(_TABLE.c.id)
        )
        with self.engine.connect() as conn:
            return [_queued(r) for r in conn.execute(q)]

    def reported(self, item_ids: Sequence[int], reports: Sequence[Outgoing], at: datetime) -> None:
        """Flag messages as reported and queue the reports about them, in one transaction."""
        with self.engine.begin() as conn:
            conn.execute(
                update(_TABLE).where(_TABLE.c.id.in_(list(item_ids))).values(reported=True)
            )
            enqueue(conn, reports, at)

    def _set(self, item_id: int, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(_TABLE).where(_TABLE.c.id == item_id).values(**values))

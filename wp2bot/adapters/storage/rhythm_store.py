"""Repository of the group's rhythm over the Store's engine: ``RhythmStore(store.engine)``:
sent reminders and digests here, preferences, away periods, mutes and downtimes in
``preference_store``, round-tables and briefings in ``roundtable_store``.

Each public method is one transaction. The reminder sweep reads its whole state in a few
grouped queries (never one per action), and claims a person's daily digest by inserting a row
under a unique key before sending, so two sweeps can never send the same day's digest twice.
The digest's message goes into the outbox (``outbox_store``) in that same transaction, so a
crash can neither lose nor repeat it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from itertools import islice

from sqlalchemy import ColumnElement, and_, case, func, insert
from sqlalchemy import select as core_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel, col, select

from wp2bot.adapters.storage.outbox_store import OutboxStore, enqueue
from wp2bot.adapters.storage.preference_store import PreferenceStore
from wp2bot.adapters.storage.reminder_reads import (
    ID_CHUNK,
    open_records,
    owned_records,
    records_with_ids,
    sweep_filter,
    sweep_id_list,
    sweep_records,
    unanswered_counts,
)
from wp2bot.adapters.storage.rhythm_tables import (
    AwayRow,
    BriefingRow,
    DigestRow,
    DowntimeRow,
    MuteRow,
    PersonPrefRow,
    ReminderLogRow,
    RoundTableEntryRow,
    RoundTableRow,
)
from wp2bot.adapters.storage.roundtable_store import RoundTableRepository
from wp2bot.adapters.storage.store import utc as _utc
from wp2bot.adapters.storage.tables import ActionRow
from wp2bot.chat import Outgoing
from wp2bot.domain.tracking import ActionRecord
from wp2bot.ports.downtimes import Downtime
from wp2bot.ports.reminder_state import ESCALATION, ReminderState, SweepBounds
from wp2bot.ports.roundtables import RoundTableInfo

__all__ = ["ESCALATION", "Downtime", "ReminderState", "RhythmStore", "RoundTableInfo"]

LOG_PAGE = 2_000  # reminder-log rows inserted per statement

RHYTHM_TABLES = (
    PersonPrefRow,
    AwayRow,
    MuteRow,
    DowntimeRow,
    DigestRow,
    ReminderLogRow,
    RoundTableRow,
    RoundTableEntryRow,
    BriefingRow,
)


class RhythmStore(PreferenceStore, RoundTableRepository):
    """Reads and writes of reminders, preferences, downtimes, round-tables and briefings."""

    # ---------------------------------------------------------------- people
    def outbox(self) -> OutboxStore:
        """The outbox in the same database (its rows commit with this store's decisions)."""
        return OutboxStore(self.engine)

    # ---------------------------------------------------------------- reminders
    def reminder_state(
        self, bounds: SweepBounds | None = None, *, ids: Sequence[int] | None = None
    ) -> ReminderState:
        """Sent reminders of open actions (those within ``bounds``, or those of ``ids``, when
        given) in three grouped queries (per ``ID_CHUNK`` ids: indexed reads by action)."""
        open_action = (col(ActionRow.status) != "done") & (col(ActionRow.review) == "accepted")
        if bounds is not None:
            open_action = open_action & sweep_filter(bounds)
        state = ReminderState({}, {}, set())
        if ids is None:
            self._read_state(open_action, state)
        for start in range(0, len(ids or ()), ID_CHUNK):
            chunk = list((ids or ())[start : start + ID_CHUNK])
            self._read_state(open_action & col(ActionRow.id).in_(chunk), state)
        unanswered = {k: v for k, v in state.unanswered.items() if v}
        return ReminderState(state.last_occasion, unanswered, state.escalated)

    def _read_state(self, open_action: ColumnElement[bool], state: ReminderState) -> None:
        """Add what was sent of the actions ``open_action`` selects to ``state``."""
        log = ReminderLogRow
        since_change = col(log.sent_at) > col(ActionRow.updated_at)
        with self.session() as s:
            q1 = (
                select(log.action_id, log.username, func.max(log.occasion))
                .join(ActionRow, col(ActionRow.id) == col(log.action_id))
                .where(open_action, log.kind != ESCALATION)
                .group_by(col(log.action_id), col(log.username))
            )
            for action_id, username, occasion in s.exec(q1):
                state.last_occasion[(action_id, username)] = occasion
            overdue = func.sum(case((and_(col(log.kind) == "overdue", since_change), 1), else_=0))
            q2 = (
                select(log.action_id, log.username, overdue)
                .join(ActionRow, col(ActionRow.id) == col(log.action_id))
                .where(open_action, log.kind == "overdue")
                .group_by(col(log.action_id), col(log.username))
            )
            unanswered = state.unanswered
            for action_id, _username, count in s.exec(q2):
                unanswered[action_id] = max(unanswered.get(action_id, 0), int(count or 0))
            q3 = (
                select(log.action_id, log.username)
                .join(ActionRow, col(ActionRow.id) == col(log.action_id))
                .where(open_action, log.kind == ESCALATION, since_change)
                .distinct()
            )
            state.escalated.update((a, u) for a, u in s.exec(q3))

    def unanswered(self, at_least: int) -> list[tuple[int, int]]:
        """(action id, unanswered overdue nudges) of the open accepted actions with at least
        ``at_least`` (the most one owner left unanswered since the action changed), by id."""
        with self.engine.connect() as conn:
            return unanswered_counts(conn, at_least)

    def open_actions(self) -> list[ActionRecord]:
        """Open accepted actions with their owners, in two plain queries."""
        with self.engine.connect() as conn:
            return open_records(conn)

    def owned_actions(
        self,
        username: str,
        groups: Sequence[str],
        limit: int | None = None,
        count_cap: int | None = None,
    ) -> tuple[list[ActionRecord], int]:
        """The first ``limit`` open accepted actions owned by ``username`` or by one of
        ``groups`` (soonest due first), and how many there are (above ``count_cap``: more)."""
        with self.engine.connect() as conn:
            return owned_records(conn, username, groups, limit, count_cap)

    def sweep_actions(
        self, bounds: SweepBounds, *, after_id: int = 0, limit: int | None = None
    ) -> list[ActionRecord]:
        """Open accepted actions that may owe a reminder within ``bounds`` (the sweep's input),
        the first ``limit`` by id above ``after_id``."""
        with self.engine.connect() as conn:
            return sweep_records(conn, bounds, after_id=after_id, limit=limit)

    def sweep_ids(self, bounds: SweepBounds) -> Sequence[int]:
        """The ids of the open accepted actions that may owe something within ``bounds``,
        ascending: the sweep's filter evaluated once."""
        with self.engine.connect() as conn:
            return sweep_id_list(conn, bounds)

    def actions_with_ids(self, ids: Sequence[int]) -> list[ActionRecord]:
        """The open accepted actions among ``ids`` with their owners, by id."""
        with self.engine.connect() as conn:
            return records_with_ids(conn, ids)

    def digest_days(self, since: date) -> set[tuple[str, date]]:
        """(username, local day) of every digest sent since ``since``."""
        with self.session() as s:
            rows = s.exec(
                select(col(DigestRow.username), col(DigestRow.day)).where(DigestRow.day >= since)
            )
            return {(u, d) for u, d in rows}

    def claim_digest(
        self,
        username: str,
        day: date,
        at: datetime,
        items: Sequence[tuple[int, str, date]],
        message: Outgoing | None = None,
    ) -> int | None:
        """Record the day's digest with its (action, kind, occasion) lines and queue its
        ``message`` in the outbox, in one transaction; None when this person already has one
        for ``day``."""
        try:
            with self.session() as s:
                row = DigestRow(username=username, day=day, sent_at=_utc(at), items=len(items))
                s.add(row)
                s.flush()
                if items:
                    s.execute(
                        insert(ReminderLogRow),
                        [
                            {
                                "action_id": a,
                                "username": username,
                                "kind": kind,
                                "occasion": occasion,
                                "sent_at": _utc(at),
                                "digest_id": row.id,
                            }
                            for a, kind, occasion in items
                        ],
                    )
                if message is not None:
                    enqueue(s.connection(), [message], at)
                return row.id
        except IntegrityError:
            return None

    def claim_digests(
        self,
        batch: Sequence[tuple[str, date, Sequence[tuple[int, str, date]]]],
        at: datetime,
        messages: Mapping[str, Outgoing] | None = None,
    ) -> dict[str, int]:
        """``claim_digest`` for many people in one transaction (one by one if any clashes),
        queueing each claimed person's message from ``messages``; returns the digest ids."""
        if not batch:
            return {}
        messages = messages or {}
        digest = SQLModel.metadata.tables["reminder_digest"]
        log = SQLModel.metadata.tables["reminder_log"]
        when = _utc(at)
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    digest.insert(),
                    [
                        {"username": u, "day": d, "sent_at": when, "items": len(items),
                         "post_id": ""}
                        for u, d, items in batch
                    ],
                )  # fmt: skip
                wanted = {(u, d) for u, d, _ in batch}
                ids = {
                    str(r.username): int(r.id)
                    for r in conn.execute(
                        core_select(digest.c.id, digest.c.username, digest.c.day).where(
                            digest.c.day.in_({d for _, d in wanted})
                        )
                    )
                    if (r.username, r.day) in wanted
                }
                log_rows = (
                    {"action_id": a, "username": u, "kind": kind, "occasion": occasion,
                     "sent_at": when, "digest_id": ids[u]}
                    for u, _d, items in batch
                    for a, kind, occasion in items
                )  # fmt: skip
                # a page of rows at a time: a first sweep over 100k owed items would hold
                # every row's parameters at once (tens of MB)
                while page := list(islice(log_rows, LOG_PAGE)):
                    conn.execute(log.insert(), page)
                enqueue(conn, [messages[u] for u, _, _ in batch if u in messages], at)
                return ids
        except IntegrityError:
            claimed = {}
            for u, d, items in batch:
                digest_id = self.claim_digest(u, d, at, items, messages.get(u))
                if digest_id is not None:
                    claimed[u] = digest_id
            return claimed

    def digests(self, username: str | None = None) -> list[tuple[str, date, datetime, int]]:
        """(username, day, sent at, items) of the digests, oldest first."""
        with self.session() as s:
            q = select(DigestRow).order_by(col(DigestRow.sent_at), col(DigestRow.id))
            if username is not None:
                q = q.where(DigestRow.username == username)
            return [(r.username, r.day, _utc(r.sent_at), r.items) for r in s.exec(q)]

    def last_reminded(self, username: str) -> dict[int, datetime]:
        """When ``username`` was last reminded of each action."""
        with self.session() as s:
            rows = s.exec(
                select(ReminderLogRow.action_id, func.max(ReminderLogRow.sent_at))
                .where(ReminderLogRow.username == username)
                .group_by(col(ReminderLogRow.action_id))
            )
            return {a: _utc(t) for a, t in rows}

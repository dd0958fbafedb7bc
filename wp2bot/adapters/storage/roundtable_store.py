"""Round-tables, their entries and answers, and the chair's summaries claimed once per meeting,
over the Store's engine (``RhythmStore`` adds the reminders' state on top of these)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Unpack

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from wp2bot.adapters.storage.outbox_store import enqueue
from wp2bot.adapters.storage.rhythm_tables import (
    BriefingRow,
    RoundTableEntryRow,
    RoundTableRow,
)
from wp2bot.adapters.storage.store import aware as _aware
from wp2bot.adapters.storage.store import transaction
from wp2bot.adapters.storage.store import utc as _utc
from wp2bot.chat import Outgoing
from wp2bot.domain.roundtable import AnswerKind, EntryState
from wp2bot.ports.roundtables import EntryFields, RoundTableFields, RoundTableInfo


class RoundTableRepository:
    """Reads and writes of round-tables, their entries, and briefings; each method is one
    transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def session(self) -> AbstractContextManager[Session]:
        """A session committed on success and rolled back on error."""
        return transaction(self.engine)

    # ---------------------------------------------------------------- round-tables
    def open_roundtable(
        self,
        meeting_key: str,
        title: str,
        starts_at: datetime,
        at: datetime,
        entities: Sequence[tuple[str, str]],
    ) -> RoundTableInfo:
        """The round-table of ``meeting_key``, created with its (entity, kind) list when new;
        a moved meeting updates its start."""
        with self.session() as s:
            row = s.exec(
                select(RoundTableRow).where(RoundTableRow.meeting_key == meeting_key)
            ).first()
            if row is None:
                row = RoundTableRow(
                    meeting_key=meeting_key, title=title, starts_at=_utc(starts_at),
                    opened_at=_utc(at),
                )  # fmt: skip
                s.add(row)
                s.flush()
                assert row.id is not None
                for pos, (name, kind) in enumerate(entities):
                    s.add(RoundTableEntryRow(roundtable_id=row.id, position=pos, entity=name,
                                             kind=kind))  # fmt: skip
            elif _utc(row.starts_at) != _utc(starts_at) or row.title != title:
                row.starts_at, row.title = _utc(starts_at), title
                s.add(row)
            s.flush()
            return roundtable_info(row)

    def roundtable(self, meeting_key: str) -> RoundTableInfo | None:
        """The round-table of a meeting, if it was opened."""
        with self.session() as s:
            row = s.exec(
                select(RoundTableRow).where(RoundTableRow.meeting_key == meeting_key)
            ).first()
            return roundtable_info(row) if row else None

    def roundtables(self, *, active: bool | None = None) -> list[RoundTableInfo]:
        """Round-tables by start; ``active`` True: neither closed nor cancelled."""
        with self.session() as s:
            q = select(RoundTableRow).order_by(col(RoundTableRow.starts_at))
            if active is not None:
                is_active = col(RoundTableRow.closed_at).is_(None) & ~col(RoundTableRow.cancelled)
                q = q.where(is_active if active else ~is_active)
            return [roundtable_info(r) for r in s.exec(q)]

    def update_roundtable(
        self,
        rt_id: int,
        *,
        messages: Sequence[Outgoing] = (),
        at: datetime | None = None,
        **fields: Unpack[RoundTableFields],
    ) -> RoundTableInfo:
        """Change fields of a round-table and queue ``messages``, in one transaction."""
        if messages and at is None:
            raise ValueError("queued messages need the time they were decided at")
        with self.session() as s:
            row = s.get(RoundTableRow, rt_id)
            if row is None:
                raise LookupError(f"no round-table {rt_id}")
            for name, value in fields.items():
                setattr(row, name, _utc(value) if isinstance(value, datetime) else value)
            s.add(row)
            s.flush()
            if messages and at is not None:
                enqueue(s.connection(), messages, at)
            return roundtable_info(row)

    def entries(self, rt_id: int) -> list[EntryState]:
        """The entities of a round-table in their order."""
        with self.session() as s:
            rows = s.exec(
                select(RoundTableEntryRow)
                .where(RoundTableEntryRow.roundtable_id == rt_id)
                .order_by(col(RoundTableEntryRow.position))
            )
            return [entry_state(r) for r in rows]

    def entry(self, entry_id: int) -> tuple[EntryState, RoundTableInfo] | None:
        """One entry with its round-table."""
        with self.session() as s:
            row = s.get(RoundTableEntryRow, entry_id)
            if row is None:
                return None
            rt = s.get(RoundTableRow, row.roundtable_id)
            assert rt is not None
            return entry_state(row), roundtable_info(rt)

    def update_entry(
        self, entry_id: int, asked: Sequence[str] = (), **fields: Unpack[EntryFields]
    ) -> None:
        """Change fields of an entry; ``asked`` adds usernames to those asked."""
        with self.session() as s:
            row = s.get(RoundTableEntryRow, entry_id)
            if row is None:
                raise LookupError(f"no round-table entry {entry_id}")
            for name, value in fields.items():
                setattr(row, name, _utc(value) if isinstance(value, datetime) else value)
            if asked:
                row.asked = list(dict.fromkeys([*row.asked, *(u.lower() for u in asked)]))
            s.add(row)

    def record_asks(
        self,
        stamps: Sequence[tuple[int, Sequence[str], str]],
        at: datetime,
        messages: Sequence[Outgoing] = (),
    ) -> None:
        """Stamp entries as asked (entry id, people, ``asked_at``/``chased_at``/``backup_at``)
        and queue the questions in the outbox, in one transaction."""
        with self.session() as s:
            for entry_id, people, stamp in stamps:
                row = s.get(RoundTableEntryRow, entry_id)
                if row is None:
                    raise LookupError(f"no round-table entry {entry_id}")
                setattr(row, stamp, _utc(at))
                row.asked = list(dict.fromkeys([*row.asked, *(u.lower() for u in people)]))
                s.add(row)
            s.flush()
            enqueue(s.connection(), messages, at)

    def asked_entries(self, username: str) -> list[tuple[EntryState, RoundTableInfo]]:
        """Entries of active round-tables whose question went to ``username``."""
        name = username.lower()
        with self.session() as s:
            q = (
                select(RoundTableEntryRow, RoundTableRow)
                .join(RoundTableRow, col(RoundTableRow.id) == col(RoundTableEntryRow.roundtable_id))
                .where(col(RoundTableRow.closed_at).is_(None), ~col(RoundTableRow.cancelled))
                .order_by(col(RoundTableRow.starts_at), col(RoundTableEntryRow.position))
            )
            return [(entry_state(e), roundtable_info(r)) for e, r in s.exec(q) if name in e.asked]

    def previous_answer(self, entity: str, before: datetime) -> str:
        """The last answer ``entity`` gave in an earlier round-table ("" when none)."""
        with self.session() as s:
            q = (
                select(RoundTableEntryRow)
                .join(RoundTableRow, col(RoundTableRow.id) == col(RoundTableEntryRow.roundtable_id))
                .where(
                    RoundTableEntryRow.entity == entity,
                    col(RoundTableRow.starts_at) < _utc(before),
                    col(RoundTableEntryRow.answer_text) != "",
                )
                .order_by(col(RoundTableRow.starts_at).desc())
            )
            row = s.exec(q).first()
            return row.answer_text if row else ""

    # ---------------------------------------------------------------- briefings
    def claim_briefing(
        self, meeting_key: str, at: datetime, messages: Sequence[Outgoing] = ()
    ) -> bool:
        """Record that the summary of ``meeting_key`` is being posted and queue its
        ``messages`` in the outbox, in one transaction; False when it was claimed before."""
        try:
            with self.session() as s:
                s.add(BriefingRow(meeting_key=meeting_key, posted_at=_utc(at)))
                s.flush()
                enqueue(s.connection(), messages, at)
        except IntegrityError:
            return False
        return True

    def briefings(self) -> list[tuple[str, datetime]]:
        """(meeting key, posted at) of every summary posted."""
        with self.session() as s:
            rows = s.exec(select(BriefingRow).order_by(col(BriefingRow.id)))
            return [(r.meeting_key, _utc(r.posted_at)) for r in rows]


def entry_state(row: RoundTableEntryRow) -> EntryState:
    """A stored round-table entry as the domain sees it."""
    assert row.id is not None
    return EntryState(
        id=row.id,
        entity=row.entity,
        kind=row.kind,
        position=row.position,
        asked_at=_aware(row.asked_at),
        chased_at=_aware(row.chased_at),
        backup_at=_aware(row.backup_at),
        answer=AnswerKind(row.answer),
        answer_text=row.answer_text,
        answered_by=row.answered_by,
        note=row.note,
        skipped=row.skipped,
        visited=row.visited,
    )


def roundtable_info(row: RoundTableRow) -> RoundTableInfo:
    """A stored round-table as a value."""
    assert row.id is not None
    return RoundTableInfo(
        id=row.id,
        meeting_key=row.meeting_key,
        title=row.title,
        starts_at=_utc(row.starts_at),
        opened_at=_utc(row.opened_at),
        closed_at=_aware(row.closed_at),
        cancelled=row.cancelled,
        report_post_id=row.report_post_id,
        live_channel=row.live_channel,
        live_root_id=row.live_root_id,
        live_position=row.live_position,
        live_active=row.live_active,
    )

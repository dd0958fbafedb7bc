"""The database adapter: meetings, people, actions, owners and their history, via sqlmodel."""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import event, false, func, or_, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, create_engine, select
from sqlmodel.sql.expression import SelectOfScalar

from wp2bot.adapters.storage import migrations
from wp2bot.adapters.storage.outbox_store import OutboxStore, enqueue
from wp2bot.adapters.storage.tables import (
    ActionOwnerRow,
    ActionRow,
    HistoryRow,
    MeetingRow,
    NoteRow,
    PersonRow,
)
from wp2bot.chat import Outgoing
from wp2bot.domain.models import Owner, OwnerKind, Precision, Status
from wp2bot.domain.tracking import ActionRecord, HistoryEntry, Review
from wp2bot.ports.actions import ActionFilter, NotFound
from wp2bot.ports.meetings import MeetingRecord

__all__ = ["ActionFilter", "MeetingRecord", "NotFound", "Store"]


def username_key(username: str) -> str:
    """A username as Mattermost compares them: without the @, lower-cased."""
    return username.removeprefix("@").lower()


def name_key(name: str) -> str:
    """An owner's name as filters compare it: lower-cased."""
    return name.lower()


def utc(at: datetime) -> datetime:
    """Aware UTC (the column type insists on an aware value; naive values are taken as UTC)."""
    return at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)


def aware(at: datetime | None) -> datetime | None:
    """``utc`` for optional values read back from the database."""
    return None if at is None else utc(at)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session committed on success and rolled back on error (shared by the stores)."""
    with Session(engine, expire_on_commit=False) as s:
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            if ":memory:" not in url:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


class Store:
    """All reads and writes of tracked state; each public method is one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._unit = threading.local()  # the session of this thread's ``exclusive`` block

    @classmethod
    def open(cls, url: str, *, create: bool = True) -> Store:
        """Connect to ``url`` and, when asked, bring its schema to this version (migrations)."""
        store = cls(make_engine(url))
        if create:
            store.create_schema()
        return store

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def create_schema(self) -> None:
        """Migrate the schema to this version's newest revision (a no-op when it is there)."""
        if migrations.needs_upgrade(self.engine):
            migrations.upgrade(self.engine)

    def session(self) -> AbstractContextManager[Session]:
        """A session committed on success and rolled back on error.

        Inside an ``exclusive`` block it is that block's session: every method called there
        joins its one transaction.
        """
        current: Session | None = getattr(self._unit, "session", None)
        if current is not None:
            return nullcontext(current)
        return transaction(self.engine)

    @contextmanager
    def exclusive(self, key: str) -> Iterator[None]:
        """One transaction for everything done through this store in the block, and only one
        such block per ``key`` at a time, across threads and processes.

        PostgreSQL: a transaction-scoped advisory lock on the key. SQLite: the transaction
        begins IMMEDIATE, taking the database's write lock at once (SQLite has one writer;
        the busy timeout makes the other wait). Either way the lock ends with the commit or
        rollback, also when the process dies.
        """
        if getattr(self._unit, "session", None) is not None:
            raise RuntimeError("exclusive blocks do not nest")
        with transaction(self.engine) as s:
            conn = s.connection()
            if conn.dialect.name == "postgresql":
                digest = hashlib.sha256(key.encode("utf-8")).digest()
                lock = int.from_bytes(digest[:8], "big", signed=True)
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock})
            elif conn.dialect.name == "sqlite":
                # pysqlite has not begun (it begins before the first write only): begin here
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            self._unit.session = s
            try:
                yield
            finally:
                self._unit.session = None

    # ---------------------------------------------------------------- meetings
    def upsert_meeting(self, source: str, **fields: Any) -> tuple[MeetingRecord, str | None]:
        """Insert or update the meeting keyed by ``source``; returns it and its previous hash."""
        with self.session() as s:
            found = s.exec(select(MeetingRow).where(MeetingRow.source == source)).first()
            previous = found.minutes_hash if found else None
            row = found if found is not None else MeetingRow(source=source)
            for key, value in fields.items():
                setattr(row, key, utc(value) if isinstance(value, datetime) else value)
            s.add(row)
            s.flush()
            return _meeting(row), previous

    def minutes_hash(self, source: str) -> str | None:
        """The hash of the minutes last ingested from ``source``; None for a new source."""
        with self.session() as s:
            found = s.exec(select(MeetingRow.minutes_hash).where(MeetingRow.source == source))
            return found.first()

    def meeting(self, meeting_id: int) -> MeetingRecord:
        """One meeting by id."""
        with self.session() as s:
            row = s.get(MeetingRow, meeting_id)
            if row is None:
                raise NotFound(f"no meeting {meeting_id}")
            return _meeting(row)

    def meetings(self) -> list[MeetingRecord]:
        """Every meeting, oldest first."""
        with self.session() as s:
            rows = s.exec(
                select(MeetingRow).order_by(col(MeetingRow.meeting_date), col(MeetingRow.id))
            )
            return [_meeting(r) for r in rows]

    # ---------------------------------------------------------------- people
    def upsert_person(self, name: str, **fields: Any) -> None:
        """Insert or update a person by full name."""
        with self.session() as s:
            row = s.exec(select(PersonRow).where(PersonRow.name == name)).first() or PersonRow(
                name=name
            )
            for key, value in fields.items():
                setattr(row, key, value)
            row.username_key = username_key(row.username) if row.username else None
            s.add(row)

    def person_by_username(self, username: str) -> PersonRow | None:
        """The stored person with ``username`` (without the @, compared lower-cased), if any."""
        key = username_key(username)
        with self.session() as s:
            found = s.exec(
                select(PersonRow)
                .where(PersonRow.username_key == key)
                .order_by(col(PersonRow.name))
                .limit(1)
            )
            return found.first()

    def people(self) -> list[PersonRow]:
        """Every known person."""
        with self.session() as s:
            return list(s.exec(select(PersonRow).order_by(PersonRow.name)))

    # ---------------------------------------------------------------- actions
    def actions(self, flt: ActionFilter | None = None) -> list[ActionRecord]:
        """Actions matching ``flt``, by id."""
        flt = flt or ActionFilter()
        with self.session() as s:
            q = select(ActionRow)
            if flt.ids is not None:
                q = q.where(col(ActionRow.id).in_(flt.ids))
            if flt.after_id is not None:
                q = q.where(col(ActionRow.id) > flt.after_id)
            if flt.statuses is not None:
                q = q.where(col(ActionRow.status).in_([x.value for x in flt.statuses]))
            if flt.reviews is not None:
                q = q.where(col(ActionRow.review).in_([x.value for x in flt.reviews]))
            if flt.open_only:
                q = q.where(ActionRow.status != Status.DONE.value)
                q = q.where(ActionRow.review != Review.REJECTED.value)
            if flt.due_before is not None:
                q = q.where(col(ActionRow.due) < flt.due_before)
            if flt.due_until is not None:
                q = q.where(col(ActionRow.due) <= flt.due_until)
            if flt.due_from is not None:
                q = q.where(col(ActionRow.due) >= flt.due_from)
            if flt.meeting_id is not None:
                q = q.where(ActionRow.meeting_id == flt.meeting_id)
            if flt.done_since is not None:
                q = q.where(ActionRow.status == Status.DONE.value)
                q = q.where(ActionRow.review != Review.REJECTED.value)
                since, meeting = flt.done_since
                recent = [col(ActionRow.meeting_id) == meeting] if meeting is not None else []
                if since is not None:
                    recent += [col(ActionRow.closed_at) >= utc(since),
                               col(ActionRow.created_at) >= utc(since)]  # fmt: skip
                q = q.where(or_(*recent)) if recent else q.where(false())
            if flt.owner_username is not None or flt.owner_name is not None:
                owners = select(ActionOwnerRow.action_id)
                if flt.owner_username is not None:
                    key = username_key(flt.owner_username)
                    owners = owners.where(ActionOwnerRow.username_key == key)
                if flt.owner_name is not None:
                    owners = owners.where(ActionOwnerRow.name_key == name_key(flt.owner_name))
                q = q.where(col(ActionRow.id).in_(owners))
            if flt.soonest_first:
                rows = self._soonest(s, q, flt.limit)
            else:
                q = q.order_by(col(ActionRow.id))
                rows = list(s.exec(q if flt.limit is None else q.limit(flt.limit)))
            return self._records(s, rows)

    @staticmethod
    def _soonest(s: Session, q: SelectOfScalar[ActionRow], limit: int | None) -> list[ActionRow]:
        """Dated rows by (due, id), then undated ones by id: two reads that walk the due and
        id indexes and stop at ``limit``, where ``ORDER BY due IS NULL`` sorts every match."""
        dated = q.where(col(ActionRow.due).is_not(None))
        dated = dated.order_by(col(ActionRow.due), col(ActionRow.id))
        rows = list(s.exec(dated if limit is None else dated.limit(limit)))
        if limit is not None and len(rows) >= limit:
            return rows
        undated = q.where(col(ActionRow.due).is_(None)).order_by(col(ActionRow.id))
        rest = None if limit is None else limit - len(rows)
        return rows + list(s.exec(undated if rest is None else undated.limit(rest)))

    def action(self, action_id: int) -> ActionRecord:
        """One action by id; ``NotFound`` if there is none."""
        found = self.actions(ActionFilter(ids=(action_id,)))
        if not found:
            raise NotFound(f"no action #{action_id}")
        return found[0]

    def create_action(
        self,
        *,
        text: str,
        owners: Sequence[Owner],
        at: datetime,
        who: str,
        via: str,
        status: Status = Status.OPEN,
        review: Review = Review.PROPOSED,
        meeting_id: int | None = None,
        due: date | None = None,
        due_phrase: str | None = None,
        due_precision: Precision | None = None,
        section: str = "",
        source_text: str = "",
        source_line: int = 0,
        source_url: str | None = None,
        fingerprint: str = "",
        carried_over: bool = False,
        similar_to: int | None = None,
    ) -> ActionRecord:
        """Store a new action with its owners and a "created" history entry."""
        now = utc(at)
        with self.session() as s:
            row = ActionRow(
                text=text,
                status=status.value,
                review=review.value,
                meeting_id=meeting_id,
                last_meeting_id=meeting_id,
                due=due,
                due_phrase=due_phrase,
                due_precision=due_precision.value if due_precision else None,
                section=section,
                source_text=source_text,
                source_line=source_line,
                source_url=source_url,
                fingerprint=fingerprint,
                carried_over=carried_over,
                similar_to=similar_to,
                created_at=now,
                updated_at=now,
                closed_at=now if status is Status.DONE else None,
            )
            s.add(row)
            s.flush()
            assert row.id is not None
            self._write_owners(s, row.id, owners)
            s.add(
                HistoryRow(action_id=row.id, at=now, who=who, via=via, change="created", new=text)
            )
            s.flush()
            return self._records(s, [row])[0]

    def update_action(
        self,
        action_id: int,
        changes: Mapping[str, Any],
        *,
        at: datetime,
        who: str,
        via: str,
        comment: str = "",
        owners: Sequence[Owner] | None = None,
        mark_edited: bool = True,
    ) -> ActionRecord:
        """Change fields (and optionally the owners) of an action, writing history for each.

        Changes made by people (``mark_edited``) are remembered so that re-ingesting the
        minutes does not undo them.
        """
        now = utc(at)
        with self.session() as s:
            row = s.get(ActionRow, action_id)
            if row is None:
                raise NotFound(f"no action #{action_id}")
            edited = set(row.edited)
            for key, value in changes.items():
                stored = _column_value(value)
                old = getattr(row, key)
                if old == stored:
                    continue
                setattr(row, key, stored)
                s.add(
                    HistoryRow(
                        action_id=action_id,
                        at=now,
                        who=who,
                        via=via,
                        change=key,
                        old=_text(old),
                        new=_text(stored),
                        comment=comment,
                    )
                )
                if mark_edited:
                    edited.add(key)
                if key == "status":
                    row.closed_at = now if stored == Status.DONE.value else None
            if owners is not None:
                before = [o.name for o in self._owners(s, [action_id])[action_id]]
                after = [o.name for o in owners]
                if before != after:
                    self._write_owners(s, action_id, owners)
                    s.add(
                        HistoryRow(
                            action_id=action_id,
                            at=now,
                            who=who,
                            via=via,
                            change="owners",
                            old=", ".join(before),
                            new=", ".join(after),
                            comment=comment,
                        )
                    )
                    if mark_edited:
                        edited.add("owners")
            row.edited = sorted(edited)
            row.updated_at = now
            s.add(row)
            s.flush()
            return self._records(s, [row])[0]

    def record(
        self,
        action_id: int,
        *,
        at: datetime,
        who: str,
        via: str,
        change: str,
        comment: str = "",
        old: str = "",
        new: str = "",
    ) -> None:
        """Write a history entry that changes no field (a reminder sent, a note, a view)."""
        with self.session() as s:
            if s.get(ActionRow, action_id) is None:
                raise NotFound(f"no action #{action_id}")
            s.add(
                HistoryRow(
                    action_id=action_id,
                    at=utc(at),
                    who=who,
                    via=via,
                    change=change,
                    old=old,
                    new=new,
                    comment=comment,
                )
            )

    def record_sent(
        self,
        sent: Sequence[tuple[int, str]],
        messages: Sequence[Outgoing],
        *,
        at: datetime,
        who: str,
        via: str,
        change: str,
    ) -> None:
        """History entries (action id, username) for messages decided now, and the messages in
        the outbox, in one transaction: the decision and the message stand or fall together."""
        with self.session() as s:
            for action_id, username in sent:
                s.add(HistoryRow(action_id=action_id, at=utc(at), who=who, via=via,
                                 change=change, old="", new=username, comment=""))  # fmt: skip
            s.flush()
            enqueue(s.connection(), messages, at)

    def outbox(self) -> OutboxStore:
        """The outbox in this database."""
        return OutboxStore(self.engine)

    def add_note(self, action_id: int, *, at: datetime, who: str, via: str, text: str) -> None:
        """Attach a free-text note (also recorded in the history)."""
        with self.session() as s:
            if s.get(ActionRow, action_id) is None:
                raise NotFound(f"no action #{action_id}")
            now = utc(at)
            s.add(NoteRow(action_id=action_id, at=now, who=who, text=text))
            s.add(
                HistoryRow(action_id=action_id, at=now, who=who, via=via, change="note", new=text)
            )

    def history(self, action_id: int) -> list[HistoryEntry]:
        """Every change of an action, oldest first."""
        with self.session() as s:
            rows = s.exec(
                select(HistoryRow)
                .where(HistoryRow.action_id == action_id)
                .order_by(col(HistoryRow.at), col(HistoryRow.id))
            )
            return [
                HistoryEntry(
                    action_id=r.action_id,
                    at=aware(r.at) or r.at,
                    who=r.who,
                    via=r.via,
                    change=r.change,
                    old=r.old,
                    new=r.new,
                    comment=r.comment,
                )
                for r in rows
            ]

    def count_actions(self) -> int:
        """How many actions are stored."""
        with self.session() as s:
            return int(s.exec(select(func.count()).select_from(ActionRow)).one())

    # ---------------------------------------------------------------- helpers
    def _write_owners(self, s: Session, action_id: int, owners: Sequence[Owner]) -> None:
        for old in s.exec(select(ActionOwnerRow).where(ActionOwnerRow.action_id == action_id)):
            s.delete(old)
        s.flush()
        for pos, o in enumerate(owners):
            s.add(
                ActionOwnerRow(
                    action_id=action_id,
                    position=pos,
                    written=o.written,
                    name=o.name,
                    kind=o.kind.value,
                    username=o.username,
                    username_key=username_key(o.username) if o.username else None,
                    name_key=name_key(o.name),
                    candidates=list(o.candidates),
                )
            )

    def _owners(self, s: Session, ids: Iterable[int]) -> dict[int, list[Owner]]:
        result: dict[int, list[Owner]] = defaultdict(list)
        id_list = list(ids)
        for chunk in range(0, len(id_list), 900):
            part = id_list[chunk : chunk + 900]
            rows = s.exec(
                select(ActionOwnerRow)
                .where(col(ActionOwnerRow.action_id).in_(part))
                .order_by(col(ActionOwnerRow.action_id), col(ActionOwnerRow.position))
            )
            for r in rows:
                result[r.action_id].append(
                    Owner(
                        written=r.written,
                        name=r.name,
                        kind=OwnerKind(r.kind),
                        username=r.username,
                        candidates=tuple(r.candidates),
                    )
                )
        return result

    def _records(self, s: Session, rows: Sequence[ActionRow]) -> list[ActionRecord]:
        ids = [r.id for r in rows if r.id is not None]
        owners = self._owners(s, ids)
        notes: dict[int, list[str]] = defaultdict(list)
        meetings: dict[int, MeetingRow] = {}
        meeting_ids = {r.meeting_id for r in rows if r.meeting_id is not None}
        if meeting_ids:
            for m in s.exec(select(MeetingRow).where(col(MeetingRow.id).in_(meeting_ids))):
                assert m.id is not None
                meetings[m.id] = m
        for chunk in range(0, len(ids), 900):  # SQLite's limit of bound parameters
            part = ids[chunk : chunk + 900]
            for n in s.exec(
                select(NoteRow).where(col(NoteRow.action_id).in_(part)).order_by(col(NoteRow.id))
            ):
                notes[n.action_id].append(n.text)
        out = []
        for r in rows:
            assert r.id is not None
            mtg = meetings.get(r.meeting_id) if r.meeting_id is not None else None
            out.append(
                ActionRecord(
                    id=r.id,
                    text=r.text,
                    owners=tuple(owners.get(r.id, ())),
                    status=Status(r.status),
                    review=Review(r.review),
                    due=r.due,
                    due_phrase=r.due_phrase,
                    due_precision=Precision(r.due_precision) if r.due_precision else None,
                    meeting_id=r.meeting_id,
                    meeting_title=mtg.title if mtg else "",
                    meeting_date=mtg.meeting_date if mtg else None,
                    section=r.section,
                    source_text=r.source_text,
                    source_line=r.source_line,
                    source_url=r.source_url,
                    fingerprint=r.fingerprint,
                    carried_over=r.carried_over,
                    created_at=aware(r.created_at),
                    updated_at=aware(r.updated_at),
                    closed_at=aware(r.closed_at),
                    snoozed_until=r.snoozed_until,
                    edited=frozenset(r.edited),
                    notes=tuple(notes.get(r.id, ())),
                    similar_to=r.similar_to,
                )
            )
        return out


def _meeting(row: MeetingRow) -> MeetingRecord:
    assert row.id is not None
    return MeetingRecord(
        id=row.id,
        source=row.source,
        title=row.title,
        meeting_date=row.meeting_date,
        timezone=row.timezone,
        url=row.url,
        minutes_hash=row.minutes_hash,
        indico_id=row.indico_id,
        starts_at=aware(row.starts_at),
        cancelled=row.cancelled,
    )


def _column_value(value: Any) -> Any:
    if isinstance(value, Status | Review | Precision):
        return value.value
    if isinstance(value, datetime):
        return utc(value)
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)

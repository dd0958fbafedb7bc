"""Meetings and people in the database."""

from __future__ import annotations

from datetime import datetime
from typing import Unpack

from sqlmodel import col, select

from wp2bot.adapters.storage.database import Database, aware, username_key, utc
from wp2bot.adapters.storage.tables import MeetingRow, PersonRow
from wp2bot.ports.actions import NotFound
from wp2bot.ports.meetings import MeetingFields, MeetingRecord
from wp2bot.ports.people import PersonFields


class MeetingStore(Database):
    """Meetings keyed by their source, and the people known by full name."""

    def upsert_meeting(
        self, source: str, **fields: Unpack[MeetingFields]
    ) -> tuple[MeetingRecord, str | None]:
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
    def upsert_person(self, name: str, **fields: Unpack[PersonFields]) -> None:
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

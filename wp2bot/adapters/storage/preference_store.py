"""People's reminder preferences (timezone, the round-table entry their DMs answer), away
periods and mutes, and sites' declared downtimes; each public method is one transaction."""

from __future__ import annotations

from collections import defaultdict
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TypedDict, Unpack

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from wp2bot.adapters.storage.database import transaction
from wp2bot.adapters.storage.database import utc as _utc
from wp2bot.adapters.storage.rhythm_tables import AwayRow, DowntimeRow, MuteRow, PersonPrefRow
from wp2bot.domain.calendar import Period
from wp2bot.ports.downtimes import Downtime


class _PrefFields(TypedDict, total=False):
    timezone: str | None
    timezone_source: str
    replying_entry: int | None


class PreferenceStore:
    """Preferences, away periods, mutes and downtimes (part of ``RhythmStore``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def session(self) -> AbstractContextManager[Session]:
        """A session committed on success and rolled back on error."""
        return transaction(self.engine)

    def timezones(self) -> dict[str, str]:
        """Stored timezones by lower-case username ("" when a profile had none to give)."""
        with self.session() as s:
            rows = s.exec(select(PersonPrefRow).where(PersonPrefRow.timezone_source != ""))
            return {r.username: r.timezone or "" for r in rows}

    def set_timezone(self, username: str, zone: str | None, source: str, at: datetime) -> None:
        """Remember a person's timezone and where it came from."""
        self._pref(username, at, timezone=zone, timezone_source=source)

    def replying_entry(self, username: str) -> int | None:
        """The round-table entry the person's next written DM answers, if they chose one."""
        with self.session() as s:
            row = s.get(PersonPrefRow, username.lower())
            return row.replying_entry if row else None

    def set_replying(self, username: str, entry_id: int | None, at: datetime) -> None:
        """Set (or clear) the entry the person's next written DM answers."""
        self._pref(username, at, replying_entry=entry_id)

    def _pref(self, username: str, at: datetime, **fields: Unpack[_PrefFields]) -> None:
        with self.session() as s:
            key = username.lower()
            row = s.get(PersonPrefRow, key) or PersonPrefRow(username=key)
            for name, value in fields.items():
                setattr(row, name, value)
            row.updated_at = _utc(at)
            s.add(row)

    def add_away(self, username: str, period: Period, at: datetime) -> None:
        """Record an away period."""
        with self.session() as s:
            s.add(
                AwayRow(
                    username=username.lower(),
                    start=period.start,
                    end=period.end,
                    created_at=_utc(at),
                )
            )

    def clear_away(self, username: str) -> int:
        """Forget a person's away periods; returns how many there were."""
        with self.session() as s:
            rows = list(s.exec(select(AwayRow).where(AwayRow.username == username.lower())))
            for row in rows:
                s.delete(row)
            return len(rows)

    def away_periods(self, until_after: date) -> dict[str, list[Period]]:
        """Away periods that have not ended before ``until_after``, by username."""
        out: dict[str, list[Period]] = defaultdict(list)
        with self.session() as s:
            for r in s.exec(select(AwayRow).where(col(AwayRow.end) >= until_after)):
                out[r.username].append(Period(r.start, r.end))
        return dict(out)

    def mute(self, username: str, action_id: int, at: datetime) -> bool:
        """No more reminders of ``action_id`` for ``username``; False when already muted."""
        try:
            with self.session() as s:
                s.add(MuteRow(username=username.lower(), action_id=action_id, created_at=_utc(at)))
        except IntegrityError:
            return False
        return True

    def unmute(self, username: str, action_id: int) -> bool:
        """Reminders again; False when it was not muted."""
        with self.session() as s:
            row = s.exec(
                select(MuteRow).where(
                    MuteRow.username == username.lower(), MuteRow.action_id == action_id
                )
            ).first()
            if row is None:
                return False
            s.delete(row)
            return True

    def mutes(self) -> set[tuple[int, str]]:
        """Every (action, username) muted."""
        with self.session() as s:
            return {(r.action_id, r.username) for r in s.exec(select(MuteRow))}

    # ---------------------------------------------------------------- site downtimes
    def add_downtime(
        self, site: str, start: datetime, end: datetime, *, reason: str, who: str, at: datetime
    ) -> Downtime:
        """Declare a downtime of ``site``."""
        with self.session() as s:
            row = DowntimeRow(
                site=site,
                starts_at=_utc(start),
                ends_at=_utc(end),
                reason=reason,
                created_by=who,
                created_at=_utc(at),
            )
            s.add(row)
            s.flush()
            assert row.id is not None
            return Downtime(row.id, site, _utc(start), _utc(end), reason)

    def downtimes(self, ending_after: datetime) -> list[Downtime]:
        """Downtimes that end after ``ending_after``, soonest first."""
        with self.session() as s:
            rows = s.exec(
                select(DowntimeRow)
                .where(col(DowntimeRow.ends_at) > _utc(ending_after))
                .order_by(col(DowntimeRow.starts_at))
            )
            return [
                Downtime(r.id or 0, r.site, _utc(r.starts_at), _utc(r.ends_at), r.reason)
                for r in rows
            ]

"""The only place that reads the time: a Clock protocol, the system clock and a frozen clock."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

UTC = dt.UTC


class Clock(Protocol):
    """Tells the current time as an aware UTC datetime."""

    def now(self) -> dt.datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> dt.datetime:
        """The current instant from the operating system."""
        return dt.datetime.now(UTC)  # noqa: TID251 - this is the one sanctioned reader of the time


class FrozenClock:
    """A clock that only moves when told to: for tests and for ``--at``."""

    def __init__(self, at: dt.datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self._at = at.astimezone(UTC)

    def now(self) -> dt.datetime:
        """The frozen instant."""
        return self._at

    def set(self, at: dt.datetime) -> None:
        """Jump to another instant (aware)."""
        if at.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self._at = at.astimezone(UTC)

    def advance(self, delta: dt.timedelta) -> None:
        """Move forward by ``delta``."""
        self._at = self._at + delta


def parse_at(value: str, zone: str) -> dt.datetime:
    """The one ``--at`` parser: an ISO date-time, in ``zone`` (the meeting's) when it has none.

    ``ValueError`` names the value when it is not an ISO date-time.
    """
    try:
        at = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"--at {value!r}: expected an ISO date-time") from None
    if at.tzinfo:
        return at
    # only --at needs zoneinfo, whose search for the zone files (sysconfig) costs milliseconds
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    return at.replace(tzinfo=ZoneInfo(zone))


def clock_at(value: str | None, zone: str) -> Clock:
    """The system clock, or a clock frozen at ``--at`` (see ``parse_at``)."""
    return FrozenClock(parse_at(value, zone)) if value else SystemClock()

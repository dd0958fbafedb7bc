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

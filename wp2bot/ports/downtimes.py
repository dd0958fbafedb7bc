"""Site downtimes declared in chat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Downtime:
    """A declared downtime of a site."""

    id: int
    site: str
    starts_at: datetime
    ends_at: datetime
    reason: str = ""


class Downtimes(Protocol):
    """Declare and list site downtimes."""

    def add_downtime(
        self, site: str, start: datetime, end: datetime, *, reason: str, who: str, at: datetime
    ) -> Downtime:
        """Store a declared downtime."""
        ...

    def downtimes(self, ending_after: datetime) -> list[Downtime]:
        """Downtimes that end after ``ending_after``, soonest first."""
        ...

"""The full-text index services search and keep up to date."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from wp2bot.domain.search import Hit, SearchDoc, SearchQuery


class SearchIndex(Protocol):
    """The full-text index (the storage adapter's ``SearchStore``)."""

    def sync(self) -> int:
        """Bring the index up to date with what changed; returns the rows read."""
        ...

    def search(self, query: SearchQuery) -> list[Hit]:
        """The best hits, best first."""
        ...

    def replace_minutes(self, meeting_id: int, docs: Sequence[SearchDoc]) -> None:
        """The meeting's minutes lines become ``docs``."""
        ...


class MinutesIndex(Protocol):
    """What ingest needs of the index: keep a meeting's minutes text searchable."""

    def replace_minutes(self, meeting_id: int, docs: Sequence[SearchDoc]) -> None:
        """The meeting's minutes lines become ``docs``."""
        ...

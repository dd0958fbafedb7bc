"""Search the series: every action, note, history entry, round-table answer and minutes line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from wp2bot.domain.models import Document, Line
from wp2bot.domain.search import Hit, SearchDoc, SearchQuery, minutes_docs, parse_query


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


class SearchService:
    """Parses what people type, brings the index up to date and runs the query."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    def search(self, text: str, *, limit: int = 10) -> tuple[SearchQuery, list[Hit]]:
        """The query ``text`` means and its hits; raises ``SearchError`` for a bad query."""
        query = parse_query(text, limit=limit)
        self.index.sync()
        return query, self.index.search(query)


def index_minutes(
    index: MinutesIndex,
    meeting_id: int,
    document: Document,
    *,
    at: datetime | None,
    url: str | None,
) -> int:
    """Make the meeting's minutes searchable line by line; returns the lines indexed."""
    titles = [s.title for s in document.sections]
    lines = [
        (line.number, " | ".join(line.cells) if line.cells else line.text, _title(titles, line))
        for line in document.lines
    ]
    docs = minutes_docs(meeting_id, lines, at=at, url=url)
    index.replace_minutes(meeting_id, docs)
    return len(docs)


def _title(titles: list[str], line: Line) -> str:
    return titles[line.section] if 0 <= line.section < len(titles) else ""

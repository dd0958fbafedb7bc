"""Search the series: every action, note, history entry, round-table answer and minutes line."""

from __future__ import annotations

from datetime import datetime

from wp2bot.domain.models import Document, Line
from wp2bot.domain.search import Hit, SearchQuery, minutes_docs, parse_query
from wp2bot.ports.search import MinutesIndex, SearchIndex


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

"""The tables of search: the index (``search_doc``) and how far each source is indexed.

The index's rows and the domain's ``SearchDoc`` convert into one another here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from wp2bot.adapters.storage.database import aware, utc
from wp2bot.domain.search import HitKind, SearchDoc


class SearchDocRow(SQLModel, table=True):
    """One searchable text: an action, a note, a history entry, an answer or a minutes line."""

    __tablename__ = "search_doc"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    key: str
    text: str
    at: datetime | None = Field(default=None, index=True)
    action_id: int | None = None
    meeting_id: int | None = Field(default=None, index=True)
    line: int | None = None
    entities: str = ""
    owners: str = ""
    url: str | None = None


class SearchMarkRow(SQLModel, table=True):
    """How far ``sync`` has read one source: the newest time (or id) it indexed."""

    __tablename__ = "search_mark"

    source: str = Field(primary_key=True)
    mark_at: datetime | None = None
    mark_id: int = 0
    # what the rows from LOOKBACK before the mark looked like when last read: "start|count|
    # sum of ids|newest" — the same again means nothing there changed and the read is skipped
    window: str = ""


def doc_fields(d: SearchDoc) -> dict[str, Any]:
    return {
        "kind": d.kind.value,
        "key": d.key,
        "text": d.text,
        "at": utc(d.at) if d.at else None,
        "action_id": d.action_id,
        "meeting_id": d.meeting_id,
        "line": d.line,
        "entities": d.entities,
        "owners": d.owners,
        "url": d.url,
    }


def doc_row(d: SearchDoc) -> SearchDocRow:
    return SearchDocRow(**doc_fields(d))


def row_doc(r: Any) -> SearchDoc:
    """The doc of a ``search_doc`` row (the table's row or an answer row with its columns)."""
    return SearchDoc(
        kind=HitKind(r.kind),
        key=r.key,
        text=r.text,
        at=aware(r.at),
        action_id=r.action_id,
        meeting_id=r.meeting_id,
        line=r.line,
        entities=r.entities,
        owners=r.owners,
        url=r.url,
    )

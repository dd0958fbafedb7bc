"""A meeting's minutes as read from a file or Indico, ready to ingest, and their content hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from wp2bot.domain.models import Document, MeetingContext


@dataclass(frozen=True, slots=True)
class MeetingInput:
    """A meeting's minutes ready to ingest: the parsed document and what is known about it."""

    source: str
    document: Document
    context: MeetingContext
    content_hash: str
    indico_id: str | None = None
    starts_at: datetime | None = None
    category: str | None = None


def content_hash(*parts: str) -> str:
    """A stable hash of the minutes' text, to skip unchanged minutes."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()

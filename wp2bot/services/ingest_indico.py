"""Meetings fetched from Indico turned into minutes to ingest, oldest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from wp2bot.domain.minutes import compose_document
from wp2bot.domain.models import MeetingContext
from wp2bot.ports.meeting_source import FetchedMeeting
from wp2bot.services.ingest import IngestReport, IngestService, MeetingInput, content_hash


def meeting_input(fetched: FetchedMeeting, next_meeting: date | None) -> MeetingInput:
    """Turn an Indico event with its notes into minutes ready to ingest."""
    zone = ZoneInfo(fetched.timezone)
    when = fetched.starts_at.astimezone(zone).date()
    document = compose_document(fetched.title, fetched.parts)
    ctx = MeetingContext(
        meeting_date=when,
        timezone=fetched.timezone,
        participants=fetched.participants,
        next_meeting=next_meeting,
        title=fetched.title,
        url=fetched.url,
    )
    digest = content_hash(*(p.title + "\x01" + p.html for p in fetched.parts), repr(ctx))
    return MeetingInput(
        source=fetched.source,
        document=document,
        context=ctx,
        content_hash=digest,
        indico_id=fetched.indico_id,
        starts_at=fetched.starts_at,
        category=fetched.category,
    )


def ingest_fetched(
    ingest: IngestService, meetings: Sequence[FetchedMeeting], *, force: bool = False
) -> list[IngestReport]:
    """Ingest meetings oldest first, so that carry-over runs forward in time."""
    ordered = sorted(meetings, key=lambda m: m.starts_at)
    reports = []
    for i, fetched in enumerate(ordered):
        nxt = (
            ordered[i + 1].starts_at.astimezone(ZoneInfo(fetched.timezone)).date()
            if (i + 1 < len(ordered))
            else None
        )
        reports.append(ingest.ingest(meeting_input(fetched, nxt), force=force))
    return reports

"""Ingest meetings from Indico: one event, or a category's meetings in a date window."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from wp2bot.adapters.indico import (
    FetchedMeeting,
    IndicoClient,
    IndicoError,
    IndicoUnavailable,
    parse_indico_url,
)
from wp2bot.domain.minutes import compose_document
from wp2bot.domain.models import MeetingContext
from wp2bot.services.ingest import IngestReport, IngestService, MeetingInput, content_hash

if TYPE_CHECKING:
    from wp2bot.app import App


class IndicoIngestError(ConnectionError):
    """Indico could not be read; the message is safe to show (no token).

    ``unreachable`` tells a server that is down, silent or too slow from a refusal or a bad URL.
    """

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


def meeting_input(fetched: FetchedMeeting, next_meeting: date | None) -> MeetingInput:
    """Turn an Indico event with its notes into minutes ready to ingest."""
    zone = ZoneInfo(fetched.timezone)
    when = fetched.starts_at.astimezone(zone).date()
    document = compose_document(fetched.title, fetched.parts)
    ctx = MeetingContext(
        meeting_date=when,
        timezone=fetched.timezone,
        participants=fetched.participants,
        next_meeting=next_meeting or when + timedelta(days=14),
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


def ingest_indico_url(
    app: App,
    url: str,
    *,
    start: date | None = None,
    end: date | None = None,
    force: bool = False,
) -> list[IngestReport]:
    """Ingest an Indico event URL, or a category URL over a date window."""
    try:
        ref = parse_indico_url(url)
    except ValueError as exc:  # urlsplit: a broken IPv6 host, a port that is no number
        raise IndicoIngestError(f"{url}: not a well-formed URL ({exc})") from None
    if ref is None:
        raise IndicoIngestError(f"{url}: not an Indico event or category URL")
    settings = app.settings.indico
    try:
        client = IndicoClient(
            ref.base_url,
            app.secrets.indico_token,
            timeout=settings.timeout,
            retries=settings.retries,
        )
    except IndicoError as exc:
        raise IndicoIngestError(f"{url}: {exc}") from None
    try:
        if ref.kind == "event":
            meetings = [client.event(ref.id)]
        else:
            today = app.clock.now().date()
            meetings = client.category_events(
                ref.id,
                start or today - timedelta(days=settings.lookback_days),
                end or today + timedelta(days=settings.lookahead_days),
            )
    except IndicoError as exc:
        unreachable = isinstance(exc, IndicoUnavailable)
        raise IndicoIngestError(str(exc), unreachable=unreachable) from exc
    finally:
        client.close()
    return ingest_fetched(app.ingest, meetings, force=force)

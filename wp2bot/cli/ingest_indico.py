"""``wp2bot ingest URL``: an Indico event, or a category's meetings in a date window, read with
a client built from the settings and ingested through the App's ingest service."""

from __future__ import annotations

from datetime import date, timedelta

from wp2bot.adapters.indico import IndicoClient, IndicoError, IndicoUnavailable, parse_indico_url
from wp2bot.app import App
from wp2bot.services.ingest import IngestReport
from wp2bot.services.ingest_indico import ingest_fetched


class IndicoIngestError(ConnectionError):
    """Indico could not be read; the message is safe to show (no token).

    ``unreachable`` tells a server that is down, silent or too slow from a refusal or a bad URL.
    """

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


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

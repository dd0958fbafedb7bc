"""Keep the tracked actions in step with Indico: ingest new or changed minutes now and then,
and ask owners to confirm what the minutes propose."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from wp2bot.chat import ChatPort
from wp2bot.clock import Clock
from wp2bot.ports.meeting_source import CategoryReader, SourceError
from wp2bot.services.ingest import IngestService
from wp2bot.services.ingest_indico import ingest_fetched
from wp2bot.services.outbox import Outbox
from wp2bot.services.review import ProposalStore, send_proposals

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SeriesWindow:
    """Which Indico meetings hold the series' minutes: a category around today, or events."""

    category: int | None = None
    events: tuple[int, ...] = ()
    lookback_days: int = 60
    lookahead_days: int = 60


class MinutesWatch:
    """A scheduler job: ingest the series' recent minutes every ``every``, then DM proposals."""

    def __init__(
        self,
        ingest: IngestService,
        store: ProposalStore,
        clock: Clock,
        client: CategoryReader | None,
        chat: ChatPort,
        *,
        window: SeriesWindow,
        timezone: str,
        every: timedelta = timedelta(minutes=15),
        outbox: Outbox | None = None,
    ) -> None:
        self.ingest, self.store, self.clock = ingest, store, clock
        self.client = client
        self.chat = chat
        self.window, self.timezone = window, timezone
        self.outbox = outbox  # delivers the proposals (None: straight through ``chat``)
        self.every = every
        self._last: datetime | None = None

    def tick(self, now: datetime) -> None:
        """Ingest when due (idempotent: unchanged minutes change nothing), then send proposals."""
        if self._due(now):
            self._last = now
            self._ingest(now)
        report = send_proposals(
            self.store, self.chat, self.clock, timezone=self.timezone, outbox=self.outbox
        )
        if report.sent:
            log.info("sent %d proposal(s) to their owners", len(report.sent))

    def _due(self, now: datetime) -> bool:
        s = self.window
        if self.client is None or (s.category is None and not s.events):
            return False
        return self._last is None or now - self._last >= self.every

    def _ingest(self, now: datetime) -> None:
        assert self.client is not None
        s = self.window
        today = now.date()
        try:
            if s.category is not None:
                meetings = self.client.category_events(
                    s.category,
                    today - timedelta(days=s.lookback_days),
                    today + timedelta(days=s.lookahead_days),
                )
            else:
                meetings = [self.client.event(e) for e in s.events]
        except SourceError as exc:
            log.warning("could not read the minutes from Indico: %s", exc)
            return
        for report in ingest_fetched(self.ingest, meetings):
            if not report.skipped:
                log.info("minutes ingested: %s", report.summary())

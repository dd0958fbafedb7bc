"""Keep the tracked actions in step with Indico: ingest new or changed minutes now and then,
and ask owners to confirm what the minutes propose."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from wp2bot.chat import ChatPort
from wp2bot.ports.meeting_source import CategoryReader, SourceError
from wp2bot.services.ingest_indico import ingest_fetched
from wp2bot.services.outbox import Outbox
from wp2bot.services.review import send_proposals

if TYPE_CHECKING:
    from wp2bot.app import App

log = logging.getLogger(__name__)


class MinutesWatch:
    """A scheduler job: ingest the series' recent minutes every ``every``, then DM proposals."""

    def __init__(
        self,
        app: App,
        client: CategoryReader | None,
        chat: ChatPort,
        *,
        every: timedelta = timedelta(minutes=15),
        outbox: Outbox | None = None,
    ) -> None:
        self.app = app
        self.client = client
        self.chat = chat
        self.outbox = outbox  # delivers the proposals (None: straight through ``chat``)
        self.every = every
        self._last: datetime | None = None

    def tick(self, now: datetime) -> None:
        """Ingest when due (idempotent: unchanged minutes change nothing), then send proposals."""
        if self._due(now):
            self._last = now
            self._ingest(now)
        s = self.app.settings
        report = send_proposals(
            self.app.store, self.chat, self.app.clock, timezone=s.meeting.timezone,
            outbox=self.outbox,
        )  # fmt: skip
        if report.sent:
            log.info("sent %d proposal(s) to their owners", len(report.sent))

    def _due(self, now: datetime) -> bool:
        s = self.app.settings.indico
        if self.client is None or (s.category is None and not s.events):
            return False
        return self._last is None or now - self._last >= self.every

    def _ingest(self, now: datetime) -> None:
        assert self.client is not None
        s = self.app.settings.indico
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
        for report in ingest_fetched(self.app, meetings):
            if not report.skipped:
                log.info("minutes ingested: %s", report.summary())

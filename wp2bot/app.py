"""Composition root: settings -> clients -> adapters -> services. Nothing else wires things.

``build(settings, env, clock)`` gives the App; ``App.services(chat)`` the command dispatcher
with the configured reminder, round-table and summary policies and live status from the
endpoints file. ``wp2bot run`` hands it the Mattermost bot as chat, the console its terminal
(no chat at all), so the console is the bot with only the transport different. The parts it
wires (live status, rhythm, dispatcher) are built by ``wp2bot.part_builders``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from wp2bot.adapters.community_file import load_roster
from wp2bot.adapters.storage import Store
from wp2bot.clock import Clock, SystemClock
from wp2bot.config import Secrets, Settings, load_secrets
from wp2bot.domain.models import Roster
from wp2bot.part_builders import build_dispatcher, build_live_status, build_rhythm

# Imported when wiring runs: the CLI's --help and database-only commands load none of these.
if TYPE_CHECKING:
    from prometheus_client import CollectorRegistry

    from wp2bot.chat import Accounts, ChatPort, Dispatcher
    from wp2bot.ports.meeting_source import CategoryReader, MeetingSource
    from wp2bot.services.board import Board, BoardLinks
    from wp2bot.services.briefing import BriefingService
    from wp2bot.services.ingest import IngestService
    from wp2bot.services.live_status import LiveStatus
    from wp2bot.services.minutes_watch import MinutesWatch
    from wp2bot.services.outbox import Outbox
    from wp2bot.services.reminder_zones import ProfileSource
    from wp2bot.services.rhythm import RhythmServices
    from wp2bot.services.search import SearchService


@dataclass(frozen=True, slots=True)
class Services:
    """What every transport is given: the dispatcher and the services behind it."""

    dispatcher: Dispatcher
    rhythm: RhythmServices
    live: LiveStatus


BOARD_PORT = 8066  # where `wp2bot board` listens by default


@dataclass
class App:
    """The wired application: what the CLI and the transports use."""

    settings: Settings
    secrets: Secrets
    clock: Clock
    store: Store
    roster: Roster

    @property
    def ingest(self) -> IngestService:
        """The minutes ingest use case."""
        # Imported here: the extractor (and dateparser) load only for commands that ingest.
        from wp2bot.adapters.storage.search_store import SearchStore
        from wp2bot.services.ingest import IngestService

        return IngestService(
            self.store,
            self.clock,
            self.roster,
            minutes_index=SearchStore(self.store.engine, self.store.session),
        )

    def board_links(self) -> BoardLinks | None:
        """Personal board links, signed with the action secret (none without one)."""
        from wp2bot.environment import MIN_ACTION_SECRET
        from wp2bot.services.board import BoardLinks

        secret = self.secrets.action_secret.encode()
        if len(secret) < MIN_ACTION_SECRET:
            return None
        # without a public URL the links point at `wp2bot board` on this machine (its default)
        base = self.settings.http.public_url or f"http://127.0.0.1:{BOARD_PORT}"
        return BoardLinks(base, secret, self.clock)

    def board(self) -> Board:
        """The web board's pages over this database, the endpoints file and the search."""
        from wp2bot.adapters.endpoints_config import load_endpoints
        from wp2bot.adapters.storage.board_reads import (
            BoardProbeReads,
            BoardRecordsStore,
        )
        from wp2bot.adapters.storage.probe_store import ProbeStore
        from wp2bot.adapters.storage.roundtable_store import RoundTableRepository
        from wp2bot.domain.board import Affiliations
        from wp2bot.services.board import Board

        path = self.settings.endpoints_file
        checks = {c.id: c for c in load_endpoints(path).checks} if path.is_file() else {}
        briefing = self.briefing()  # built once; the summary page renders it per request
        return Board(
            BoardRecordsStore(self.store),
            self.clock,
            timezone=self.settings.meeting.timezone,
            known=Affiliations(
                site_of={p.name: p.site for p in self.roster.people if p.site},
                experiments_of={p.name: p.experiments for p in self.roster.people},
                experiments=frozenset(g.name for g in self.roster.groups if g.kind == "experiment"),
            ),
            probes=BoardProbeReads(ProbeStore(self.store.engine), checks),
            search=self.search,
            roundtables=RoundTableRepository(self.store.engine),
            summary=lambda now: briefing.text(now, "markdown"),
        )

    @property
    def search(self) -> SearchService:
        """Search across every meeting of the series."""
        from wp2bot.adapters.storage.search_store import SearchStore
        from wp2bot.services.search import SearchService

        return SearchService(SearchStore(self.store.engine))

    def meeting_source(self, client: CategoryReader | None = None) -> MeetingSource | None:
        """The meeting calendar: an Indico category, an event list or the configured recurrence."""
        from wp2bot.services.meeting_calendar import (
            IndicoEventsSource,
            IndicoSource,
            series_source,
        )

        s = self.settings
        if client is not None and s.indico.category is not None:
            return IndicoSource(client, s.indico.category, s.indico.url)
        if client is not None and s.indico.events:
            return IndicoEventsSource(client, s.indico.events, s.indico.url)
        m = s.meeting
        return series_source(m.recurrence, m.first, m.timezone, m.title)

    def live_status(
        self, *, chat: ChatPort | None, registry: CollectorRegistry, outbox: Outbox | None = None
    ) -> LiveStatus:
        """Live status from the configured endpoints file (no checks when there is none)."""
        from wp2bot.adapters.endpoints_config import load_endpoints
        from wp2bot.domain.health import EndpointsConfig
        from wp2bot.domain.reminders import RosterIndex

        path = self.settings.endpoints_file
        config = load_endpoints(path) if path.is_file() else EndpointsConfig()
        return build_live_status(
            self.store, config, self.clock, chat=chat, index=RosterIndex(self.roster),
            registry=registry, channel=self.settings.mattermost.channel, outbox=outbox,
        )  # fmt: skip

    def rhythm(
        self,
        chat: ChatPort | None,
        *,
        live: LiveStatus | None = None,
        client: CategoryReader | None = None,
        profiles: ProfileSource | None = None,
        outbox: Outbox | None = None,
    ) -> RhythmServices:
        """The calendar, reminders, round-table and summary with the configured policies."""
        from wp2bot.services.rhythm import RhythmOptions

        s = self.settings
        options = RhythmOptions(
            zone=s.meeting.timezone, channel=s.mattermost.channel, chairs=self.chairs,
            source=self.meeting_source(client), reminders=s.reminders, roundtable=s.roundtable,
            summary=s.summary, profiles=profiles, live=live, outbox=outbox,
        )  # fmt: skip
        return build_rhythm(self.store, self.clock, chat, self.roster, options)

    @property
    def chairs(self) -> tuple[str, ...]:
        """The configured chairs."""
        return tuple(self.settings.chairs)

    def services(
        self,
        chat: ChatPort | None,
        registry: CollectorRegistry,
        *,
        chairs: Sequence[str] | None = None,
        client: CategoryReader | None = None,
        profiles: ProfileSource | None = None,
        accounts: Accounts | None = None,
        outbox: Outbox | None = None,
    ) -> Services:
        """The command dispatcher over the configured rhythm, live status and search."""
        live = self.live_status(chat=chat, registry=registry, outbox=outbox)
        rhythm = self.rhythm(chat, live=live, client=client, profiles=profiles, outbox=outbox)
        dispatcher = build_dispatcher(
            self.store, self.clock, chairs=self.chairs if chairs is None else chairs,
            timezone=self.settings.meeting.timezone, roster=self.roster, chat=chat,
            rhythm=rhythm, live=live, accounts=accounts, search=self.search,
            board=self.board_links(),
        )  # fmt: skip
        return Services(dispatcher, rhythm, live)

    def minutes_watch(
        self,
        client: CategoryReader | None,
        chat: ChatPort,
        *,
        every: timedelta = timedelta(minutes=15),
        outbox: Outbox | None = None,
    ) -> MinutesWatch:
        """The job that ingests the configured series' minutes and DMs the proposals."""
        from wp2bot.services.minutes_watch import MinutesWatch, SeriesWindow

        i = self.settings.indico
        window = SeriesWindow(i.category, tuple(i.events), i.lookback_days, i.lookahead_days)
        return MinutesWatch(
            self.ingest, self.store, self.clock, client, chat, window=window,
            timezone=self.settings.meeting.timezone, every=every, outbox=outbox,
        )  # fmt: skip

    def briefing(self) -> BriefingService:
        """The chair's summary over the database and the configured series and policies."""
        return self.rhythm(None).briefing


def build(settings: Settings, env: Mapping[str, str], clock: Clock | None = None) -> App:
    """Open the database (creating its schema when new) and load the roster."""
    return App(
        settings=settings,
        secrets=load_secrets(env),
        clock=clock or SystemClock(),
        store=Store.open(settings.database_url),
        roster=load_roster(settings.community_file),
    )

"""Builders of the application's parts over one database: live status, the rhythm, the
command dispatcher.

The composition root (``wp2bot.app.build``) wires them with the configured policies; tests and
benchmarks build one part on its own over their own store. Each imports what it wires when it
runs, so that loading this module loads no service.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from wp2bot.adapters.storage import Store
from wp2bot.clock import Clock
from wp2bot.domain.models import Roster

if TYPE_CHECKING:
    from prometheus_client import CollectorRegistry

    from wp2bot.chat import Accounts, ChatPort, Dispatcher
    from wp2bot.domain.health import EndpointsConfig
    from wp2bot.domain.reminders import RosterIndex
    from wp2bot.ports.prober import Prober
    from wp2bot.services.board import BoardLinks
    from wp2bot.services.live_status import LiveStatus
    from wp2bot.services.outbox import Outbox
    from wp2bot.services.rhythm import RhythmOptions, RhythmServices
    from wp2bot.services.search import SearchService


def build_live_status(
    store: Store,
    config: EndpointsConfig,
    clock: Clock,
    *,
    chat: ChatPort | None,
    index: RosterIndex,
    registry: CollectorRegistry,
    channel: str = "",
    runner: Prober | None = None,
    k: int = 3,
    outbox: Outbox | None = None,
) -> LiveStatus:
    """Live status over the database's probe history, with the real prober by default."""
    from wp2bot.adapters.probes.metrics import ActionMetrics, ProbeMetrics
    from wp2bot.adapters.probes.registry import ProbeRunner
    from wp2bot.adapters.storage.probe_store import ProbeStore
    from wp2bot.adapters.storage.rhythm_store import RhythmStore
    from wp2bot.services.live_status import LiveStatus
    from wp2bot.services.outbox import local_outbox

    # alarms are delivered by the outbox: by default one posting straight through ``chat``
    outbox = outbox or local_outbox(RhythmStore(store.engine).outbox(), clock, chat)
    probes = ProbeStore(store.engine, k=k)  # also keeps how far the automatic links got
    return LiveStatus(
        store, config, clock, probes=probes, marks=probes,
        downtimes=RhythmStore(store.engine), runner=runner or ProbeRunner(clock),
        metrics=ProbeMetrics(registry), action_metrics=ActionMetrics(registry), chat=chat,
        index=index, channel=channel, k=k, outbox=outbox,
    )  # fmt: skip


def build_rhythm(
    store: Store, clock: Clock, chat: ChatPort | None, roster: Roster, options: RhythmOptions
) -> RhythmServices:
    """Wire the calendar, reminders, round-table and briefing over one database.

    ``options.outbox`` delivers what they send; by default one in the same database posting
    straight through ``chat`` (none without a chat).
    """
    from wp2bot.adapters.storage.rhythm_store import RhythmStore
    from wp2bot.services.outbox import local_outbox
    from wp2bot.services.rhythm import wire_rhythm

    state = RhythmStore(store.engine)
    outbox = options.outbox or local_outbox(state.outbox(), clock, chat, options.chairs)
    return wire_rhythm(store, state, clock, chat, roster, replace(options, outbox=outbox))


def build_dispatcher(
    store: Store,
    clock: Clock,
    *,
    chairs: Sequence[str],
    timezone: str,
    roster: Roster | None = None,
    chat: ChatPort | None = None,
    rhythm: RhythmServices | None = None,
    live: LiveStatus | None = None,
    accounts: Accounts | None = None,
    search: SearchService | None = None,
    board: BoardLinks | None = None,
) -> Dispatcher:
    """The command table over the tracking use cases, the rhythm and live status.

    ``rhythm`` defaults to the rhythm with default policies over the same database; ``live``
    (the probes behind ``link``, ``status`` and every action's status) to none; ``accounts``
    are the chat server's accounts, which @usernames typed as owners must name; ``search`` the
    full-text search behind the ``search`` command.
    """
    from wp2bot.commands.table import CommandDispatcher
    from wp2bot.services.tracking import Tracker

    roster = roster or Roster()
    tracker = Tracker(
        store, clock, chairs=chairs, timezone=timezone, roster=roster, accounts=accounts
    )
    if rhythm is None:
        from wp2bot.services.rhythm import RhythmOptions

        rhythm = build_rhythm(store, clock, chat, roster, RhythmOptions(timezone, chairs=chairs))
    return CommandDispatcher(
        tracker, chat=chat, rhythm=rhythm, live=live, search=search, board=board
    )

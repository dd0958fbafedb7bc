"""``wp2bot run``: wires the Mattermost connection, the HTTP endpoint, the scheduler and the
probes into one process (part of the composition root, next to ``wp2bot.app``).

Only the leader (see ``wp2bot.adapters.leader``) sends reminders, round-table prompts, summaries
and probe alarms; every instance answers commands. SIGTERM stops taking new work, lets the
commands and the scheduled job in flight finish, then exits.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from prometheus_client import CollectorRegistry

from wp2bot.adapters.board import board_routes
from wp2bot.adapters.http_endpoint import EndpointSettings, build_http_app
from wp2bot.adapters.http_server import HttpServer, ListenError
from wp2bot.adapters.indico import IndicoClient
from wp2bot.adapters.leader import Leadership, leadership_for
from wp2bot.adapters.mattermost.address import ServerAddress
from wp2bot.adapters.mattermost.bot import MattermostBot
from wp2bot.adapters.mattermost.bot_settings import BotSettings
from wp2bot.adapters.mattermost.courier import MattermostCourier
from wp2bot.adapters.mattermost.lookups import UserDirectory
from wp2bot.adapters.mattermost.rest import MattermostApiError, MattermostRest
from wp2bot.adapters.scheduler import Job, RhythmScheduler
from wp2bot.adapters.storage.chat_store import ChatStore
from wp2bot.adapters.storage.outbox_store import OutboxStore
from wp2bot.app import App
from wp2bot.chat import Dispatcher, Reply, Request
from wp2bot.commands import button_command
from wp2bot.domain.outbox import OutboxPolicy
from wp2bot.environment import ACTION_SECRET_ERROR, MIN_ACTION_SECRET
from wp2bot.services.live_status import LiveStatus
from wp2bot.services.outbox import Outbox

log = logging.getLogger(__name__)
STOP_GRACE = 6.0  # seconds a scheduled job may take to finish after SIGTERM


class RunError(RuntimeError):
    """The configuration does not allow ``run`` to start; the message says what is missing."""


class LateDispatcher:
    """Stands in for the dispatcher until it exists (the dispatcher needs the bot as ChatPort)."""

    def __init__(self) -> None:
        self.target: Dispatcher | None = None

    def dispatch(self, request: Request) -> Reply:
        """Forward to the real dispatcher."""
        if self.target is None:
            return Reply("I am still starting; please try again in a moment.", ok=False)
        return self.target.dispatch(request)


class MattermostProfiles:
    """People's timezones from their Mattermost profiles (the bot's remembered look-ups)."""

    def __init__(self, directory: UserDirectory) -> None:
        self.directory = directory

    def timezone_of(self, username: str) -> str | None:
        """The effective IANA zone of ``username``, or None when unknown."""
        try:
            return self.directory.by_username(username).timezone or None
        except MattermostApiError:
            return None


def gated(jobs: Sequence[Job], leader: Leadership) -> list[Job]:
    """Jobs that run only while this instance leads (asked before each job)."""

    def wrap(tick: Callable[[datetime], object]) -> Callable[[datetime], object]:
        def run(now: datetime) -> object:
            return tick(now) if leader.poll() else None

        return run

    return [(name, wrap(tick)) for name, tick in jobs]


@dataclass
class Runtime:
    """Everything ``run`` starts and stops."""

    bot: MattermostBot
    http: HttpServer
    scheduler: RhythmScheduler
    live: LiveStatus
    leader: Leadership
    indico: IndicoClient | None
    outbox: Outbox
    rest: MattermostRest


def build_runtime(app: App) -> Runtime:
    """Wire the long-running parts from the settings; ``RunError`` names what is missing."""
    s, secrets = app.settings, app.secrets
    missing = [name for name, value in (
        ("mattermost.url", s.mattermost.url), ("mattermost.team", s.mattermost.team),
        ("WP2BOT_MATTERMOST_TOKEN", secrets.mattermost_token),
    ) if not value]  # fmt: skip
    if missing:
        raise RunError("run needs " + ", ".join(missing) + " (see `wp2bot config check`)")
    signing = secrets.action_secret.encode()
    if len(signing) < MIN_ACTION_SECRET:  # `run` checks first; this guards other callers
        raise RunError(ACTION_SECRET_ERROR)
    address = ServerAddress.parse(
        s.mattermost.url, ca_file=s.mattermost.ca_file or None, verify=s.mattermost.verify_tls
    )
    rest = MattermostRest(address, secrets.mattermost_token)
    late = LateDispatcher()
    card_posts = ChatStore(app.store.engine, app.clock)
    bot = MattermostBot(
        rest, late,
        BotSettings(team=s.mattermost.team, action_url=s.mattermost.action_url,
                    signing_secret=signing,
                    answer_lease=timedelta(seconds=s.answer_lease_seconds)),
        address=address, token=secrets.mattermost_token, posts=card_posts, clock=app.clock,
        cursors=card_posts, answers=card_posts,
    )  # fmt: skip
    indico = (
        IndicoClient(
            s.indico.url, secrets.indico_token, timeout=s.indico.timeout, retries=s.indico.retries
        )
        if s.indico.url
        else None
    )
    outbox = Outbox(
        OutboxStore(app.store.engine), MattermostCourier(bot, rest), app.clock,
        policy=OutboxPolicy(lease=timedelta(seconds=s.outbox_lease_seconds)), chairs=s.chairs,
        workers=s.outbox_workers,
    )  # fmt: skip
    registry = CollectorRegistry()
    wired = app.services(
        bot,
        registry,
        client=indico,
        profiles=MattermostProfiles(bot.directory),
        accounts=bot,
        outbox=outbox,
    )
    live, rhythm = wired.live, wired.rhythm
    late.target = wired.dispatcher
    leader = leadership_for(app.store.engine, s.database_url)
    minutes = app.minutes_watch(indico, bot, outbox=outbox)
    jobs = [("minutes", minutes.tick), *rhythm.jobs(), ("probes", live.tick)]
    scheduler = RhythmScheduler(
        gated(jobs, leader), app.clock, every=timedelta(seconds=s.scheduler_seconds)
    )
    http_app = build_http_app(
        late, EndpointSettings(secrets.slash_token, signing, s.mattermost.action_url,
                               site_url=s.mattermost.url, site_tls=address.ssl_context()),
        registry=registry, ready=lambda: bot.ready, button_command=button_command,
        posts=card_posts, clock=app.clock,
        extra=board_routes(app.board(), signing, app.clock), clicks=bot,
    )  # fmt: skip
    return Runtime(
        bot, HttpServer(http_app, s.http.host, s.http.port), scheduler, live, leader, indico,
        outbox, rest,
    )  # fmt: skip


def freeze_startup_heap() -> None:
    """Take what start-up made (modules, the wiring, the roster, the command table) out of the
    garbage collector's walks: once collected and frozen, a full collection visits only what
    was allocated since. Without it each full collection walks every object of the process
    (about 130,000, 30 ms here) and lands on whichever command happened to trigger it."""
    gc.collect()
    gc.freeze()


async def serve(runtime: Runtime) -> int:
    """Run until SIGTERM/SIGINT or a fatal error; returns the process exit status.

    ``RunError`` when the HTTP endpoint cannot listen on its address.
    """
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    pending: set[asyncio.Task[None]] = set()

    def request_stop() -> None:
        if not stopping.is_set():
            log.info("stopping: finishing work in flight, unsent messages stay in the outbox")
            stopping.set()
            runtime.outbox.stop()  # the message in flight is finished, the rest parked
            runtime.rest.stop_waiting()  # no call sleeps through the grace: retries end now
            task = loop.create_task(runtime.bot.stop())
            pending.add(task)
            task.add_done_callback(pending.discard)

    try:
        port = await runtime.http.start()
    except ListenError as exc:  # another process holds the port: nothing has started yet
        runtime.leader.release()
        if runtime.indico is not None:
            runtime.indico.close()
        raise RunError(str(exc)) from None
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, request_stop)
    log.info("HTTP endpoint listening on port %d", port)
    runtime.scheduler.start()
    try:
        return await runtime.bot.run()
    finally:
        # A job in flight gets a few seconds to finish (the outbox stops claiming and the
        # REST calls stop waiting); one that is still busy after them (a sweep over a very
        # large database) is left: it commits in transactions, so a restart redoes the rest.
        finished = await asyncio.to_thread(runtime.scheduler.shutdown_within, STOP_GRACE)
        await runtime.http.stop()
        if finished:
            # With a job still sending, the role is kept until the process is gone (the
            # server drops the lock with the connection, the kernel the file lock), so no
            # other instance leads while this one may still send.
            runtime.leader.release()
        if runtime.indico is not None:
            runtime.indico.close()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
        if not finished:
            log.warning("a scheduled job was still running %.0f s after the stop; exiting "
                        "without it (unsent messages stay in the outbox)", STOP_GRACE)  # fmt: skip
            logging.shutdown()
            os._exit(0)  # its thread would otherwise hold the interpreter's exit

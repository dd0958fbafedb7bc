"""Posts with several cards (a reminder digest) against the fake: each button acts on its card."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry

from tests.fakes.mattermost.fixtures import SECRET, RunningBot, World, running_world, start_bot
from tests.integration.test_mattermost_bot import bot_posts, wait_for
from tests.integration.test_mattermost_http_endpoint import free_port
from wp2bot.adapters.http_endpoint import EndpointSettings, HttpServer, build_http_app
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.chat_store import ChatStore
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.chat import Dispatcher, Reply, Request
from wp2bot.clock import FrozenClock
from wp2bot.commands import button_command
from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterPerson, Status
from wp2bot.domain.reminders import RosterIndex
from wp2bot.domain.tracking import Review
from wp2bot.part_builders import build_dispatcher
from wp2bot.services.reminding import ReminderService

NOW = datetime(2025, 3, 12, 10, 0, tzinfo=UTC)  # a Wednesday morning in Zurich
ROSTER = Roster(people=(RosterPerson("Alice Smith", username="alice"),))
TEXTS = ("renew the host certificates", "rerun the transfer tests", "send the disk report")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A SQLite store with three overdue actions of alice."""
    opened = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    alice = Owner("Alice Smith", "Alice Smith", OwnerKind.PERSON, username="alice")
    for text in TEXTS:
        opened.create_action(
            text=text, owners=[alice], at=NOW - timedelta(days=20), who="chair", via="cli",
            review=Review.ACCEPTED, due=date(2025, 3, 3),
        )  # fmt: skip
    yield opened
    opened.close()


@dataclass
class Served:
    """The fake, the bot, its HTTP endpoint and the store behind them."""

    world: World
    store: Store
    running: RunningBot
    server: HttpServer
    clock: FrozenClock


@dataclass
class Slow:
    """The command table, taking ``seconds`` longer for every command (a busy database)."""

    inner: Dispatcher
    seconds: float

    def dispatch(self, request: Request) -> Reply:
        time.sleep(self.seconds)  # in a worker thread, as every dispatch runs
        return self.inner.dispatch(request)


@asynccontextmanager
async def serving(store: Store, slow: float = 0.0) -> AsyncIterator[Served]:
    """wp2bot's bot and endpoint on the real command table, sharing the card posts' store.

    With ``slow``, each command takes that long, past the endpoint's click deadline (0.3 s),
    and the fake server gives up on an integration after 5 s (room for a busy machine).
    """
    async with running_world() as world:
        clock = FrozenClock(NOW)
        dispatcher: Dispatcher = build_dispatcher(
            store, clock, chairs=["chair"], timezone="Europe/Zurich", roster=ROSTER
        )
        if slow:
            dispatcher = Slow(dispatcher, slow)
            world.fake.integration_timeout = 5.0
        posts = ChatStore(store.engine, clock)
        port = free_port()
        action_url = f"http://127.0.0.1:{port}/mattermost/actions"
        running = await start_bot(world, dispatcher, action_url=action_url, posts=posts)
        app = build_http_app(
            dispatcher,
            EndpointSettings("slash-token", SECRET, action_url, click_deadline=0.3),
            registry=CollectorRegistry(),
            ready=lambda: True,
            button_command=button_command,
            posts=posts,
            clock=clock,
            clicks=running.bot,
        )
        server = HttpServer(app, port=port)
        await server.start()
        yield Served(world, store, running, server, clock)
        assert await running.stop() == 0
        await server.stop()


@pytest.fixture
async def served(store: Store) -> AsyncIterator[Served]:
    """The bot and endpoint answering at once."""
    async with serving(store) as started:
        yield started


async def _digest(served: Served) -> dict[str, object]:
    world = served.world
    service = ReminderService(
        served.store, RhythmStore(served.store.engine), served.clock, served.running.bot,
        RosterIndex(ROSTER), zone="Europe/Zurich",
    )  # fmt: skip
    report = await asyncio.to_thread(service.tick, NOW)
    assert report.sent == (("alice", 3),)
    dm = world.fake.direct_channel(world.alice["id"], world.bot["id"])
    await wait_for(lambda: len(bot_posts(world, dm["id"])) == 1)
    return bot_posts(world, dm["id"])[0]


def _action_ids(post: dict[str, object]) -> list[list[str]]:
    props = post["props"]
    assert isinstance(props, dict)
    return [[a["id"] for a in att.get("actions") or []] for att in props["attachments"]]


async def test_a_click_on_the_second_card_of_a_digest_closes_the_second_item(
    served: Served,
) -> None:
    world = served.world
    digest = await _digest(served)
    ids = [a.id for a in served.store.actions()]
    before = _action_ids(digest)
    assert len(before) == 3
    flat = [i for card in before for i in card]
    assert len(flat) == len(set(flat))  # unique within the post: the server takes the first

    status, body = await world.fake.click(str(digest["id"]), before[1][0], world.alice)
    assert status == 200, body
    assert served.store.action(ids[1]).status is Status.DONE
    assert served.store.action(ids[0]).status is Status.OPEN
    assert served.store.action(ids[2]).status is Status.OPEN

    after = world.fake.state.posts[str(digest["id"])]
    assert after["message"] == digest["message"]  # the digest's text stays
    now_ids = _action_ids(after)
    assert now_ids[0] == before[0]
    assert now_ids[2] == before[2]
    assert now_ids[1] != before[1]  # the closed item's card now offers Reopen
    for attachment in after["props"]["attachments"]:
        for action in attachment.get("actions") or []:
            assert action["integration"]["url"].endswith("/mattermost/actions")

    # the third card still closes the third item, not the first
    status, _ = await world.fake.click(str(digest["id"]), before[2][0], world.alice)
    assert status == 200
    assert served.store.action(ids[2]).status is Status.DONE
    assert served.store.action(ids[0]).status is Status.OPEN


async def test_a_digest_button_counts_only_for_its_recipient(served: Served) -> None:
    world = served.world
    digest = await _digest(served)
    first = served.store.actions()[0].id
    done = _action_ids(digest)[0][0]
    status, body = await world.fake.click(str(digest["id"]), done, world.bob)
    assert status == 200
    assert "update" not in body
    assert "not valid here" in body["ephemeral_text"]
    assert served.store.action(first).status is Status.OPEN


async def test_a_slow_click_is_answered_at_once_and_its_card_updated_later(
    store: Store,
) -> None:
    async with serving(store, slow=0.5) as slow:
        world = slow.world
        digest = await _digest(slow)
        ids = [a.id for a in store.actions()]
        before = _action_ids(digest)
        status, body = await world.fake.click(str(digest["id"]), before[1][0], world.alice)
        assert status == 200, body  # answered before the server's timeout
        assert "update" not in body
        assert "Still working" in body["ephemeral_text"]
        stored = world.fake.state.posts[str(digest["id"])]
        await wait_for(lambda: _action_ids(stored)[1] != before[1])  # updated by REST
        assert store.action(ids[1]).status is Status.DONE
        assert _action_ids(stored)[0] == before[0]  # the other cards stay
        assert _action_ids(stored)[2] == before[2]
        assert stored["message"] == digest["message"]
        # the reopened card still works, late again, on the second item
        status, _ = await world.fake.click(str(digest["id"]), _action_ids(stored)[1][0],
                                           world.alice)  # fmt: skip
        assert status == 200
        await wait_for(lambda: store.action(ids[1]).status is Status.OPEN)


async def test_the_server_drops_a_click_answered_after_its_timeout(store: Store) -> None:
    async with serving(store, slow=0.5) as slow:
        world = slow.world
        world.fake.integration_timeout = 0.2  # shorter than the endpoint's deadline (0.3 s)
        digest = await _digest(slow)
        before = _action_ids(digest)
        status, body = await world.fake.click(str(digest["id"]), before[0][0], world.alice)
        assert status == 400  # DoPostActionWithCookie: the request's context ran out
        assert body["id"] == "api.post.do_action.action_integration.app_error"
        # the command ran; the server applied nothing, but the late answer updated the card
        stored = world.fake.state.posts[str(digest["id"])]
        await wait_for(lambda: _action_ids(stored)[0] != before[0])

"""The real command table and storage behind the Mattermost transport: a command's whole trip."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry

from tests.fakes.mattermost.fixtures import SECRET, World, running_world, start_bot
from tests.integration.test_mattermost_bot import bot_posts, wait_for
from tests.integration.test_mattermost_http_endpoint import free_port
from wp2bot.adapters.http_endpoint import EndpointSettings, HttpServer, build_http_app
from wp2bot.adapters.storage import Store
from wp2bot.chat import Button, Card, Dispatcher, Reply, Request
from wp2bot.clock import FrozenClock
from wp2bot.commands import button_command
from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterPerson, Status
from wp2bot.domain.tracking import Review
from wp2bot.part_builders import build_dispatcher

NOW = datetime(2025, 3, 12, 10, 0, tzinfo=UTC)
ROSTER = Roster(
    people=(
        RosterPerson("Alice Smith", username="alice"),
        RosterPerson("Bob Jones", username="bob"),
    )
)


@dataclass
class Tracked:
    """A store with two accepted actions owned by alice."""

    store: Store
    first: int
    second: int


@pytest.fixture
def tracked(tmp_path: Path) -> Iterator[Tracked]:
    """A real SQLite store seeded with alice's actions."""
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    meeting, _ = store.upsert_meeting("indico:1", title="WP2", meeting_date=date(2025, 3, 11))
    alice = Owner("Alice Smith", "Alice Smith", OwnerKind.PERSON, username="alice")
    ids = [
        store.create_action(
            text=text,
            owners=[alice],
            at=NOW,
            who="ingest",
            via="cli",
            review=Review.ACCEPTED,
            meeting_id=meeting.id,
        ).id
        for text in ("update the FTS config", "write the QoS report")
    ]
    yield Tracked(store, ids[0], ids[1])
    store.close()


@pytest.fixture
async def world() -> AsyncIterator[World]:
    """The fake Mattermost with a bot, alice, bob and a shared channel."""
    async with running_world() as populated:
        yield populated


async def test_done_closes_the_item_records_history_and_refuses_a_non_owner(
    world: World, tracked: Tracked
) -> None:
    clock = FrozenClock(NOW)
    dispatcher = build_dispatcher(
        tracked.store, clock, chairs=["chair"], timezone="Europe/Zurich", roster=ROSTER
    )
    world.fake.allow_ephemeral(world.bot["id"])
    running = await start_bot(world, dispatcher)
    channel = world.channel["id"]

    asked = world.fake.post_as(world.alice["id"], channel, f"@wp2bot done {tracked.first}")
    await wait_for(lambda: len(bot_posts(world, channel)) == 1)
    reply = bot_posts(world, channel)[0]
    assert reply["root_id"] == asked["id"]
    assert str(tracked.first) in reply["message"]
    assert tracked.store.action(tracked.first).status is Status.DONE
    entry = tracked.store.history(tracked.first)[-1]
    assert (entry.who, entry.via, entry.change, entry.new) == ("alice", "mention", "status", "done")

    world.fake.post_as(world.bob["id"], channel, f"@wp2bot done {tracked.second}")
    await wait_for(lambda: len(world.fake.state.ephemerals) == 1)
    refused_to, refusal = world.fake.state.ephemerals[0]
    assert refused_to == world.bob["id"]
    assert refusal["message"]  # the reason, shown to bob only
    assert tracked.store.action(tracked.second).status is Status.OPEN
    assert len(bot_posts(world, channel)) == 1  # nothing said in the channel for the refusal
    assert await running.stop() == 0


async def test_a_dm_command_is_recorded_as_dm(world: World, tracked: Tracked) -> None:
    dispatcher = build_dispatcher(
        tracked.store, FrozenClock(NOW), chairs=[], timezone="Europe/Zurich", roster=ROSTER
    )
    running = await start_bot(world, dispatcher)
    dm = world.fake.direct_channel(world.alice["id"], world.bot["id"])
    world.fake.post_as(world.alice["id"], dm["id"], f"done {tracked.second} report sent")
    await wait_for(lambda: len(bot_posts(world, dm["id"])) == 1)
    entry = tracked.store.history(tracked.second)[-1]
    assert (entry.who, entry.via, entry.comment) == ("alice", "dm", "report sent")
    assert await running.stop() == 0


async def test_a_signed_button_click_closes_the_item(world: World, tracked: Tracked) -> None:
    dispatcher = build_dispatcher(
        tracked.store, FrozenClock(NOW), chairs=[], timezone="Europe/Zurich", roster=ROSTER
    )
    port = free_port()
    action_url = f"http://127.0.0.1:{port}/mattermost/actions"
    app = build_http_app(
        dispatcher,
        EndpointSettings("slash-token", SECRET, action_url),
        registry=CollectorRegistry(),
        ready=lambda: True,
        button_command=button_command,
    )
    server = HttpServer(app, port=port)
    await server.start()
    running = await start_bot(world, dispatcher, action_url=action_url)
    button = Button(id="done", label="Done", context={"cmd": "done", "id": tracked.first})
    card = Card(title="update the FTS config", buttons=(button,))
    post_id = await asyncio.to_thread(running.bot.post, "actions", "due soon", cards=[card])
    status, body = await world.fake.click(post_id, "c0done", world.alice)
    assert status == 200
    assert "update" in body or "ephemeral_text" in body
    assert tracked.store.action(tracked.first).status is Status.DONE
    entry = tracked.store.history(tracked.first)[-1]
    assert (entry.who, entry.via, entry.new) == ("alice", "button", "done")
    assert await running.stop() == 0
    await server.stop()


class _Late:
    """A dispatcher wired after the bot starts (the bot is also the account directory)."""

    def __init__(self) -> None:
        self.target: Dispatcher | None = None

    def dispatch(self, request: Request) -> Reply:
        assert self.target is not None
        return self.target.dispatch(request)


async def test_assigning_a_mistyped_username_is_refused(world: World, tracked: Tracked) -> None:
    late = _Late()
    running = await start_bot(world, late)
    late.target = build_dispatcher(
        tracked.store,
        FrozenClock(NOW),
        chairs=[],
        timezone="Europe/Zurich",
        roster=Roster(people=(RosterPerson("Alice Smith", username="alice"),)),
        chat=running.bot,
        accounts=running.bot,
    )
    dm = world.fake.direct_channel(world.alice["id"], world.bot["id"])
    world.fake.post_as(world.alice["id"], dm["id"], f"assign {tracked.first} @bobb")
    await wait_for(lambda: len(bot_posts(world, dm["id"])) == 1)
    assert "bobb" in bot_posts(world, dm["id"])[0]["message"]
    assert tracked.store.action(tracked.first).owner_usernames() == ("alice",)
    # bob is not in this roster, but the server has him: he is told by DM
    world.fake.post_as(world.alice["id"], dm["id"], f"assign {tracked.first} @bob")
    await wait_for(lambda: tracked.store.action(tracked.first).owner_usernames() == ("bob",))
    assert await running.stop() == 0

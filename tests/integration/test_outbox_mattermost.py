"""The outbox over the Mattermost courier, against the fake server on loopback: a resend never
shows twice (within the server's 30 s pending-id window and after it), refusals are reported."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.fakes.mattermost.dispatcher import RecordingDispatcher
from tests.fakes.mattermost.fixtures import FAST_RETRY, SECRET, World, make_world
from tests.fakes.mattermost.server import FakeMattermost
from wp2bot.adapters.mattermost.bot import MattermostBot
from wp2bot.adapters.mattermost.bot_settings import BotSettings
from wp2bot.adapters.mattermost.courier import KEY_PROP, MattermostCourier
from wp2bot.adapters.mattermost.rest import MattermostRest
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.outbox_store import OutboxStore
from wp2bot.chat import Button, Card, Outgoing
from wp2bot.clock import FrozenClock
from wp2bot.domain.outbox import OutboxPolicy, OutboxState
from wp2bot.services.outbox import Outbox

NOW = datetime(2026, 6, 3, 9, 0, tzinfo=UTC)
POLICY = OutboxPolicy(lease=timedelta(seconds=20))


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
async def world(clock: FrozenClock) -> AsyncIterator[World]:
    fake = await FakeMattermost(clock=clock).start()
    try:
        yield make_world(fake)
    finally:
        await fake.stop()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path / 'outbox.db'}")
    yield s
    s.close()


def courier_for(world: World) -> tuple[MattermostCourier, MattermostRest]:
    """The courier over a bot that is not connected (sending needs only REST)."""
    rest = MattermostRest(world.address(), world.bot_token, retry=FAST_RETRY)
    settings = BotSettings(team=world.team["name"], action_url="http://127.0.0.1:9/a",
                           signing_secret=SECRET)  # fmt: skip
    bot = MattermostBot(rest, RecordingDispatcher(), settings, address=world.address(),
                        token=world.bot_token)  # fmt: skip
    return MattermostCourier(bot, rest), rest


def digest(user: str) -> Outgoing:
    card = Card(title="#3 Renew the host certificates",
                buttons=(Button("done", "Done", {"cmd": "done", "id": 3}, "primary"),))  # fmt: skip
    return Outgoing(f"digest:{user}:2026-06-03", "digest", user, "Due today: #3", cards=(card,))


def bot_posts(world: World, user: dict[str, str]) -> list[dict[str, object]]:
    channel = world.fake.direct_channel(world.bot["id"], user["id"])["id"]
    return [p for p in world.fake.posts(channel) if p["user_id"] == world.bot["id"]]


async def test_a_resend_within_30_s_is_deduplicated_by_the_server(world: World) -> None:
    courier, rest = courier_for(world)
    try:
        first = await asyncio.to_thread(courier.deliver, digest("alice"))
        again = await asyncio.to_thread(courier.deliver, digest("alice"))
    finally:
        rest.close()
    assert again == first
    [post] = bot_posts(world, world.alice)
    assert post["props"][KEY_PROP] == "digest:alice:2026-06-03"  # type: ignore[index]
    assert post["props"]["attachments"]  # type: ignore[index]


async def test_a_post_never_confirmed_is_found_not_posted_again(
    world: World, store: Store, clock: FrozenClock
) -> None:
    repo = OutboxStore(store.engine)
    repo.add([digest("alice"), digest("bob")], clock.now())
    courier, rest = courier_for(world)
    try:
        # A sender claims alice's digest, posts it and is killed before it confirms.
        claimed = repo.pending()[0]
        assert repo.take(claimed, clock.now() + POLICY.lease, "killed")
        posted = await asyncio.to_thread(courier.deliver, claimed.message)
        # Long after the server's 30 s window, another instance finds the lease run out.
        clock.advance(timedelta(minutes=5))
        outbox = Outbox(repo, courier, clock, policy=POLICY)
        report = await asyncio.to_thread(outbox.deliver)
    finally:
        rest.close()
    assert set(report.sent) == {"digest:alice:2026-06-03", "digest:bob:2026-06-03"}
    assert [p["id"] for p in bot_posts(world, world.alice)] == [posted]
    assert len(bot_posts(world, world.bob)) == 1
    assert {q.message.to: q.post_id for q in repo.messages(OutboxState.SENT)}["alice"] == posted


async def test_a_post_updated_by_a_click_before_the_retry_is_found_by_its_old_version(
    world: World, store: Store, clock: FrozenClock
) -> None:
    repo = OutboxStore(store.engine)
    repo.add([digest("alice")], clock.now())
    courier, rest = courier_for(world)
    try:
        claimed = repo.pending()[0]
        assert repo.take(claimed, clock.now() + POLICY.lease, "killed")
        posted = await asyncio.to_thread(courier.deliver, claimed.message)
        # alice clicks Done: the update replaces the props, and with them the outbox key.
        await asyncio.to_thread(
            rest.patch_post, posted, "Due today: #3 (done)", {"attachments": []}
        )
        clock.advance(timedelta(minutes=5))
        report = await asyncio.to_thread(Outbox(repo, courier, clock, policy=POLICY).deliver)
    finally:
        rest.close()
    assert report.sent == ("digest:alice:2026-06-03",)
    assert [p["id"] for p in bot_posts(world, world.alice)] == [posted]  # not posted again
    assert repo.messages(OutboxState.SENT)[0].post_id == posted  # the post, not its old version


async def test_after_the_window_the_same_pending_id_would_post_twice(world: World) -> None:
    """Why the courier looks before resending: the server only remembers ids for 30 s."""
    courier, rest = courier_for(world)
    try:
        await asyncio.to_thread(courier.deliver, digest("alice"))
        world.fake.clock.advance(timedelta(seconds=31))  # type: ignore[attr-defined]
        await asyncio.to_thread(courier.deliver, digest("alice"))
    finally:
        rest.close()
    assert len(bot_posts(world, world.alice)) == 2


async def test_an_unknown_user_is_reported_to_the_chair_once(
    world: World, store: Store, clock: FrozenClock
) -> None:
    repo = OutboxStore(store.engine)
    repo.add([digest("nobody-here"), digest("alice")], clock.now())
    courier, rest = courier_for(world)
    outbox = Outbox(repo, courier, clock, policy=POLICY, chairs=["bob"])
    try:
        first = await asyncio.to_thread(outbox.deliver)
        clock.advance(timedelta(hours=2))
        second = await asyncio.to_thread(outbox.deliver)
    finally:
        rest.close()
    assert first.undeliverable == ("digest:nobody-here:2026-06-03",)
    assert "digest:alice:2026-06-03" in first.sent
    assert second.sent == second.undeliverable == second.failed == ()
    [report] = [p["message"] for p in bot_posts(world, world.bob)]
    assert "could not deliver 1 message(s)" in str(report)
    assert "nobody-here" in str(report)

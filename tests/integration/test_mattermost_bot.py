"""End to end: people post to the fake Mattermost, the real bot answers through the real driver."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from tests.fakes.mattermost.dispatcher import RecordingDispatcher
from tests.fakes.mattermost.fixtures import World, running_world, start_bot
from tests.fakes.mattermost.state import Json
from tests.fakes.mattermost.tls import ThrowawayCA, make_throwaway_ca


@pytest.fixture
async def world() -> AsyncIterator[World]:
    """The fake Mattermost on http/ws with a bot, alice, bob and a shared channel."""
    async with running_world() as populated:
        yield populated


@pytest.fixture(scope="module")
def test_ca(tmp_path_factory: pytest.TempPathFactory) -> ThrowawayCA:
    """A throw-away CA for the wss tests."""
    return make_throwaway_ca(tmp_path_factory.mktemp("ca"))


async def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll the fake's state until ``condition`` holds (fails the test after ``timeout``)."""
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not met in time")


def bot_posts(world: World, channel_id: str) -> list[Json]:
    """The bot's posts in a channel, oldest first."""
    return [p for p in world.fake.posts(channel_id) if p["user_id"] == world.bot["id"]]


async def test_mention_is_answered_in_the_thread(world: World) -> None:
    dispatcher = RecordingDispatcher()
    running = await start_bot(world, dispatcher)
    asked = world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot done 3")
    await wait_for(lambda: len(bot_posts(world, world.channel["id"])) == 1)
    reply = bot_posts(world, world.channel["id"])[0]
    assert reply["message"] == "done 3"
    assert reply["root_id"] == asked["id"]
    assert reply["props"]["from_bot"] == "true"
    request = dispatcher.requests[0]
    assert (request.text, request.user, request.via) == ("done 3", "alice", "mention")
    assert (request.user_id, request.channel_id) == (world.alice["id"], world.channel["id"])
    assert (request.root_id, request.post_id) == (asked["id"], asked["id"])
    assert await running.stop() == 0

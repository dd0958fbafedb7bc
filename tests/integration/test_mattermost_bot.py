"""End to end: people post to the fake Mattermost, the real bot answers through the real driver."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from tests.fakes.mattermost.dispatcher import RecordingDispatcher
from tests.fakes.mattermost.fixtures import SECRET, World, running_world, start_bot
from tests.fakes.mattermost.state import Json
from tests.fakes.mattermost.tls import ThrowawayCA, make_throwaway_ca
from wp2bot.adapters.mattermost.button_context import verify_context
from wp2bot.adapters.mattermost.websocket import WebsocketOptions
from wp2bot.domain.mentions import ZWJ


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


async def test_reply_inside_a_thread_goes_to_the_thread_root(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher())
    root = world.fake.post_as(world.bob["id"], world.channel["id"], "agenda for today")
    world.fake.post_as(
        world.alice["id"], world.channel["id"], "@wp2bot: done 4", root_id=root["id"]
    )
    await wait_for(lambda: len(bot_posts(world, world.channel["id"])) == 1)
    assert bot_posts(world, world.channel["id"])[0]["root_id"] == root["id"]
    assert await running.stop() == 0


async def test_direct_message_needs_no_mention(world: World) -> None:
    dispatcher = RecordingDispatcher()
    running = await start_bot(world, dispatcher)
    dm = world.fake.direct_channel(world.alice["id"], world.bot["id"])
    world.fake.post_as(world.alice["id"], dm["id"], "done 7")
    await wait_for(lambda: len(bot_posts(world, dm["id"])) == 1)
    assert bot_posts(world, dm["id"])[0]["message"] == "done 7"
    assert dispatcher.requests[0].via == "dm"
    assert await running.stop() == 0


async def test_own_posts_other_chatter_and_system_posts_are_ignored(world: World) -> None:
    dispatcher = RecordingDispatcher()
    running = await start_bot(world, dispatcher)
    channel = world.channel["id"]
    world.fake.post_as(world.bot["id"], channel, "@wp2bot done 1")  # the bot talking to itself
    world.fake.post_as(world.alice["id"], channel, "done 2 without mentioning anyone")
    world.fake.post_as(world.alice["id"], channel, "@all done 3")  # channel-wide, not for the bot
    world.fake.post_as(world.alice["id"], channel, "@wp2bot done 4")
    await wait_for(lambda: len(bot_posts(world, channel)) == 2)
    await asyncio.sleep(0.1)  # give a wrongly handled earlier post the time to show up
    assert [r.text for r in dispatcher.requests] == ["done 4"]
    assert len(bot_posts(world, channel)) == 2  # its own post and the one reply
    assert await running.stop() == 0


async def test_cards_become_attachments_with_signed_integrations(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher())
    world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot card 5")
    await wait_for(lambda: len(bot_posts(world, world.channel["id"])) == 1)
    stored = bot_posts(world, world.channel["id"])[0]
    (attachment,) = stored["props"]["attachments"]
    assert attachment["title"] == "Item 5"
    (action,) = attachment["actions"]
    assert (action["id"], action["type"], action["name"]) == ("c0done", "button", "Done")
    assert action["integration"]["url"] == "http://127.0.0.1:9/mattermost/actions"
    verified = verify_context(action["integration"]["context"], SECRET)
    assert verified is not None
    assert (verified.button, verified.data) == ("done", {"command": "done 5"})
    assert verified.binding.channel == world.channel["id"]
    assert await running.stop() == 0


async def test_echoed_channel_wide_mentions_never_ping(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher())
    world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot echo hi @channel and @ALL")
    await wait_for(lambda: len(bot_posts(world, world.channel["id"])) == 2)
    first, extra = bot_posts(world, world.channel["id"])
    assert first["message"] == f"hi @{ZWJ}channel and @{ZWJ}ALL"
    assert world.fake.state.mentioned(first) == []
    assert extra["message"] == "and one more"
    assert extra["root_id"] == first["root_id"]
    assert await running.stop() == 0


async def test_ephemeral_reply_falls_back_to_a_dm_without_the_permission(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher())
    dm = world.fake.direct_channel(world.alice["id"], world.bot["id"])
    for expected in (1, 2):
        world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot secret")
        await wait_for(lambda n=expected: len(bot_posts(world, dm["id"])) == n)
    assert [p["message"] for p in bot_posts(world, dm["id"])] == ["only you can see this"] * 2
    assert bot_posts(world, world.channel["id"]) == []
    assert world.fake.count("POST", "/api/v4/posts/ephemeral") == 1  # refused once, remembered
    assert await running.stop() == 0


async def test_ephemeral_reply_with_the_permission(world: World) -> None:
    world.fake.allow_ephemeral(world.bot["id"])
    running = await start_bot(world, RecordingDispatcher())
    asked = world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot secret")
    await wait_for(lambda: len(world.fake.state.ephemerals) == 1)
    user_id, post = world.fake.state.ephemerals[0]
    assert user_id == world.alice["id"]
    assert (post["message"], post["root_id"]) == ("only you can see this", asked["id"])
    assert bot_posts(world, world.channel["id"]) == []
    assert await running.stop() == 0


async def test_a_failing_command_gets_an_apology_not_silence(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher())
    world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot boom")
    await wait_for(lambda: len(bot_posts(world, world.channel["id"])) == 1)
    assert "failed on my side" in bot_posts(world, world.channel["id"])[0]["message"]
    assert await running.stop() == 0


async def test_chat_port_post_direct_update(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher())
    port = running.bot
    post_id = await asyncio.to_thread(port.post, "actions", "reminder: @here is defused")
    stored = world.fake.state.posts[post_id]
    assert stored["channel_id"] == world.channel["id"]
    assert stored["message"] == f"reminder: @{ZWJ}here is defused"
    reply_id = await asyncio.to_thread(port.post, world.channel["id"], "in thread", root_id=post_id)
    assert world.fake.state.posts[reply_id]["root_id"] == post_id
    dm_id = await asyncio.to_thread(port.direct, "bob", "your item is due")
    dm = world.fake.state.channels[world.fake.state.posts[dm_id]["channel_id"]]
    assert dm["type"] == "D"
    assert world.bob["id"] in world.fake.state.members[dm["id"]]
    await asyncio.to_thread(port.direct, "@bob", "and another")
    assert world.fake.count("POST", "/api/v4/channels/direct") == 1  # the DM channel is cached
    await asyncio.to_thread(port.update, post_id, "reminder (done)")
    assert world.fake.state.posts[post_id]["message"] == "reminder (done)"
    assert world.fake.state.posts[post_id]["props"]["attachments"] == []
    assert await running.stop() == 0


async def test_over_wss_with_the_test_ca(test_ca: ThrowawayCA) -> None:
    async with running_world(test_ca) as world:
        assert world.fake.url.startswith("https://")
        running = await start_bot(world, RecordingDispatcher())
        assert running.bot.ready
        world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot done 3")
        await wait_for(lambda: len(bot_posts(world, world.channel["id"])) == 1)
        assert bot_posts(world, world.channel["id"])[0]["message"] == "done 3"
        assert await running.stop() == 0


async def test_challenge_authentication(world: World) -> None:
    options = WebsocketOptions(auth="challenge", hello_timeout=1.0, backoff_initial=0.02)
    running = await start_bot(world, RecordingDispatcher(), options=options)
    assert running.bot.ready
    world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot done 8")
    await wait_for(lambda: len(bot_posts(world, world.channel["id"])) == 1)
    upgrade = next(r for r in world.fake.requests if r.path == "/api/v4/websocket")
    assert upgrade.query == {}  # challenge auth cannot resume, so it never asks to
    assert await running.stop() == 0


async def test_user_exists_asks_the_server(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher())
    port = running.bot
    assert await asyncio.to_thread(port.user_exists, "bob") is True
    assert await asyncio.to_thread(port.user_exists, "@alice") is True
    assert await asyncio.to_thread(port.user_exists, "bobb") is False
    assert await running.stop() == 0

"""Faults: dropped websockets, lost events, rate limits, server errors and a rejected token."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest

from tests.fakes.mattermost.dispatcher import RecordingDispatcher
from tests.fakes.mattermost.fixtures import FAST_RETRY, World, running_world, start_bot
from tests.integration.test_mattermost_bot import bot_posts, wait_for
from wp2bot.adapters.mattermost.address import ServerAddress
from wp2bot.adapters.mattermost.bot import EXIT_AUTH
from wp2bot.adapters.mattermost.rest import (
    MattermostAuthError,
    MattermostRest,
    MattermostUnavailable,
)
from wp2bot.adapters.retry import RetryPolicy

WS = "/api/v4/websocket"


@pytest.fixture
async def world() -> AsyncIterator[World]:
    """The fake Mattermost with a bot, alice, bob and a shared channel."""
    async with running_world() as populated:
        yield populated


def answers(world: World) -> list[str]:
    """The bot's answers in the shared channel, oldest first."""
    return [p["message"] for p in bot_posts(world, world.channel["id"])]


async def test_resume_after_a_drop_answers_the_gap_once(world: World) -> None:
    dispatcher = RecordingDispatcher()
    running = await start_bot(world, dispatcher)
    world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot done 1")
    await wait_for(lambda: answers(world) == ["done 1"])
    await world.fake.drop_websockets()
    for item in (2, 3):  # posted while the bot is away
        world.fake.post_as(world.alice["id"], world.channel["id"], f"@wp2bot done {item}")
    await wait_for(lambda: len(answers(world)) == 3)
    await asyncio.sleep(0.1)
    assert sorted(answers(world)) == ["done 1", "done 2", "done 3"]
    assert sorted(r.text for r in dispatcher.requests) == ["done 1", "done 2", "done 3"]
    resumed = [r for r in world.fake.requests if r.path == WS][-1]
    assert set(resumed.query) == {"connection_id", "sequence_number"}
    assert world.fake.count("GET", r"/api/v4/channels/\w+/posts") == 0  # replayed, not re-read
    assert await running.stop() == 0


async def test_fresh_hello_after_a_drop_resyncs_over_rest_once(world: World) -> None:
    dispatcher = RecordingDispatcher()
    running = await start_bot(world, dispatcher)
    dm = world.fake.direct_channel(world.bob["id"], world.bot["id"])
    world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot done 1")
    await wait_for(lambda: answers(world) == ["done 1"])
    await world.fake.drop_websockets(forget=True)  # the server lost our events
    world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot done 2")
    world.fake.post_as(world.bob["id"], dm["id"], "done 3")
    world.fake.post_as(world.alice["id"], world.channel["id"], "no command here")
    await wait_for(lambda: len(answers(world)) == 2 and len(bot_posts(world, dm["id"])) == 1)
    await asyncio.sleep(0.1)
    assert answers(world) == ["done 1", "done 2"]
    assert [p["message"] for p in bot_posts(world, dm["id"])] == ["done 3"]
    assert sorted(r.text for r in dispatcher.requests) == ["done 1", "done 2", "done 3"]
    assert world.fake.count("GET", r"/api/v4/channels/\w+/posts") >= 2  # channel and DM
    assert await running.stop() == 0


async def test_a_seq_gap_reconnects_and_recovers_the_lost_event(world: World) -> None:
    dispatcher = RecordingDispatcher()
    running = await start_bot(world, dispatcher)
    world.fake.skip_seq()
    world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot done 9")
    await wait_for(lambda: answers(world) == ["done 9"])
    await asyncio.sleep(0.1)
    assert answers(world) == ["done 9"]
    assert len([r for r in world.fake.requests if r.path == WS]) == 2
    assert await running.stop() == 0


async def test_rate_limit_waits_for_retry_after(world: World) -> None:
    rest = MattermostRest(world.address(), world.bot_token, retry=FAST_RETRY)
    world.fake.fail_next(1, 429, retry_after=1, path="/api/v4/posts")
    started = time.monotonic()
    post = await asyncio.to_thread(rest.create_post, world.channel["id"], "hello")
    assert time.monotonic() - started >= 1.0
    assert world.fake.count("POST", "/api/v4/posts") == 2
    assert [p["id"] for p in world.fake.posts(world.channel["id"])] == [post.id]
    rest.close()


async def test_server_errors_back_off_then_succeed(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher())
    world.fake.fail_next(2, 503, path="/api/v4/posts")
    world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot done 4")
    await wait_for(lambda: answers(world) == ["done 4"])
    assert world.fake.count("POST", "/api/v4/posts") == 3
    assert await running.stop() == 0


async def test_retries_are_capped(world: World) -> None:
    rest = MattermostRest(world.address(), world.bot_token, retry=FAST_RETRY)
    world.fake.fail_next(10, 500)
    with pytest.raises(MattermostUnavailable):
        await asyncio.to_thread(rest.me)
    assert world.fake.count("GET", "/api/v4/users/me") == FAST_RETRY.attempts
    rest.close()


async def test_an_unreachable_server_is_unavailable_not_a_crash() -> None:
    retry = RetryPolicy(attempts=2, initial=0.01, maximum=0.01)
    rest = MattermostRest(ServerAddress.parse("http://127.0.0.1:9"), "token", retry=retry)
    with pytest.raises(MattermostUnavailable):
        await asyncio.to_thread(rest.me)
    rest.close()


async def test_a_bad_token_is_one_fatal_error(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher(), token="notavalidtokenatall0000000")
    assert await asyncio.wait_for(running.task, 5) == EXIT_AUTH
    assert world.fake.count("GET", "/api/v4/users/me") == 1
    assert len(world.fake.requests) == 1  # no websocket, no retry storm
    running.rest.close()


async def test_a_token_revoked_while_running_stops_the_bot(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher())
    before = len(world.fake.requests)
    world.fake.reject_tokens()
    await world.fake.drop_websockets(forget=True)
    assert await asyncio.wait_for(running.task, 5) == EXIT_AUTH
    after = world.fake.requests[before:]
    assert [r.path for r in after].count(WS) == 1
    assert [r.path for r in after].count("/api/v4/users/me") == 1
    assert len(after) <= 3  # the reconnect, the token check and at most one re-sync call
    running.rest.close()


async def test_rest_reports_a_rejected_token(world: World) -> None:
    rest = MattermostRest(world.address(), "x" * 26, retry=FAST_RETRY)
    with pytest.raises(MattermostAuthError):
        await asyncio.to_thread(rest.me)
    rest.close()


async def test_server_pings_are_answered_and_the_connection_stays(world: World) -> None:
    world.fake.hub.ping_interval = 0.05
    running = await start_bot(world, RecordingDispatcher())
    await asyncio.sleep(0.3)
    world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot done 6")
    await wait_for(lambda: answers(world) == ["done 6"])
    assert len([r for r in world.fake.requests if r.path == WS]) == 1
    assert await running.stop() == 0


async def test_stop_during_backoff_returns_promptly(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher())
    await world.fake.stop()  # the server goes away; the bot keeps retrying
    await asyncio.sleep(0.1)
    assert not running.bot.ready
    assert await running.stop() == 0

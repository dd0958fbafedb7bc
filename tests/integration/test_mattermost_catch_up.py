"""Commands posted while the bot was down are answered once after it starts, within a window."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.fakes.mattermost.dispatcher import RecordingDispatcher
from tests.fakes.mattermost.fixtures import SECRET, World, running_world, start_bot
from tests.integration.test_mattermost_bot import bot_posts, wait_for
from wp2bot.adapters.mattermost.bot_settings import BotSettings
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.chat_store import ChatStore
from wp2bot.chat import ANY_CHANNEL
from wp2bot.clock import SystemClock


@pytest.fixture
def chat_store(tmp_path: Path) -> Iterator[ChatStore]:
    """The bot's cursors in a real SQLite store."""
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    yield ChatStore(store.engine, SystemClock())
    store.close()


@pytest.fixture
async def world() -> AsyncIterator[World]:
    """The fake Mattermost with a bot, alice, bob and a shared channel."""
    async with running_world() as populated:
        yield populated


def _answers(world: World, channel_id: str, asked: dict[str, object]) -> list[dict[str, object]]:
    return [p for p in bot_posts(world, channel_id) if p["root_id"] == asked["id"]]


async def test_a_command_posted_while_the_bot_is_stopped_is_answered_once_after_it_starts(
    world: World, chat_store: ChatStore
) -> None:
    channel = world.channel["id"]
    running = await start_bot(world, RecordingDispatcher(), cursors=chat_store)
    first = world.fake.post_as(world.alice["id"], channel, "@wp2bot done 1")
    await wait_for(lambda: len(_answers(world, channel, first)) == 1)
    assert await running.stop() == 0
    assert chat_store.cursors()[channel] >= first["create_at"]

    while_down = world.fake.post_as(world.alice["id"], channel, "@wp2bot done 2")
    dm = world.fake.direct_channel(world.bob["id"], world.bot["id"])
    in_dm = world.fake.post_as(world.bob["id"], dm["id"], "done 3")  # a channel with no cursor
    running = await start_bot(world, RecordingDispatcher(), cursors=chat_store)
    await wait_for(lambda: len(_answers(world, channel, while_down)) == 1)
    await wait_for(lambda: len(_answers(world, dm["id"], in_dm)) == 1)
    await asyncio.sleep(0.3)  # give a second answer every chance to appear
    assert len(_answers(world, channel, first)) == 1  # answered before: not again
    assert len(_answers(world, channel, while_down)) == 1
    assert await running.stop() == 0

    running = await start_bot(world, RecordingDispatcher(), cursors=chat_store)  # a restart
    await asyncio.sleep(0.5)
    assert len(_answers(world, channel, while_down)) == 1
    assert len(_answers(world, dm["id"], in_dm)) == 1
    assert await running.stop() == 0


async def test_the_first_start_and_old_commands_answer_nothing(
    world: World, chat_store: ChatStore
) -> None:
    channel = world.channel["id"]
    before_ever = world.fake.post_as(world.alice["id"], channel, "@wp2bot done 1")
    running = await start_bot(world, RecordingDispatcher(), cursors=chat_store)
    await wait_for(lambda: ANY_CHANNEL in chat_store.cursors())
    assert await running.stop() == 0
    assert _answers(world, channel, before_ever) == []  # the first start only looks forward

    old = world.fake.post_as(world.alice["id"], channel, "@wp2bot done 2")
    old_ms = int(old["create_at"])
    for stored in world.fake.state.posts.values():  # it was posted long ago
        if stored["id"] == old["id"]:
            stored["create_at"] = stored["update_at"] = old_ms - 3 * 3600 * 1000
    chat_store.advance({channel: old_ms - 4 * 3600 * 1000})  # the bot was down since then
    settings = BotSettings(team=world.team["name"], action_url="", signing_secret=SECRET)
    running = await start_bot(world, RecordingDispatcher(), cursors=chat_store, settings=settings)
    recent = world.fake.post_as(world.alice["id"], channel, "@wp2bot done 3")
    await wait_for(lambda: len(_answers(world, channel, recent)) == 1)
    await asyncio.sleep(0.3)
    assert _answers(world, channel, old) == []  # older than the catch-up window (2 h)
    assert await running.stop() == 0


async def test_one_unreadable_channel_does_not_stop_the_catch_up_of_the_others(
    world: World, chat_store: ChatStore
) -> None:
    channel = world.channel["id"]
    other = world.fake.add_channel(
        world.team, "ops", [world.bot["id"], world.alice["id"]]
    )  # fmt: skip
    running = await start_bot(world, RecordingDispatcher(), cursors=chat_store)
    await wait_for(lambda: ANY_CHANNEL in chat_store.cursors())
    assert await running.stop() == 0
    world.fake.post_as(world.alice["id"], other["id"], "@wp2bot done 5")
    asked = world.fake.post_as(world.alice["id"], channel, "@wp2bot done 6")
    world.fake.fail_next(1, 403, path=f"/api/v4/channels/{other['id']}/posts")
    running = await start_bot(world, RecordingDispatcher(), cursors=chat_store)
    await wait_for(lambda: len(_answers(world, channel, asked)) == 1)
    assert world.fake.faults == []  # the other channel's read did fail
    assert await running.stop() == 0


async def test_a_command_beyond_the_servers_1000_rows_is_still_answered(
    world: World, chat_store: ChatStore
) -> None:
    channel = world.channel["id"]
    running = await start_bot(world, RecordingDispatcher(), cursors=chat_store)
    await wait_for(lambda: ANY_CHANNEL in chat_store.cursors())
    assert await running.stop() == 0
    for n in range(600):
        world.fake.post_as(world.bob["id"], channel, f"chatter {n}")
    asked = world.fake.post_as(world.alice["id"], channel, "@wp2bot done 7")
    for n in range(600):
        world.fake.post_as(world.bob["id"], channel, f"more chatter {n}")
    # The database's order puts the command past the since= answer's 1,000 rows.
    stored = world.fake.state.posts.pop(asked["id"])
    stored["id"] = asked["id"] = "z" * 26
    world.fake.state.posts[stored["id"]] = stored
    running = await start_bot(world, RecordingDispatcher(), cursors=chat_store)
    await wait_for(lambda: len(_answers(world, channel, asked)) == 1)
    assert await running.stop() == 0

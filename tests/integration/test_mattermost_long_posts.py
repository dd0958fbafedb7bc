"""Posts over the server's length limit are delivered in parts, never lost or resent unchanged."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.fakes.mattermost.dispatcher import RecordingDispatcher
from tests.fakes.mattermost.fixtures import World, running_world, start_bot
from tests.fakes.mattermost.mention_parser import MentionParser
from tests.fakes.mattermost.state import ApiError
from tests.integration.test_mattermost_bot import bot_posts, wait_for
from wp2bot.adapters.mattermost.long_posts import MAX_MESSAGE, OLD_MAX_MESSAGE, split_message
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.clock import FrozenClock
from wp2bot.domain.mentions import ZWJ
from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterPerson
from wp2bot.domain.reminder_digest import DIGEST_ITEMS
from wp2bot.domain.reminders import RosterIndex
from wp2bot.domain.tracking import Review
from wp2bot.services.reminding import ReminderService

NOW = datetime(2025, 3, 12, 10, 0, tzinfo=UTC)
ROSTER = Roster(people=(RosterPerson("Alice Smith", username="alice"),))
ITEMS = 120


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A store where alice owns 120 overdue actions with long descriptions (the 40 that a
    digest lists are longer than one post)."""
    opened = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    alice = Owner("Alice Smith", "Alice Smith", OwnerKind.PERSON, username="alice")
    for n in range(ITEMS):
        opened.create_action(
            text=f"task {n}: check the transfer settings of storage pool {n} and write down "
            "what differs from the reference setup, then send the list to the operations team; "
            "compare the pool's transfer timeouts, its number of parallel streams, the "
            "checksum type it reports and the space token it belongs to with the values the "
            "experiments asked for at the last workshop, and note which of them the site "
            "can change without a downtime",
            owners=[alice], at=NOW - timedelta(days=30), who="chair", via="cli",
            review=Review.ACCEPTED, due=date(2025, 3, 1),
        )  # fmt: skip
    yield opened
    opened.close()


@pytest.fixture
async def world() -> AsyncIterator[World]:
    """The fake Mattermost with a bot and alice."""
    async with running_world() as populated:
        yield populated


@pytest.mark.parametrize(("word", "head"), [("@all2", 4), ("@here_desk", 6), ("@channelops", 8)])
def test_a_cut_inside_a_word_never_leaves_a_broadcast(word: str, head: int) -> None:
    # No break to cut at, and a plain cut at the limit would end the first part in "@all",
    # "@here_" or "@channel" after a run of dashes, which the server's parser strips.
    room = MAX_MESSAGE - 40
    text = "-" * (room - head) + word * 4000
    parts = split_message(text)
    assert all(len(p) <= MAX_MESSAGE for p in parts)
    for part in parts:
        parser = MentionParser({})
        parser.process_text(part)
        assert not parser.results.channel_wide, part[-30:]
    assert "".join(p.split("\n\n", 1)[-1] for p in parts).replace(ZWJ, "") == text


def test_split_parts_fit_keep_every_line_and_say_where_they_belong() -> None:
    lines = [f"- item {n} " + "x" * (n % 90) for n in range(2000)]
    text = "\n".join(lines)
    parts = split_message(text)
    assert len(parts) > 1
    assert all(len(p) <= MAX_MESSAGE for p in parts)
    assert parts[1].startswith(f"(continued, part 2 of {len(parts)})")
    joined = "\n".join(p.split("\n\n", 1)[1] if i else p for i, p in enumerate(parts))
    assert joined.splitlines() == lines
    assert split_message("short") == ["short"]
    assert all(len(p) <= 100 for p in split_message("y" * 1000, 100))  # no break to cut at


async def test_a_120_item_digest_is_delivered(world: World, store: Store) -> None:
    running = await start_bot(world, RecordingDispatcher())
    service = ReminderService(
        store, RhythmStore(store.engine), FrozenClock(NOW), running.bot, RosterIndex(ROSTER),
        zone="Europe/Zurich",
    )  # fmt: skip
    report = await asyncio.to_thread(service.tick, NOW)
    assert report.sent == (("alice", ITEMS),)
    dm = world.fake.direct_channel(world.alice["id"], world.bot["id"])
    await wait_for(lambda: len(bot_posts(world, dm["id"])) >= 2)
    posts = bot_posts(world, dm["id"])
    root, *rest = posts
    assert sum(len(p["message"]) for p in posts) > MAX_MESSAGE  # it did need splitting
    assert all(p["root_id"] == root["id"] for p in rest)  # the rest is in the digest's thread
    text = "\n".join(p["message"] for p in posts)
    # the listed items arrived, and the count of the rest
    assert all(f"task {n}:" in text for n in range(DIGEST_ITEMS))
    assert f"… and {ITEMS - DIGEST_ITEMS} more: `actions mine`" in text
    assert root["props"]["attachments"]  # the buttons are on the first part
    assert await running.stop() == 0


async def test_a_server_with_the_old_limit_gets_smaller_parts_not_the_same_post(
    world: World,
) -> None:
    running = await start_bot(world, RecordingDispatcher())
    refused: list[int] = []
    original = world.fake.state.create_post

    def old_server(user_id: str, body: dict[str, object]) -> tuple[dict[str, object], bool]:
        message = body.get("message", "")
        if isinstance(message, str) and len(message) > OLD_MAX_MESSAGE:  # PostMessageMaxRunesV1
            refused.append(len(message))
            raise ApiError(400, "model.post.is_valid.msg.app_error", "Invalid message length.")
        return original(user_id, body)

    world.fake.state.create_post = old_server  # type: ignore[method-assign]
    text = "\n".join(f"line {n} of a long report" for n in range(600))
    post_id = await asyncio.to_thread(running.bot.post, world.channel["id"], text)
    posts = bot_posts(world, world.channel["id"])
    assert posts[0]["id"] == post_id
    assert refused == [len(text)]  # refused once, then never sent unchanged again
    assert all(len(p["message"]) <= OLD_MAX_MESSAGE for p in posts)
    assert all(f"line {n} of" in "\n".join(p["message"] for p in posts) for n in range(600))
    assert await running.stop() == 0

"""Each command post is answered once: across a crash between answer and cursor, and by one of
two instances on one database (claims in ``chat_answer``, answers carrying their command's id)."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.fakes.mattermost.dispatcher import RecordingDispatcher
from tests.fakes.mattermost.fixtures import SECRET, World, running_world, start_bot
from tests.integration.test_mattermost_bot import bot_posts, wait_for
from tests.integration.test_run_process import Proc, env_for, eventually
from wp2bot.adapters.mattermost.answer_parts import REPLY_PROP
from wp2bot.adapters.mattermost.bot_settings import BotSettings
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.chat_store import ANSWERS_KEPT, ChatStore
from wp2bot.chat import ANY_CHANNEL, AnswerClaim, Reply, Request
from wp2bot.clock import SystemClock

STARTUP = 120.0  # seconds a wp2bot run process may take to start on a busy machine


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A fresh database (SQLite file, then PostgreSQL)."""
    opened = Store.open(database_url)
    yield opened
    opened.close()


@pytest.fixture
async def world() -> AsyncIterator[World]:
    """The fake Mattermost with a bot, alice, bob and a shared channel."""
    async with running_world() as populated:
        yield populated


def _answers(world: World, asked: Mapping[str, object]) -> list[dict[str, object]]:
    channel = str(asked["channel_id"])
    return [p for p in bot_posts(world, channel) if p["root_id"] == asked["id"]]


async def _first_start(world: World, store: Store) -> None:
    """A start that only sets the cursors (the very first start answers nothing older)."""
    chats = ChatStore(store.engine, SystemClock())
    running = await start_bot(world, RecordingDispatcher(), cursors=chats, answers=chats)
    await wait_for(lambda: ANY_CHANNEL in chats.cursors())
    assert await running.stop() == 0


@dataclass
class Crashing:
    """A ChatStore that 'dies' after the answer is posted: no cursor and no mark are stored."""

    inner: ChatStore
    advanced: list[Mapping[str, int]] = field(default_factory=list)

    def cursors(self) -> dict[str, int]:
        return self.inner.cursors()

    def advance(self, positions: Mapping[str, int]) -> None:
        self.advanced.append(dict(positions))
        raise ConnectionError("the process died before storing the cursor")

    def claim(self, post_id: str, now: datetime, until: datetime) -> AnswerClaim:
        return self.inner.claim(post_id, now, until)

    def computed(self, post_id: str, reply: Reply) -> None:
        self.inner.computed(post_id, reply)

    def sent(self, post_id: str, parts: int) -> None:
        self.inner.sent(post_id, parts)

    def answered(self, post_id: str, now: datetime) -> None:
        raise ConnectionError("the process died before marking the answer")


@dataclass
class DiesMidAnswer(Crashing):
    """'Dies' once ``parts`` parts of an answer are out: recorded first or not."""

    parts: int = 1
    recorded: bool = False

    def sent(self, post_id: str, parts: int) -> None:
        if parts < self.parts or self.recorded:
            self.inner.sent(post_id, parts)
        if parts >= self.parts:
            raise ConnectionError("the process died in the middle of the answer")


async def _crash_then_restart(
    world: World, store: Store, command: str, dying: DiesMidAnswer
) -> tuple[dict[str, object], RecordingDispatcher, RecordingDispatcher]:
    """``command`` answered by a bot that dies as ``dying`` says, then by a fresh start."""
    await _first_start(world, store)
    chats = dying.inner
    asked = world.fake.post_as(world.alice["id"], world.channel["id"], command)
    short = BotSettings(team=world.team["name"], action_url="", signing_secret=SECRET,
                        answer_lease=timedelta(milliseconds=300))  # fmt: skip
    first = RecordingDispatcher()
    running = await start_bot(world, first, cursors=dying, answers=dying, settings=short)
    await wait_for(lambda: len(first.requests) == 1)
    await asyncio.sleep(0.3)  # the parts before the 'death' are out
    assert await running.stop() == 0
    await asyncio.sleep(0.4)  # the dead run's claim on the command runs out
    again = RecordingDispatcher()
    running = await start_bot(world, again, cursors=chats, answers=chats, settings=short)
    await wait_for(lambda: chats.cursors().get(world.channel["id"], 0) >= int(asked["create_at"]))
    await asyncio.sleep(0.3)  # give a repeated part every chance to appear
    assert await running.stop() == 0
    return asked, first, again


async def test_a_crash_between_the_parts_of_an_answer_sends_the_rest_once(
    world: World, store: Store
) -> None:
    dying = DiesMidAnswer(ChatStore(store.engine, SystemClock()), parts=1, recorded=False)
    asked, first, again = await _crash_then_restart(world, store, "@wp2bot echo hi", dying)
    # The first part was out but not recorded: found in the thread, the second one sent.
    texts = [str(p["message"]) for p in _answers(world, asked)]
    assert texts == ["hi", "and one more"]
    assert [r.text for r in first.requests] == ["echo hi"]
    assert again.requests == []  # the kept answer was sent, the command not run again


async def test_an_ephemeral_answer_is_not_shown_again_after_a_crash(
    world: World, store: Store
) -> None:
    world.fake.allow_ephemeral(world.bot["id"])
    dying = DiesMidAnswer(ChatStore(store.engine, SystemClock()), parts=1, recorded=True)
    asked, _, again = await _crash_then_restart(world, store, "@wp2bot secret", dying)
    shown = [p for _, p in world.fake.state.ephemerals if p["root_id"] == asked["id"]]
    assert len(shown) == 1  # an ephemeral post is in no thread: its record says it is out
    assert again.requests == []


async def test_a_crash_after_the_answer_neither_loses_nor_repeats_it(
    world: World, store: Store
) -> None:
    await _first_start(world, store)
    chats = ChatStore(store.engine, SystemClock())
    asked = world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot done 4")
    crashing = Crashing(chats)
    short = BotSettings(team=world.team["name"], action_url="", signing_secret=SECRET,
                        answer_lease=timedelta(milliseconds=300))  # fmt: skip
    first = RecordingDispatcher()
    running = await start_bot(world, first, cursors=crashing, answers=crashing, settings=short)
    await wait_for(lambda: len(_answers(world, asked)) == 1)
    assert await running.stop() == 0
    (answer,) = _answers(world, asked)
    assert answer["props"][REPLY_PROP] == asked["id"]  # the answer names its command
    assert chats.cursors().get(world.channel["id"], 0) < int(asked["create_at"])  # not stored

    await asyncio.sleep(0.4)  # the dead run's claim on the command runs out
    again = RecordingDispatcher()
    running = await start_bot(world, again, cursors=chats, answers=chats, settings=short)
    await wait_for(lambda: chats.cursors().get(world.channel["id"], 0) >= int(asked["create_at"]))
    await asyncio.sleep(0.3)  # give a second answer every chance to appear
    assert await running.stop() == 0
    assert len(_answers(world, asked)) == 1  # found in the thread, not answered again
    assert again.requests == []  # and not run again


@dataclass
class Slow:
    """Holds ``done 5`` until ``release`` is set; answers everything else at once."""

    inner: RecordingDispatcher = field(default_factory=RecordingDispatcher)
    release: threading.Event = field(default_factory=threading.Event)

    def dispatch(self, request: Request) -> Reply:
        if request.text == "done 5":
            self.release.wait(60)  # set by the test; the bound only ends a failed run
        return self.inner.dispatch(request)


async def test_the_cursor_never_passes_a_command_still_running(world: World, store: Store) -> None:
    await _first_start(world, store)
    chats = ChatStore(store.engine, SystemClock())
    slow = Slow()
    running = await start_bot(world, slow, cursors=chats, answers=chats)
    channel = world.channel["id"]
    try:
        held = world.fake.post_as(world.alice["id"], channel, "@wp2bot done 5")
        later = world.fake.post_as(world.bob["id"], channel, "@wp2bot card 2")
        await wait_for(lambda: len(_answers(world, later)) == 1)
        await wait_for(lambda: channel in chats.cursors())  # stored after 'card 2' was answered
        assert chats.cursors()[channel] < int(held["create_at"])  # but not past 'done 5'
        assert _answers(world, held) == []
    finally:
        slow.release.set()
    await wait_for(lambda: chats.cursors()[channel] >= int(later["create_at"]))
    assert len(_answers(world, held)) == 1
    assert await running.stop() == 0


async def test_two_instances_answer_a_command_from_while_both_were_down_once(
    world: World, store: Store
) -> None:
    await _first_start(world, store)
    asked = world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot done 8")
    dm = world.fake.direct_channel(world.bob["id"], world.bot["id"])
    in_dm = world.fake.post_as(world.bob["id"], dm["id"], "done 9")
    dispatchers = [RecordingDispatcher(), RecordingDispatcher()]
    claims = [ChatStore(store.engine, SystemClock()) for _ in dispatchers]
    both = await asyncio.gather(
        *(
            start_bot(world, d, cursors=c, answers=c)
            for d, c in zip(dispatchers, claims, strict=True)
        )
    )
    await wait_for(lambda: len(_answers(world, asked)) == 1 and len(_answers(world, in_dm)) == 1)
    live = world.fake.post_as(world.bob["id"], world.channel["id"], "@wp2bot done 10")
    await wait_for(lambda: len(_answers(world, live)) == 1)
    await asyncio.sleep(0.5)  # give a second answer every chance to appear
    for running in both:
        assert await running.stop() == 0
    for post in (asked, in_dm, live):
        assert len(_answers(world, post)) == 1
    texts = sorted(r.text for d in dispatchers for r in d.requests)
    assert texts == ["done 10", "done 8", "done 9"]  # each command ran once, on one of them


async def test_two_run_processes_started_after_an_outage_answer_once(
    world: World, tmp_path: Path, procs: list[Proc], postgres_server: str
) -> None:
    import psycopg

    base = postgres_server.rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute('CREATE DATABASE "answer_once"')
    db = base + "/answer_once"
    world.fake.allow_ephemeral(world.bot["id"])
    store = Store.open(db)  # migrated once, before two instances start
    chats = ChatStore(store.engine, SystemClock())
    try:
        first = Proc(env_for(world, db), tmp_path / "first.log")
        procs.append(first)
        await eventually(lambda: ANY_CHANNEL in chats.cursors(), timeout=STARTUP)
        assert await asyncio.to_thread(first.stop) == 0
        # Both instances are down: a mention in the channel and a DM wait for them.
        asked = world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot help")
        dm = world.fake.direct_channel(world.bob["id"], world.bot["id"])
        in_dm = world.fake.post_as(world.bob["id"], dm["id"], "help")
        # Answers take 2 s to confirm: neither instance's cursor moves before the other reads.
        world.fake.slow("POST", "/api/v4/posts", 2.0)
        world.fake.slow("POST", "/api/v4/posts/ephemeral", 2.0)
        for name in ("a", "b"):
            proc = Proc(env_for(world, db), tmp_path / f"{name}.log")
            procs.append(proc)

        def shown(post: Mapping[str, object]) -> int:  # 'help' is only shown to the asker
            return sum(1 for _, p in world.fake.state.ephemerals if p["root_id"] == post["id"])

        def ran(line: str) -> int:
            logs = [tmp_path / "a.log", tmp_path / "b.log"]
            return sum(log.read_text().count(line) for log in logs)

        for name in ("a", "b"):
            log = tmp_path / f"{name}.log"
            await eventually(lambda log=log: "websocket: connected" in log.read_text(), STARTUP)
        await eventually(lambda: shown(asked) >= 1 and len(_answers(world, in_dm)) >= 1, 30)
        await asyncio.sleep(3)  # both caught up; a second answer would be out by now
        assert shown(asked) == 1
        assert len(_answers(world, in_dm)) == 1
        assert ran("command help by alice via mention") == 1  # run once, on one instance
        assert ran("command help by bob via dm") == 1
        for proc in procs[1:]:
            assert await asyncio.to_thread(proc.stop) == 0
    finally:
        store.close()


def test_claims_decide_once_and_old_ones_are_forgotten(store: Store) -> None:
    chats = ChatStore(store.engine, SystemClock())
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    lease = timedelta(minutes=2)
    assert chats.claim("p1", now, now + lease) == AnswerClaim(won=True)
    assert chats.claim("p1", now, now + lease) == AnswerClaim(won=False, held_until=now + lease)
    later = now + timedelta(minutes=3)  # the first claimer died: its lease ran out
    assert chats.claim("p1", later, later + lease) == AnswerClaim(won=True, taken_over=True)
    answer = Reply("two parts", extra=(Reply("the second", ephemeral=True),))
    chats.computed("p1", answer)
    chats.sent("p1", 1)
    again = later + timedelta(minutes=3)  # the second claimer died too, after one part
    assert chats.claim("p1", again, again + lease) == AnswerClaim(
        won=True, taken_over=True, reply=answer, parts_done=1
    )
    chats.answered("p1", again)
    assert chats.claim("p1", again, again + lease) == AnswerClaim(won=False)
    week = again + ANSWERS_KEPT + timedelta(minutes=1)
    assert chats.claim("p2", week, week + lease).won
    chats.answered("p2", week)  # and p1, claimed over a week ago, is forgotten
    with store.engine.connect() as conn:
        kept = conn.execute(text("SELECT post_id FROM chat_answer")).scalars().all()
    assert kept == ["p2"]


async def test_kill_9_between_the_answer_and_its_record_answers_once_after_a_restart(
    world: World, tmp_path: Path, procs: list[Proc]
) -> None:
    db = f"sqlite:///{tmp_path / 'killed.db'}"
    store = Store.open(db)
    chats = ChatStore(store.engine, SystemClock())
    env = env_for(world, db)
    env["WP2BOT_ANSWER_LEASE_SECONDS"] = "2"  # a dead instance's claim runs out quickly
    try:
        first = Proc(env, tmp_path / "first.log")
        procs.append(first)
        await eventually(lambda: ANY_CHANNEL in chats.cursors(), timeout=STARTUP)
        assert await asyncio.to_thread(first.stop) == 0
        # The server makes the answer at once but confirms it only 3 s later: the kill lands
        # after the answer is out, before the bot marked it answered or moved its cursor.
        world.fake.slow("POST", "/api/v4/posts", 3.0)
        dm = world.fake.direct_channel(world.bob["id"], world.bot["id"])
        killed = Proc(env, tmp_path / "killed.log")
        procs.append(killed)
        await eventually(
            lambda: "websocket: connected" in (tmp_path / "killed.log").read_text(), STARTUP
        )
        asked = world.fake.post_as(world.bob["id"], dm["id"], "help")
        await eventually(lambda: len(_answers(world, asked)) == 1)
        killed.handle.send_signal(signal.SIGKILL)
        await asyncio.to_thread(killed.handle.wait)
        assert chats.cursors().get(dm["id"], 0) < int(asked["create_at"])  # never stored
        world.fake.latency.clear()

        again = Proc(env, tmp_path / "again.log")
        procs.append(again)
        await eventually(
            lambda: "answered before a restart" in (tmp_path / "again.log").read_text(), STARTUP
        )
        await eventually(lambda: chats.cursors().get(dm["id"], 0) >= int(asked["create_at"]))
        assert len(_answers(world, asked)) == 1  # found in its thread, not answered again
        assert "command help by bob" not in (tmp_path / "again.log").read_text()
        assert await asyncio.to_thread(again.stop) == 0
    finally:
        store.close()

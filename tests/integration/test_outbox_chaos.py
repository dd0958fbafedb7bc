"""Chaos with real processes: ``wp2bot run`` killed with SIGKILL in the middle of a reminder
sweep or of the proposal DMs, on SQLite and with two instances on PostgreSQL, and stopped with
SIGTERM mid-sweep. Afterwards every person owed a message has exactly one.

The fake Mattermost answers each new post late (``FakeMattermost.slow``), so that a sweep of
twenty people takes seconds and the kill lands in its middle, often between a post the server
made and the bot's confirmation of it.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.fakes.mattermost.fixtures import World, running_world
from tests.fakes.mattermost.state import Json
from tests.integration.test_run_process import Proc, env_for, eventually
from wp2bot.adapters.storage import Store
from wp2bot.domain.models import Owner, OwnerKind
from wp2bot.domain.tracking import Review

PEOPLE = [f"member{i:02d}" for i in range(20)]
LATENCY = 0.35  # seconds each new post's answer takes: twenty posts take about seven
STARTUP = 120.0  # seconds a wp2bot run may take to start on a busy machine


@pytest.fixture
async def world() -> AsyncIterator[World]:
    async with running_world() as w:
        for name in PEOPLE:
            w.fake.add_user(name)
        w.fake.slow("POST", "/api/v4/posts", LATENCY)
        yield w


def seed(db: str, review: Review) -> None:
    """One action per person, due today: accepted ones are reminded, proposed ones proposed."""
    store = Store.open(db)
    now = datetime.now(UTC)  # noqa: TID251 - the processes run on the real clock
    for i, name in enumerate(PEOPLE):
        owner = Owner(written=name, name=name.title(), kind=OwnerKind.PERSON, username=name)
        store.create_action(
            text=f"Rerun the tape recall test number {i}", owners=[owner], at=now, who="t",
            via="test", review=review, due=now.date(),
        )  # fmt: skip
    store.close()


def user(world: World, name: str) -> Json:
    return next(u for u in world.fake.state.users.values() if u["username"] == name)


def received(world: World, containing: str = "") -> dict[str, int]:
    """How many bot posts (with ``containing`` in their text) each person has in their DM
    channel."""
    counts = {}
    for name in PEOPLE:
        them = user(world, name)["id"]
        channels = [
            c["id"]
            for c in world.fake.state.channels.values()
            if c["type"] == "D" and world.fake.state.members.get(c["id"]) == {world.bot["id"], them}
        ]
        counts[name] = sum(
            1
            for p in world.fake.state.posts.values()
            if p["channel_id"] in channels
            and p["user_id"] == world.bot["id"]
            and not p["original_id"]  # the server's copy of an edited post's old version
            and containing in p["message"]
        )
    return counts


def chaos_env(world: World, db: str) -> dict[str, str]:
    env = env_for(world, db)
    env["WP2BOT_OUTBOX_LEASE_SECONDS"] = "2"  # a dead sender's claim runs out quickly
    return env


async def kill_mid_send(world: World, proc: Proc, after: int) -> int:
    """SIGKILL ``proc`` once ``after`` people have their message; returns how many had one."""
    await eventually(lambda: sum(received(world).values()) >= after, timeout=60)
    proc.handle.send_signal(signal.SIGKILL)
    await asyncio.to_thread(proc.handle.wait)
    return sum(received(world).values())


async def everyone_exactly_once(world: World) -> None:
    await eventually(lambda: min(received(world).values()) >= 1, timeout=90)
    await asyncio.sleep(4)  # more scheduler rounds and a lease: nothing may come twice
    counts = received(world)
    assert counts == dict.fromkeys(PEOPLE, 1), counts


def outbox_states(db: str, kind: str = "") -> dict[str, int]:
    """How many outbox messages (of one kind) are in each state."""
    store = Store.open(db)
    where = "WHERE kind = :kind" if kind else ""
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(
                text(f"SELECT state, count(*) FROM outbox {where} GROUP BY state"),
                {"kind": kind},
            ).all()
    finally:
        store.close()
    return {str(s): int(n) for s, n in rows}


@pytest.mark.parametrize("review", [Review.ACCEPTED, Review.PROPOSED], ids=["digests", "proposals"])
async def test_sqlite_kill_9_mid_send_then_restart(
    world: World, tmp_path: Path, procs: list[Proc], review: Review
) -> None:
    db = f"sqlite:///{tmp_path / 'chaos.db'}"
    seed(db, review)
    first = Proc(chaos_env(world, db), tmp_path / "first.log")
    procs.append(first)
    had = await kill_mid_send(world, first, after=5)
    assert 5 <= had < len(PEOPLE), had  # the kill landed in the middle
    second = Proc(chaos_env(world, db), tmp_path / "second.log")
    procs.append(second)
    await everyone_exactly_once(world)
    assert await asyncio.to_thread(second.stop) == 0
    assert outbox_states(db) == {"sent": len(PEOPLE)}


def fresh_postgres(postgres_server: str, name: str) -> str:
    """A new, migrated database on the test cluster (migrated once, before two instances)."""
    import psycopg

    base = postgres_server.rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    db = base + "/" + name
    Store.open(db).close()
    return db


async def kill_leader_mid_send(world: World, leader: Proc, other: Path, after: int = 5) -> int:
    """SIGKILL the leader once ``after`` people have their message, with the other instance
    (logging to ``other``) up; returns how many had their message.

    The leader is frozen (SIGSTOP) the moment the count is reached, so that a slow start of the
    other instance on a busy machine cannot let the leader finish first; it then dies mid-send
    as from kill -9, holding its claims, its lease and its database session.
    """
    await eventually(lambda: sum(received(world).values()) >= after, timeout=STARTUP)
    leader.handle.send_signal(signal.SIGSTOP)
    try:
        await eventually(lambda: "websocket: connected" in other.read_text(), timeout=STARTUP)
    finally:
        leader.handle.send_signal(signal.SIGKILL)
        await asyncio.to_thread(leader.handle.wait)
    return sum(received(world).values())


@pytest.mark.parametrize("review", [Review.ACCEPTED, Review.PROPOSED], ids=["digests", "proposals"])
async def test_postgres_leader_killed_mid_sweep_the_other_takes_over(
    world: World, tmp_path: Path, procs: list[Proc], postgres_server: str, review: Review
) -> None:
    db = fresh_postgres(postgres_server, f"chaos_takeover_{review.value}")
    first = Proc(chaos_env(world, db), tmp_path / "a.log")
    procs.append(first)
    await eventually(lambda: "now the leader" in (tmp_path / "a.log").read_text(), STARTUP)
    second = Proc(chaos_env(world, db), tmp_path / "b.log")
    procs.append(second)
    seed(db, review)  # owed while both run: the leader sends, the other waits
    had = await kill_leader_mid_send(world, first, tmp_path / "b.log")
    assert 5 <= had < len(PEOPLE), had
    await everyone_exactly_once(world)
    assert "now the leader" in (tmp_path / "b.log").read_text()
    assert await asyncio.to_thread(second.stop) == 0
    assert outbox_states(db) == {"sent": len(PEOPLE)}


async def test_sigterm_mid_sweep_stops_within_10_s_and_parks_the_rest(
    world: World, tmp_path: Path, procs: list[Proc]
) -> None:
    db = f"sqlite:///{tmp_path / 'term.db'}"
    seed(db, Review.ACCEPTED)
    first = Proc(chaos_env(world, db), tmp_path / "first.log")
    procs.append(first)
    await eventually(lambda: sum(received(world).values()) >= 3, timeout=60)
    began = time.monotonic()
    first.handle.send_signal(signal.SIGTERM)
    code = await asyncio.to_thread(first.handle.wait, 15)
    took = time.monotonic() - began
    assert code == 0
    assert took < 10, took
    parked = outbox_states(db).get("pending", 0)
    assert parked > 0  # what was not sent waits in the outbox
    assert parked + sum(received(world).values()) == len(PEOPLE)
    second = Proc(chaos_env(world, db), tmp_path / "second.log")
    procs.append(second)
    await everyone_exactly_once(world)
    assert await asyncio.to_thread(second.stop) == 0

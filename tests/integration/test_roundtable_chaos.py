"""Chaos with real processes for the round-table: ``wp2bot run`` killed with SIGKILL while it
asks every site's contact, and while it chases the silent ones, on SQLite and with two
instances on PostgreSQL (the leader killed). Afterwards every contact has exactly one question
and, once chased, exactly one chase.

A chase is owed ``chase_after_hours`` (whole hours) after the question. The processes run on
the real clock, so the test lets that time pass in the database instead: once every contact
has the question, the entries' ``asked_at`` are moved a day back, as a day later would find
them, and the running leader's next round (every second) owes all twenty a chase at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.fakes.mattermost.fixtures import World, running_world
from tests.integration.test_outbox_chaos import (
    LATENCY,
    PEOPLE,
    STARTUP,
    chaos_env,
    everyone_exactly_once,
    fresh_postgres,
    kill_leader_mid_send,
    kill_mid_send,
    outbox_states,
    received,
)
from tests.integration.test_run_process import Proc, eventually
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.roundtable_store import RoundTableRepository

CHASE = "Friendly reminder"  # how a chase begins; the question does not
A_DAY = timedelta(hours=25)  # past the default chase_after_hours (24), before backups (30)


@pytest.fixture
async def world() -> AsyncIterator[World]:
    async with running_world() as w:
        for name in PEOPLE:
            w.fake.add_user(name)
        w.fake.slow("POST", "/api/v4/posts", LATENCY)
        yield w


def roundtable_data(folder: Path) -> Path:
    """A roster of twenty sites with one contact each (the people above)."""
    folder.mkdir()
    lines = []
    for i, name in enumerate(PEOPLE):
        letter = chr(ord("A") + i)
        lines += ["[[person]]", f'name = "Member {letter}"', f'username = "{name}"', ""]
        lines += ["[[site]]", f'name = "Site {letter}"', f'members = ["Member {letter}"]',
                  f'contacts = ["{name}"]', ""]  # fmt: skip
    (folder / "community.toml").write_text("\n".join(lines), encoding="utf-8")
    return folder


def roundtable_settings(folder: Path) -> dict[str, str]:
    """A meeting in three hours: the round-table opens at once and asks every site's contact."""
    starts = datetime.now(UTC) + timedelta(hours=3)  # noqa: TID251 - real processes, real clock
    return {
        "WP2BOT_DATA_DIR": str(roundtable_data(folder)),
        "WP2BOT_MEETING_TIMEZONE": "UTC",
        "WP2BOT_MEETING_RECURRENCE": f"every week on {starts:%A} at {starts:%H:%M}",
    }


def a_day_passes(db: str) -> None:
    """Move every open round-table's questions a day back, as if asked a day ago."""
    store = Store.open(db)
    try:
        tables = RoundTableRepository(store.engine)
        for rt in tables.roundtables(active=True):
            for entry in tables.entries(rt.id):
                assert entry.asked_at is not None, entry
                assert entry.chased_at is None, entry
                tables.update_entry(entry.id, asked_at=entry.asked_at - A_DAY)
    finally:
        store.close()


async def everyone_chased_exactly_once(world: World) -> None:
    """Each contact ends with one question and one chase, and nothing comes later."""
    await eventually(lambda: min(received(world, CHASE).values()) >= 1, timeout=90)
    await asyncio.sleep(4)  # more scheduler rounds and a lease: nothing may come twice
    assert received(world, CHASE) == dict.fromkeys(PEOPLE, 1), received(world, CHASE)
    assert received(world) == dict.fromkeys(PEOPLE, 2), received(world)


async def test_sqlite_kill_9_mid_roundtable_questions_then_restart(
    world: World, tmp_path: Path, procs: list[Proc]
) -> None:
    db = f"sqlite:///{tmp_path / 'rt.db'}"
    env = chaos_env(world, db) | roundtable_settings(tmp_path / "data")
    first = Proc(env, tmp_path / "first.log")
    procs.append(first)
    had = await kill_mid_send(world, first, after=5)
    assert 5 <= had < len(PEOPLE), had
    second = Proc(env, tmp_path / "second.log")
    procs.append(second)
    await everyone_exactly_once(world)
    assert await asyncio.to_thread(second.stop) == 0
    assert outbox_states(db, "roundtable") == {"sent": len(PEOPLE)}
    assert set(outbox_states(db)) == {"sent"}  # the chair's summary went out as well


async def test_postgres_leader_killed_mid_roundtable_questions_the_other_takes_over(
    world: World, tmp_path: Path, procs: list[Proc], postgres_server: str
) -> None:
    db = fresh_postgres(postgres_server, "chaos_roundtable")
    meeting = roundtable_settings(tmp_path / "data")
    first = Proc(chaos_env(world, db) | meeting, tmp_path / "a.log")
    procs.append(first)
    await eventually(lambda: "now the leader" in (tmp_path / "a.log").read_text(), STARTUP)
    second = Proc(chaos_env(world, db) | meeting, tmp_path / "b.log")  # its own port
    procs.append(second)
    had = await kill_leader_mid_send(world, first, tmp_path / "b.log")
    assert 5 <= had < len(PEOPLE), had
    await everyone_exactly_once(world)
    assert "now the leader" in (tmp_path / "b.log").read_text()
    assert await asyncio.to_thread(second.stop) == 0
    assert outbox_states(db, "roundtable") == {"sent": len(PEOPLE)}
    assert set(outbox_states(db)) == {"sent"}  # the chair's summary went out as well


async def test_sqlite_kill_9_mid_roundtable_chases_then_restart(
    world: World, tmp_path: Path, procs: list[Proc]
) -> None:
    db = f"sqlite:///{tmp_path / 'chase.db'}"
    env = chaos_env(world, db) | roundtable_settings(tmp_path / "data")
    first = Proc(env, tmp_path / "first.log")
    procs.append(first)
    await everyone_exactly_once(world)  # the questions
    a_day_passes(db)
    had = await kill_mid_send(world, first, after=len(PEOPLE) + 5) - len(PEOPLE)
    assert 5 <= had < len(PEOPLE), had  # the kill landed in the middle of the chases
    second = Proc(env, tmp_path / "second.log")
    procs.append(second)
    await everyone_chased_exactly_once(world)
    assert await asyncio.to_thread(second.stop) == 0
    assert outbox_states(db, "roundtable") == {"sent": 2 * len(PEOPLE)}
    assert set(outbox_states(db)) == {"sent"}


async def test_postgres_leader_killed_mid_roundtable_chases_the_other_takes_over(
    world: World, tmp_path: Path, procs: list[Proc], postgres_server: str
) -> None:
    db = fresh_postgres(postgres_server, "chaos_roundtable_chases")
    meeting = roundtable_settings(tmp_path / "data")
    first = Proc(chaos_env(world, db) | meeting, tmp_path / "a.log")
    procs.append(first)
    await eventually(lambda: "now the leader" in (tmp_path / "a.log").read_text(), STARTUP)
    second = Proc(chaos_env(world, db) | meeting, tmp_path / "b.log")
    procs.append(second)
    await everyone_exactly_once(world)  # the questions, from the leader
    a_day_passes(db)  # the leader chases; the other waits
    had = await kill_leader_mid_send(world, first, tmp_path / "b.log", after=len(PEOPLE) + 5)
    had -= len(PEOPLE)
    assert 5 <= had < len(PEOPLE), had
    await everyone_chased_exactly_once(world)
    assert "now the leader" in (tmp_path / "b.log").read_text()
    assert await asyncio.to_thread(second.stop) == 0
    assert outbox_states(db, "roundtable") == {"sent": 2 * len(PEOPLE)}
    assert set(outbox_states(db)) == {"sent"}

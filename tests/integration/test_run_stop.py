"""SIGTERM stops a real ``wp2bot run`` within 10 s at 100,000 open actions while every DM it
sends fails (the server answers 503, so each post would be retried with backoff): the digests
not sent wait in the outbox for the next start, none is lost, none is marked sent."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, text

from tests.fakes.mattermost.fixtures import World, running_world
from tests.integration.test_run_process import Proc, env_for, eventually
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.tables import ActionOwnerRow, ActionRow
from wp2bot.services.reminding import DIGEST_BATCH

ACTIONS = 100_000
OWNERS = 500


@pytest.fixture
async def world() -> AsyncIterator[World]:
    async with running_world() as w:
        for i in range(OWNERS):
            w.fake.add_user(f"user{i:03d}")
        yield w


def seed(db: str) -> None:
    """100,000 open accepted actions, overdue, spread over 500 owners (bulk insert)."""
    now = datetime.now(UTC)  # noqa: TID251 - the process runs on the real clock
    store = Store.open(db)
    actions = [
        {"id": i + 1, "text": f"Rerun transfer test {i + 1}", "status": "open",
         "review": "accepted", "due": (now - timedelta(days=1 + i % 30)).date(), "edited": [],
         "created_at": now - timedelta(days=40), "updated_at": now - timedelta(days=40)}
        for i in range(ACTIONS)
    ]  # fmt: skip
    owners = [
        {"action_id": i + 1, "position": 0, "written": f"user{i % OWNERS:03d}",
         "name": f"Person {i % OWNERS:03d}", "kind": "person",
         "username": f"user{i % OWNERS:03d}", "username_key": f"user{i % OWNERS:03d}",
         "candidates": [], "open_accepted": True, "due": actions[i]["due"]}
        for i in range(ACTIONS)
    ]  # fmt: skip
    with store.session() as s:
        s.execute(insert(ActionRow), actions)
        s.execute(insert(ActionOwnerRow), owners)
    store.close()


def outbox_states(db: str) -> dict[str, int]:
    store = Store.open(db)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(text("SELECT state, count(*) FROM outbox GROUP BY state")).all()
    finally:
        store.close()
    return {str(s): int(n) for s, n in rows}


async def test_sigterm_at_100k_actions_with_failing_dms_stops_within_10_s(
    world: World, tmp_path: Path, procs: list[Proc]
) -> None:
    db = f"sqlite:///{tmp_path / 'big.db'}"
    await asyncio.to_thread(seed, db)
    world.fake.fail_next(1_000_000, 503, path="/api/v4/posts")  # every DM fails, for now
    proc = Proc(env_for(world, db), tmp_path / "run.log")
    procs.append(proc)
    # connected, and the first reminder sweep over the 100,000 actions is under way
    await eventually(lambda: "connected to Mattermost" in proc.log.read_text(), timeout=60)
    await asyncio.sleep(15)
    began = time.monotonic()
    proc.handle.send_signal(signal.SIGTERM)
    code = await asyncio.to_thread(proc.handle.wait, 30)
    took = time.monotonic() - began
    assert code == 0, proc.log.read_text()[-2000:]
    assert took < 10, took
    states = outbox_states(db)
    assert states.get("sent", 0) == 0  # no post went through
    # the digests are written a hundred at a time: the batches written before the stop are
    # queued whole (none partly), for the next start to deliver
    pending = states.get("pending", 0)
    assert pending % DIGEST_BATCH == 0, pending
    assert pending <= OWNERS, pending

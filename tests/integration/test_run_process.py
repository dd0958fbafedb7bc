"""``wp2bot run`` as real processes against the fake Mattermost: commands, health, SIGTERM,
a rejected token, and two instances on one PostgreSQL of which only the leader sends."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from tests.fakes.mattermost.fixtures import World, running_world
from wp2bot.adapters.storage import Store
from wp2bot.domain.models import Owner, OwnerKind
from wp2bot.domain.tracking import Review


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env_for(world: World, db_url: str, *, token: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WP2BOT_")}
    port = free_port()
    env.update({
        "WP2BOT_DATABASE_URL": db_url,
        "WP2BOT_MATTERMOST_URL": world.fake.url,
        "WP2BOT_MATTERMOST_TEAM": world.team["name"],
        "WP2BOT_MATTERMOST_CHANNEL": world.channel["name"],
        "WP2BOT_MATTERMOST_TOKEN": token or world.bot_token,
        "WP2BOT_SLASH_TOKEN": "slash-token",
        "WP2BOT_ACTION_SECRET": "button-signing-secret-for-tests",
        "WP2BOT_HTTP_PORT": str(port),
        "WP2BOT_MATTERMOST_ACTION_URL": f"http://127.0.0.1:{port}/mattermost/actions",
        "WP2BOT_SCHEDULER_SECONDS": "1",
        "WP2BOT_CHAIRS": "bob",
        # remind at any hour on any day, so the test does not depend on when it runs
        "WP2BOT_REMINDERS_SEND_FROM": "0",
        "WP2BOT_REMINDERS_SEND_UNTIL": "24",
        "WP2BOT_REMINDERS_WEEKENDS": "true",
    })  # fmt: skip
    return env


class Proc:
    """A ``wp2bot run`` child process."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        with log.open("w") as out:  # the child keeps its own copy of the descriptor
            self.handle = subprocess.Popen(
                [sys.executable, "-m", "wp2bot", "-v", "run"],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    @property
    def port(self) -> int:
        return int(self.env["WP2BOT_HTTP_PORT"])

    def stop(self) -> int:
        if self.handle.poll() is None:
            self.handle.send_signal(signal.SIGTERM)
        return self.handle.wait(timeout=20)


async def eventually(check: object, timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        if check():  # type: ignore[operator]
            return
        await asyncio.sleep(0.1)
    raise AssertionError("condition not met in time")


@pytest.fixture
async def world() -> AsyncIterator[World]:
    async with running_world() as w:
        yield w


def bot_posts(world: World, channel_id: str) -> list[str]:
    return [p["message"] for p in world.fake.posts(channel_id) if p["user_id"] == world.bot["id"]]


async def test_run_answers_serves_health_and_stops_on_sigterm(
    world: World, tmp_path: Path, procs: list[Proc]
) -> None:
    db = f"sqlite:///{tmp_path / 'run.db'}"
    proc = Proc(env_for(world, db), tmp_path / "run.log")
    procs.append(proc)
    async with httpx.AsyncClient() as client:

        async def healthy() -> bool:
            try:
                return (
                    await client.get(f"http://127.0.0.1:{proc.port}/healthz")
                ).status_code == 200
            except httpx.TransportError:
                return False

        for _ in range(200):
            if await healthy():
                break
            assert proc.handle.poll() is None, (tmp_path / "run.log").read_text()
            await asyncio.sleep(0.1)
        ready = await client.get(f"http://127.0.0.1:{proc.port}/readyz")
        for _ in range(100):
            if ready.status_code == 200:
                break
            await asyncio.sleep(0.1)
            ready = await client.get(f"http://127.0.0.1:{proc.port}/readyz")
        assert ready.status_code == 200
        world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot add Write the guide")
        await eventually(lambda: any("#1" in m for m in bot_posts(world, world.channel["id"])))
        bad = await client.post(
            f"http://127.0.0.1:{proc.port}/mattermost/slash",
            data={"token": "wrong", "text": "help"},
        )
        assert bad.status_code == 401
        metrics = await client.get(f"http://127.0.0.1:{proc.port}/metrics")
        assert "wp2bot_http_requests" in metrics.text
    assert await asyncio.to_thread(proc.stop) == 0
    log = (tmp_path / "run.log").read_text()
    assert world.bot_token not in log
    assert "button-signing-secret-for-tests" not in log


async def test_rejected_token_is_one_fatal_error(
    world: World, tmp_path: Path, procs: list[Proc]
) -> None:
    proc = Proc(
        env_for(world, f"sqlite:///{tmp_path / 'bad.db'}", token="not-a-valid-token"),
        tmp_path / "bad.log",
    )
    procs.append(proc)
    code = await asyncio.to_thread(proc.handle.wait, 30)
    assert code == 78
    log = (tmp_path / "bad.log").read_text()
    assert log.count("rejected the bot token") == 1
    assert "not-a-valid-token" not in log


async def test_two_instances_one_leader_failover_nothing_twice(
    world: World, tmp_path: Path, procs: list[Proc], postgres_server: str
) -> None:
    import psycopg

    base = postgres_server.rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute('CREATE DATABASE "failover"')
    db = base + "/failover"
    store = Store.open(db)
    alice = Owner(written="Alice", name="Alice", kind=OwnerKind.PERSON, username="alice")
    bob = Owner(written="Bob", name="Bob", kind=OwnerKind.PERSON, username="bob")
    today = datetime.now(UTC).date()  # noqa: TID251 - the processes run on the real clock
    store.create_action(
        text="Send the storage report",
        owners=[alice],
        at=datetime.now(UTC),  # noqa: TID251
        who="t",
        via="test",
        review=Review.ACCEPTED,
        due=today,
    )
    store.close()

    first = Proc(env_for(world, db), tmp_path / "a.log")
    procs.append(first)
    alice_dm = world.fake.direct_channel(world.bot["id"], world.alice["id"])["id"]
    await eventually(lambda: len(bot_posts(world, alice_dm)) >= 1, timeout=40)
    second = Proc(env_for(world, db), tmp_path / "b.log")
    procs.append(second)
    await asyncio.sleep(3)  # several scheduler rounds of both instances
    assert len(bot_posts(world, alice_dm)) == 1  # one digest, from the leader only

    first.handle.kill()  # the leader dies without a chance to clean up
    first.handle.wait()
    store = Store.open(db)
    store.create_action(
        text="Review the QoS plan",
        owners=[bob],
        at=datetime.now(UTC),  # noqa: TID251
        who="t",
        via="test",
        review=Review.ACCEPTED,
        due=today,
    )
    store.close()
    bob_dm = world.fake.direct_channel(world.bot["id"], world.bob["id"])["id"]
    await eventually(lambda: len(bot_posts(world, bob_dm)) >= 1, timeout=60)
    await asyncio.sleep(3)
    assert len(bot_posts(world, bob_dm)) == 1
    assert len(bot_posts(world, alice_dm)) == 1  # the new leader did not repeat alice's digest
    assert await asyncio.to_thread(second.stop) == 0


async def test_an_http_port_in_use_is_one_line_and_exit_78(
    world: World, tmp_path: Path, procs: list[Proc]
) -> None:
    """Another process on ``http.port``: uvicorn cannot bind. wp2bot says so and exits (it
    used to log uvicorn's SystemExit as a never-retrieved task and hang without connecting)."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        env = env_for(world, f"sqlite:///{tmp_path / 'port.db'}")
        port = taken.getsockname()[1]
        env["WP2BOT_HTTP_PORT"] = str(port)
        proc = Proc(env, tmp_path / "port.log")
        procs.append(proc)
        code = await asyncio.to_thread(proc.handle.wait, 120)
    log = (tmp_path / "port.log").read_text()
    assert code == 78, log
    assert f"wp2bot: error: cannot listen on 127.0.0.1:{port} (http.port)" in log
    assert "Traceback" not in log
    assert "never retrieved" not in log

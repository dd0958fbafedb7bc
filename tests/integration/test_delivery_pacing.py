"""Delivery in parallel against the fake's rate limiter: the headers on every answer, pacing
before the bucket is empty, Retry-After after a 429, each message once and in order per
recipient, remembered look-ups, and a stop that parks what is left instead of waiting."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import httpx
import pytest

from tests.fakes.mattermost.dispatcher import RecordingDispatcher
from tests.fakes.mattermost.fixtures import FAST_RETRY, SECRET, World, running_world
from tests.fakes.mattermost.ratelimit import RateLimiter, RateLimitSettings
from wp2bot.adapters.mattermost.bot import MattermostBot
from wp2bot.adapters.mattermost.bot_settings import BotSettings
from wp2bot.adapters.mattermost.courier import MattermostCourier
from wp2bot.adapters.mattermost.lookups import BoundedCache, UserDirectory
from wp2bot.adapters.mattermost.pacing import GateStopped, RateGate, RateHeaders
from wp2bot.adapters.mattermost.rest import (
    MattermostApiError,
    MattermostRest,
    MattermostUnavailable,
)
from wp2bot.adapters.retry import RetryPolicy
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.outbox_store import OutboxStore
from wp2bot.chat import Outgoing
from wp2bot.clock import SystemClock
from wp2bot.domain.outbox import OutboxState
from wp2bot.services.outbox import Outbox

DAY = datetime(2026, 6, 3, tzinfo=UTC).date()


@pytest.fixture
async def world() -> AsyncIterator[World]:
    async with running_world() as w:
        yield w


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path / 'outbox.db'}")
    yield s
    s.close()


class Ticks:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_fakes_limiter_is_a_gcra_bucket() -> None:
    ticks = Ticks()
    limiter = RateLimiter(RateLimitSettings(per_sec=10, max_burst=4), monotonic=ticks)
    verdicts = [limiter.check("a") for _ in range(6)]
    # throttled's GCRA: Limit is MaxBurst + 1, and a fresh bucket takes that many at once
    assert [v.remaining for v in verdicts] == [4, 3, 2, 1, 0, 0]
    assert [v.limited for v in verdicts] == [False] * 5 + [True]
    assert verdicts[0].headers() == {
        "X-Ratelimit-Limit": "5", "X-Ratelimit-Remaining": "4", "X-Ratelimit-Reset": "1",
    }  # fmt: skip
    assert verdicts[-1].headers()["Retry-After"] == "1"  # 0.1 s, rounded up to seconds
    assert round(verdicts[-1].retry_after, 3) == 0.1
    assert limiter.check("b").remaining == 4  # one bucket per key
    ticks.now += 0.1  # one interval later one request is allowed again
    assert not limiter.check("a").limited
    assert limiter.check("a").limited
    ticks.now += 10
    assert limiter.check("a").remaining == 4  # full again


async def test_every_answer_carries_the_rate_limit_headers(world: World) -> None:
    world.fake.limit_rate(per_sec=100, max_burst=50)
    bearer = {"Authorization": f"Bearer {world.bot_token}"}
    async with httpx.AsyncClient(base_url=world.fake.url, headers=bearer) as client:
        answers = [
            await client.get("/api/v4/users/me"),
            await client.get("/api/v4/users/username/nobody"),  # 404, a JSON error
            await client.get("/api/v4/users/me", headers={"Authorization": ""}),  # 401
        ]
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(world.fake.url + "/api/v4/websocket", headers=bearer) as ws,
    ):
        upgrade = ws._response.headers  # the 101 answer of the upgrade
    assert [a.status_code for a in answers] == [200, 404, 401]
    for headers in [*(a.headers for a in answers), upgrade]:
        assert headers["X-Ratelimit-Limit"] == "51"
        assert int(headers["X-Ratelimit-Remaining"]) < 51
        assert headers["X-Ratelimit-Reset"] == "1"
        assert "Retry-After" not in headers  # only on a refusal


def digests(users: list[str], rounds: int = 1) -> list[Outgoing]:
    return [
        Outgoing(f"digest:{u}:{DAY}:{r}", "digest", u, f"digest {r} for @{u}")
        for r in range(rounds)
        for u in users
    ]


def courier_for(world: World, retry: RetryPolicy = FAST_RETRY) -> MattermostCourier:
    rest = MattermostRest(world.address(), world.bot_token, retry=retry)
    settings = BotSettings(team=world.team["name"], action_url="http://127.0.0.1:9/a",
                           signing_secret=SECRET)  # fmt: skip
    bot = MattermostBot(rest, RecordingDispatcher(), settings, address=world.address(),
                        token=world.bot_token)  # fmt: skip
    return MattermostCourier(bot, rest)


def dm_texts(world: World, user_id: str) -> list[str]:
    channel = world.fake.direct_channel(world.bot["id"], user_id)["id"]
    return [p["message"] for p in world.fake.posts(channel) if p["user_id"] == world.bot["id"]]


async def test_parallel_delivery_keeps_to_the_limit_and_sends_each_message_once(
    world: World, store: Store
) -> None:
    people = [world.fake.add_user(f"person{i:02d}")[0] for i in range(40)]
    names = [p["username"] for p in people]
    limiter = world.fake.limit_rate(per_sec=50, max_burst=40)
    courier = courier_for(world)
    repo = OutboxStore(store.engine)
    outbox = Outbox(repo, courier, SystemClock(), workers=4)
    repo.add(digests(names, rounds=2), SystemClock().now())
    started = time.monotonic()
    report = await asyncio.to_thread(outbox.deliver)
    elapsed = time.monotonic() - started
    courier.rest.close()
    assert len(report.sent) == 80
    assert not report.failed
    assert not report.undeliverable
    for person in people:  # each once, and one recipient's in the order queued
        assert dm_texts(world, person["id"]) == [
            f"digest 0 for @{person['username']}",
            f"digest 1 for @{person['username']}",
        ]
    # 40 people: a look-up and a DM channel each, then 80 posts; the bucket holds 41, so unless
    # this machine was slower than 50 requests a second anyway, the gate had to slow down, and
    # it did so before the server refused anything
    assert world.fake.count("POST", "/api/v4/posts") == 80
    assert world.fake.count("GET", "/api/v4/users/username/.*") == 40
    assert world.fake.count("POST", "/api/v4/channels/direct") == 40
    assert courier.rest.gate.waited > 0 or elapsed > (160 - 41) / 50
    assert limiter.limited_count == 0, f"{limiter.limited_count} requests were refused"
    assert elapsed < 60


async def test_after_a_429_every_sender_waits_retry_after(world: World, store: Store) -> None:
    people = [world.fake.add_user(f"member{i}")[0] for i in range(6)]
    courier = courier_for(world, RetryPolicy(attempts=3, initial=0.01, maximum=0.05))
    for p in people:  # warm the look-ups: only the posts are left
        await asyncio.to_thread(courier.bot.target, p["username"], direct=True)
    world.fake.fail_next(1, 429, retry_after=1, path="/api/v4/posts")
    outbox = Outbox(OutboxStore(store.engine), courier, SystemClock(), workers=3)
    outbox.repo.add(digests([p["username"] for p in people]), SystemClock().now())
    started = time.monotonic()
    report = await asyncio.to_thread(outbox.deliver)
    elapsed = time.monotonic() - started
    courier.rest.close()
    assert len(report.sent) == 6
    assert not report.failed
    assert courier.rest.gate.refusals == 1
    assert elapsed >= 0.9  # the refused post and the others waited for Retry-After
    for p in people:
        assert len(dm_texts(world, p["id"])) == 1


async def test_look_ups_are_remembered(world: World) -> None:
    courier = courier_for(world)
    for _ in range(3):
        await asyncio.to_thread(courier.deliver, digests(["alice", "bob"])[0])
        await asyncio.to_thread(courier.deliver, digests(["bob"])[0])
    courier.rest.close()
    assert world.fake.count("GET", "/api/v4/users/username/.*") == 2
    assert world.fake.count("POST", "/api/v4/channels/direct") == 2
    assert world.fake.count("POST", "/api/v4/posts") == 6


def test_the_cache_is_bounded_and_expires() -> None:
    ticks = Ticks()
    cache: BoundedCache[str, int] = BoundedCache(2, ttl=60, monotonic=ticks)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # a is now the most recently used
    cache.put("c", 3)
    assert (cache.get("b"), cache.get("a"), cache.get("c")) == (None, 1, 3)
    ticks.now += 61
    assert cache.get("a") is None
    assert len(cache) == 0  # c expired with a


def test_the_gate_paces_at_the_servers_rate_when_the_bucket_runs_low() -> None:
    ticks = Ticks()
    gate = RateGate(reserve=5, monotonic=ticks)
    slept: list[float] = []
    gate.pause = slept.append  # type: ignore[method-assign]
    gate.observe(200, RateHeaders(limit=101, remaining=50, reset=6, retry_after=None))
    gate.before()
    assert slept == []  # plenty left: no waiting
    gate.observe(200, RateHeaders(limit=101, remaining=3, reset=10, retry_after=None))
    for _ in range(3):
        gate.before()
    # 98 requests in a bucket that is full in 10 s: about 0.1 s each, a little slower
    assert slept[0] == pytest.approx(10 / 98 * 1.15, rel=0.01)
    assert slept[1] == pytest.approx(2 * slept[0], rel=0.01)
    gate.observe(429, RateHeaders(limit=101, remaining=0, reset=11, retry_after=3))
    slept.clear()
    gate.before()
    assert slept[0] >= 3


async def test_a_stop_parks_what_would_have_to_wait(world: World, store: Store) -> None:
    people = [world.fake.add_user(f"late{i}")[0] for i in range(8)]
    world.fake.fail_next(1000, 503, path="/api/v4/posts")  # every post fails for now
    slow = RetryPolicy(attempts=6, initial=5.0, maximum=30.0)
    courier = courier_for(world, slow)
    outbox = Outbox(OutboxStore(store.engine), courier, SystemClock(), workers=2)
    outbox.repo.add(digests([p["username"] for p in people]), SystemClock().now())
    done = threading.Event()

    def deliver() -> None:
        outbox.deliver()
        done.set()

    thread = threading.Thread(target=deliver)
    thread.start()
    await asyncio.sleep(1.0)  # both workers are now sleeping before a retry
    started = time.monotonic()
    outbox.stop()
    courier.rest.stop_waiting()
    await asyncio.to_thread(done.wait, 10)
    stopped_in = time.monotonic() - started
    thread.join()
    assert stopped_in < 2
    rows = outbox.repo.pending()  # type: ignore[attr-defined]
    assert len(rows) == 8  # nothing lost; all due again at the next start
    assert all(q.state is OutboxState.PENDING and q.retry_at is None for q in rows)
    started = time.monotonic()
    with pytest.raises(MattermostUnavailable):  # a failure is not retried once stopping
        await asyncio.to_thread(courier.deliver, digests(["late0"])[0])
    assert time.monotonic() - started < 1
    with pytest.raises(GateStopped):
        courier.rest.gate.pause(1)
    courier.rest.close()


async def test_an_unknown_account_is_asked_about_once_per_period(world: World) -> None:
    ticks = Ticks()
    rest = MattermostRest(world.address(), world.bot_token, retry=FAST_RETRY)
    directory = UserDirectory(rest, missing_ttl=600, monotonic=ticks)
    try:
        for _ in range(3):
            with pytest.raises(MattermostApiError) as refused:
                await asyncio.to_thread(directory.by_username, "@nobody-here")
            assert refused.value.status == 404
        assert world.fake.count("GET", "/api/v4/users/username/nobody-here") == 1
        ticks.now += 601  # the account may exist by now: the server is asked again
        with pytest.raises(MattermostApiError):
            await asyncio.to_thread(directory.by_username, "nobody-here")
        assert world.fake.count("GET", "/api/v4/users/username/nobody-here") == 2
        alice = await asyncio.to_thread(directory.by_username, "alice")
        assert alice.username == "alice"
    finally:
        rest.close()

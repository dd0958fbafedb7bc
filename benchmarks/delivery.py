"""Time the outbox delivering 500 digests to 500 people against the fake Mattermost on loopback.

Usage: python -m benchmarks.delivery [--people N] [--runs N] [--per-sec R --burst B]
Three ways, each run ``--runs`` times on a fresh outbox (medians printed):
- serial, cold: one worker, nothing remembered: a user look-up, a DM channel and a post per
  digest (how every digest was sent before parallel delivery and the look-up cache);
- parallel, cold: ``outbox_workers`` (4) at once, the first round of a new process;
- parallel, warm: the same process the next day: the look-ups are remembered, one post each.
For each: wall time, CPU time of this process (the fake server runs in it too), REST calls per
digest, 429 answers and the seconds the rate gate waited. ``--per-sec``/``--burst`` switch on
the fake's rate limiter with those settings (the server's defaults are 10 and 100).
Printed, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from tests.fakes.mattermost.dispatcher import RecordingDispatcher
from tests.fakes.mattermost.fixtures import SECRET, running_world
from wp2bot.adapters.mattermost.address import ServerAddress
from wp2bot.adapters.mattermost.bot import MattermostBot
from wp2bot.adapters.mattermost.bot_settings import BotSettings
from wp2bot.adapters.mattermost.courier import MattermostCourier
from wp2bot.adapters.mattermost.rest import MattermostRest
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.outbox_store import OutboxStore
from wp2bot.chat import Button, Card, Outgoing
from wp2bot.clock import SystemClock
from wp2bot.services.outbox import Outbox


@dataclass(frozen=True)
class Figures:
    """One delivery round."""

    wall: float
    cpu: float
    calls: int
    sent: int
    refused: int
    waited: float


def digests(names: Sequence[str], day: str) -> list[Outgoing]:
    """One digest with one card per person, like the reminder sweep's."""
    out = []
    for name in names:
        done = Button("done", "Done", {"cmd": "done", "id": 7}, "primary")
        card = Card(title="#7 Renew the host certificates", text="due today", buttons=(done,))
        out.append(Outgoing(f"digest:{name}:{day}", "digest", name, f"Your actions, {day}:",
                            cards=(card,)))  # fmt: skip
    return out


def courier_for(server: FakeServer) -> MattermostCourier:
    """A courier over a bot that is not connected (sending needs only REST)."""
    address = ServerAddress.parse(server.url)
    rest = MattermostRest(address, server.token)
    settings = BotSettings(team=server.team, action_url="http://127.0.0.1:9/a",
                           signing_secret=SECRET)  # fmt: skip
    bot = MattermostBot(rest, RecordingDispatcher(), settings, address=address,
                        token=server.token)  # fmt: skip
    return MattermostCourier(bot, rest)


def serve_fake(conn: Connection, people: int, per_sec: float, burst: int) -> None:
    """The child process: a fake Mattermost with ``people`` users, answering questions."""

    async def run() -> None:
        async with running_world() as world:
            names = [world.fake.add_user(f"person{i:04d}")[0]["username"] for i in range(people)]
            if per_sec:
                world.fake.limit_rate(per_sec, burst)
            conn.send((world.fake.url, world.bot_token, world.team["name"], names))
            loop = asyncio.get_running_loop()
            while (ask := await loop.run_in_executor(None, conn.recv)) != "stop":
                limiter = world.fake.limiter
                conn.send((len(world.fake.requests), limiter.limited_count if limiter else 0))
                del ask

    asyncio.run(run())


class FakeServer:
    """The fake Mattermost in its own process, as a real server would be."""

    def __init__(self, people: int, per_sec: float, burst: int) -> None:
        self._conn, child = multiprocessing.Pipe()
        self._proc = multiprocessing.get_context("spawn").Process(
            target=serve_fake, args=(child, people, per_sec, burst), daemon=True
        )
        self._proc.start()
        self.url, self.token, self.team, self.names = self._conn.recv()

    def counts(self) -> tuple[int, int]:
        """(requests received, requests refused with 429) so far."""
        self._conn.send("count")
        calls, limited = self._conn.recv()
        return int(calls), int(limited)

    def stop(self) -> None:
        """End the child."""
        self._conn.send("stop")
        self._proc.join(10)


def one_round(server: FakeServer, courier: MattermostCourier, workers: int, day: str,
              db: str) -> Figures:  # fmt: skip
    """Queue a digest for everyone and deliver them; the figures of that round."""
    store = Store.open(db)
    try:
        repo = OutboxStore(store.engine)
        outbox = Outbox(repo, courier, SystemClock(), workers=workers)
        repo.add(digests(server.names, day), SystemClock().now())
        calls, limited = server.counts()
        waited = courier.rest.gate.waited
        wall, cpu = time.perf_counter(), time.process_time()
        report = outbox.deliver()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        store.close()
    calls_after, limited_after = server.counts()
    return Figures(wall, cpu, calls_after - calls, len(report.sent), limited_after - limited,
                   courier.rest.gate.waited - waited)  # fmt: skip


def measure(people: int, runs: int, per_sec: float, burst: int) -> None:
    """Every way, ``runs`` times each, each run on a fresh fake server."""
    results: dict[str, list[Figures]] = {}
    ways = [("serial, cold", 1, True), ("parallel, cold", 4, True), ("parallel, warm", 4, False)]
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            server = FakeServer(people, per_sec, burst)
            try:
                courier = courier_for(server)
                for n, (label, workers, cold) in enumerate(ways):
                    if cold:
                        courier.rest.close()
                        courier = courier_for(server)
                    db = f"sqlite:///{Path(tmp) / f'outbox-{run}-{n}.db'}"
                    figures = one_round(server, courier, workers, f"day{n}", db)
                    results.setdefault(label, []).append(figures)
                courier.rest.close()
            finally:
                server.stop()
    limit = f"rate limit {per_sec:g}/s, burst {burst}" if per_sec else "generous rate limit"
    print(f"{people} digests to {people} people, fake Mattermost in its own process on "
          f"loopback, {limit}; median of {runs} runs; CPU: this process only")  # fmt: skip
    base = statistics.median(f.wall for f in results["serial, cold"])
    for label, figures in results.items():
        wall = statistics.median(f.wall for f in figures)
        cpu = statistics.median(f.cpu for f in figures)
        calls = statistics.median(f.calls for f in figures) / people
        sent = min(f.sent for f in figures)
        refused = max(f.refused for f in figures)
        waited = statistics.median(f.waited for f in figures)
        print(f"  {label:15} {wall:6.2f} s wall ({base / wall:4.1f}x)  {cpu:6.2f} s CPU  "
              f"{calls:3.1f} calls/digest  sent {sent}/{people}  429s {refused}  "
              f"gate waited {waited:5.2f} s")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--per-sec", type=float, default=0.0)
    parser.add_argument("--burst", type=int, default=100)
    args = parser.parse_args(argv)
    measure(args.people, args.runs, args.per_sec, args.burst)
    return 0


if __name__ == "__main__":
    sys.exit(main())

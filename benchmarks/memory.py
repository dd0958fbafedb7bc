"""Resident memory of ``wp2bot run``: on the embedded default, and with 10,000 actions.

Usage: python -m benchmarks.memory [--actions N] [--seconds S]
Starts the fake Mattermost server of the test suite on loopback, runs ``wp2bot run`` against it
as a child process, lets the bot answer a command and the scheduler run (reminder sweep over all
actions) until its peak has settled (under 1 MB more in 5 s, at least S seconds), then prints
the resident set size (VmRSS and VmHWM, the peak) and after how many seconds. Target: <= 150 MB.
Printed, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.reminders import NOW, seed
from tests.fakes.mattermost.fixtures import World, running_world
from wp2bot.adapters.storage import Store

SETTLED = 5  # seconds with the peak grown by under 1 MB: the first rounds are over
LONGEST = 180  # seconds of sampling at most


def free_port() -> int:
    """A free loopback TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident set size of ``pid`` in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


async def measure(world: World, db_url: str, label: str, seconds: int) -> None:
    """Run the bot on ``db_url`` and print its memory after a command and a scheduler round."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WP2BOT_")}
    env.update({
        "WP2BOT_DATABASE_URL": db_url, "WP2BOT_MATTERMOST_URL": world.fake.url,
        "WP2BOT_MATTERMOST_TEAM": world.team["name"],
        "WP2BOT_MATTERMOST_CHANNEL": world.channel["name"],
        "WP2BOT_MATTERMOST_TOKEN": world.bot_token, "WP2BOT_HTTP_PORT": str(port),
        "WP2BOT_ACTION_SECRET": "memory-benchmark-signing-secret",
        "WP2BOT_SCHEDULER_SECONDS": "2", "WP2BOT_REMINDERS_SEND_FROM": "0",
        "WP2BOT_REMINDERS_SEND_UNTIL": "24", "WP2BOT_REMINDERS_WEEKENDS": "true",
    })  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "wp2bot", "run"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        await asyncio.sleep(4)
        world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot actions all")
        # the command, and scheduler rounds over every action (a first round at 100,000
        # actions takes longer than the 2 s between rounds on a busy machine)
        # sampled for ``seconds`` at least, and on until the peak has grown by under 1 MB in SETTLED
        # seconds (the first sweep over every action is done), at most LONGEST
        samples: list[float] = []
        peaks: list[float] = []
        while len(samples) < LONGEST and (
            len(samples) < max(seconds, SETTLED + 1) or peaks[-1] - peaks[-1 - SETTLED] >= 1.0
        ):
            await asyncio.sleep(1)
            if proc.poll() is not None:
                print(f"{label}: wp2bot run exited with {proc.returncode}")
                return
            rss, hwm = rss_mb(proc.pid)
            samples.append(rss)
            peaks.append(hwm)
        now, peak = rss_mb(proc.pid)
        print(
            f"{label:34} RSS {now:6.1f} MB   peak {peak:6.1f} MB   (target <= 150 MB)"
            f"   after {len(samples)} s"
        )
        print(f"{'':34} RSS each second: " + " ".join(f"{x:.0f}" for x in samples))
    finally:
        proc.send_signal(signal.SIGTERM)
        await asyncio.to_thread(proc.wait, 30)


async def main_async(actions: int, seconds: int) -> None:
    """Both measurements against one fake server."""
    with tempfile.TemporaryDirectory() as tmp:
        async with running_world() as world:
            empty = f"sqlite:///{tmp}/empty.db"
            Store.open(empty).close()
            await measure(world, empty, "embedded default (empty SQLite)", seconds)
            full = f"sqlite:///{tmp}/full.db"
            store = Store.open(full)
            seed(store, actions, 500, random.Random(1))
            store.close()
            await measure(world, full, f"{actions} actions, 500 owners", seconds)
    print(f"(reference clock of the seeded data: {NOW:%Y-%m-%d})")


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument(
        "--seconds", type=int, default=6, help="how long the bot runs after the command"
    )
    args = parser.parse_args()
    asyncio.run(main_async(args.actions, args.seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Chat latency: a command's round trip through the fake Mattermost (post -> reply seen).

Usage: python -m benchmarks.chat [--rounds 300] [--actions 10000] [--people 500] [--echo]
Runs the real bot (websocket, REST through the driver, worker threads) against the loopback
fake server. By default the real command table answers over a SQLite store seeded with
``--actions`` items and ``--people`` people; ``--echo`` uses a trivial dispatcher to show the
transport alone. Prints p50/p90/p99/max in ms; the target is p99 < 100 ms (printed, not asserted).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # the fake server lives in tests/, beside the package
    sys.path.insert(0, str(REPO))

from tests.fakes.mattermost.dispatcher import RecordingDispatcher  # noqa: E402
from tests.fakes.mattermost.fixtures import running_world, start_bot  # noqa: E402
from wp2bot.adapters.storage import Store  # noqa: E402
from wp2bot.app import build_dispatcher  # noqa: E402
from wp2bot.chat import Dispatcher  # noqa: E402
from wp2bot.clock import FrozenClock  # noqa: E402
from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterPerson  # noqa: E402
from wp2bot.domain.tracking import Review  # noqa: E402

NOW = datetime(2025, 3, 12, 10, 0, tzinfo=UTC)


def seed(store: Store, actions: int, people: int) -> tuple[Roster, list[int]]:
    """``actions`` accepted items over ``people`` owners; returns the roster and alice's items."""
    rng = random.Random(7)
    persons = [RosterPerson("Alice Smith", username="alice")] + [
        RosterPerson(f"Person {n:03d}", username=f"person{n:03d}") for n in range(1, people)
    ]
    meeting, _ = store.upsert_meeting("bench:1", title="WP2", meeting_date=date(2025, 3, 11))
    alice_items = []
    for n in range(actions):
        who = persons[0] if n % 20 == 0 else rng.choice(persons)
        owner = Owner(who.name, who.name, OwnerKind.PERSON, username=who.username)
        record = store.create_action(
            text=f"action {n}: check transfers at site {n % 40}",
            owners=[owner],
            at=NOW,
            who="ingest",
            via="cli",
            review=Review.ACCEPTED,
            meeting_id=meeting.id,
        )
        if who is persons[0]:
            alice_items.append(record.id)
    return Roster(people=tuple(persons)), alice_items


async def measure(dispatcher: Dispatcher, commands: list[str]) -> list[float]:
    """Round-trip times in ms, one command at a time (post, then wait for the bot's reply)."""
    timings = []
    async with running_world() as world:
        running = await start_bot(world, dispatcher)
        channel = world.channel["id"]
        world.fake.allow_ephemeral(world.bot["id"])  # private answers stay in the channel
        state = world.fake.state
        for command in commands:
            before = len(state.posts) + len(state.ephemerals)
            started = time.perf_counter()
            world.fake.post_as(world.alice["id"], channel, f"@wp2bot {command}")
            # The request adds one post; the reply is the next post or ephemeral.
            while len(state.posts) + len(state.ephemerals) < before + 2:
                await asyncio.sleep(0.0005)
            timings.append((time.perf_counter() - started) * 1000)
        await running.stop()
    return timings


def report(label: str, timings: list[float]) -> None:
    """Print the percentiles."""
    ordered = sorted(timings)
    cut = statistics.quantiles(ordered, n=100)
    print(
        f"{label}: n={len(ordered)}  p50={cut[49]:.1f} ms  p90={cut[89]:.1f} ms  "
        f"p99={cut[98]:.1f} ms  max={ordered[-1]:.1f} ms  (target p99 < 100 ms: "
        f"{'met' if cut[98] < 100 else 'NOT met'})"
    )


def main() -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--actions", type=int, default=10000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--echo", action="store_true", help="trivial dispatcher: transport only")
    args = parser.parse_args()
    if args.echo:
        timings = asyncio.run(
            measure(RecordingDispatcher(), [f"card {n}" for n in range(args.rounds)])
        )
        report("echo dispatcher", timings)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'bench.db'}")
        started = time.perf_counter()
        roster, alice_items = seed(store, args.actions, args.people)
        took = time.perf_counter() - started
        print(f"seeded {args.actions} actions, {args.people} people in {took:.1f} s")
        clock = FrozenClock(NOW)
        dispatcher = build_dispatcher(
            store, clock, chairs=[], timezone="Europe/Zurich", roster=roster
        )
        rng = random.Random(11)
        commands = []
        for n in range(args.rounds):
            item = alice_items[n % len(alice_items)]
            commands.append(
                rng.choice([f"done {item}", "actions mine", f"show {item}", "help done"])
            )
        timings = asyncio.run(measure(dispatcher, commands))
        report(f"real command table ({args.actions} actions)", timings)
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

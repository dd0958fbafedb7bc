"""The reminder sweep at 1k, 10k and 100k open actions, side by side.

Usage: python benchmarks/scale.py [--sizes 1000,10000,100000] [--runs N]   (SQLite files)
Each size is seeded in bulk (SQL inserts): open accepted actions due from 60 days ago to 20 days
ahead, one owner each among ``size / 20`` people, a reminder log of the nudges already sent, and
today's digest claimed for most owners (the state the scheduler meets every few minutes). The
sweep then has a small remainder to send. Prints the median sweep time per size and the ratio
100k/1k. Printed, not asserted: the target is a sweep over 100k open actions under a second.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert

from benchmarks.reminders import NOW, CountingChat, seed
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.adapters.storage.rhythm_tables import DigestRow, ReminderLogRow
from wp2bot.clock import FrozenClock
from wp2bot.domain.models import Roster, RosterPerson
from wp2bot.domain.reminders import ReminderPolicy, RosterIndex
from wp2bot.services.reminding import ReminderService

PENDING = 20  # owners who have not had today's digest yet: the sweep sends to them


def seed_sent(store: Store, actions: int, owners: int) -> None:
    """Bulk-insert an old nudge per action and today's digest for all but ``PENDING`` owners."""
    today = NOW.date()
    sent_at = NOW - timedelta(days=20)
    logs = [
        {
            "action_id": i + 1,
            "username": f"user{i % owners:03d}",
            "kind": "before",
            "occasion": today - timedelta(days=20),
            "sent_at": sent_at,
        }
        for i in range(actions)
    ]
    digests = [
        {"username": f"user{i:03d}", "day": today, "sent_at": NOW - timedelta(hours=1)}
        for i in range(PENDING, owners)
    ]
    with store.session() as s:
        s.execute(insert(ReminderLogRow), logs)
        s.execute(insert(DigestRow), digests)


def sweep_times(url: str, actions: int, runs: int) -> tuple[list[float], int]:
    """Seed ``actions`` and time ``runs`` sweeps; the times and the digests of the first."""
    owners = max(PENDING + 1, actions // 20)
    store = Store.open(url)
    try:
        seed(store, actions, owners, random.Random(7))
        seed_sent(store, actions, owners)
        people = tuple(
            RosterPerson(f"Person {i:03d}", username=f"user{i:03d}", timezone="Europe/Zurich")
            for i in range(owners)
        )
        service = ReminderService(
            store,
            RhythmStore(store.engine),
            FrozenClock(NOW),
            CountingChat(),
            RosterIndex(Roster(people=people)),
            policy=ReminderPolicy(),
            zone="Europe/Zurich",
            next_meeting=lambda _now: NOW.date() + timedelta(days=2),
        )
        times, sent = [], 0
        for run in range(runs):
            started = time.perf_counter()
            report = service.tick(NOW + timedelta(minutes=5 * run))
            times.append(time.perf_counter() - started)
            sent = sent or len(report.sent)
        return times, sent
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sizes and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    medians: dict[int, float] = {}
    print(f"{'actions':>8} {'owners':>7} {'sweep p50':>10} {'max':>9} {'digests':>8}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'scale.db'}"
            times, sent = sweep_times(url, size, max(1, args.runs))
        medians[size] = statistics.median(times)
        print(
            f"{size:>8} {max(PENDING + 1, size // 20):>7} {medians[size] * 1000:>8.1f}ms"
            f" {max(times) * 1000:>7.1f}ms {sent:>8}"
        )
    if 1000 in medians and 100_000 in medians:
        ratio = medians[100_000] / medians[1000]
        print(f"ratio 100k/1k: {ratio:.1f}")
    if 100_000 in medians:
        verdict = "yes" if medians[100_000] < 1 else "NO"
        print(f"sweep over 100k open actions under one second: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time one reminder sweep over 10,000 open actions owned by 500 people.

Usage: python benchmarks/reminders.py [--actions N] [--owners N] [--database URL]
Prints the sweep's wall time, the number of digests and of distinct recipients (expected: one
digest per owner), then a second sweep's time (expected: nothing sent, the day is done).
Printed, not asserted: the target is one sweep under a second on SQLite.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.adapters.storage.tables import ActionOwnerRow, ActionRow
from wp2bot.chat import Card
from wp2bot.clock import FrozenClock
from wp2bot.domain.models import Roster, RosterPerson
from wp2bot.domain.reminders import ReminderPolicy, RosterIndex
from wp2bot.services.reminding import ReminderService

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)  # a Wednesday, 10:30 in Zurich


class CountingChat:
    """A chat port that only counts the direct messages."""

    def __init__(self) -> None:
        self.to: Counter[str] = Counter()

    def post(
        self, channel: str, text: str, *, root_id: str = "", cards: Sequence[Card] = ()
    ) -> str:
        """Not used by the sweep."""
        return "post"

    def direct(self, username: str, text: str, *, cards: Sequence[Card] = ()) -> str:
        """Count one DM."""
        self.to[username] += 1
        return f"dm{sum(self.to.values())}"

    def update(self, post_id: str, text: str, *, cards: Sequence[Card] = ()) -> None:
        """Not used by the sweep."""


def seed(store: Store, actions: int, owners: int, rng: random.Random) -> None:
    """Bulk-insert open accepted actions, each owned by one of ``owners`` people."""
    today = NOW.date()
    rows = []
    for i in range(actions):
        due: date | None = today + timedelta(days=rng.randint(-60, 20))
        if i % 10 == 0:
            due = None
        rows.append(
            {
                "id": i + 1,
                "text": f"Benchmark action {i + 1}",
                "status": "open",
                "review": "accepted",
                "due": due,
                "edited": [],
                "created_at": NOW - timedelta(days=90),
                "updated_at": NOW - timedelta(days=90),
            }
        )
    owner_rows = [
        {
            "action_id": i + 1,
            "position": 0,
            "written": f"user{i % owners:03d}",
            "name": f"Person {i % owners:03d}",
            "kind": "person",
            "username": f"user{i % owners:03d}",
            "username_key": f"user{i % owners:03d}",
            "candidates": [],
            "open_accepted": True,
            "due": rows[i]["due"],
        }
        for i in range(actions)
    ]
    with store.session() as s:
        s.execute(insert(ActionRow), rows)
        s.execute(insert(ActionOwnerRow), owner_rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--owners", type=int, default=500)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a temporary SQLite file)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = Store.open(url)
        rhythm = RhythmStore(store.engine)
        seed(store, args.actions, args.owners, random.Random(7))
        zones = ("Europe/Zurich", "Europe/Berlin", "Europe/London", "Europe/Rome")
        people = tuple(
            RosterPerson(f"Person {i:03d}", username=f"user{i:03d}", timezone=zones[i % 4])
            for i in range(args.owners)
        )
        chat = CountingChat()
        clock = FrozenClock(NOW)
        service = ReminderService(
            store, rhythm, clock, chat, RosterIndex(Roster(people=people)),
            policy=ReminderPolicy(), zone="Europe/Zurich",
            next_meeting=lambda _now: NOW.date() + timedelta(days=2),
        )  # fmt: skip
        started = time.perf_counter()
        report = service.tick(NOW)
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = service.tick(NOW + timedelta(minutes=5))
        second = time.perf_counter() - started
        items = sum(n for _, n in report.sent)
        print(f"actions: {args.actions}, owners: {args.owners}, database: {url.split(':')[0]}")
        print(f"first sweep:  {first * 1000:7.1f} ms, {len(report.sent)} digests, {items} items")
        print(f"recipients:   {len(chat.to)} distinct, max {max(chat.to.values(), default=0)} DM")
        print(f"second sweep: {second * 1000:7.1f} ms, {len(again.sent)} digests (expected 0)")
        verdict = "yes" if len(chat.to) == args.owners and max(chat.to.values()) == 1 else "NO"
        print(f"one digest per owner: {verdict}; under one second: {'yes' if first < 1 else 'NO'}")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Whole-table work at 1k, 10k and 100k actions, side by side: the reminder sweep, the chair's
summary, the full listing (``wp2bot actions``), export and import.

Usage: python -m benchmarks.scale [--sizes 1000,10000,100000] [--runs N]   (SQLite files)
Each size is seeded in bulk (SQL inserts): open accepted actions due from 60 days ago to 20 days
ahead, one owner each among ``size / 20`` people, a reminder log of the nudges already sent, and
today's digest claimed for most owners (the state the scheduler meets every few minutes). The
sweep then has a small remainder to send. On the same database the summary, the listing and
the JSON export are timed, and the export is imported into a fresh database. Prints medians of
CPU time (``time.process_time``, what a busy shared machine does not distort) per size, and the
ratio 100k/1k. Printed, not asserted: targets are a sweep over 100k open actions under a second
and an import of at least 2,000 actions/s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert

from benchmarks.cli_args import add_runs, add_sizes, runs_of, sizes_of
from benchmarks.reminders import NOW, CountingChat, seed
from wp2bot.adapters.storage import ActionFilter, Store
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.adapters.storage.rhythm_tables import DigestRow, ReminderLogRow
from wp2bot.adapters.storage.transfer_store import TransferStore
from wp2bot.cli.actions import render as render_listing
from wp2bot.clock import FrozenClock
from wp2bot.domain.models import Roster, RosterPerson
from wp2bot.domain.reminders import ReminderPolicy, RosterIndex
from wp2bot.part_builders import build_rhythm
from wp2bot.services.reminding import ReminderService
from wp2bot.services.rhythm import RhythmOptions
from wp2bot.services.transfer import export_json, import_json

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
            started = time.process_time()
            report = service.tick(NOW + timedelta(minutes=5 * run))
            times.append(time.process_time() - started)
            sent = sent or len(report.sent)
        return times, sent
    finally:
        store.close()


def cpu_times(work: Callable[[], object], runs: int) -> list[float]:
    """CPU seconds of ``runs`` calls of ``work``."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return times


def whole_table_times(url: str, fresh_url: str, runs: int) -> dict[str, list[float]]:
    """Summary, listing, export and import over the database ``sweep_times`` seeded."""
    store = Store.open(url)
    try:
        options = RhythmOptions("Europe/Zurich")
        briefing = build_rhythm(store, FrozenClock(NOW), None, Roster(), options)
        port = TransferStore(store.engine)
        out = {
            "summary": cpu_times(lambda: briefing.briefing.text(NOW), runs),
            "listing": cpu_times(lambda: render_listing(store.actions(ActionFilter())), runs),
            "export": cpu_times(lambda: export_json(port), runs),
        }
        text = export_json(port)
    finally:
        store.close()
    target = Store.open(fresh_url)
    try:
        started = time.process_time()
        import_json(TransferStore(target.engine), text)
        out["import"] = [time.process_time() - started]
    finally:
        target.close()
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sizes and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_sizes(parser)
    add_runs(parser)
    args = parser.parse_args(argv)
    sizes, runs = sizes_of(args), runs_of(args)
    medians: dict[str, dict[int, float]] = {}
    names = ("sweep", "summary", "listing", "export", "import")
    print(f"{'actions':>8} {'owners':>7} " + " ".join(f"{n + ' cpu':>12}" for n in names)
          + f" {'digests':>8} {'import/s':>9}")  # fmt: skip
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'scale.db'}"
            times, sent = sweep_times(url, size, runs)
            found = {"sweep": times} | whole_table_times(
                url, f"sqlite:///{Path(tmp) / 'in.db'}", runs
            )
        for name in names:
            medians.setdefault(name, {})[size] = statistics.median(found[name])
        cells = " ".join(f"{medians[n][size] * 1000:>10.1f}ms" for n in names)
        rate = size / max(medians["import"][size], 1e-9)
        print(f"{size:>8} {max(PENDING + 1, size // 20):>7} {cells} {sent:>8} {rate:>9,.0f}")
    if 1000 in sizes and 100_000 in sizes:
        print("ratio 100k/1k: " + ", ".join(
            f"{n} {medians[n][100_000] / medians[n][1000]:.1f}" for n in names))  # fmt: skip
    if 100_000 in sizes:
        verdict = "yes" if medians["sweep"][100_000] < 1 else "NO"
        print(f"sweep over 100k open actions under one second: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

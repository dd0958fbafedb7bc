"""The chair's summary and one ingest over 1k/10k/100k stored actions, side by side.

Usage: python -m benchmarks.summary_ingest [--sizes 1000,10000,100000] [--runs N]
Each size is seeded in bulk (SQL inserts) into a SQLite file: a meeting a day before 2020-02-27
with 25 actions each (``size / 25`` meetings of several series), 85 % open (5 % of those
unconfirmed), 15 % closed,
due from 60 days before to 20 days after the summary's day (10 % undated), one owner each among
``size / 20`` people, and 2 % owned by people of data/community.toml (whom the sample minutes
name). Timed: ``wp2bot summary`` (the briefing built and rendered as Markdown, and as text),
then an ingest of the sample minutes (data/wp2-meeting-2020-03-11.txt, 25 actions) as a new
meeting, ``--runs`` times, each time a fresh copy. Prints medians of CPU time per size (what a
busy shared machine distorts least), the Markdown's length and the ratio 100k/1k.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
import tomllib
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert

from benchmarks.cli_args import add_runs, add_sizes, runs_of, sizes_of
from wp2bot.adapters.minutes_files import load_meeting
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.adapters.storage.tables import ActionOwnerRow, ActionRow, MeetingRow
from wp2bot.clock import FrozenClock
from wp2bot.domain.roster import parse_community
from wp2bot.services.briefing import BriefingService
from wp2bot.services.ingest import IngestService
from wp2bot.services.meeting_calendar import MeetingCalendar

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "wp2-meeting-2020-03-11.txt"
COMMUNITY = ROOT / "data" / "community.toml"
ZONE = "Europe/Zurich"
AT = datetime(2020, 3, 10, 9, 0, tzinfo=ZoneInfo(ZONE))  # the day before the sample's meeting
PER_MEETING = 25  # actions in one meeting's minutes


def seed(store: Store, size: int, names: Sequence[str], rng: random.Random) -> None:
    """Bulk-insert the meetings, the actions and their owners described in the module."""
    last = date(2020, 2, 26)
    count = max(1, size // PER_MEETING)
    meetings = [
        {
            "id": m + 1,
            "source": f"bench:meeting:{m + 1}",
            "title": f"Series {m % 7} meeting",
            "meeting_date": last - timedelta(days=count - 1 - m),
            "timezone": ZONE,
            "minutes_hash": f"h{m}",
        }
        for m in range(count)
    ]
    people = max(1, size // 20)
    actions, owners = [], []
    for i in range(size):
        meeting = meetings[min(i // PER_MEETING, count - 1)]
        said = datetime.combine(meeting["meeting_date"], datetime.min.time(), UTC)  # type: ignore[arg-type]
        done = i % 100 < 15
        due: date | None = AT.date() + timedelta(days=rng.randint(-60, 20))
        actions.append(
            {
                "id": i + 1,
                "meeting_id": meeting["id"],
                "last_meeting_id": meeting["id"],
                "text": f"Benchmark action {i + 1} on pool {i % 97}",
                "fingerprint": f"benchmark action {i + 1} on pool {i % 97}",
                "status": "done" if done else "open",
                "review": "proposed" if i % 100 in (20, 40, 60, 80, 90) else "accepted",
                "due": None if i % 10 == 3 else due,
                "edited": [],
                "created_at": said,
                "updated_at": said,
                "closed_at": said + timedelta(days=rng.randint(1, 40)) if done else None,
            }
        )
        name = names[i % len(names)] if i % 50 == 7 else f"Person {i % people:05d}"
        user = "".join(name.lower().split())
        owners.append(
            {
                "action_id": i + 1,
                "position": 0,
                "written": name,
                "name": name,
                "kind": "person",
                "username": user,
                "username_key": user,
                "name_key": name.lower(),
                "candidates": [],
            }
        )
    with store.session() as s:
        s.execute(insert(MeetingRow), meetings)
        s.execute(insert(ActionRow), actions)
        s.execute(insert(ActionOwnerRow), owners)


def cpu(work: Callable[[], object], runs: int) -> tuple[list[float], object]:
    """CPU seconds of ``runs`` calls of ``work``, and its last result."""
    times, result = [], None
    for _ in range(runs):
        started = time.process_time()
        result = work()
        times.append(time.process_time() - started)
    return times, result


def measure(tmp: Path, size: int, runs: int) -> dict[str, float]:
    """Seed one database of ``size`` actions and time the summary and the ingest on it."""
    roster = parse_community(tomllib.loads(COMMUNITY.read_text()))
    store = Store.open(f"sqlite:///{tmp / 'bench.db'}")
    try:
        seed(store, size, [p.name for p in roster.people], random.Random(11))
        calendar = MeetingCalendar(store, ZONE)
        briefing = BriefingService(store, RhythmStore(store.engine), None, calendar)
        md_times, md = cpu(lambda: briefing.text(AT, "markdown"), runs)
        text_times, _ = cpu(lambda: briefing.text(AT, "text"), runs)
        service = IngestService(store, FrozenClock(AT), roster)
        ingest_times = []
        for run in range(runs):
            copy = tmp / str(run) / SAMPLE.name
            copy.parent.mkdir()
            shutil.copy(SAMPLE, copy)
            meeting = load_meeting(copy)
            started = time.process_time()
            service.ingest(meeting)
            ingest_times.append(time.process_time() - started)
    finally:
        store.close()
    return {
        "summary": statistics.median(md_times),
        "text": statistics.median(text_times),
        "ingest": statistics.median(ingest_times),
        "chars": float(len(str(md))),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sizes and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_sizes(parser)
    add_runs(parser)
    args = parser.parse_args(argv)
    sizes = sizes_of(args)
    found: dict[int, dict[str, float]] = {}
    print(f"{'actions':>8} {'summary cpu':>12} {'text cpu':>12} {'ingest cpu':>12} {'md chars':>9}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            found[size] = m = measure(Path(tmp), size, runs_of(args))
        print(f"{size:>8} {m['summary'] * 1000:>10.1f}ms {m['text'] * 1000:>10.1f}ms "
              f"{m['ingest'] * 1000:>10.1f}ms {int(m['chars']):>9}")  # fmt: skip
    if 1000 in found and 100_000 in found:
        print("ratio 100k/1k: " + ", ".join(
            f"{n} {found[100_000][n] / found[1000][n]:.1f}" for n in ("summary", "text", "ingest")
        ))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

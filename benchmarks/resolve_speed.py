"""Time owner resolution and due-date finding over the action lines of synthetic 10 KB minutes.

Usage: python -m benchmarks.resolve_speed [--docs N] [--repeat R] [--roster]
The workload is gathered once by running the extractor on the synthetic documents of
benchmarks/extraction.py; only the resolver, named-event and due-date calls are timed, each
document with a fresh OwnerResolver as the extractor builds one per document.
--roster resolves against data/community.toml instead of an empty roster.
"""

from __future__ import annotations

import argparse
import random
import re
import time
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.extraction import synthetic_document
from wp2bot.domain.actions import extract_actions
from wp2bot.domain.dates import DateContext, find_due, find_named_events
from wp2bot.domain.minutes import decode_minutes, parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster, Section
from wp2bot.domain.owners import OwnerResolver, split_owners
from wp2bot.domain.roster import parse_community

REPO = Path(__file__).resolve().parents[1]
MEETING = date(2026, 11, 5)
# The words in front of "will"/"to" on a list line: what the extractor asks is_known about.
_WHO = re.compile(r"^\s*[-*]\s+(?:\[.\]\s+)?(?:ACTION:\s*)?([A-Z]\w+)\s+(?:will|to)\b")


@dataclass
class DocWork:
    """Everything one document asks of owner resolution and due-date finding."""

    participants: tuple[Participant, ...]
    speakers: tuple[Participant, ...]
    text: str
    owners: list[tuple[str, Section | None]]
    probes: list[str]
    actions: list[str]


def gather(count: int, roster: Roster) -> list[DocWork]:
    """Parse and extract the synthetic documents once; keep the calls the extractor makes."""
    rng = random.Random(7)
    ctx = MeetingContext(meeting_date=MEETING, timezone="Europe/Zurich")
    work: list[DocWork] = []
    for _ in range(count):
        text = decode_minutes(synthetic_document(rng).encode())
        doc = parse_minutes(text, "markdown")
        by_title = {s.title: s for s in doc.sections}
        owners: list[tuple[str, Section | None]] = []
        actions: list[str] = []
        for action in extract_actions(doc, ctx, roster):
            owners += [(w, by_title.get(action.section)) for w in action.owners_raw]
            actions.append(action.text)
        probes = [m.group(1) for line in text.splitlines() if (m := _WHO.match(line))]
        probes += [p for w, _ in owners for p in split_owners(w)]
        work.append(
            DocWork(tuple(doc.participants), tuple(doc.speakers), text, owners, probes, actions)
        )
    return work


def run(work: list[DocWork], roster: Roster) -> tuple[float, float]:
    """Seconds spent resolving owners (with is_known) and finding due dates."""
    owners_s = dates_s = 0.0
    for doc in work:
        start = time.perf_counter()
        resolver = OwnerResolver(roster, participants=doc.participants, speakers=doc.speakers)
        for probe in doc.probes:
            resolver.is_known(probe)
        for written, section in doc.owners:
            resolver.resolve(written, section)
        middle = time.perf_counter()
        dctx = DateContext(MEETING, named_events=find_named_events(doc.text, MEETING))
        for text in doc.actions:
            find_due(text, dctx)
        dates_s += time.perf_counter() - middle
        owners_s += middle - start
    return owners_s, dates_s


def main(argv: list[str] | None = None) -> int:
    """Gather the workload, warm up, time the best of several runs and print calls per second."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--roster", action="store_true", help="use data/community.toml")
    args = parser.parse_args(argv)
    roster = Roster()
    if args.roster:
        with (REPO / "data" / "community.toml").open("rb") as handle:
            roster = parse_community(tomllib.load(handle))
    work = gather(args.docs, roster)
    run(work[:2], roster)  # process-wide caches (compiled rules) are not what is measured
    owners_s, dates_s = min(
        (run(work, roster) for _ in range(args.repeat)), key=lambda r: r[0] + r[1]
    )
    resolves = sum(len(d.owners) for d in work)
    probes = sum(len(d.probes) for d in work)
    dues = sum(len(d.actions) for d in work)
    docs = len(work)
    print(f"{docs} documents, roster: {'community.toml' if args.roster else 'empty'}")
    print(
        f"owners: {resolves} resolve + {probes} is_known calls in {owners_s * 1e3:.1f} ms "
        f"= {(resolves + probes) / owners_s:,.0f} calls/s ({owners_s / docs * 1e3:.3f} ms/doc)"
    )
    print(
        f"dates: {dues} find_due calls + {docs} find_named_events in {dates_s * 1e3:.1f} ms "
        f"= {dues / dates_s:,.0f} calls/s ({dates_s / docs * 1e3:.3f} ms/doc)"
    )
    print(f"total: {(owners_s + dates_s) / docs * 1e3:.3f} ms per document")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

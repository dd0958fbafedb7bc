"""The world the chat benchmark's commands run in, seeded in bulk (SQL inserts, not use cases).

``seed``: actions, owners, history and notes (50 people per 1,000 actions, 40 sites with one
contact each, an experiment alice answers for), made and last changed over 59 days rather than
all at one instant (what reads of "changed since" see of a real series); one action in ten
linked to a check of its site; an hour of results of every check, one check in seven failing
for its last three sweeps; 20 past meetings and the next one in 40 hours. ``dispatcher``: the
command table with live status over the example endpoints copied under the 40 sites, the
rhythm, board links and the next meeting's round-table open, its questions asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from prometheus_client import CollectorRegistry
from sqlalchemy import insert

from benchmarks.relink import with_extra_sites
from wp2bot.adapters.endpoints_config import load_endpoints
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.check_tallies import recount_stored
from wp2bot.adapters.storage.probe_store import ActionCheckRow, K, ProbeResultRow
from wp2bot.adapters.storage.tables import (
    ActionOwnerRow,
    ActionRow,
    HistoryRow,
    MeetingRow,
    NoteRow,
    PersonRow,
)
from wp2bot.chat import Dispatcher
from wp2bot.clock import FrozenClock
from wp2bot.domain.health import CheckSpec, EndpointsConfig, ProbeResult
from wp2bot.domain.models import Roster, RosterGroup, RosterPerson
from wp2bot.domain.reminders import RosterIndex
from wp2bot.part_builders import build_dispatcher, build_live_status, build_rhythm
from wp2bot.services.board import BoardLinks
from wp2bot.services.rhythm import RhythmOptions
from wp2bot.services.search import SearchService

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2025, 3, 12, 10, 0, tzinfo=UTC)
SITES = 40
NEXT_MEETING = timedelta(hours=40)
# which seeded ids each changing command takes, by position modulo 100 (see ``seed``)
DONE_SLOT, PROPOSED_SLOTS = 1, (2, 3, 4, 5, 6, 7)
LINKED = "perfsonar"  # the check `link` and `unlink` use; no seeded link points at one
SEQUENCES = ("action", "history", "action_note", "meeting", "action_owner")
SWEEP, SWEEPS, FAILING_EVERY = timedelta(minutes=5), 12, 7
SPREAD = timedelta(days=59)  # over which the seeded items were made (and last changed)


def endpoints() -> EndpointsConfig:
    """The example endpoints file's checks, and a copy of them under each of the 40 sites."""
    return with_extra_sites(load_endpoints(ROOT / "data" / "endpoints.toml"), SITES)


CONFIG = endpoints()
SEEDED_CHECKS = sorted({c.name for c in CONFIG.checks if c.name != LINKED})


def links(actions: int) -> list[dict[str, object]]:
    """One action in ten linked by hand to a check of its section's site."""
    return [
        {
            "action_id": i,
            "check_id": f"SITE{i % SITES:02d}/{SEEDED_CHECKS[i // 10 % len(SEEDED_CHECKS)]}",
            "manual": True,
            "removed": False,
        }
        for i in range(5, actions + 1, 10)
    ]


def results(sweeps: int = SWEEPS) -> list[dict[str, object]]:
    """The last ``sweeps`` results of every check, five minutes apart (12: the last hour); one
    check in seven failed the last three."""
    out: list[dict[str, object]] = []
    for n, check in enumerate(CONFIG.checks):
        for k in range(sweeps, 0, -1):
            failed = n % FAILING_EVERY == 0 and k <= 3
            stage = {"name": "upload", "status": "fail" if failed else "pass", "seconds": 0.2}
            out.append(
                {
                    "check_id": check.id,
                    "url": check.target,
                    "at": NOW - k * SWEEP,
                    "ok": not failed,
                    "seconds": 0.2,
                    "error": "timed out" if failed else None,
                    "stages": [stage | {"error": "timed out" if failed else None}],
                }
            )
    return out


@dataclass
class Seeded:
    """What the commands of one size work on."""

    roster: Roster
    people: int
    alice: list[int] = field(default_factory=list)  # open accepted items alice owns
    other: list[int] = field(default_factory=list)  # open accepted items of somebody else
    done: list[int] = field(default_factory=list)
    proposed: list[int] = field(default_factory=list)


def seed(store: Store, actions: int, people: int, sweeps: int = SWEEPS) -> Seeded:
    """Bulk-insert ``actions`` items over ``people`` owners, with history and notes."""
    persons = [RosterPerson("Alice Smith", username="alice")] + [
        RosterPerson(f"Person {n:04d}", username=f"person{n:04d}") for n in range(1, people)
    ]
    sites = [
        RosterGroup(f"SITE{s:02d}", "site", contacts=(f"person{s + 1:04d}",)) for s in range(SITES)
    ]
    groups = (*sites, RosterGroup("EXP-A", "experiment", contacts=("alice",)))  # alice answers
    made = Seeded(Roster(people=tuple(persons), groups=groups), people)
    today = NOW.date()
    first = NOW - timedelta(days=60)  # the items were made over 59 days, in id order
    rows, owners, history, notes = [], [], [], []
    for i in range(1, actions + 1):
        created = first + SPREAD * (i / actions)
        slot = i % 100
        status = "done" if slot == DONE_SLOT else "open"
        review = "proposed" if slot in PROPOSED_SLOTS else "accepted"
        who = persons[0] if i % 20 == 0 else persons[(i * 7919) % people]
        group = i % 50 == 3  # a few items are owned by a site
        rows.append(
            {
                "id": i,
                "text": f"action {i}: check transfers at site {i % SITES}",
                "status": status,
                "review": review,
                "meeting_id": 1 + i % 20,
                "last_meeting_id": 1 + i % 20,
                "due": None if i % 9 == 0 else today + timedelta(days=(i * 31) % 120 - 60),
                "section": f"SITE{i % SITES:02d}",
                "fingerprint": f"fp{i}",
                "edited": [],
                "created_at": created,
                "updated_at": created,
                "closed_at": created if status == "done" else None,
            }
        )
        owner = {
            "action_id": i,
            "position": 0,
            "written": who.name,
            "name": who.name,
            "kind": "person",
            "username": who.username,
            "username_key": who.username,
            "name_key": who.name.lower(),
            "candidates": [],
            "open_accepted": status == "open" and review == "accepted",
            "due": rows[-1]["due"],
        }
        if group:
            site = f"SITE{i % SITES:02d}"
            owner |= {
                "written": site,
                "name": site,
                "kind": "group",
                "username": None,
                "username_key": None,
                "name_key": site.lower(),
            }
        owners.append(owner)
        history.append(
            {
                "action_id": i,
                "at": created,
                "who": "ingest",
                "via": "cli",
                "change": "created",
                "old": "",
                "new": rows[-1]["text"],
                "comment": "",
            }
        )
        if i % 10 == 0:
            notes.append({"action_id": i, "at": created, "who": "alice", "text": f"note {i}"})
            history.append(
                {
                    "action_id": i,
                    "at": created,
                    "who": "alice",
                    "via": "dm",
                    "change": "note",
                    "old": "",
                    "new": f"note {i}",
                    "comment": "",
                }
            )
        if status == "done":
            made.done.append(i)
        elif review == "proposed":
            made.proposed.append(i)
        elif group:
            pass
        elif who is persons[0]:
            made.alice.append(i)
        else:
            made.other.append(i)
    meetings = [
        {
            "id": m,
            "source": f"bench:{m}",
            "title": f"WP2 meeting {m}",
            "timezone": "UTC",
            "meeting_date": today - timedelta(days=14 * (20 - m)),
            "minutes_hash": "",
            "cancelled": False,
        }
        for m in range(1, 21)
    ]
    # the next meeting: its round-table is open (48 h before), beyond the live mode's 12 h
    meetings.append(
        {
            "id": 21,
            "source": "bench:21",
            "title": "WP2 meeting 21",
            "timezone": "UTC",
            "meeting_date": (NOW + NEXT_MEETING).date(),
            "starts_at": NOW + NEXT_MEETING,
            "minutes_hash": "",
            "cancelled": False,
        }
    )
    people_rows = [
        {"name": p.name, "username": p.username, "username_key": p.username} for p in persons
    ]
    with store.session() as s:
        s.execute(insert(MeetingRow), meetings)
        s.execute(insert(PersonRow), people_rows)
        for table, data in (
            (ActionRow, rows),
            (ActionOwnerRow, owners),
            (HistoryRow, history),
            (NoteRow, notes),
            (ActionCheckRow, links(actions)),
            (ProbeResultRow, results(sweeps)),
        ):
            for start in range(0, len(data), 20_000):
                s.execute(insert(table), data[start : start + 20_000])
        recount_stored(s, K)  # the settled states the sweeps would have kept
    if store.engine.dialect.name == "postgresql":
        with store.engine.begin() as conn:  # bulk-inserted ids: move the sequences past them
            for table in (*SEQUENCES, "action_check", "probe_result"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT MAX(id) FROM {table}))"
                )
            conn.exec_driver_sql("ANALYZE")
    else:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    return made


async def never_probe(check: CheckSpec) -> ProbeResult:
    """Commands read the stored results; none runs a probe."""
    raise AssertionError(f"a command probed {check.id}")


def dispatcher(store: Store, made: Seeded, search: SearchService | None) -> Dispatcher:
    """The command table as the running bot wires it, without a chat to send through; the
    next meeting's round-table is opened and its contacts asked (alice among them)."""
    clock = FrozenClock(NOW)
    live = build_live_status(
        store, CONFIG, clock, chat=None, index=RosterIndex(made.roster),
        registry=CollectorRegistry(), runner=never_probe,
    )  # fmt: skip
    options = RhythmOptions("Europe/Zurich", chairs=("alice",), live=live)
    rhythm = build_rhythm(store, clock, None, made.roster, options)
    rhythm.roundtable.tick(NOW)
    return build_dispatcher(
        store, clock, chairs=["alice"], timezone="Europe/Zurich", roster=made.roster,
        rhythm=rhythm, live=live, search=search,
        board=BoardLinks("http://127.0.0.1:9", b"benchmark-board-secret", clock),
    )  # fmt: skip

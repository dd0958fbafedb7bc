"""Live status on actions: auto-links, alarms once per settled change, downtime, hints, metrics,
the link/unlink/status commands and the status shown wherever an action is shown.

A real SQLite database, a frozen clock and a scripted prober handed to LiveStatus as its runner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy.exc
from prometheus_client import CollectorRegistry

from wp2bot.adapters.endpoints_config import load_endpoints, parse_endpoints
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.outbox_store import OutboxStore
from wp2bot.chat import Card, Dispatcher, Reply, Request
from wp2bot.clock import FrozenClock
from wp2bot.domain.health import CheckSpec, ProbeResult, StageResult, StageStatus
from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterGroup, RosterPerson, Status
from wp2bot.domain.outbox import OutboxState
from wp2bot.domain.reminders import RosterIndex
from wp2bot.domain.summary_render import render
from wp2bot.domain.tracking import Review
from wp2bot.part_builders import build_dispatcher, build_live_status, build_rhythm
from wp2bot.services.live_status import LiveStatus
from wp2bot.services.meeting_calendar import series_source
from wp2bot.services.rhythm import RhythmOptions, RhythmServices

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)  # a Wednesday, 10:00 in Zurich
# a little over the checks' default interval (300 s), so that every sweep finds them due
STEP = timedelta(seconds=310)
CHANNEL = "wp2-channel"
DASHBOARD = "https://grafana.example.org/d/gsi/storage?var-site=GSI"
ENDPOINTS: dict[str, object] = {
    "sites": {"GSI": {"aliases": ["GSI Darmstadt"], "dashboard": DASHBOARD}},
    "check": [
        {
            "site": "GSI",
            "name": "perfsonar",
            "kind": "tcp",
            "target": "perfsonar.gsi.example.org:443",
            "aliases": ["perfSONAR", "network"],
        },
        {"site": "GSI", "name": "web", "kind": "http", "url": "https://www.gsi.example.org/"},
    ],
}
ROSTER = Roster(
    people=(
        RosterPerson("Kilian Schwarz", username="kschwarz", site="GSI"),
        RosterPerson("Dave Brown", username="dave"),
    ),
    groups=(RosterGroup("GSI", "site", members=("Kilian Schwarz",), contacts=("kschwarz",)),),
)


@dataclass
class ScriptedProber:
    """Answers each check with the next scripted verdict (pass when nothing is scripted)."""

    clock: FrozenClock
    script: dict[str, list[bool]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    async def __call__(self, check: CheckSpec) -> ProbeResult:
        self.calls.append(check.id)
        queue = self.script.get(check.id, [])
        ok = queue.pop(0) if queue else True
        stage = StageResult(
            "connect",
            StageStatus.PASS if ok else StageStatus.FAIL,
            0.01,
            None if ok else "connection refused",
        )
        return ProbeResult(check.id, check.target, self.clock.now(), (stage,))


@dataclass
class RecordingChat:
    """A ChatPort that remembers posts and direct messages."""

    posts: list[tuple[str, str]] = field(default_factory=list)
    directs: list[tuple[str, str]] = field(default_factory=list)

    def post(
        self, channel: str, text: str, *, root_id: str = "", cards: Sequence[Card] = ()
    ) -> str:
        self.posts.append((channel, text))
        return f"post{len(self.posts)}"

    def direct(self, username: str, text: str, *, cards: Sequence[Card] = ()) -> str:
        self.directs.append((username, text + "".join(c.text for c in cards)))
        return f"dm{len(self.directs)}"

    def update(self, post_id: str, text: str, *, cards: Sequence[Card] = ()) -> None:
        return None


@dataclass
class World:
    store: Store
    clock: FrozenClock
    chat: RecordingChat
    prober: ScriptedProber
    registry: CollectorRegistry
    live: LiveStatus
    rhythm: RhythmServices
    bot: Dispatcher

    def run(self, user: str, line: str) -> Reply:
        return self.bot.dispatch(Request(text=line, user=user, via="dm"))

    def tick(self, steps: int = 1) -> None:
        """Sweep ``steps`` times, one check interval apart."""
        for _ in range(steps):
            self.live.tick(self.clock.now())
            self.clock.set(self.clock.now() + STEP)

    def add(self, text: str, *, due: date | None = None, status: Status = Status.OPEN) -> int:
        owner = Owner("Kilian Schwarz", "Kilian Schwarz", OwnerKind.PERSON, username="kschwarz")
        rec = self.store.create_action(
            text=text, owners=[owner], at=self.clock.now(), who="chair", via="cli",
            review=Review.ACCEPTED, due=due, status=status,
        )  # fmt: skip
        return rec.id


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    clock = FrozenClock(T0)
    chat = RecordingChat()
    prober = ScriptedProber(clock)
    registry = CollectorRegistry()
    live = build_live_status(
        store, parse_endpoints(ENDPOINTS), clock, chat=chat, index=RosterIndex(ROSTER),
        registry=registry, channel=CHANNEL, runner=prober,
    )  # fmt: skip
    # a meeting every Wednesday at 11:00 in Zurich: the first one an hour after T0
    source = series_source("every Wednesday 11:00", "2026-11-18", "Europe/Zurich", "WP2")
    options = RhythmOptions(
        "Europe/Zurich", channel=CHANNEL, chairs=("chair",), source=source, live=live
    )
    rhythm = build_rhythm(store, clock, chat, ROSTER, options)
    bot = build_dispatcher(
        store, clock, chairs=["chair"], timezone="Europe/Zurich", roster=ROSTER,
        chat=chat, rhythm=rhythm, live=live,
    )  # fmt: skip
    yield World(store, clock, chat, prober, registry, live, rhythm, bot)
    store.close()


def fail_perfsonar(world: World, fails: int, passes_before: int = 3) -> None:
    world.prober.script["GSI/perfsonar"] = [True] * passes_before + [False] * fails


# ---------------------------------------------------------------- linking
def test_autolink_finds_gsis_perfsonar_in_the_shipped_endpoints(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    clock = FrozenClock(T0)
    config = load_endpoints(ROOT / "data" / "endpoints.toml")
    live = build_live_status(
        store, config, clock, chat=None, index=RosterIndex(ROSTER), registry=CollectorRegistry()
    )
    owner = Owner("Dave Brown", "Dave Brown", OwnerKind.PERSON, username="dave")
    rec = store.create_action(
        text="Chase the PerfSONAR machines at GSI", owners=[owner], at=T0, who="chair", via="cli",
        review=Review.ACCEPTED,
    )  # fmt: skip
    vague = store.create_action(
        text="Write the minutes", owners=[owner], at=T0, who="chair", via="cli"
    )
    assert live.autolink() == 1
    assert live.probes.links() == {rec.id: ["GSI/perfsonar"]}
    assert vague.id not in live.probes.links()
    assert live.autolink() == 0  # already linked: nothing new
    store.close()


def test_link_unlink_commands_with_history_and_permission(world: World) -> None:
    n = world.add("Renew the GSI web certificate")
    reply = world.run("kschwarz", f"link {n} gsi/web")
    assert reply.ok, reply.text
    assert "GSI/web" in reply.text
    assert world.live.probes.links([n]) == {n: ["GSI/web"]}
    entry = world.store.history(n)[-1]
    assert (entry.change, entry.new, entry.who) == ("link", "GSI/web", "kschwarz")
    assert "already linked" in world.run("chair", f"link {n} GSI/web").text

    refused = world.run("dave", f"link {n} GSI/perfsonar")
    assert not refused.ok
    assert "Only an owner" in refused.text

    unknown = world.run("kschwarz", f"link {n} GSI/perfsonr")
    assert not unknown.ok
    assert "`GSI/perfsonar`" in unknown.text

    assert world.run("chair", f"unlink {n} GSI/web").ok
    assert world.store.history(n)[-1].change == "unlink"
    assert world.live.probes.links([n]) == {}
    world.live.autolink()  # the text names the web check, but an unlink is remembered
    assert world.live.probes.links([n]) == {}
    assert "not linked" in world.run("chair", f"unlink {n} GSI/web").text


# ---------------------------------------------------------------- alarms
def test_a_settled_failure_is_told_once_to_the_owner_and_the_channel(world: World) -> None:
    n = world.add("Chase the PerfSONAR machines at GSI")
    fail_perfsonar(world, fails=3)
    world.tick(5)  # three passes, two failures: not settled yet
    assert world.chat.directs == []
    assert world.chat.posts == []
    world.tick()  # the third failure settles it
    assert [u for u, _ in world.chat.directs] == ["kschwarz"]
    dm = world.chat.directs[0][1]
    assert "GSI/perfsonar" in dm
    assert "went down" in dm
    assert f"#{n}" in dm
    assert "connect: connection refused" in dm
    assert DASHBOARD in dm
    assert len(world.chat.posts) == 1
    assert world.chat.posts[0][0] == CHANNEL
    assert f"#{n}" in world.chat.posts[0][1]
    world.prober.script["GSI/perfsonar"] = [False] * 4
    world.tick(4)  # still failing: nothing new
    assert len(world.chat.directs) == 1
    assert len(world.chat.posts) == 1


def test_a_failed_commit_of_an_alarm_keeps_neither_the_result_nor_the_alarm(
    world: World,
) -> None:
    """Recording a state change and queueing its alarm are one transaction: when queueing
    fails (here the database refuses outbox rows, as a crash would cut it) the deciding result
    is not kept either, so the next sweep finds the same change and tells it exactly once."""
    world.add("Chase the PerfSONAR machines at GSI")
    fail_perfsonar(world, fails=4)
    world.tick(5)  # three passes, two failures: not settled yet
    engine = world.store.engine
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox "
            "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
        )
    kept = len(world.live.probes.history("GSI/perfsonar", T0))
    with pytest.raises(sqlalchemy.exc.DatabaseError, match="disk I/O error"):
        world.live.tick(world.clock.now())  # the third failure would settle it
    assert len(world.live.probes.history("GSI/perfsonar", T0)) == kept  # rolled back together
    assert world.chat.directs == []
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER refuse_outbox")
    world.clock.set(world.clock.now() + STEP)
    world.tick(3)  # the change is found again, told once, and not again after
    assert [u for u, _ in world.chat.directs] == ["kschwarz"]
    assert "went down" in world.chat.directs[0][1]
    assert "connect: connection refused" in world.chat.directs[0][1]
    assert len(world.chat.posts) == 1
    alarms = [m for m in OutboxStore(engine).messages() if m.message.kind == "alarm"]
    assert [m.state for m in alarms] == [OutboxState.SENT, OutboxState.SENT]


def test_recovery_tells_the_owner_but_not_the_channel(world: World) -> None:
    world.add("Chase the PerfSONAR machines at GSI")
    world.prober.script["GSI/perfsonar"] = [False] * 3 + [True] * 3
    world.tick(6)
    assert len(world.chat.posts) == 1
    assert [("went down" in t, "back up" in t) for _, t in world.chat.directs] == [
        (True, False),
        (False, True),
    ]


def test_flaps_below_k_are_suppressed(world: World) -> None:
    world.add("Chase the PerfSONAR machines at GSI")
    world.prober.script["GSI/perfsonar"] = [True] * 3 + [False, False, True, False, True, False]
    world.tick(9)
    assert world.prober.calls.count("GSI/perfsonar") == 9
    assert world.chat.directs == []
    assert world.chat.posts == []


def test_a_declared_downtime_silences_probe_alarms(world: World) -> None:
    world.add("Chase the PerfSONAR machines at GSI")
    reply = world.run("chair", "downtime GSI 2026-11-18..2026-11-19 network upgrade")
    assert reply.ok, reply.text
    fail_perfsonar(world, fails=6)
    world.tick(9)
    assert world.prober.calls.count("GSI/perfsonar") == 9
    assert world.chat.directs == []
    assert world.chat.posts == []
    status = world.run("dave", "status GSI/perfsonar")
    assert "downtime" in status.text


# ---------------------------------------------------------------- hints and metrics
def _history(world: World, days_ago: float, ok: bool, count: int = 3) -> None:
    start = T0 - timedelta(days=days_ago)
    world.live.probes.add(
        [
            ProbeResult(
                "GSI/perfsonar",
                "perfsonar.gsi.example.org:443",
                start + i * STEP,
                (StageResult("connect", StageStatus.PASS if ok else StageStatus.FAIL, 0.01),),
            )
            for i in range(count)
        ]
    )


def test_hints_done_but_failing_and_passing_for_days(world: World) -> None:
    n = world.add("Chase the PerfSONAR machines at GSI")
    world.live.autolink()
    _history(world, 8, ok=True)
    rec = world.store.action(n)
    assert world.live.hints_for(rec) == ["passing for 8 days — close? (GSI/perfsonar)"]
    assert "passing for 8 days" in world.run("dave", f"show {n}").text

    _history(world, 0.5, ok=False)
    done = world.run("kschwarz", f"done {n}")
    assert done.ok
    assert "marked done but still failing" in done.cards[0].text
    assert world.live.hints_for(world.store.action(n)) == [
        "marked done but still failing (GSI/perfsonar)"
    ]


def test_open_and_overdue_actions_by_site_in_the_registry(world: World) -> None:
    world.add("Chase the PerfSONAR machines at GSI", due=date(2026, 11, 1))
    world.add("Renew the GSI web certificate", due=date(2026, 12, 1))
    world.add("Already finished", status=Status.DONE)
    world.tick()
    sample = world.registry.get_sample_value
    assert sample("wp2bot_actions_open", {"site": "GSI"}) == 2
    assert sample("wp2bot_actions_overdue", {"site": "GSI"}) == 1


def test_the_action_gauges_are_counted_again_after_five_minutes_not_every_round(
    world: World,
) -> None:
    world.add("Chase the PerfSONAR machines at GSI")
    now = world.clock.now()
    world.live.tick(now)
    world.add("Renew the GSI web certificate")
    world.live.tick(now + timedelta(minutes=4))
    sample = world.registry.get_sample_value
    assert sample("wp2bot_actions_open", {"site": "GSI"}) == 1
    world.live.tick(now + timedelta(minutes=5))
    assert sample("wp2bot_actions_open", {"site": "GSI"}) == 2


# ---------------------------------------------------------------- what is shown
def _red(world: World) -> int:
    n = world.add("Chase the PerfSONAR machines at GSI", due=T0.date())
    fail_perfsonar(world, fails=3)
    world.tick(6)
    return n


def test_show_has_the_status_line_failing_stage_and_dashboard(world: World) -> None:
    n = _red(world)
    text = world.run("dave", f"show {n}").text
    line = next(x for x in text.splitlines() if "GSI/perfsonar" in x)
    assert line.strip().startswith("- 🔴 GSI/perfsonar fail")
    assert "connect: connection refused" in line
    assert re.search(r"since 2026-11-18 \d\d:\d\d UTC", line)
    assert f"[dashboard]({DASHBOARD})" in line


def test_actions_list_has_a_compact_icon_per_linked_check(world: World) -> None:
    n = _red(world)
    other = world.add("Write the minutes")
    text = world.run("dave", "actions").text
    row = next(x for x in text.splitlines() if x.startswith(f"| {n} |"))
    assert "🔴 GSI/perfsonar" in row
    assert "| Live |" in text
    assert "GSI" not in next(x for x in text.splitlines() if x.startswith(f"| {other} |"))


def test_status_command_for_a_check_a_site_an_action_and_all(world: World) -> None:
    n = _red(world)
    one = world.run("dave", "status GSI/perfsonar").text
    assert "GSI/perfsonar fail" in one
    assert re.search(r"24h \d+\.\d %, 7d \d+\.\d %, 30d \d+\.\d %", one)
    assert f"#{n}" in one
    site = world.run("dave", "status gsi darmstadt").text
    assert "GSI/perfsonar" in site
    assert "GSI/web" in site
    action = world.run("dave", f"status {n}").text
    assert "🔴 GSI/perfsonar" in action
    overview = world.run("dave", "status").text
    assert "🔴 1 fail" in overview
    assert "🟢 1 pass" in overview
    assert "Did you mean `GSI/web`" in world.run("dave", "status GSI/webb").text


def test_without_checks_status_says_so_and_actions_still_show(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    bot = build_dispatcher(store, FrozenClock(T0), chairs=["chair"], timezone="UTC")
    owner = Owner("Dave Brown", "Dave Brown", OwnerKind.PERSON, username="dave")
    rec = store.create_action(text="Do a thing", owners=[owner], at=T0, who="c", via="cli")
    reply = bot.dispatch(Request(text="status", user="dave", via="dm"))
    assert not reply.ok
    assert "No endpoint checks" in reply.text
    shown = bot.dispatch(Request(text=f"show {rec.id}", user="dave", via="dm"))
    assert "Live status" not in shown.text
    store.close()


def test_reminder_digest_shows_the_linked_status(world: World) -> None:
    n = _red(world)
    world.chat.directs.clear()
    report = world.rhythm.reminders.tick(world.clock.now())
    assert report.sent == (("kschwarz", 1),)
    digest = world.chat.directs[0][1]
    assert f"#{n} 🔴 GSI/perfsonar fail" in digest
    assert DASHBOARD in digest


class CountingLinks:
    """The probe store, counting how often the links are read."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.reads = 0

    def links(self, action_ids: Sequence[int] | None = None) -> dict[int, list[str]]:
        self.reads += 1
        return self.inner.links(action_ids)  # type: ignore[attr-defined,no-any-return]

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


def test_a_long_digest_reads_the_links_once_and_the_status_of_linked_items_only(
    world: World,
) -> None:
    n = _red(world)
    plain = [world.add(f"Write section {i} of the report", due=T0.date()) for i in range(30)]
    world.chat.directs.clear()
    counting = CountingLinks(world.live.probes)
    world.live.probes = counting  # type: ignore[assignment]
    report = world.rhythm.reminders.tick(world.clock.now())
    assert report.sent == (("kschwarz", 31),)
    digest = world.chat.directs[0][1]
    assert f"#{n} 🔴 GSI/perfsonar fail" in digest
    live = digest.split("**Live status**")[1]
    assert not any(f"#{p} " in live for p in plain)
    assert counting.reads <= 3  # the digest's links at once, then the linked item's own


def test_chair_summary_lists_red_endpoints_and_item_status(world: World) -> None:
    n = _red(world)
    text = render(world.rhythm.briefing.build(world.clock.now()), "markdown")
    item = next(x for x in text.splitlines() if f"#{n} " in x and "[ ]" in x)
    assert "🔴 GSI/perfsonar" in item
    assert "Endpoints failing:" in text
    assert "GSI/perfsonar fail" in text.split("Endpoints failing:")[1]


def test_round_table_question_shows_the_site_status_and_item_icons(world: World) -> None:
    n = _red(world)
    world.chat.directs.clear()
    now = world.clock.now()
    world.rhythm.calendar.sync(now)
    assert "kschwarz" in world.rhythm.roundtable.tick(now)
    question = next(t for u, t in world.chat.directs if u == "kschwarz")
    assert "GSI/perfsonar fail" in question  # the site's checks
    item = next(x for x in question.splitlines() if f"#{n} " in x)
    assert "🔴 GSI/perfsonar" in item  # and the item's own


def test_a_check_is_due_again_after_one_interval_and_sweeps_survive_new_loops() -> None:
    """A scheduler round one interval later finds the check due; each sweep runs in its own
    event loop (asyncio.run), which the monitor must not mind."""
    import asyncio as _asyncio
    import datetime as _dt

    from wp2bot.clock import FrozenClock as _Clock
    from wp2bot.domain.health import (
        CheckKind,
        CheckSpec,
        ProbeResult,
        Sample,
        StageResult,
        StageStatus,
    )
    from wp2bot.services.monitoring import Monitor

    class Memory:
        def __init__(self) -> None:
            self.rows: list[ProbeResult] = []

        def add(self, results: object, messages: object = ()) -> None:
            assert not messages, "no announce is given, so no alarm messages"
            self.rows.extend(results)  # type: ignore[arg-type]

        def history(self, check_id: str, since: _dt.datetime) -> list[ProbeResult]:
            return [r for r in self.rows if r.check_id == check_id and r.at >= since]

        def verdicts(self, check_id: str, since: _dt.datetime) -> list[Sample]:
            return [Sample(r.at, r.ok) for r in self.history(check_id, since)]

    clock = _Clock(_dt.datetime(2026, 11, 20, 8, tzinfo=_dt.UTC))

    async def prober(spec: CheckSpec) -> ProbeResult:
        return ProbeResult(
            spec.id, spec.target, clock.now(), (StageResult("connect", StageStatus.PASS, 0.01),)
        )

    check = CheckSpec(
        id="GSI/perfsonar",
        site="GSI",
        name="perfsonar",
        kind=CheckKind.TCP,
        target="ps.gsi.example.org:443",
        interval_s=300.0,
    )
    memory = Memory()
    monitor = Monitor(prober, memory, clock)
    for _ in range(3):
        assert monitor.due([check]) == [check]
        _asyncio.run(monitor.sweep([check]))
        assert monitor.due([check]) == []
        clock.advance(_dt.timedelta(seconds=300))
    assert len(memory.rows) == 3

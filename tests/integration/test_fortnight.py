"""A whole fortnight of the group's rhythm on a frozen clock and a real SQLite database.

Two meetings (every second Wednesday 11:00 Europe/Zurich), reminders across timezones, a mute,
an away period, a site downtime, an escalation, both round-tables (one by DM, one live) and the
chair's summaries. The same fortnight runs three times: straight through, with the bot rebuilt
from the database in the middle, and with the bot down for days; the messages are compared.
"""

from __future__ import annotations

import re
import threading
import tomllib
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.integration.indico_server import IndicoServer
from wp2bot.adapters.indico import IndicoClient
from wp2bot.adapters.scheduler import RhythmScheduler
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.chat import Card, Request
from wp2bot.clock import FrozenClock
from wp2bot.commands.table import COMMANDS, CommandDispatcher
from wp2bot.domain.models import Owner, OwnerKind, Roster
from wp2bot.domain.reminders import ReminderPolicy
from wp2bot.domain.roster import parse_community
from wp2bot.domain.tracking import Review
from wp2bot.part_builders import build_rhythm
from wp2bot.services.meeting_calendar import (
    IndicoEventsSource,
    IndicoSource,
    MeetingCalendar,
    series_source,
)
from wp2bot.services.rhythm import RhythmOptions, RhythmServices
from wp2bot.services.tracking import Tracker
from wp2bot.services.tracking_terms import Actor

ROOT = Path(__file__).resolve().parents[2]
ZURICH = ZoneInfo("Europe/Zurich")
START = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # Monday
END = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)  # the second meeting has started
MEETING_1 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)  # 11:00 Zurich
MEETING_2 = datetime(2026, 3, 18, 10, 0, tzinfo=UTC)
CHANNEL = "wp2-channel"
POLICY = ReminderPolicy(escalate_after=2, stuck_after=3)


@dataclass(frozen=True)
class Sent:
    """One message the bot sent."""

    at: datetime
    kind: str  # post | direct
    to: str
    text: str
    root_id: str = ""
    cards: tuple[Card, ...] = ()
    post_id: str = ""


@dataclass
class RecordingChat:
    """The chat server: records every message (it outlives the bot across a restart)."""

    clock: FrozenClock
    sent: list[Sent] = field(default_factory=list)

    def post(
        self, channel: str, text: str, *, root_id: str = "", cards: Sequence[Card] = ()
    ) -> str:
        post_id = f"post{len(self.sent) + 1}"
        self.sent.append(
            Sent(self.clock.now(), "post", channel, text, root_id, tuple(cards), post_id)
        )
        return post_id

    def direct(self, username: str, text: str, *, cards: Sequence[Card] = ()) -> str:
        post_id = f"post{len(self.sent) + 1}"
        self.sent.append(
            Sent(self.clock.now(), "direct", username, text, "", tuple(cards), post_id)
        )
        return post_id

    def update(self, post_id: str, text: str, *, cards: Sequence[Card] = ()) -> None:
        raise AssertionError("the rhythm never edits a post")


def roster() -> Roster:
    return parse_community(tomllib.loads((ROOT / "data" / "community.toml").read_text()))


def person(name: str, username: str) -> Owner:
    return Owner(name, name, OwnerKind.PERSON, username=username)


class Bot:
    """The bot as `wp2bot run` would wire it, over one database file."""

    def __init__(self, url: str, clock: FrozenClock, chat: RecordingChat) -> None:
        self.store = Store.open(url)
        self.clock = clock
        r = roster()
        source = series_source("every second Wednesday 11:00", "2026-03-04", "Europe/Zurich", "WP2")
        options = RhythmOptions(
            "Europe/Zurich", channel=CHANNEL, chairs=("xespinal",), source=source, reminders=POLICY
        )
        self.rhythm: RhythmServices = build_rhythm(self.store, clock, chat, r, options)
        self.tracker = Tracker(
            self.store, clock, chairs=("xespinal",), timezone="Europe/Zurich", roster=r
        )
        self.dispatcher = CommandDispatcher(
            self.tracker, commands=COMMANDS, chat=chat, rhythm=self.rhythm
        )
        self.scheduler = RhythmScheduler(self.rhythm.jobs(), clock)

    def tick(self) -> None:
        assert all(self.scheduler.run_due_jobs().values())

    def say(self, user: str, text: str, via: str = "dm") -> str:
        reply = self.dispatcher.dispatch(
            Request(text=text, user=user, via=via, channel_id=CHANNEL)  # type: ignore[arg-type]
        )
        assert reply.ok, reply.text
        return reply.text

    def close(self) -> None:
        self.store.close()


def seed(store: Store) -> dict[str, int]:
    """The fortnight's actions (accepted unless said otherwise)."""
    at = START - timedelta(days=7)

    def add(key: str, text: str, owners: list[Owner], due: date | None, **kw: object) -> None:
        rec = store.create_action(
            text=text, owners=owners, at=at, who="chair", via="cli", due=due,
            review=kw.get("review", Review.ACCEPTED),  # type: ignore[arg-type]
        )  # fmt: skip
        ids[key] = rec.id

    ids: dict[str, int] = {}
    paul, daniele = person("Paul Millar", "pmillar"), person("Daniele Cesini", "dcesini")
    add("smoke", "Set up smoke tests for the QoS endpoints", [paul], date(2026, 3, 6))
    add("report", "Write the QoS report", [paul], None)
    add("desy", "Renew the DESY host certificates", [Owner("DESY", "DESY", OwnerKind.GROUP)],
        date(2026, 3, 3))  # fmt: skip
    add("token", "Test token-based transfers @channel", [daniele], date(2026, 3, 10))
    add("late", "Publish the INFN storage plan", [daniele], date(2026, 2, 1))
    add("aarnet", "Measure the AARNet link", [person("Alex Dodson", "adodson")], None)
    add("proposal", "Maybe look at tape", [paul], date(2026, 3, 5), review=Review.PROPOSED)
    return ids


def run_fortnight(
    tmp: Path,
    *,
    restart_at: datetime | None = None,
    down: tuple[datetime, datetime] | None = None,
    url: str | None = None,
) -> tuple[RecordingChat, dict[str, int], RhythmStore]:
    url = url or f"sqlite:///{tmp / 'wp2bot.db'}"
    clock = FrozenClock(START)
    chat = RecordingChat(clock)
    bot = Bot(url, clock, chat)
    ids = seed(bot.store)
    bot.rhythm.reminders.declare_downtime(
        "AARNet", datetime(2026, 3, 15, tzinfo=UTC), datetime(2026, 3, 17, 12, tzinfo=UTC),
        "link upgrade", "xespinal",
    )  # fmt: skip
    bot.say("dcesini", "away 2026-03-12..2026-03-13")
    events = {
        datetime(2026, 3, 2, 11, tzinfo=UTC): lambda: _answer_desy(bot),
        datetime(2026, 3, 2, 12, tzinfo=UTC): lambda: _press_nothing(bot, "INFN", "dcesini"),
        datetime(2026, 3, 3, 12, tzinfo=UTC): lambda: bot.say("pmillar", f"mute {ids['desy']}"),
        datetime(2026, 3, 9, 12, tzinfo=UTC): lambda: bot.tracker.done(
            ids["smoke"], Actor("pmillar", "button")
        ),
        datetime(2026, 3, 18, 11, tzinfo=UTC): lambda: _live(bot),
    }
    now = START
    while now <= END:
        clock.set(now)
        if restart_at is not None and now == restart_at:
            bot.close()
            bot = Bot(url, clock, chat)  # everything the bot knows comes back from the database
        running = down is None or not down[0] <= now < down[1]
        if running and now in events:  # while the bot is down, nobody can talk to it either
            events.pop(now)()
        if running:
            bot.tick()
        now += timedelta(hours=1)
    rhythm = RhythmStore(bot.store.engine)
    bot.close()  # pooled connections closed; the engine reconnects if the caller reads on
    return chat, ids, rhythm


def _answer_desy(bot: Bot) -> None:
    reply = bot.rhythm.roundtable.roundtable_answer("pmillar", "dCache 9.2 rolled out, all fine")
    assert reply is not None
    assert reply.ok, reply.text


def _press_nothing(bot: Bot, entity: str, user: str) -> None:
    asked = bot.rhythm.roundtable.rhythm.asked_entries(user)
    entry = next(e for e, _ in asked if e.entity == entity)
    bot.say(user, f"roundtable {entry.id} nothing", via="button")


def _live(bot: Bot) -> None:
    bot.say("xespinal", "roundtable start", via="mention")
    bot.say("xespinal", "rt next", via="mention")
    bot.say("xespinal", "rt note EOS upgrade next week", via="mention")
    bot.say("xespinal", "rt skip", via="mention")
    bot.say("xespinal", "rt back", via="mention")
    bot.say("xespinal", "rt end", via="mention")


def names(text: str, action_id: int) -> bool:
    """Whether ``text`` names action ``action_id`` (#12, not #123)."""
    return re.search(rf"#{action_id}\b", text) is not None


def digests(chat: RecordingChat) -> list[Sent]:
    return [m for m in chat.sent if m.kind == "direct" and "Good morning" in m.text]


@pytest.fixture(scope="module")
def straight(tmp_path_factory: pytest.TempPathFactory) -> tuple[RecordingChat, dict[str, int]]:
    chat, ids, _ = run_fortnight(tmp_path_factory.mktemp("straight"))
    return chat, ids


def test_one_digest_per_person_and_day_in_working_hours(straight: tuple) -> None:
    chat, _ = straight
    zones = {"pmillar": "Europe/Berlin", "dcesini": "Europe/Rome", "adodson": "Australia/Perth"}
    days = Counter()
    for m in digests(chat):
        local = m.at.astimezone(ZoneInfo(zones.get(m.to, "Europe/Zurich")))
        days[(m.to, local.date())] += 1
        assert 9 <= local.hour < 18, (m.to, local)
        assert local.weekday() < 5, (m.to, local)
    assert days
    assert max(days.values()) == 1


def test_bundles_and_occasions(straight: tuple) -> None:
    chat, ids = straight
    paul = [m for m in digests(chat) if m.to == "pmillar"]
    # Monday 09:00 Berlin: the undated report, two days before the first meeting.
    assert paul[0].at == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    assert names(paul[0].text, ids["report"])
    assert not names(paul[0].text, ids["smoke"])
    # Tuesday: smoke tests due in 3 days and the DESY certificates due today, in one message.
    assert paul[1].at == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
    assert names(paul[1].text, ids["smoke"])
    assert names(paul[1].text, ids["desy"])
    buttons = [b.context for c in paul[1].cards for b in c.buttons]
    assert {"cmd": "done", "id": ids["smoke"]} in buttons
    assert {"cmd": "snooze", "id": ids["smoke"]} in buttons
    everything = "\n".join(m.text for m in digests(chat))
    assert not names(everything, ids["proposal"])  # proposals are never reminded
    assert "@channel" not in everything  # the owner's text is defused


def test_mute_done_away_and_downtime_are_respected(straight: tuple) -> None:
    chat, ids = straight
    after_mute = [m for m in digests(chat) if m.at > datetime(2026, 3, 3, 12, tzinfo=UTC)]
    assert all(not names(m.text, ids["desy"]) for m in after_mute if m.to == "pmillar")
    after_done = [m for m in digests(chat) if m.at > datetime(2026, 3, 9, 12, tzinfo=UTC)]
    assert all(not names(m.text, ids["smoke"]) for m in after_done)
    daniele = [m.at.astimezone(ZoneInfo("Europe/Rome")).date() for m in digests(chat)
               if m.to == "dcesini"]  # fmt: skip
    assert date(2026, 3, 12) not in daniele
    assert date(2026, 3, 13) not in daniele
    assert date(2026, 3, 16) in daniele  # back: the token item, overdue since the 11th
    alex = [m for m in digests(chat) if m.to == "adodson"]
    # The AARNet item: nudged before the first meeting, held during the link downtime
    # (the 16th), then once after it, still before the second meeting.
    alex_days = [m.at.astimezone(ZoneInfo("Australia/Perth")).date() for m in alex]
    assert alex_days == [date(2026, 3, 2), date(2026, 3, 18)]


def test_escalation_then_stuck_in_the_summary(straight: tuple) -> None:
    chat, ids = straight
    backup = [m for m in digests(chat) if m.to == "dspiga" and names(m.text, ids["late"])]
    assert len(backup) == 1
    assert "did not answer 2 reminders" in backup[0].text
    summaries = [m for m in chat.sent if m.kind == "post" and "Action summary" in m.text]
    assert [m.at for m in summaries] == [
        MEETING_1 - timedelta(hours=24),
        MEETING_2 - timedelta(hours=24),
    ]
    assert "Stuck" in summaries[1].text
    assert names(summaries[1].text, ids["late"])
    chair_dms = [m for m in chat.sent if m.to == "xespinal" and "Action summary" in m.text]
    assert [m.text for m in chair_dms] == [m.text for m in summaries]


def test_roundtable_by_dm_and_live_each_one_thread(straight: tuple) -> None:
    chat, _ = straight
    questions = [m for m in chat.sent if m.kind == "direct" and "Round-table for" in m.text]
    assert questions[0].at == MEETING_1 - timedelta(hours=48)
    chases = [m for m in chat.sent if "Friendly reminder" in m.text]
    backups = [m for m in chat.sent if "as its backup contact" in m.text]
    assert chases
    assert backups
    assert all(m.to != "pmillar" for m in chases + backups if m.at < MEETING_1)  # DESY answered
    posts = [m for m in chat.sent if m.kind == "post" and "Round-table —" in m.text]
    roots = [m for m in posts if not m.root_id]
    assert len(roots) == 2  # one thread per meeting
    first = [m for m in chat.sent if m.root_id == roots[0].post_id]
    assert "dCache 9.2 rolled out" in first[0].text
    assert "nothing to report" in first[0].text
    assert "Missing:" in roots[0].text
    second = [m for m in chat.sent if m.root_id == roots[1].post_id]
    assert any("EOS upgrade next week" in m.text for m in second)


def test_restart_in_the_middle_changes_nothing(tmp_path: Path, straight: tuple) -> None:
    chat, _ = straight
    restarted, _, _ = run_fortnight(tmp_path, restart_at=datetime(2026, 3, 9, 8, tzinfo=UTC))
    assert [(m.at, m.to, m.text) for m in restarted.sent] == [
        (m.at, m.to, m.text) for m in chat.sent
    ]


def test_postgresql_sends_exactly_what_sqlite_sends(
    tmp_path: Path, straight: tuple, database_url: str
) -> None:
    """The same fortnight, restarted in the middle, on each database (a real PostgreSQL too)."""
    chat, _ = straight
    again, _, _ = run_fortnight(
        tmp_path, restart_at=datetime(2026, 3, 9, 8, tzinfo=UTC), url=database_url
    )
    assert [(m.at, m.to, m.text) for m in again.sent] == [(m.at, m.to, m.text) for m in chat.sent]


def test_catch_up_after_downtime_sends_one_digest_per_person(tmp_path: Path) -> None:
    down = (datetime(2026, 3, 4, 12, tzinfo=UTC), datetime(2026, 3, 11, 8, tzinfo=UTC))
    chat, ids, rhythm = run_fortnight(tmp_path, down=down)
    assert not [m for m in chat.sent if down[0] <= m.at < down[1]]
    first = [m for m in digests(chat) if m.at == down[1]]
    assert len({m.to for m in first}) == len(first) >= 2
    paul = next(m for m in first if m.to == "pmillar")
    # The smoke tests (due on the 6th; before, due-day and overdue occasions all fell in the
    # downtime) get one nudge, for the latest occasion.
    assert paul.text.count(f"**#{ids['smoke']}**") == 1
    log = [d for d in rhythm.digests("pmillar") if d[2] == down[1]]
    assert len(log) == 1


def test_the_scheduler_thread_runs_every_job_at_start_and_survives_a_failure() -> None:
    clock = FrozenClock(START)
    seen: list[tuple[str, datetime]] = []
    finished = threading.Event()

    def broken(now: datetime) -> None:
        seen.append(("broken", now))
        raise RuntimeError("probe server unreachable")

    def last(now: datetime) -> None:
        seen.append(("last", now))
        finished.set()

    scheduler = RhythmScheduler([("broken", broken), ("last", last)], clock)
    scheduler.start()
    try:
        assert finished.wait(timeout=10)  # the first run is immediate, not after the interval
    finally:
        scheduler.shutdown()
    assert sorted(seen) == [("broken", START), ("last", START)]  # each on its own thread
    assert not scheduler.running
    assert scheduler.run_due_jobs() == {"broken": False, "last": True}


def test_the_calendar_follows_a_real_indico_category(
    indico_server: IndicoServer, tmp_path: Path
) -> None:
    title = f"wp2bot rhythm {uuid.uuid4().hex[:8]}"
    made = indico_server.add_meetings(
        [
            {"category_title": title, "title": "WP2 meeting", "start": "2026-12-02T11:00"},
            {"category_title": title, "title": "CANCELLED - WP2 meeting",
             "start": "2026-12-16T11:00"},
            {"category_title": title, "title": "WP2 meeting (January)",
             "start": "2027-01-13T11:00"},
        ]
    )  # fmt: skip
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    category = int(str(made[0]["category_id"]))
    with IndicoClient(indico_server.url, indico_server.token) as client:
        source = IndicoSource(client, category, indico_server.url)
        calendar = MeetingCalendar(store, "Europe/Zurich", source, lookahead_days=90)
        now = datetime(2026, 11, 25, 9, tzinfo=UTC)
        diff = calendar.sync(now)
        assert len(diff.new) == 2
        assert [m.title for m in diff.cancelled] == ["CANCELLED - WP2 meeting"]
        assert calendar.sync(now).new == ()  # a second sync changes nothing
        listed = IndicoEventsSource(client, [int(str(m["id"])) for m in made], indico_server.url)
        assert [m.title for m in listed.meetings(date(2026, 12, 1), date(2026, 12, 31))] == [
            "WP2 meeting",
            "CANCELLED - WP2 meeting",
        ]
    upcoming = calendar.next_meeting(now)
    assert upcoming is not None
    assert upcoming.key == f"{indico_server.url}/event/{made[0]['id']}/"
    assert upcoming.starts_at == datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    after = calendar.next_meeting(datetime(2026, 12, 3, tzinfo=UTC))
    assert after is not None
    assert after.title == "WP2 meeting (January)"  # the cancelled one is passed over

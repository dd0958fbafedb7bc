"""The round-table: asking and chasing, DM answers, moved and cancelled meetings, live mode."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from wp2bot.adapters.storage import Store
from wp2bot.chat import Card, Request
from wp2bot.clock import FrozenClock
from wp2bot.commands.rhythm import ROWS
from wp2bot.commands.table import COMMANDS, CommandDispatcher
from wp2bot.domain.calendar import PlannedMeeting
from wp2bot.domain.models import Owner, OwnerKind, Roster
from wp2bot.domain.roster import parse_community
from wp2bot.domain.roundtable import (
    AnswerKind,
    EntryState,
    RoundTablePolicy,
    Step,
    entities,
    live_line,
    next_step,
    report_text,
)
from wp2bot.domain.tracking import Review
from wp2bot.part_builders import build_rhythm
from wp2bot.services.meeting_calendar import series_source
from wp2bot.services.rhythm import RhythmOptions, RhythmServices
from wp2bot.services.tracking import Tracker

ROOT = Path(__file__).resolve().parents[2]
MEETING = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def roster() -> Roster:
    return parse_community(tomllib.loads((ROOT / "data" / "community.toml").read_text()))


def test_entities_are_sites_then_experiments_with_their_questions(roster: Roster) -> None:
    found = entities(roster)
    kinds = [e.kind for e in found]
    assert kinds == sorted(kinds, key=lambda k: k != "site")
    desy = next(e for e in found if e.name == "DESY")
    assert desy.contacts == ("pmillar",)
    assert "Anything to report since the last meeting?" in desy.questions


def test_ask_once_chase_once_then_the_backups() -> None:
    policy = RoundTablePolicy(chase_after_hours=24, backup_after_hours=30)
    fresh = EntryState(1, "DESY", "site", 0)
    assert next_step(fresh, T0, policy) is Step.ASK
    asked = EntryState(1, "DESY", "site", 0, asked_at=T0)
    assert next_step(asked, T0 + timedelta(hours=23), policy) is Step.WAIT
    assert next_step(asked, T0 + timedelta(hours=24), policy) is Step.CHASE
    chased = EntryState(1, "DESY", "site", 0, asked_at=T0, chased_at=T0 + timedelta(hours=24))
    assert next_step(chased, T0 + timedelta(hours=29), policy) is Step.WAIT
    assert next_step(chased, T0 + timedelta(hours=30), policy) is Step.BACKUP
    # Back after a long downtime: the backups are asked, the stale chase is skipped.
    assert next_step(asked, T0 + timedelta(hours=40), policy) is Step.BACKUP
    done = EntryState(1, "DESY", "site", 0, asked_at=T0, answer=AnswerKind.NOTHING)
    assert next_step(done, T0 + timedelta(hours=40), policy) is Step.WAIT


def test_report_and_live_line_texts() -> None:
    said = EntryState(1, "DESY", "site", 0, answer=AnswerKind.TEXT,
                      answer_text="All fine | really @here", answered_by="pmillar")  # fmt: skip
    silent = EntryState(2, "GSI", "site", 1)
    skipped = EntryState(3, "RUG", "site", 2, skipped=True)
    root, reply = report_text("WP2 @all", [said, silent, skipped])
    assert "1 of 3 answered" in root
    assert "Missing: GSI." in root
    assert "Skipped: RUG." in root
    assert "@all" not in root
    assert "All fine \\| really" in reply
    assert "@here" not in reply
    line = live_line(silent, ("gsi.contact",), 2)
    assert line == "Next: **GSI** — @gsi.contact, 2 open actions"


@dataclass
class Chat:
    clock: FrozenClock
    sent: list[tuple[datetime, str, str, str, tuple[Card, ...]]] = field(default_factory=list)

    def post(
        self, channel: str, text: str, *, root_id: str = "", cards: Sequence[Card] = ()
    ) -> str:
        self.sent.append((self.clock.now(), channel, text, root_id, tuple(cards)))
        return f"p{len(self.sent)}"

    def direct(self, username: str, text: str, *, cards: Sequence[Card] = ()) -> str:
        self.sent.append((self.clock.now(), "@" + username, text, "", tuple(cards)))
        return f"p{len(self.sent)}"

    def update(self, post_id: str, text: str, *, cards: Sequence[Card] = ()) -> None:
        raise AssertionError("not used")


@dataclass
class World:
    store: Store
    clock: FrozenClock
    chat: Chat
    rhythm: RhythmServices
    dispatcher: CommandDispatcher

    def say(self, user: str, text: str, via: str = "dm") -> str:
        reply = self.dispatcher.dispatch(
            Request(text=text, user=user, via=via, channel_id="wp2")  # type: ignore[arg-type]
        )
        assert reply.ok, reply.text
        return reply.text


@pytest.fixture
def world(tmp_path: Path, roster: Roster) -> World:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    clock = FrozenClock(T0 - timedelta(hours=1))
    chat = Chat(clock)
    source = series_source("every second Wednesday 11:00", "2026-03-04", "Europe/Zurich", "WP2")
    options = RhythmOptions("Europe/Zurich", channel="wp2", chairs=("xespinal",), source=source)
    rhythm = build_rhythm(store, clock, chat, roster, options)
    tracker = Tracker(store, clock, chairs=("xespinal",), timezone="Europe/Zurich", roster=roster)
    dispatcher = CommandDispatcher(tracker, commands=COMMANDS + ROWS, chat=chat, rhythm=rhythm)
    return World(store, clock, chat, rhythm, dispatcher)


def _tick(w: World, at: datetime) -> None:
    w.clock.set(at)
    w.rhythm.calendar.sync(at)
    w.rhythm.roundtable.tick(at)


def test_opens_on_time_asks_each_person_once_and_takes_dm_answers(world: World) -> None:
    _tick(world, T0 - timedelta(hours=1))
    assert world.chat.sent == []  # not yet: 48 hours before the meeting
    _tick(world, T0)
    asked = [s for s in world.chat.sent if s[1].startswith("@")]
    people = [s[1] for s in asked]
    assert len(people) == len(set(people))  # one DM per person, whatever they answer for
    paul = next(s for s in asked if s[1] == "@pmillar")
    assert "**DESY**" in paul[2]
    contexts = [b.context for c in paul[4] for b in c.buttons]
    assert {c["arg"] for c in contexts} == {"nothing", "same", "reply"}
    _tick(world, T0 + timedelta(minutes=5))
    assert len(world.chat.sent) == len(asked)  # a second tick asks nobody again
    reply = world.rhythm.roundtable.roundtable_answer("pmillar", "dCache upgraded")
    assert reply is not None
    assert "recorded for **DESY**" in reply.text
    assert world.rhythm.roundtable.roundtable_answer("nobody", "hello") is None
    entry = next(c for c in contexts if c["arg"] == "reply")
    assert "next message" in world.say("pmillar", f"roundtable {entry['id']} reply")
    again = world.rhythm.roundtable.roundtable_answer("pmillar", "Correction: dCache 9.2")
    assert again is not None
    assert again.ok
    stranger = world.dispatcher.dispatch(
        Request(text=f"roundtable {entry['id']} nothing", user="dcesini", via="button")
    )
    assert not stranger.ok


class IndicoLike:
    """A meeting source standing in for an Indico category whose events change."""

    prefix = "https://indico.example/event/"

    def __init__(self) -> None:
        self.events = {
            "1": PlannedMeeting(self.prefix + "1/", "WP2", MEETING, "Europe/Zurich"),
            "2": PlannedMeeting(
                self.prefix + "2/", "WP2", MEETING + timedelta(days=14), "Europe/Zurich"
            ),
        }

    def meetings(self, start: date, end: date) -> list[PlannedMeeting]:
        return [m for m in self.events.values() if start <= m.local_date <= end]


def test_a_moved_meeting_moves_the_close_and_a_cancelled_one_stays_quiet(
    world: World, roster: Roster
) -> None:
    source = IndicoLike()
    options = RhythmOptions("Europe/Zurich", channel="wp2", source=source)
    world.rhythm = build_rhythm(world.store, world.clock, world.chat, roster, options)
    _tick(world, T0)
    assert any("Round-table for" in s[2] for s in world.chat.sent)
    moved = MEETING + timedelta(hours=3)
    source.events["1"] = PlannedMeeting(source.prefix + "1/", "WP2", moved, "Europe/Zurich")
    _tick(world, MEETING + timedelta(minutes=30))
    assert [s for s in world.chat.sent if s[1] == "wp2"] == []  # moved to 14:00: still open
    _tick(world, moved)
    reports = [s for s in world.chat.sent if s[1] == "wp2"]
    assert len([s for s in reports if not s[3]]) == 1
    # The next event disappears from the category: cancelled, nobody is asked.
    del source.events["2"]
    before = len(world.chat.sent)
    _tick(world, MEETING + timedelta(days=13))
    assert world.chat.sent[before:] == []
    stored = {m.source: m for m in world.store.meetings()}
    assert stored[source.prefix + "2/"].cancelled


def test_live_mode_walks_the_list_and_posts_one_thread(world: World) -> None:
    world.clock.set(MEETING + timedelta(minutes=10))
    first = world.say("xespinal", "roundtable start", via="mention")
    assert "Next: **CERN** — @xespinal" in first
    assert "Next: **INFN**" in world.say("xespinal", "rt next", via="mention")
    assert "Noted for **INFN**" in world.say("xespinal", "rt note tape tests done", via="mention")
    assert "Next: **DESY**" in world.say("xespinal", "rt skip", via="mention")
    assert "Next: **INFN**" in world.say("xespinal", "rt back", via="mention")
    assert "Next: **CERN**" in world.say("xespinal", "rt back", via="mention")
    end = world.say("xespinal", "rt end", via="mention")
    assert "1 of" in end
    roots = [s for s in world.chat.sent if s[1] == "wp2" and not s[3]]
    replies = [s for s in world.chat.sent if s[1] == "wp2" and s[3]]
    assert len(roots) == 1
    assert all(r[3] == "p1" for r in replies)
    assert "tape tests done" in replies[-1][2]
    assert "Missing:" in replies[-1][2]
    stopped = world.dispatcher.dispatch(Request(text="rt next", user="xespinal", via="mention"))
    assert not stopped.ok


def test_each_entity_is_asked_about_its_own_open_items_only(world: World) -> None:
    def add(text: str, owner: Owner, review: Review = Review.ACCEPTED) -> int:
        rec = world.store.create_action(
            text=text, owners=[owner], at=T0, who="xespinal", via="cli", review=review
        )
        return rec.id

    paul = Owner("Paul", "Paul Millar", OwnerKind.PERSON, "pmillar")
    desy = Owner("DESY", "DESY", OwnerKind.GROUP)
    rosie = Owner("Rosie", "Rosie Bolton", OwnerKind.PERSON, "rbolton")
    by_paul = add("Upgrade the dCache pools", paul)
    by_site = add("Renew the DESY host certificates", desy)
    by_rosie = add("Send the SKA data-rate estimate", rosie)
    unconfirmed = add("Maybe move the tape buffer", paul, Review.PROPOSED)
    _tick(world, T0)
    asked = {s[1]: s[2] for s in world.chat.sent if s[1].startswith("@")}
    assert f"#{by_paul} " in asked["@pmillar"]
    assert f"#{by_site} " in asked["@pmillar"]
    assert f"#{by_rosie} " not in asked["@pmillar"]
    assert f"#{unconfirmed} " not in asked["@pmillar"]  # only accepted items are asked about
    assert f"#{by_rosie} " in asked["@rbolton"]
    assert f"#{by_paul} " not in asked["@rbolton"]

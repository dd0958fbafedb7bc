"""Reminder rules (occasions, sending windows, escalation, who hears) and the commands."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.support.chat import RecordingChat
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.chat import Request
from wp2bot.clock import FrozenClock
from wp2bot.commands.rhythm import ROWS
from wp2bot.commands.table import COMMANDS, CommandDispatcher
from wp2bot.domain.calendar import parse_period
from wp2bot.domain.models import Owner, OwnerKind, Roster, Status
from wp2bot.domain.reminder_digest import DIGEST_ITEMS, DigestLine, digest_text
from wp2bot.domain.reminders import (
    Level,
    Nudge,
    Occasion,
    ReminderPolicy,
    RosterIndex,
    escalation_level,
    latest_nudge,
    may_send,
    needs_nudge,
    next_nudge,
)
from wp2bot.domain.roster import parse_community
from wp2bot.domain.tracking import ActionRecord, Review
from wp2bot.part_builders import build_rhythm
from wp2bot.ports.reminder_state import SweepBounds
from wp2bot.services.reminding import ReminderService
from wp2bot.services.rhythm import RhythmOptions
from wp2bot.services.tracking import Tracker

ROOT = Path(__file__).resolve().parents[2]
DUE = date(2026, 3, 10)  # a Tuesday
POLICY = ReminderPolicy()


@pytest.fixture(scope="module")
def roster() -> Roster:
    return parse_community(tomllib.loads((ROOT / "data" / "community.toml").read_text()))


def day(offset: int) -> date:
    return DUE + timedelta(days=offset)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-5, None),
        (-3, Nudge(Occasion.BEFORE, day(-3))),
        (-1, Nudge(Occasion.BEFORE, day(-3))),
        (0, Nudge(Occasion.DUE, DUE)),
        (1, Nudge(Occasion.OVERDUE, day(1))),
        (2, Nudge(Occasion.OVERDUE, day(1))),
        (3, Nudge(Occasion.OVERDUE, day(3))),  # gaps 1, 2, 4, 7 ...
        (6, Nudge(Occasion.OVERDUE, day(3))),
        (7, Nudge(Occasion.OVERDUE, day(7))),
        (14, Nudge(Occasion.OVERDUE, day(14))),
        (20, Nudge(Occasion.OVERDUE, day(14))),
        (21, Nudge(Occasion.OVERDUE, day(21))),  # ... and the last gap repeats
        (400, Nudge(Occasion.OVERDUE, day(399))),
    ],
)
def test_occasions_of_a_dated_item(offset: int, expected: Nudge | None) -> None:
    assert latest_nudge(DUE, day(offset), POLICY) == expected


def test_the_shortcut_past_the_gaps_agrees_with_walking_day_by_day() -> None:
    policy = ReminderPolicy(overdue_gaps=(1, 3, 5))
    walked: list[date] = []
    d = DUE
    for gap in (1, 3, 5, *([5] * 40)):
        d += timedelta(days=gap)
        walked.append(d)
    for offset in range(1, 200):
        today = day(offset)
        found = latest_nudge(DUE, today, policy)
        assert found is not None
        assert found.day == max(x for x in walked if x <= today)


def test_undated_items_are_nudged_before_the_next_meeting_only() -> None:
    meeting = date(2026, 3, 18)
    assert latest_nudge(None, date(2026, 3, 15), POLICY, meeting) is None
    assert latest_nudge(None, date(2026, 3, 16), POLICY, meeting) == Nudge(
        Occasion.MEETING, date(2026, 3, 16)
    )
    assert latest_nudge(None, date(2026, 3, 18), POLICY, meeting) is not None
    assert latest_nudge(None, date(2026, 3, 16), POLICY, None) is None


def test_a_missed_stretch_owes_one_nudge_not_one_per_day() -> None:
    last = day(1)  # nudged the day after the due date, then the bot was down for ten days
    owed = [latest_nudge(DUE, day(n), POLICY) for n in range(2, 12)]
    due_again = [n for n in owed if needs_nudge(n, last)]
    assert {n.day for n in due_again if n} == {day(3), day(7)}
    assert needs_nudge(latest_nudge(DUE, day(11), POLICY), last)
    assert not needs_nudge(latest_nudge(DUE, day(11), POLICY), day(7))


def test_next_reminder_for_the_overview() -> None:
    assert next_nudge(DUE, day(-10), POLICY) == day(-3)
    assert next_nudge(DUE, day(0), POLICY) == day(1)
    assert next_nudge(DUE, day(8), POLICY) == day(14)


def test_sending_window_quiet_hours_weekends_away_and_closures() -> None:
    zurich = ZoneInfo("Europe/Zurich")
    tuesday = datetime(2026, 3, 10, 9, 0, tzinfo=zurich)
    assert may_send(tuesday, POLICY)
    assert not may_send(tuesday.replace(hour=8, minute=59), POLICY)
    assert not may_send(tuesday.replace(hour=18), POLICY)
    saturday = tuesday + timedelta(days=4)
    assert not may_send(saturday, POLICY)
    assert may_send(saturday, ReminderPolicy(weekends=True))
    away = [parse_period("2026-03-09..2026-03-11")]
    assert not may_send(tuesday, POLICY, away=away)
    closure = ReminderPolicy(closures=("2026-03-10 site visit",)).closure_periods()
    assert not may_send(tuesday, POLICY, closures=closure)


def test_escalation_ladder() -> None:
    policy = ReminderPolicy(escalate_after=3, stuck_after=5)
    assert [escalation_level(n, policy) for n in (0, 2, 3, 4, 5, 9)] == [
        Level.OWNER,
        Level.OWNER,
        Level.BACKUP,
        Level.BACKUP,
        Level.STUCK,
        Level.STUCK,
    ]


def _rec(owners: tuple[Owner, ...], text: str = "Renew certificates") -> ActionRecord:
    return ActionRecord(1, text, owners, Status.OPEN, Review.ACCEPTED, due=DUE)


def test_who_hears_about_an_item(roster: Roster) -> None:
    index = RosterIndex(roster)
    paul = Owner("Paul", "Paul Millar", OwnerKind.PERSON, username="pmillar")
    andrea = Owner("Andrea", "Andrea Ceccanti", OwnerKind.PERSON, username="aceccanti")
    desy = Owner("DESY", "DESY", OwnerKind.GROUP)
    everyone = Owner("all", "all", OwnerKind.ALL)
    assert index.recipients(_rec((paul, andrea))) == ("pmillar", "aceccanti")
    assert index.recipients(_rec((desy,))) == ("pmillar",)  # the site's primary contact
    assert index.recipients(_rec((everyone,))) == ()
    assert index.sites(_rec((paul, andrea))) == {"DESY", "INFN"}
    # Andrea is not INFN's contact: the contact hears; Paul is DESY's contact: the backup.
    assert index.escalation_targets(_rec((andrea,)), ["aceccanti"]) == ("dcesini",)
    assert index.escalation_targets(_rec((paul,)), ["pmillar"]) == ("desy.contact",)
    assert index.escalation_targets(_rec((desy,)), ["pmillar"]) == ("desy.contact",)


def test_digest_text_bundles_and_defuses_mentions() -> None:
    paul = Owner("Paul", "Paul Millar", OwnerKind.PERSON, username="pmillar")
    mine = [DigestLine(_rec((paul,), "Tell @channel and @all about it"), Occasion.OVERDUE)]
    theirs = [DigestLine(_rec((paul,)), Occasion.OVERDUE, ("pmillar",), 3)]
    text = digest_text(mine, theirs, day(2), {"pmillar": "Paul Millar"})
    assert "overdue by 2 days" in text
    assert "Paul Millar did not answer 3 reminders" in text
    assert "@channel" not in text
    assert "@all" not in text


@pytest.fixture
def bot(tmp_path: Path, roster: Roster) -> tuple[CommandDispatcher, Store, FrozenClock]:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    clock = FrozenClock(datetime(2026, 3, 9, 9, 0, tzinfo=UTC))
    tracker = Tracker(store, clock, chairs=("xespinal",), timezone="Europe/Zurich", roster=roster)
    options = RhythmOptions("Europe/Zurich", chairs=("xespinal",))
    rhythm = build_rhythm(store, clock, None, roster, options)
    return CommandDispatcher(tracker, commands=COMMANDS + ROWS, rhythm=rhythm), store, clock


def _say(bot: tuple[CommandDispatcher, Store, FrozenClock], user: str, text: str) -> str:
    reply = bot[0].dispatch(Request(text=text, user=user, via="dm"))
    assert reply.ok, reply.text
    return reply.text


def test_commands_tune_ones_own_reminders(bot: tuple) -> None:
    dispatcher, store, clock = bot
    paul = Owner("Paul", "Paul Millar", OwnerKind.PERSON, username="pmillar")
    rec = store.create_action(
        text="Renew the certificates", owners=[paul], at=clock.now(), who="chair", via="cli",
        review=Review.ACCEPTED, due=DUE,
    )  # fmt: skip
    overview = _say(bot, "pmillar", "reminders")
    assert "Europe/Berlin" in overview  # from the roster
    assert f"#{rec.id}** Renew the certificates — next reminder 2026-03-10 09:00" in overview
    assert "No more reminders" in _say(bot, "pmillar", f"mute {rec.id}")
    assert "muted (`unmute N`)" in _say(bot, "pmillar", "reminders")
    assert "back on" in _say(bot, "pmillar", f"unmute {rec.id}")
    assert "2026-12-20" in _say(bot, "pmillar", "away 2026-12-20..2027-01-06")
    clock.set(datetime(2026, 12, 21, 9, tzinfo=UTC))
    assert "Away: 2026-12-20..2027-01-06" in _say(bot, "pmillar", "reminders")
    assert "1 away period" in _say(bot, "pmillar", "away clear")
    assert "Europe/Lisbon" in _say(bot, "pmillar", "tz Europe/Lisbon")
    assert "Europe/Lisbon" in _say(bot, "pmillar", "reminders")
    refused = dispatcher.dispatch(Request(text="tz Mars/Olympus", user="pmillar", via="dm"))
    assert not refused.ok
    assert "unknown timezone" in refused.text


def test_downtime_is_declared_by_a_site_contact_or_a_chair(bot: tuple) -> None:
    dispatcher = bot[0]
    stranger = dispatcher.dispatch(
        Request(text="downtime DESY 2026-03-10..2026-03-12", user="dcesini", via="dm")
    )
    assert not stranger.ok
    assert "is down" in _say(bot, "pmillar", "downtime DESY 2026-03-10..2026-03-12 dCache")
    listed = _say(bot, "xespinal", "downtime")
    assert "DESY" in listed
    assert "dCache" in listed
    unknown = dispatcher.dispatch(
        Request(text="downtime Atlantis 2026-03-10..2026-03-12", user="xespinal", via="dm")
    )
    assert not unknown.ok
    assert "unknown site" in unknown.text


class Profiles:
    """The chat server's profiles: one look-up per person is all the sweep may cost."""

    def __init__(self, zones: dict[str, str | None]) -> None:
        self.zones = zones
        self.asked: list[str] = []

    def timezone_of(self, username: str) -> str | None:
        self.asked.append(username)
        return self.zones.get(username)


def test_the_chat_profile_timezone_is_looked_up_once_and_stored(
    tmp_path: Path, roster: Roster
) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    rhythm = RhythmStore(store.engine)
    owners = {"pmillar": "Paul Millar", "newbie": "Nora Newbie"}
    for username, name in owners.items():
        store.create_action(
            text=f"Item of {name}", owners=[Owner(name, name, OwnerKind.PERSON, username=username)],
            at=datetime(2026, 3, 1, tzinfo=UTC), who="chair", via="cli",
            review=Review.ACCEPTED, due=DUE,
        )  # fmt: skip
    profiles = Profiles({"pmillar": "Asia/Tokyo", "newbie": None})
    # 00:30 UTC on the due day: 09:30 in Tokyo, still night in Zurich.
    at = datetime(2026, 3, 10, 0, 30, tzinfo=UTC)
    service = ReminderService(store, rhythm, FrozenClock(at), None, RosterIndex(roster),
                              zone="Europe/Zurich", profiles=profiles)  # fmt: skip
    report = service.tick(at)
    assert sorted(profiles.asked) == ["newbie", "pmillar"]
    assert report.waiting == ("newbie",)  # no profile zone: the group's zone, where it is night
    assert service.timezone_for("pmillar").key == "Asia/Tokyo"  # the profile beats the roster
    service.tick(at + timedelta(minutes=5))
    assert sorted(profiles.asked) == ["newbie", "pmillar"]  # stored, not asked again


def test_while_the_chat_server_is_down_the_queued_digest_is_the_one_catch_up(
    tmp_path: Path, roster: Roster
) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    rhythm = RhythmStore(store.engine)
    owner = Owner("Paul Millar", "Paul Millar", OwnerKind.PERSON, username="pmillar")
    store.create_action(text="Check the tape recall rates", owners=[owner],
                        at=datetime(2026, 3, 1, tzinfo=UTC), who="chair", via="cli",
                        review=Review.ACCEPTED, due=DUE)  # fmt: skip
    at = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
    clock = FrozenClock(at)
    chat = RecordingChat(unreachable={"pmillar"})
    service = ReminderService(store, rhythm, clock, chat, RosterIndex(roster),
                              zone="Europe/Zurich")  # fmt: skip
    for day in range(3):  # three working days with the server refusing every post
        clock.set(at + timedelta(days=day))
        assert service.tick(clock.now()).sent == ()
    chat.unreachable.clear()
    clock.advance(timedelta(hours=2))  # past the outbox's back-off
    service.tick(clock.now())
    assert len(chat.to("pmillar")) == 1  # one bundled message, not one per missed day
    store.close()


def test_a_long_digest_lists_the_first_items_and_counts_the_rest_read_page_by_page(
    tmp_path: Path, roster: Roster
) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    rhythm = RhythmStore(store.engine)
    owner = Owner("Paul Millar", "Paul Millar", OwnerKind.PERSON, username="pmillar")
    ids = [
        store.create_action(
            text=f"Check tape pool {i}",
            owners=[owner],
            at=datetime(2026, 3, 1, tzinfo=UTC),
            who="chair",
            via="cli",
            review=Review.ACCEPTED,
            due=DUE,
        ).id
        for i in range(DIGEST_ITEMS + 5)
    ]
    at = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
    bounds = SweepBounds(today=DUE, due_until=DUE, undated=False, done=frozenset(),
                         escalate_after=0)  # fmt: skip
    first = rhythm.sweep_actions(bounds, limit=10)
    rest = rhythm.sweep_actions(bounds, after_id=first[-1].id)
    assert [r.id for r in first + rest] == ids
    assert [r.owners for r in first] == [(owner,)] * 10
    chat = RecordingChat()
    service = ReminderService(store, rhythm, FrozenClock(at), chat, RosterIndex(roster),
                              zone="Europe/Zurich")  # fmt: skip
    assert service.tick(at).sent == (("pmillar", DIGEST_ITEMS + 5),)
    ((text, _cards),) = chat.to("pmillar")
    assert f"Good morning! {DIGEST_ITEMS + 5} of your items need attention:" in text
    assert f"#{ids[DIGEST_ITEMS - 1]}**" in text
    assert f"#{ids[DIGEST_ITEMS]}**" not in text
    assert "… and 5 more: `actions mine`" in text
    # the unlisted items were reminded of too: the next sweep owes nothing
    assert service.tick(at + timedelta(minutes=5)).sent == ()
    store.close()

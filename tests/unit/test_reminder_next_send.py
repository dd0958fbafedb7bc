"""The next reminder ``reminders`` prints is the one the sweep really sends: the next occasion
moved to the first day and hour the policy allows."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.support.chat import RecordingChat
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.clock import FrozenClock
from wp2bot.domain.calendar import parse_period
from wp2bot.domain.models import Owner, OwnerKind, Roster
from wp2bot.domain.reminders import ReminderPolicy, RosterIndex, first_send_day
from wp2bot.domain.roster import parse_community
from wp2bot.domain.tracking import Review
from wp2bot.services.reminding import ReminderService

ROOT = Path(__file__).resolve().parents[2]
FRIDAY = date(2026, 12, 4)
SUNDAY, MONDAY, TUESDAY = date(2026, 12, 6), date(2026, 12, 7), date(2026, 12, 8)


@pytest.fixture(scope="module")
def roster() -> Roster:
    return parse_community(tomllib.loads((ROOT / "data" / "community.toml").read_text()))


def test_the_first_send_day_skips_weekends_away_days_and_closures() -> None:
    policy = ReminderPolicy()
    assert first_send_day(FRIDAY, policy) == FRIDAY
    assert first_send_day(SUNDAY, policy) == MONDAY
    assert first_send_day(SUNDAY, ReminderPolicy(weekends=True)) == SUNDAY
    away = [parse_period("2026-12-07..2026-12-07")]
    assert first_send_day(SUNDAY, policy, away) == TUESDAY
    closed = ReminderPolicy(closures=("2026-12-05..2026-12-08 site move",))
    assert first_send_day(SUNDAY, closed, (), closed.closure_periods()) == date(2026, 12, 9)
    assert first_send_day(SUNDAY, ReminderPolicy(send_from=18, send_until=18)) is None


def _service(tmp_path: Path, roster: Roster, policy: ReminderPolicy) -> ReminderService:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    owner = Owner("Paul Millar", "Paul Millar", OwnerKind.PERSON, username="pmillar")
    # due Wednesday: the reminder three days before falls on Sunday
    store.create_action(text="Rotate the host keys", owners=[owner],
                        at=datetime(2026, 12, 1, tzinfo=UTC), who="chair", via="cli",
                        review=Review.ACCEPTED, due=date(2026, 12, 9))  # fmt: skip
    clock = FrozenClock(datetime(2026, 12, 4, 10, tzinfo=UTC))
    return ReminderService(store, RhythmStore(store.engine), clock, RecordingChat(),
                           RosterIndex(roster), policy=policy, zone="Europe/Zurich")  # fmt: skip


def test_a_sunday_occasion_is_announced_and_sent_on_monday_morning(
    tmp_path: Path, roster: Roster
) -> None:
    service = _service(tmp_path, roster, ReminderPolicy())
    assert "next reminder 2026-12-07 09:00" in service.overview("pmillar")  # Europe/Berlin
    assert service.tick(datetime(2026, 12, 6, 10, tzinfo=UTC)).waiting == ("pmillar",)
    assert service.tick(datetime(2026, 12, 7, 7, 59, tzinfo=UTC)).sent == ()  # 08:59 local
    assert service.tick(datetime(2026, 12, 7, 8, 0, tzinfo=UTC)).sent == (("pmillar", 1),)


def test_a_closure_moves_the_announced_reminder_past_it(tmp_path: Path, roster: Roster) -> None:
    policy = ReminderPolicy(send_from=8, closures=("2026-12-07..2026-12-07 site move",))
    service = _service(tmp_path, roster, policy)
    assert "next reminder 2026-12-08 08:00" in service.overview("pmillar")
    assert service.tick(datetime(2026, 12, 7, 9, tzinfo=UTC)).sent == ()
    assert service.tick(datetime(2026, 12, 8, 7, tzinfo=UTC)).sent == (("pmillar", 1),)

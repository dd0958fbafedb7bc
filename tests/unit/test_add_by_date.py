"""``add … by <date>``: a date after the last "by" is the new action's due date; other "by"s stay
in its text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wp2bot.adapters.storage import Store
from wp2bot.chat import Dispatcher, Request
from wp2bot.clock import FrozenClock
from wp2bot.domain.dates_phrase import trailing_due
from wp2bot.domain.models import Roster, RosterPerson
from wp2bot.domain.tracking import ActionRecord
from wp2bot.part_builders import build_dispatcher

NOW = datetime(2031, 6, 4, 9, 0, tzinfo=UTC)  # a Wednesday, 11:00 in Zurich
TODAY = date(2031, 6, 4)
ROSTER = Roster(people=(RosterPerson("Wen Okafor", username="wen"),))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Order spare disks by friday", ("Order spare disks", "by friday")),
        (
            "Tidy the wiki by hand by the end of the month",
            ("Tidy the wiki by hand", "by the end of the month"),
        ),
        ("Renew the certificate by 2031-06-20.", ("Renew the certificate", "by 2031-06-20")),
        ("Book the room by the 17th", ("Book the room", "by the 17th")),
        ("Ask the operators by next Tuesday", ("Ask the operators", "by next Tuesday")),
    ],
)
def test_a_date_after_the_last_by_is_split_off(text: str, expected: tuple[str, str]) -> None:
    assert trailing_due(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Collect the logs kept by the storage team",  # "by" names who, not when
        "Forward the list by Wen on friday",  # a date inside the phrase is not all of it
        "Read the report written by us",
        "Replace the cable by then",
        "Renew the certificate by 2031-13-01",  # figures that name no day
        "by friday",  # nothing before it: no text would be left
        "Sign the form by",
    ],
)
def test_other_trailing_bys_stay_in_the_text(text: str) -> None:
    assert trailing_due(text, TODAY) is None


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[tuple[Dispatcher, Store]]:
    store = Store.open(f"sqlite:///{tmp_path / 'by.db'}")
    clock = FrozenClock(NOW)
    bot = build_dispatcher(store, clock, chairs=["chair"], timezone="Europe/Zurich", roster=ROSTER)
    yield bot, store
    store.close()


def added(bot: tuple[Dispatcher, Store], line: str) -> ActionRecord:
    dispatcher, store = bot
    reply = dispatcher.dispatch(Request(text=line, user="wen", via="console"))
    assert reply.ok, reply.text
    found = re.search(r"#(\d+)", reply.text)
    assert found is not None
    return store.action(int(found.group(1)))


def test_add_by_a_date_sets_the_due_date(bot: tuple[Dispatcher, Store]) -> None:
    rec = added(bot, "add Order spare disks by the end of the month @wen")
    assert rec.text == "Order spare disks"
    assert rec.due == date(2031, 6, 30)
    assert rec.due_phrase == "by the end of the month"
    assert rec.owner_usernames() == ("wen",)


def test_add_keeps_a_by_that_is_no_date(bot: tuple[Dispatcher, Store]) -> None:
    rec = added(bot, "add Collect the logs kept by the storage team @wen")
    assert rec.text == "Collect the logs kept by the storage team"
    assert rec.due is None


def test_an_explicit_due_wins_over_a_trailing_by(bot: tuple[Dispatcher, Store]) -> None:
    rec = added(bot, "add Review the plan by friday due 2031-06-30")
    assert rec.text == "Review the plan by friday"
    assert rec.due == date(2031, 6, 30)


@pytest.mark.parametrize("word", ["none", "None", "clear", "-"])
def test_add_due_none_adds_it_without_a_due_date(bot: tuple[Dispatcher, Store], word: str) -> None:
    rec = added(bot, f"add Label the new racks @wen due {word}")
    assert rec.text == "Label the new racks"
    assert (rec.due, rec.due_phrase, rec.due_precision) == (None, None, None)
    assert rec.owner_usernames() == ("wen",)


def test_due_none_also_keeps_a_trailing_by_in_the_text(bot: tuple[Dispatcher, Store]) -> None:
    rec = added(bot, "add Answer the survey by friday due none")
    assert rec.text == "Answer the survey by friday"
    assert rec.due is None

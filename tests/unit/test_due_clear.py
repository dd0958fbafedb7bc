"""``due N clear`` and ``edit N due none`` remove a due date: kept as none, said in history and
``show``, allowed to the same people as setting one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wp2bot.adapters.storage import Store
from wp2bot.chat import Dispatcher, Request
from wp2bot.clock import FrozenClock
from wp2bot.domain.dates_phrase import clears_due
from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterPerson
from wp2bot.domain.tracking import Review
from wp2bot.part_builders import build_dispatcher

ROSTER = Roster(
    people=(
        RosterPerson("Gwen Harper", username="gwen"),
        RosterPerson("Omar Diaz", username="omar"),
    )
)


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[tuple[Dispatcher, Store, int]]:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    clock = FrozenClock(datetime(2026, 12, 4, 10, tzinfo=UTC))
    owner = Owner("Gwen Harper", "Gwen Harper", OwnerKind.PERSON, username="gwen")
    rec = store.create_action(text="Publish the storage survey", owners=[owner], at=clock.now(),
                              who="chair", via="cli", review=Review.ACCEPTED,
                              due=date(2026, 12, 17), due_phrase="2026-12-17")  # fmt: skip
    bot = build_dispatcher(store, clock, chairs=["chair"], timezone="Europe/Zurich", roster=ROSTER)
    yield bot, store, rec.id
    store.close()


def _run(bot: Dispatcher, user: str, line: str) -> tuple[bool, str]:
    reply = bot.dispatch(Request(text=line, user=user, via="dm"))
    return reply.ok, reply.text


@pytest.mark.parametrize("word", ["clear", "none", "None", "-", " clear "])
def test_the_clear_words(word: str) -> None:
    assert clears_due(word)


@pytest.mark.parametrize("phrase", ["next friday", "2026-12-17", "clearly soon", ""])
def test_a_date_phrase_is_not_a_clear_word(phrase: str) -> None:
    assert not clears_due(phrase)


@pytest.mark.parametrize("line", ["due {n} clear", "due {n} none", "edit {n} due none"])
def test_clearing_the_due_date_is_kept_shown_and_in_history(
    bot: tuple[Dispatcher, Store, int], line: str
) -> None:
    dispatcher, store, n = bot
    ok, text = _run(dispatcher, "gwen", line.format(n=n))
    assert ok, text
    rec = store.action(n)
    assert (rec.due, rec.due_phrase, rec.due_precision) == (None, None, None)
    assert "due" in rec.edited  # a re-ingest of the minutes does not bring it back
    assert "**Due:** —" in _run(dispatcher, "gwen", f"show {n}")[1]
    assert "| due | 2026-12-17 → none |" in _run(dispatcher, "gwen", f"history {n}")[1]
    assert _run(dispatcher, "gwen", line.format(n=n))[0]  # clearing twice changes nothing
    assert [e.change for e in store.history(n)].count("due") == 1


def test_the_answer_says_the_date_is_gone(bot: tuple[Dispatcher, Store, int]) -> None:
    dispatcher, _store, n = bot
    assert "No due date any more" in _run(dispatcher, "gwen", f"due {n} clear")[1]
    assert "It had no due date" in _run(dispatcher, "gwen", f"due {n} clear")[1]


def test_only_an_owner_or_a_chair_may_clear_it(bot: tuple[Dispatcher, Store, int]) -> None:
    dispatcher, store, n = bot
    assert not _run(dispatcher, "omar", f"due {n} clear")[0]
    assert not _run(dispatcher, "omar", f"edit {n} due none")[0]
    assert store.action(n).due == date(2026, 12, 17)
    assert _run(dispatcher, "chair", f"due {n} clear")[0]
    assert store.action(n).due is None

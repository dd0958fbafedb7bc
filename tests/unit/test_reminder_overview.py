"""What ``reminders`` tells a person about their own items: the first ones with their next
reminder, and how many more there are (counted only so far)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.chat import RecordingChat
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.clock import FrozenClock
from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterPerson
from wp2bot.domain.reminders import RosterIndex
from wp2bot.domain.tracking import Review
from wp2bot.services import reminding
from wp2bot.services.reminding import ReminderService

NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)
KIM = Owner("Kim Lund", "Kim Lund", OwnerKind.PERSON, username="klund")


def _service(tmp_path: Path, items: int) -> ReminderService:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    for n in range(items):
        store.create_action(text=f"Check the tape pool {n}", owners=[KIM], at=NOW, who="chair",
                            via="cli", review=Review.ACCEPTED,
                            due=date(2026, 12, 10) + timedelta(days=n))  # fmt: skip
    roster = Roster(people=(RosterPerson("Kim Lund", username="klund"),))
    return ReminderService(store, RhythmStore(store.engine), FrozenClock(NOW), RecordingChat(),
                           RosterIndex(roster), zone="Europe/Oslo")  # fmt: skip


def test_the_items_past_the_list_are_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reminding, "OVERVIEW_ITEMS", 2)
    text = _service(tmp_path, 7).overview("klund")
    assert "Check the tape pool 0" in text
    assert "Check the tape pool 1" in text
    assert "Check the tape pool 2" not in text
    assert "… and 5 more (`actions mine` lists yours)." in text


def test_past_the_count_cap_it_says_over_how_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reminding, "OVERVIEW_ITEMS", 2)
    monkeypatch.setattr(reminding, "OVERVIEW_COUNT_CAP", 4)
    service = _service(tmp_path, 7)
    assert "… and over 2 more (`actions mine` lists yours)." in service.overview("klund")
    items, unread, over = service.mine("klund", 2, 4)
    assert [r.text for r in items] == ["Check the tape pool 0", "Check the tape pool 1"]
    assert (unread, over) == (2, True)
    assert service.mine("klund", 2, 7)[1:] == (5, False)  # at the cap: exact
    assert service.mine("klund", 2, 6)[1:] == (4, True)

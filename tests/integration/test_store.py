"""The same storage suite on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from wp2bot.adapters.storage import ActionFilter, NotFound, Store
from wp2bot.domain.models import Owner, OwnerKind, Status
from wp2bot.domain.tracking import Review

T0 = datetime(2026, 11, 5, 13, 0, tzinfo=UTC)
PAUL = Owner(written="Paul", name="Paul Millar", kind=OwnerKind.PERSON, username="pmillar")
RIZ = Owner(written="Rizart", name="Rizart Dona", kind=OwnerKind.PERSON, username="rdona")


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    s = Store.open(database_url)
    yield s
    s.close()


def test_create_and_read_back_with_owners_and_history(store: Store) -> None:
    meeting, previous = store.upsert_meeting(
        "file:a", title="WP2 #41", meeting_date=date(2026, 11, 5)
    )
    assert previous is None
    rec = store.create_action(
        text="Set up smoke tests",
        owners=[PAUL, RIZ],
        at=T0,
        who="wp2bot",
        via="ingest",
        meeting_id=meeting.id,
        due=date(2026, 11, 19),
        due_phrase="next meeting",
    )
    got = store.action(rec.id)
    assert got.text == "Set up smoke tests"
    assert [o.name for o in got.owners] == ["Paul Millar", "Rizart Dona"]
    assert got.owner_usernames() == ("pmillar", "rdona")
    assert got.meeting_title == "WP2 #41"
    assert got.review is Review.PROPOSED
    assert got.created_at == T0
    history = store.history(rec.id)
    assert [(h.change, h.who, h.via) for h in history] == [("created", "wp2bot", "ingest")]


def test_update_writes_history_and_remembers_edits(store: Store) -> None:
    rec = store.create_action(text="Chase GSI", owners=[RIZ], at=T0, who="wp2bot", via="ingest")
    later = T0 + timedelta(hours=1)
    done = store.update_action(
        rec.id, {"status": Status.DONE}, at=later, who="rdona", via="mention", comment="all set"
    )
    assert done.status is Status.DONE
    assert done.closed_at == later
    assert "status" in done.edited
    reopened = store.update_action(
        rec.id, {"status": Status.OPEN}, at=later, who="chair", via="console"
    )
    assert reopened.closed_at is None
    changes = [(h.change, h.old, h.new, h.who) for h in store.history(rec.id)]
    assert changes[1:] == [("status", "open", "done", "rdona"), ("status", "done", "open", "chair")]
    assert store.history(rec.id)[1].comment == "all set"


def test_unchanged_update_writes_no_history(store: Store) -> None:
    rec = store.create_action(text="x", owners=[], at=T0, who="w", via="ingest")
    store.update_action(rec.id, {"text": "x"}, owners=[], at=T0, who="w", via="ingest")
    assert len(store.history(rec.id)) == 1


def test_owner_change_is_recorded(store: Store) -> None:
    rec = store.create_action(text="x", owners=[PAUL], at=T0, who="w", via="ingest")
    got = store.update_action(rec.id, {}, owners=[RIZ], at=T0, who="chair", via="slash")
    assert [o.username for o in got.owners] == ["rdona"]
    last = store.history(rec.id)[-1]
    assert (last.change, last.old, last.new) == ("owners", "Paul Millar", "Rizart Dona")


def test_filters(store: Store) -> None:
    a = store.create_action(
        text="a",
        owners=[PAUL],
        at=T0,
        who="w",
        via="ingest",
        due=date(2026, 11, 1),
        review=Review.ACCEPTED,
    )
    b = store.create_action(
        text="b", owners=[RIZ], at=T0, who="w", via="ingest", status=Status.DONE
    )
    c = store.create_action(
        text="c", owners=[PAUL, RIZ], at=T0, who="w", via="ingest", due=date(2026, 12, 1)
    )
    ids = lambda flt: [r.id for r in store.actions(flt)]  # noqa: E731
    assert ids(ActionFilter(owner_username="PMILLAR")) == [a.id, c.id]
    assert ids(ActionFilter(open_only=True)) == [a.id, c.id]
    assert ids(ActionFilter(statuses=(Status.DONE,))) == [b.id]
    assert ids(ActionFilter(reviews=(Review.ACCEPTED,))) == [a.id]
    assert ids(ActionFilter(due_before=date(2026, 11, 5))) == [a.id]
    assert ids(ActionFilter(limit=1)) == [a.id]
    assert store.count_actions() == 3


def test_notes_and_missing_items(store: Store) -> None:
    rec = store.create_action(text="x", owners=[], at=T0, who="w", via="ingest")
    store.add_note(rec.id, at=T0, who="alice", via="dm", text="waiting for GSI")
    assert store.action(rec.id).notes == ("waiting for GSI",)
    with pytest.raises(NotFound):
        store.action(9999)
    with pytest.raises(NotFound):
        store.update_action(9999, {"text": "y"}, at=T0, who="w", via="x")


def test_meeting_upsert_keeps_one_row_per_source(store: Store) -> None:
    first, _ = store.upsert_meeting("indico:1", title="A", minutes_hash="h1")
    again, previous = store.upsert_meeting("indico:1", title="A2")
    assert again.id == first.id
    assert previous == "h1"
    assert [m.title for m in store.meetings()] == ["A2"]

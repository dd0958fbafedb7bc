"""The sweep's reads: the filter evaluated once (ids), then the state and the items by id; who
had a digest dated the group's day is read from the digests in SQL, except the people whose own
day is another."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.domain.models import Owner, OwnerKind
from wp2bot.domain.tracking import Review
from wp2bot.ports.reminder_state import SweepBounds

TODAY = date(2031, 5, 6)
AT = datetime(2031, 5, 6, 8, 0, tzinfo=UTC)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Store, RhythmStore, dict[str, int]]]:
    store = Store.open(f"sqlite:///{tmp_path / 'sweep.db'}")
    people = {
        u: Owner(u.title(), u.title(), OwnerKind.PERSON, username=u)
        for u in ("ines", "kiri", "tomas")
    }
    items = [(u, f"Rotate the host keys of {u}'s nodes", o) for u, o in people.items()]
    items.append(
        (
            "group",
            "Publish the downtime calendar",
            Owner("Tier-1 sites", "Tier-1 sites", OwnerKind.GROUP),
        )
    )
    ids = {
        key: store.create_action(
            text=text,
            owners=[owner],
            at=datetime(2031, 4, 1, tzinfo=UTC),
            who="chair",
            via="cli",
            review=Review.ACCEPTED,
            due=TODAY,
        ).id
        for key, text, owner in items
    }
    rhythm = RhythmStore(store.engine)
    # ines and kiri have a digest dated the group's day; tomas has none
    rhythm.claim_digests([("ines", TODAY, []), ("kiri", TODAY, [])], AT)
    yield store, rhythm, ids
    store.close()


def bounds(done: set[str], owed_despite_digest: set[str] | None = None) -> SweepBounds:
    return SweepBounds(
        today=TODAY,
        due_until=TODAY,
        undated=False,
        done=frozenset(done),
        escalate_after=3,
        owed_despite_digest=frozenset(owed_despite_digest or ()),
    )


def test_people_with_a_digest_dated_today_are_left_out_in_sql(
    world: tuple[Store, RhythmStore, dict[str, int]],
) -> None:
    _store, rhythm, ids = world
    found = list(rhythm.sweep_ids(bounds({"ines", "kiri"})))
    assert found == sorted([ids["tomas"], ids["group"]])


def test_a_digest_dated_today_of_someone_whose_own_day_is_another_keeps_their_items(
    world: tuple[Store, RhythmStore, dict[str, int]],
) -> None:
    _store, rhythm, ids = world
    # kiri's zone is past midnight: the digest dated the group's day was her yesterday's
    found = list(rhythm.sweep_ids(bounds({"ines"}, owed_despite_digest={"kiri"})))
    assert found == sorted([ids["kiri"], ids["tomas"], ids["group"]])


def test_nobody_done_reads_every_item_in_the_bounds(
    world: tuple[Store, RhythmStore, dict[str, int]],
) -> None:
    _store, rhythm, ids = world
    assert list(rhythm.sweep_ids(bounds(set()))) == sorted(ids.values())


def test_the_items_and_their_state_are_read_by_id(
    world: tuple[Store, RhythmStore, dict[str, int]],
) -> None:
    _store, rhythm, ids = world
    rhythm.claim_digests([("tomas", TODAY, [(ids["tomas"], "due", TODAY)])], AT)
    wanted = [ids["tomas"], ids["group"]]
    records = rhythm.actions_with_ids(wanted)
    assert [r.id for r in records] == wanted
    assert records[0].owner_usernames() == ("tomas",)
    state = rhythm.reminder_state(ids=wanted)
    assert state.last_occasion == {(ids["tomas"], "tomas"): TODAY}
    assert rhythm.reminder_state(ids=[ids["group"]]).last_occasion == {}
    assert rhythm.reminder_state(ids=[]).last_occasion == {}


def test_a_digest_batch_longer_than_a_page_logs_every_line(
    world: tuple[Store, RhythmStore, dict[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reminder-log rows of one batch are inserted a page at a time: none lost at a page's
    edge, each under its person's digest."""
    from wp2bot.adapters.storage import rhythm_store

    store, rhythm, ids = world
    monkeypatch.setattr(rhythm_store, "LOG_PAGE", 2)
    lines = [(ids["tomas"], "due", TODAY), (ids["group"], "before", TODAY)]
    tomorrow = date(2031, 5, 7)
    batch = [("tomas", tomorrow, lines * 2 + lines[:1]), ("ines", tomorrow, lines)]
    claimed = rhythm.claim_digests(batch, AT)
    assert set(claimed) == {"tomas", "ines"}
    for user, expected in (("tomas", 5), ("ines", 2)):
        assert [(u, n) for u, d, _at, n in rhythm.digests(user) if d == tomorrow] == [
            (user, expected)
        ]
    with store.engine.connect() as conn:
        logged = conn.execute(text("SELECT username, count(*) FROM reminder_log GROUP BY 1"))
        assert {str(u): int(n) for u, n in logged} == {"tomas": 5, "ines": 2}
    state = rhythm.reminder_state(ids=[ids["tomas"], ids["group"]])
    assert state.last_occasion == {
        (ids["tomas"], "tomas"): TODAY,
        (ids["group"], "tomas"): TODAY,
        (ids["tomas"], "ines"): TODAY,
        (ids["group"], "ines"): TODAY,
    }

"""The bounded reads behind chat commands give the answers the whole-table reads gave, on SQLite
and on PostgreSQL: soonest-first listings, a person by username, the items that remind one person.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from wp2bot.adapters.storage import ActionFilter, Store
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterGroup, Status
from wp2bot.domain.reminders import RosterIndex
from wp2bot.domain.summary import MeetingRef, Summary, build_summary, summary_since
from wp2bot.domain.tracking import ActionRecord, Review

T0 = datetime(2026, 11, 5, 13, 0, tzinfo=UTC)
ALICE = Owner("@alice", "Alice Smith", OwnerKind.PERSON, username="Alice")
BOB = Owner("@bob", "Bob Jones", OwnerKind.PERSON, username="bob")
SITE = Owner("gsi", "GSI", OwnerKind.GROUP)
ROSTER = Roster(groups=(RosterGroup("GSI", "site", aliases=("Darmstadt",), contacts=("alice",)),))


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    s = Store.open(database_url)
    yield s
    s.close()


def _seed(store: Store) -> None:
    """Items with and without dates, open and done, accepted and proposed, three kinds of owner."""
    owners = [[ALICE], [BOB], [SITE], [BOB, ALICE], []]
    for n in range(30):
        rec = store.create_action(
            text=f"item {n}",
            owners=owners[n % len(owners)],
            at=T0,
            who="test",
            via="cli",
            review=Review.PROPOSED if n % 7 == 3 else Review.ACCEPTED,
            due=None if n % 4 == 0 else date(2026, 11, 1) + timedelta(days=(n * 5) % 11),
        )
        if n % 6 == 5:
            store.update_action(rec.id, {"status": Status.DONE}, at=T0, who="test", via="cli")


def _reference(records: list[ActionRecord]) -> list[int]:
    """The order ``soonest_first`` promises: dated by (due, id), then undated by id."""
    return [r.id for r in sorted(records, key=lambda r: (r.due is None, r.due or date.min, r.id))]


def test_soonest_first_pages_match_a_full_sort(store: Store) -> None:
    _seed(store)
    for base in (
        ActionFilter(open_only=True, reviews=(Review.ACCEPTED,)),
        ActionFilter(),
        ActionFilter(owner_username="ALICE", open_only=True),
        # one owner's open accepted items: read through the owner rows' index alone
        ActionFilter(owner_username="@Alice", open_only=True, reviews=(Review.ACCEPTED,)),
        ActionFilter(owner_name="gsi", open_only=True, reviews=(Review.ACCEPTED,)),
        ActionFilter(
            owner_username="bob",
            open_only=True,
            reviews=(Review.ACCEPTED,),
            due_from=date(2026, 11, 3),
            due_until=date(2026, 11, 8),
        ),
        ActionFilter(
            owner_username="bob",
            open_only=True,
            reviews=(Review.ACCEPTED,),
            due_before=date(2026, 11, 4),
        ),
        ActionFilter(due_until=date(2026, 11, 6)),
    ):
        everything = _reference(store.actions(base))
        assert everything, base
        for limit in (1, 3, len(everything) - 1, len(everything), len(everything) + 5):
            flt = ActionFilter(**{**_fields(base), "soonest_first": True, "limit": limit})
            assert [r.id for r in store.actions(flt)] == everything[:limit], (base, limit)
        unlimited = ActionFilter(**{**_fields(base), "soonest_first": True})
        assert [r.id for r in store.actions(unlimited)] == everything


def _fields(flt: ActionFilter) -> dict[str, object]:
    return {name: getattr(flt, name) for name in flt.__slots__}


def test_a_person_by_username_ignores_case_and_the_at(store: Store) -> None:
    store.upsert_person("Alice Smith", username="Alice")
    store.upsert_person("Bob Jones", username="bob")
    store.upsert_person("Nobody Known")
    found = store.person_by_username("@ALICE")
    assert found is not None
    assert found.name == "Alice Smith"
    bob = store.person_by_username("Bob")
    assert bob is not None
    assert bob.username == "bob"
    assert store.person_by_username("carol") is None


def test_owned_actions_are_the_open_items_that_remind_the_person(store: Store) -> None:
    _seed(store)
    rhythm = RhythmStore(store.engine)
    index = RosterIndex(ROSTER)
    for user, groups in (("alice", ["GSI", "Darmstadt"]), ("BOB", []), ("carol", [])):
        key = user.lower()
        expected = _reference(
            [r for r in rhythm.open_actions() if key in {u.lower() for u in index.recipients(r)}]
        )
        got, total = rhythm.owned_actions(user, groups)
        assert [r.id for r in got] == expected, user
        assert total == len(expected)
        first, counted = rhythm.owned_actions(user, groups, limit=2)
        assert [r.id for r in first] == expected[:2]
        assert counted == len(expected)
        for cap in (1, 2, len(expected) - 1, len(expected)):  # the count stops past the cap
            capped = rhythm.owned_actions(user, groups, limit=1, count_cap=cap)[1]
            assert capped == min(len(expected), cap + 1), (user, cap)
        assert all(r.status is not Status.DONE and r.review is Review.ACCEPTED for r in got)
    # a group's items come only with the group named: alice without GSI keeps her own items
    own = [r.id for r in rhythm.owned_actions("alice", [])[0]]
    assert own
    assert all(
        "alice" in {u.lower() for u in r.owner_usernames()}
        for r in store.actions(ActionFilter(ids=tuple(own)))
    )


def test_the_summary_reads_the_same_items_as_from_the_whole_table(store: Store) -> None:
    old, _ = store.upsert_meeting("m:old", title="old", meeting_date=date(2026, 10, 1))
    prev, _ = store.upsert_meeting("m:prev", title="prev", meeting_date=date(2026, 11, 1))
    since = datetime(2026, 11, 1, 9, tzinfo=UTC)
    items = [  # (meeting, created, closed) of done items, and open ones in between
        (old.id, T0 - timedelta(days=60), T0 - timedelta(days=40)),  # closed long ago: left out
        (old.id, T0 - timedelta(days=60), T0),  # closed since the last meeting
        (prev.id, since - timedelta(days=1), since - timedelta(hours=1)),  # of the last meeting
        (None, since + timedelta(days=1), since + timedelta(days=1)),  # added and done since
        (None, since - timedelta(days=9), since - timedelta(days=8)),  # left out
    ]
    for n, (meeting, created, closed) in enumerate(items):
        rec = store.create_action(text=f"done {n}", owners=[BOB], at=created, who="t", via="cli",
                                  review=Review.ACCEPTED, meeting_id=meeting)  # fmt: skip
        store.update_action(rec.id, {"status": Status.DONE}, at=closed, who="t", via="cli")
        store.create_action(text=f"open {n}", owners=[ALICE], at=created, who="t", via="cli",
                            meeting_id=meeting, due=date(2026, 11, 1 + n))  # fmt: skip
    gone = store.create_action(text="rejected", owners=[], at=T0, who="t", via="cli")
    store.update_action(gone.id, {"review": Review.REJECTED}, at=T0, who="t", via="cli")
    previous = MeetingRef("prev", since, date(2026, 11, 1))
    meeting = MeetingRef("next", None, date(2026, 11, 12))

    def summary(records: list[ActionRecord]) -> Summary:
        return build_summary(records, date(2026, 11, 5), meeting, previous, previous_id=prev.id)

    narrowed = store.actions(ActionFilter(open_only=True))
    narrowed += store.actions(ActionFilter(done_since=(summary_since(previous), prev.id)))
    assert summary(sorted(narrowed, key=lambda r: r.id)) == summary(store.actions())
    assert [r.text for r in summary(narrowed).closed] == ["done 1", "done 2", "done 3"]


def test_stuck_items_read_from_the_nudges_match_the_whole_reminder_state(store: Store) -> None:
    """The summary's stuck items (read from the overdue nudges, grouped in SQL) are those the
    full reminder state counts: per item the most one owner left unanswered since it changed."""
    from sqlmodel import Session

    from wp2bot.adapters.storage.rhythm_tables import ReminderLogRow

    _seed(store)
    rhythm = RhythmStore(store.engine)
    ids = [r.id for r in store.actions()]
    with Session(store.engine) as s:
        for i, action_id in enumerate(ids):
            for user in ("alice", "bob")[: 1 + i % 2]:
                for k in range(i % 5):  # 0 to 4 nudges of each kind, before and after the change
                    for kind in ("overdue", "due", "escalation"):
                        sent = T0 + timedelta(days=k, hours=-12)
                        occasion = date(2026, 11, 1) + timedelta(days=k)
                        s.add(ReminderLogRow(action_id=action_id, username=user, kind=kind,
                                             occasion=occasion, sent_at=sent))  # fmt: skip
        s.commit()
    whole = rhythm.reminder_state().unanswered
    assert any(n >= 3 for n in whole.values())
    for at_least in (1, 2, 3, 4):
        expected = sorted((a, n) for a, n in whole.items() if n >= at_least)
        assert rhythm.unanswered(at_least) == expected, at_least

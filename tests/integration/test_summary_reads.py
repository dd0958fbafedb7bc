"""The summary's sections read in SQL (each section's first items and its count) are the ones
sorted from the whole table, on SQLite and on PostgreSQL, for any window and read budget."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from wp2bot.adapters.storage import Store
from wp2bot.domain.models import Owner, OwnerKind, Status
from wp2bot.domain.summary import MeetingRef, Summary, build_summary, summary_window
from wp2bot.domain.tracking import Review
from wp2bot.services.summary_reads import (
    count_proposals,
    read_sections,
    read_stuck,
    section_filters,
)

T0 = datetime(2026, 11, 5, 13, 0, tzinfo=UTC)
SECTIONS = ("overdue", "due_soon", "new", "still_open", "closed")
KIM = Owner("Kim", "Kim Lee", OwnerKind.PERSON, username="kim")


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    s = Store.open(database_url)
    yield s
    s.close()


def _seed(store: Store, rng: random.Random) -> tuple[int, int]:
    """Items of two meetings and none, open, tentative and done, of every review, dated around
    T0 or not, created and closed around the previous meeting; the meetings' ids."""
    old, _ = store.upsert_meeting("m:old", title="old", meeting_date=date(2026, 10, 1))
    prev, _ = store.upsert_meeting("m:prev", title="prev", meeting_date=date(2026, 11, 1))
    for n in range(150):
        created = T0 - timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 23))
        due = T0.date() + timedelta(days=rng.randint(-20, 30)) if rng.random() < 0.8 else None
        rec = store.create_action(
            text=f"task {n}",
            owners=[KIM] if n % 3 else [],
            at=created,
            who="t",
            via="cli",
            status=rng.choice([Status.OPEN, Status.OPEN, Status.TENTATIVE]),
            review=rng.choice([Review.ACCEPTED, Review.ACCEPTED, Review.PROPOSED]),
            meeting_id=rng.choice([None, old.id, prev.id]),
            due=due,
        )
        if rng.random() < 0.3:
            closed = created + timedelta(days=rng.randint(0, 10))
            store.update_action(rec.id, {"status": Status.DONE}, at=closed, who="t", via="cli")
        if rng.random() < 0.1:
            store.update_action(rec.id, {"review": Review.REJECTED}, at=T0, who="t", via="cli")
    return old.id, prev.id


def _ids(s: Summary) -> dict[str, list[int]]:
    return {f: [r.id for r in getattr(s, f)] for f in SECTIONS}


@pytest.mark.parametrize(
    ("today", "meeting_day", "with_previous"),
    [
        (date(2026, 11, 5), date(2026, 11, 12), True),
        (date(2026, 11, 5), None, True),  # no next meeting: due within 14 days
        (date(2026, 11, 5), date(2026, 11, 3), True),  # the meeting's day already past
        (date(2026, 11, 5), date(2026, 11, 12), False),  # no previous meeting: nothing new
    ],
)
def test_sections_read_in_sql_are_those_of_the_whole_table(
    store: Store, today: date, meeting_day: date | None, with_previous: bool
) -> None:
    _old, prev_id = _seed(store, random.Random(5))
    since = datetime(2026, 11, 1, 9, tzinfo=UTC)
    meeting = MeetingRef("next", None, meeting_day) if meeting_day else None
    previous = MeetingRef("prev", since, date(2026, 11, 1)) if with_previous else None
    previous_id = prev_id if with_previous else None
    whole = build_summary(store.actions(), today, meeting, previous, previous_id=previous_id)
    expected = _ids(whole)
    assert sum(map(len, expected.values())) > 40  # the data fills the sections
    window = summary_window(today, meeting, previous, previous_id)
    for budget in (10_000, 25, 7, 1):
        records, more = read_sections(store, window, budget)
        part = build_summary(records, today, meeting, previous, previous_id=previous_id)
        got = _ids(part)
        assert len(records) == min(budget, sum(map(len, expected.values())))
        for f in SECTIONS:
            assert got[f] == expected[f][: len(got[f])], (budget, f)  # the first ones, in order
            assert len(got[f]) + more.get(f, 0) == len(expected[f]), (budget, f)
    assert count_proposals(store) == whole.proposals
    filters = [flt for _, flt in section_filters(window)]
    assert store.count_each(filters) == [store.count_actions(f) for f in filters]
    assert store.count_each(filters)[:2] == [len(expected["overdue"]), len(expected["due_soon"])]
    open_ids = [r.id for r in store.actions() if r.is_open]
    stuck = [(open_ids[0], 4), (10_000, 3), (open_ids[-1], 2)]
    assert [(r.id, n) for r, n in read_stuck(store, stuck)] == [stuck[0], stuck[2]]

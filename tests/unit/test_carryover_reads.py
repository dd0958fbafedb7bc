"""Carry-over candidates: the named owners' open items, owner-less ones and those of the last
few meetings; never every open item."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from wp2bot.adapters.storage import Store
from wp2bot.domain.models import ExtractedAction, Owner, OwnerKind, Status
from wp2bot.domain.tracking import Review
from wp2bot.services.carryover_reads import RECENT_MEETINGS, carry_candidates, recent_meetings

AT = datetime(2026, 6, 1, 9, tzinfo=UTC)
NOOR = Owner("Noor", "Noor Haddad", OwnerKind.PERSON, username="noor")
TEO = Owner("Teo", "Teo Brandt", OwnerKind.PERSON, username="teo")


def _item(*owners: Owner) -> ExtractedAction:
    return ExtractedAction("Rotate the host certificates", (), owners, None, Status.OPEN, "", 3, "")


def test_candidates_are_the_owners_the_unowned_and_the_recent_meetings(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'c.db'}")
    first = date(2026, 1, 5)
    meetings = [
        store.upsert_meeting(f"m{i}", meeting_date=first + timedelta(days=14 * i),
                             minutes_hash=f"h{i}")[0]
        for i in range(8)
    ]  # fmt: skip
    planned, _ = store.upsert_meeting("planned", meeting_date=first + timedelta(days=98))
    now = meetings[-1]

    def add(owners: list[Owner], meeting: int | None, **kw: object) -> int:
        rec = store.create_action(
            text="Rotate the host certificates", owners=owners, at=AT, who="t", via="cli",
            review=Review.ACCEPTED, meeting_id=meeting,
        )  # fmt: skip
        if kw:
            store.update_action(rec.id, kw, at=AT, who="t", via="cli")  # type: ignore[arg-type]
        return rec.id

    own_old = add([NOOR], meetings[0].id)  # the named owner's, however old
    other_old = add([TEO], meetings[1].id)  # another owner's, long untouched: not offered
    other_recent = add([TEO], meetings[-2].id)  # another owner's, of a recent meeting
    restated = add([TEO], meetings[0].id, last_meeting_id=meetings[-3].id)  # restated lately
    unowned = add([], meetings[0].id)
    by_hand = add([TEO, NOOR], None)
    add([NOOR], meetings[0].id, status=Status.DONE)  # closed: never
    add([NOOR], now.id)  # of this meeting: never

    found = [r.id for r in carry_candidates(store, now, [_item(NOOR)])]
    assert found == sorted([own_old, other_recent, restated, unowned, by_hand])
    assert other_old not in found
    # minutes that name nobody still see the owner-less and the recent meetings' items
    found = [r.id for r in carry_candidates(store, now, [_item()])]
    assert found == sorted([other_recent, restated, unowned])
    assert recent_meetings(store.meetings(), now) == tuple(
        m.id for m in meetings[-1 - RECENT_MEETINGS : -1]
    )
    assert planned.id not in recent_meetings(store.meetings(), now)  # no minutes: no items
    store.close()

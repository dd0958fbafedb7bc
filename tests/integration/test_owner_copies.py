"""The owner rows' copies of their action's open flag and due date stay in step with the action
through every write, on SQLite and on PostgreSQL: close, reopen, review, new due date, new owners,
import. Listings of one person read through those copies, so a stale copy would hide an item.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from wp2bot.adapters.storage import ActionFilter, Store
from wp2bot.adapters.storage.tables import ActionOwnerRow, ActionRow
from wp2bot.adapters.storage.transfer_store import TransferStore
from wp2bot.domain.models import Owner, OwnerKind, Status
from wp2bot.domain.tracking import Review
from wp2bot.ports.actions import ActionChanges
from wp2bot.services.transfer import export_json, import_json

T0 = datetime(2026, 11, 5, 13, 0, tzinfo=UTC)
RUTH = Owner("@ruth", "Ruth Okafor", OwnerKind.PERSON, username="Ruth")
IVAN = Owner("@ivan", "Ivan Petrov", OwnerKind.PERSON, username="ivan")
POOL = Owner("pool team", "Pool team", OwnerKind.GROUP)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    s = Store.open(database_url)
    yield s
    s.close()


def _stale(store: Store) -> list[tuple[int, bool, date | None]]:
    """Owner rows whose copies differ from their action: (action, copied flag, copied due)."""
    o, a = ActionOwnerRow.__table__.c, ActionRow.__table__.c  # type: ignore[attr-defined]
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                o.action_id, o.open_accepted, o.due, a.status, a.review, a.due.label("real")
            ).join(ActionRow.__table__, a.id == o.action_id)  # type: ignore[attr-defined]
        ).all()
    assert rows, "no owner rows to compare"
    return [
        (r.action_id, r.open_accepted, r.due)
        for r in rows
        if r.open_accepted != (r.status != "done" and r.review == "accepted") or r.due != r.real
    ]


def _mine(store: Store, username: str) -> list[int]:
    flt = ActionFilter(owner_username=username, open_only=True, reviews=(Review.ACCEPTED,),
                       soonest_first=True, limit=10)  # fmt: skip
    return [r.id for r in store.actions(flt)]


def _change(
    store: Store, action_id: int, changes: ActionChanges, owners: Sequence[Owner] | None = None
) -> None:
    store.update_action(action_id, changes, at=T0, who="chair", via="dm", owners=owners)


def test_copies_follow_close_reopen_due_review_and_owners(store: Store) -> None:
    first = store.create_action(text="Renew the host certificate", owners=[RUTH, POOL], at=T0,
                                who="chair", via="dm", review=Review.ACCEPTED,
                                due=date(2026, 11, 20))  # fmt: skip
    second = store.create_action(text="Drain the old pool", owners=[RUTH], at=T0, who="chair",
                                 via="dm", due=date(2026, 11, 9))  # fmt: skip
    assert _stale(store) == []
    assert _mine(store, "ruth") == [first.id]  # the second is still a proposal
    _change(store, second.id, {"review": Review.ACCEPTED})
    assert _mine(store, "RUTH") == [second.id, first.id]
    _change(store, first.id, {"status": Status.DONE})
    assert _stale(store) == []
    assert _mine(store, "ruth") == [second.id]
    _change(store, first.id, {"status": Status.OPEN})
    assert _mine(store, "ruth") == [second.id, first.id]
    _change(store, first.id, {"due": date(2026, 11, 6)})
    assert _stale(store) == []
    assert _mine(store, "ruth") == [first.id, second.id]
    _change(store, first.id, {"due": None})
    assert _mine(store, "ruth") == [second.id, first.id]  # undated last
    _change(store, first.id, {"due": date(2026, 11, 7)}, [IVAN])  # reassigned and moved
    assert _stale(store) == []
    assert _mine(store, "ruth") == [second.id]
    assert _mine(store, "ivan") == [first.id]
    _change(store, second.id, {"review": Review.REJECTED})
    assert _stale(store) == []
    assert _mine(store, "ruth") == []
    group = ActionFilter(owner_name="POOL TEAM", open_only=True, reviews=(Review.ACCEPTED,),
                         soonest_first=True)  # fmt: skip
    assert store.actions(group) == []  # the pool team no longer owns the first item
    _change(store, first.id, {}, [IVAN, POOL])
    assert [r.id for r in store.actions(group)] == [first.id]


def test_imported_owner_rows_carry_the_copies(store: Store, tmp_path: Path) -> None:
    source = Store.open(f"sqlite:///{tmp_path / 'exported.db'}")
    try:
        done = source.create_action(text="Publish the report", owners=[IVAN], at=T0,
                                    who="chair", via="dm", review=Review.ACCEPTED,
                                    due=date(2026, 11, 2))  # fmt: skip
        _change(source, done.id, {"status": Status.DONE})
        source.create_action(text="Move the tape buffer", owners=[IVAN, RUTH], at=T0,
                             who="chair", via="dm", review=Review.ACCEPTED,
                             due=date(2026, 12, 1))  # fmt: skip
        exported = export_json(TransferStore(source.engine))
    finally:
        source.close()
    assert import_json(TransferStore(store.engine), exported) == (2, 0)
    assert _stale(store) == []
    assert _mine(store, "ivan") == [2]

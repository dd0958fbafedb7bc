"""The reads behind the reminder sweep: open accepted actions, all of them or only those that
may owe somebody a reminder now (bounded by date, snooze and who already had today's digest).

Both read the action and owner columns the sweep needs in two plain queries; meeting titles and
notes are left out, reminders do not show them.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Table, and_, func, or_, true
from sqlalchemy import select as core_select
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from wp2bot.adapters.storage.owner_index import DueWindow, OwnerKey, count_owned, soonest_owned
from wp2bot.adapters.storage.owner_rows import owner_select, owners_by_action
from wp2bot.domain.models import OwnerKind, Precision, Status
from wp2bot.domain.tracking import ActionRecord, Review
from wp2bot.ports.reminder_state import SweepBounds

# Above this many people with a digest dated today who are still owed one (their own day is
# another) the "already had today's digest" filter is left to the sweep itself (a bound list
# that long costs more than it saves, and SQLite caps bound parameters).
MAX_OWED_DESPITE_DIGEST = 1_000
ID_CHUNK = 1_000  # ids bound in one read by id (SQLite caps bound parameters)


def open_records(conn: Connection) -> list[ActionRecord]:
    """Every open accepted action with its owners."""
    return _records(conn, true())


def owned_records(
    conn: Connection,
    username: str,
    groups: Sequence[str],
    limit: int | None = None,
    count_cap: int | None = None,
) -> tuple[list[ActionRecord], int]:
    """Open accepted actions a person owns (by normalised username) or one of ``groups`` owns
    (names compared case-insensitively), the first ``limit`` soonest due first, and how many
    there are (counted no further than ``count_cap + 1``): bounded reads of the owner rows'
    index, not every open item."""
    owners = [OwnerKey(username.removeprefix("@").lower())]
    if groups:
        names = sorted({g.lower() for g in groups} | {" ".join(g.split()).lower() for g in groups})
        owners += [OwnerKey(n, by_name=True, groups_only=True) for n in names]
    ids = soonest_owned(conn, owners, DueWindow(), limit)
    total = len(ids) if limit is None or len(ids) < limit else count_owned(conn, owners, count_cap)
    a = SQLModel.metadata.tables["action"]
    found = {r.id: r for r in _records(conn, a.c.id.in_(ids))}
    return [found[i] for i in ids if i in found], total


def _open_accepted(a: Table) -> ColumnElement[bool]:
    """The condition ``_records`` applies: open and accepted."""
    return and_(a.c.status != "done", a.c.review == "accepted")


def sweep_records(
    conn: Connection, bounds: SweepBounds, *, after_id: int = 0, limit: int | None = None
) -> list[ActionRecord]:
    """Open accepted actions that may owe a reminder or an escalation within ``bounds``: the
    first ``limit`` by id above ``after_id`` (all of them without a limit)."""
    a = SQLModel.metadata.tables["action"]
    where = and_(sweep_filter(bounds), a.c.id > after_id)
    if limit is not None:
        # the page's last id bounds both reads (a range on the primary key, no long id list)
        last = conn.execute(
            core_select(a.c.id).where(_open_accepted(a), where).order_by(a.c.id)
            .offset(limit - 1).limit(1)
        ).scalar()  # fmt: skip
        if last is not None:
            where = and_(where, a.c.id <= int(last))
    return _records(conn, where)


def sweep_id_list(conn: Connection, bounds: SweepBounds) -> array[int]:
    """The ids ``sweep_records`` would read, ascending, in one query: as an array of machine
    integers (0.8 MB at 100,000 ids, where a list of Python ints is 3.6 MB)."""
    a = SQLModel.metadata.tables["action"]
    q = core_select(a.c.id).where(_open_accepted(a), sweep_filter(bounds)).order_by(a.c.id)
    return array("q", conn.execute(q).scalars())


def records_with_ids(conn: Connection, ids: Sequence[int]) -> list[ActionRecord]:
    """The open accepted actions among ``ids``, by id (``ID_CHUNK`` ids per pair of reads)."""
    a = SQLModel.metadata.tables["action"]
    found: list[ActionRecord] = []
    for start in range(0, len(ids), ID_CHUNK):
        found += _records(conn, a.c.id.in_(list(ids[start : start + ID_CHUNK])))
    return sorted(found, key=lambda r: r.id)


def unanswered_counts(conn: Connection, at_least: int) -> list[tuple[int, int]]:
    """(action id, most overdue nudges one owner left unanswered since the action last changed)
    of the open accepted actions with at least ``at_least`` of them, by id: a read of the
    overdue nudges alone (an index on the log's kind), grouped and cut in SQL."""
    a = SQLModel.metadata.tables["action"]
    log = SQLModel.metadata.tables["reminder_log"]
    per_owner = (
        core_select(log.c.action_id, func.count().label("n"))
        .join(a, a.c.id == log.c.action_id)
        .where(log.c.kind == "overdue", log.c.sent_at > a.c.updated_at, _open_accepted(a))
        .group_by(log.c.action_id, log.c.username)
        .having(func.count() >= max(at_least, 1))
        .subquery()
    )
    q = (
        core_select(per_owner.c.action_id, func.max(per_owner.c.n))
        .group_by(per_owner.c.action_id)
        .order_by(per_owner.c.action_id)
    )
    return [(int(i), int(n)) for i, n in conn.execute(q)]


def sweep_filter(bounds: SweepBounds) -> ColumnElement[bool]:
    """The condition on the ``action`` table of an item that may owe something in ``bounds``."""
    a = SQLModel.metadata.tables["action"]
    o = SQLModel.metadata.tables["action_owner"].alias("reached")
    log = SQLModel.metadata.tables["reminder_log"].alias("nudged")
    dated = a.c.due <= bounds.due_until
    when = or_(dated, a.c.due.is_(None)) if bounds.undated else dated
    awake = or_(a.c.snoozed_until.is_(None), a.c.snoozed_until <= bounds.today)
    # someone reminded of it may still be owed today's digest: any group owner (its contact is
    # worked out by the sweep), or a person owner who has not had today's digest
    owner = o.c.kind != OwnerKind.PERSON.value
    if bounds.done and len(bounds.owed_despite_digest) <= MAX_OWED_DESPITE_DIGEST:
        # who had a digest dated today is read from the digests in SQL, not bound name by name
        digest = SQLModel.metadata.tables["reminder_digest"]
        had = core_select(digest.c.username).where(digest.c.day == bounds.today)
        person = func.lower(o.c.username)
        reached_person: ColumnElement[bool] = person.not_in(had)
        if bounds.owed_despite_digest:
            reached_person = or_(reached_person, person.in_(sorted(bounds.owed_despite_digest)))
        owner = or_(owner, reached_person)
    else:
        owner = or_(owner, o.c.username.is_not(None))
    # both sets are uncorrelated sub-selects: the database builds each once, then looks up ids
    reachable = a.c.id.in_(core_select(o.c.action_id).where(owner))
    # unanswered overdue nudges since the last change, per owner: the item escalates
    changed = SQLModel.metadata.tables["action"].alias("changed")
    unanswered = (
        core_select(log.c.action_id)
        .join(changed, changed.c.id == log.c.action_id)
        .where(log.c.kind == "overdue", log.c.sent_at > changed.c.updated_at)
        .group_by(log.c.action_id, log.c.username)
        .having(func.count() >= bounds.escalate_after)
    )
    escalating = a.c.id.in_(unanswered) if bounds.escalate_after > 0 else true()
    return and_(when, awake, or_(reachable, escalating))


_STATUSES: dict[str, Status] = {m.value: m for m in Status}
_PRECISIONS: dict[str, Precision] = {m.value: m for m in Precision}


def _records(conn: Connection, where: ColumnElement[bool]) -> list[ActionRecord]:
    a = SQLModel.metadata.tables["action"]
    o = SQLModel.metadata.tables["action_owner"]
    chosen = and_(_open_accepted(a), where)
    owners = owners_by_action(
        conn.execute(owner_select(o).join(a, a.c.id == o.c.action_id).where(chosen))
    )
    # rows unpacked as tuples and enums looked up by value: at 100,000 items (a first sweep
    # owing every one) attribute access by name and Enum calls were a third of the read
    rows = conn.execute(
        core_select(
            a.c.id,
            a.c.text,
            a.c.status,
            a.c.due,
            a.c.due_phrase,
            a.c.due_precision,
            a.c.meeting_id,
            a.c.source_url,
            a.c.snoozed_until,
        )
        .where(chosen)
        .order_by(a.c.id)
    )
    return [
        ActionRecord(
            id=action_id,
            text=str(text),
            owners=tuple(owners.get(action_id, ())),
            status=_STATUSES[status],
            review=Review.ACCEPTED,
            due=due,
            due_phrase=phrase,
            due_precision=_PRECISIONS[precision] if precision else None,
            meeting_id=meeting_id,
            source_url=url,
            snoozed_until=snoozed,
        )
        for action_id, text, status, due, phrase, precision, meeting_id, url, snoozed in rows
    ]

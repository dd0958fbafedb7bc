"""Owner filters through the owner rows' own index: a person's or a group's open accepted items.

Every owner row carries a copy of its action's open-and-accepted flag and due date, indexed as
(username_key | name_key, open_accepted, due, action_id). A page of someone's open items,
soonest due first, is then an index range read that stops at the page's end, and a count is a
count of index entries: neither reads the action table nor sorts what the person owns.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Column, ColumnElement, and_, func, literal_column, true
from sqlalchemy import select as core_select
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from wp2bot.adapters.storage.database import name_key, username_key
from wp2bot.domain.models import OwnerKind
from wp2bot.domain.tracking import Review
from wp2bot.ports.actions import ActionFilter


@dataclass(frozen=True, slots=True)
class DueWindow:
    """Bounds on the due date; any bound leaves undated items out."""

    before: date | None = None  # strictly before
    until: date | None = None  # on or before
    since: date | None = None  # on or after

    def bounded(self) -> bool:
        """Whether any bound is set."""
        return self.before is not None or self.until is not None or self.since is not None


@dataclass(frozen=True, slots=True)
class OwnerKey:
    """One owner as the index knows it: a username key, or a name key (of a group only)."""

    key: str
    by_name: bool = False
    groups_only: bool = False


def _where(owner: OwnerKey) -> tuple[Column[date], Column[int], ColumnElement[bool]]:
    o = SQLModel.metadata.tables["action_owner"]
    column = o.c.name_key if owner.by_name else o.c.username_key
    where = and_(column == owner.key, o.c.open_accepted == true())
    if owner.groups_only:
        where = and_(where, o.c.kind == OwnerKind.GROUP.value)
    return o.c.due, o.c.action_id, where


def _dated(
    conn: Connection, owner: OwnerKey, window: DueWindow, limit: int | None
) -> list[tuple[date, int]]:
    due, action_id, where = _where(owner)
    where = and_(where, due.is_not(None))
    if window.before is not None:
        where = and_(where, due < window.before)
    if window.until is not None:
        where = and_(where, due <= window.until)
    if window.since is not None:
        where = and_(where, due >= window.since)
    # DISTINCT on the index's own order: an owner named twice on one item counts once
    q = core_select(due, action_id).distinct().where(where).order_by(due, action_id)
    rows = conn.execute(q if limit is None else q.limit(limit))
    return [(r.due, int(r.action_id)) for r in rows]


def _undated(conn: Connection, owner: OwnerKey, limit: int | None) -> list[int]:
    due, action_id, where = _where(owner)
    q = core_select(action_id).distinct().where(where, due.is_(None)).order_by(action_id)
    return [int(i) for i in conn.execute(q if limit is None else q.limit(limit)).scalars()]


def soonest_owned(
    conn: Connection, owners: Sequence[OwnerKey], window: DueWindow, limit: int | None
) -> list[int]:
    """The ids of the open accepted items any of ``owners`` owns within ``window``, each once:
    dated ones by (due, id), then undated ones by id, at most ``limit``. One bounded index
    read per owner (two when undated items fill the page), merged."""
    dated: list[list[tuple[date, int]]] = []
    undated: list[list[int]] = []
    for owner in owners:
        first = _dated(conn, owner, window, limit)
        dated.append(first)
        if not window.bounded() and (limit is None or len(first) < limit):
            undated.append(_undated(conn, owner, None if limit is None else limit - len(first)))
    merged = [i for _due, i in heapq.merge(*dated)] + list(heapq.merge(*undated))
    ids = list(dict.fromkeys(merged))
    return ids if limit is None else ids[:limit]


def count_owned(conn: Connection, owners: Sequence[OwnerKey], cap: int | None = None) -> int:
    """How many open accepted items any of ``owners`` owns (each item once): a count of index
    entries, no action rows read. With ``cap`` the count stops past it (at most ``cap + 1``
    entries are read, so a result above ``cap`` means "more than ``cap``")."""
    parts = []
    for owner in owners:
        due, action_id, where = _where(owner)
        parts.append(core_select(due, action_id).where(where))
    if not parts:
        return 0
    inner = parts[0].distinct() if len(parts) == 1 else parts[0].union(*parts[1:])
    if cap is not None:
        inner = inner.limit(cap + 1)
    q = core_select(func.count(literal_column("*"))).select_from(inner.subquery())
    return int(conn.execute(q).scalar_one())


def indexed_owner(flt: ActionFilter) -> tuple[OwnerKey, DueWindow] | None:
    """The owner and due window of a filter the index answers alone: one owner's open accepted
    items, soonest due first, bounded by due dates at most. None for any other filter."""
    one_owner = (flt.owner_username is None) != (flt.owner_name is None)
    others = (
        flt.ids, flt.after_id, flt.statuses, flt.meeting_id, flt.done_since, flt.owner_names,
        flt.changed_since, flt.undated_or_due_after, flt.new_since, flt.meeting_ids,
    )  # fmt: skip
    accepted = flt.reviews is not None and set(flt.reviews) == {Review.ACCEPTED}
    if not (one_owner and flt.soonest_first and flt.open_only and accepted):
        return None
    if flt.unowned or any(x is not None for x in others):
        return None
    if flt.owner_username is not None:
        owner = OwnerKey(username_key(flt.owner_username))
    else:
        owner = OwnerKey(name_key(flt.owner_name or ""), by_name=True)
    return owner, DueWindow(flt.due_before, flt.due_until, flt.due_from)

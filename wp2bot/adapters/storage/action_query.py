"""The ``ActionFilter`` as SQL: the conditions a listing, a count and a summary section share."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlalchemy import ColumnElement, and_, exists, false, or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from wp2bot.adapters.storage.database import name_key, username_key, utc
from wp2bot.adapters.storage.tables import ActionOwnerRow, ActionRow
from wp2bot.domain.models import Status
from wp2bot.domain.tracking import Review
from wp2bot.ports.actions import ActionFilter

T = TypeVar("T")
_Cond = ColumnElement[bool]


def filtered(q: SelectOfScalar[T], flt: ActionFilter) -> SelectOfScalar[T]:
    """``q`` with every criterion ``flt`` gives (its order and limit are the caller's)."""
    found = conditions(flt)
    return q.where(*found) if found else q


def conditions(flt: ActionFilter) -> list[_Cond]:
    """What an action must satisfy to be selected by ``flt``: every one of these."""
    out: list[_Cond] = []
    if flt.ids is not None:
        out.append(col(ActionRow.id).in_(flt.ids))
    if flt.after_id is not None:
        out.append(col(ActionRow.id) > flt.after_id)
    if flt.statuses is not None:
        out.append(col(ActionRow.status).in_([x.value for x in flt.statuses]))
    if flt.reviews is not None:
        out.append(col(ActionRow.review).in_([x.value for x in flt.reviews]))
    if flt.open_only:
        out.append(col(ActionRow.status) != Status.DONE.value)
        out.append(col(ActionRow.review) != Review.REJECTED.value)
    if flt.changed_since is not None:
        out.append(col(ActionRow.updated_at) >= utc(flt.changed_since))
    if flt.meeting_id is not None:
        out.append(col(ActionRow.meeting_id) == flt.meeting_id)
    if flt.meeting_ids is not None:
        ids = flt.meeting_ids
        first, last = col(ActionRow.meeting_id), col(ActionRow.last_meeting_id)
        out.append(or_(first.in_(ids), last.in_(ids)))
    if flt.new_since is not None:
        fresh = _new(*flt.new_since)
        out.append(fresh if flt.new else ~fresh)
    if flt.done_since is not None:
        out.append(col(ActionRow.review) != Review.REJECTED.value)
        since, meeting = flt.done_since
        closed = [col(ActionRow.closed_at) >= utc(since)] if since is not None else []
        # done in each alternative, so that each is a seek on an index of its own (done and
        # closed since, the meeting's, added by hand since) rather than a walk of every done
        done = col(ActionRow.status) == Status.DONE.value
        out.append(or_(false(), *(and_(done, x) for x in (*closed, *_new_parts(since, meeting)))))
    return out + _dues(flt) + _owners(flt)


def _dues(flt: ActionFilter) -> list[_Cond]:
    due = col(ActionRow.due)
    out: list[_Cond] = []
    if flt.due_before is not None:
        out.append(due < flt.due_before)
    if flt.due_until is not None:
        out.append(due <= flt.due_until)
    if flt.due_from is not None:
        out.append(due >= flt.due_from)
    if flt.undated_or_due_after is not None:
        out.append(or_(due.is_(None), due > flt.undated_or_due_after))
    return out


def _new(since: datetime | None, meeting: int | None) -> _Cond:
    """From the meeting, or added by hand (no meeting) since the time; never NULL, so that
    its negation holds for exactly the other items."""
    parts = _new_parts(since, meeting)
    return or_(*parts) if parts else false()


def _new_parts(since: datetime | None, meeting: int | None) -> list[_Cond]:
    """The alternatives of ``_new``: from the meeting; added by hand since the time."""
    met = col(ActionRow.meeting_id)
    parts: list[_Cond] = []
    if meeting is not None:
        parts.append(and_(met.is_not(None), met == meeting))
    if since is not None:
        parts.append(and_(met.is_(None), col(ActionRow.created_at) >= utc(since)))
    return parts


def _owners(flt: ActionFilter) -> list[_Cond]:
    out: list[_Cond] = []
    if flt.owner_names is not None:
        keys = sorted({name_key(n) for n in flt.owner_names})
        named = select(ActionOwnerRow.action_id).where(col(ActionOwnerRow.name_key).in_(keys))
        out.append(col(ActionRow.id).in_(named))
    if flt.owner_username is not None or flt.owner_name is not None:
        owners = select(ActionOwnerRow.action_id)
        if flt.owner_username is not None:
            key = username_key(flt.owner_username)
            owners = owners.where(ActionOwnerRow.username_key == key)
        if flt.owner_name is not None:
            owners = owners.where(ActionOwnerRow.name_key == name_key(flt.owner_name))
        out.append(col(ActionRow.id).in_(owners))
    if flt.unowned:
        owned = exists().where(col(ActionOwnerRow.action_id) == col(ActionRow.id))
        out.append(~owned)
    return out

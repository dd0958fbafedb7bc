"""Reading actions: the filter query, owners, notes and history back into records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from wp2bot.adapters.storage.action_query import conditions, filtered
from wp2bot.adapters.storage.database import Database, aware
from wp2bot.adapters.storage.owner_index import indexed_owner, soonest_owned
from wp2bot.adapters.storage.owner_rows import owner_select, owners_by_action
from wp2bot.adapters.storage.tables import (
    ActionOwnerRow,
    ActionRow,
    HistoryRow,
    MeetingRow,
    NoteRow,
)
from wp2bot.domain.models import Owner, Precision, Status
from wp2bot.domain.tracking import NOTHING_EDITED, ActionRecord, HistoryEntry, Review
from wp2bot.ports.actions import ActionFilter, NotFound


def _rows(s: Session, q: SelectOfScalar[ActionRow]) -> list[Any]:
    """What ``q`` selects as plain rows of the action table's columns, not mapped instances:
    a read needs neither the identity map nor change tracking, and a page of 1,000 actions
    reads in half the time and allocates far less. Flushes first, as a query of the session
    would: what the session holds unwritten is read back."""
    s.flush()
    return list(s.connection().execute(q))


class ActionReads(Database):
    """Actions as records: by filter, by id, their history and their count."""

    def actions(self, flt: ActionFilter | None = None) -> list[ActionRecord]:
        """Actions matching ``flt``, by id."""
        flt = flt or ActionFilter()
        with self.session() as s:
            indexed = indexed_owner(flt)
            if indexed is not None:  # one owner's open items: their index, not the actions
                ids = soonest_owned(s.connection(), [indexed[0]], indexed[1], flt.limit)
                found = {
                    r.id: r for r in _rows(s, select(ActionRow).where(col(ActionRow.id).in_(ids)))
                }
                return self._records(s, [found[i] for i in ids if i in found])
            q = filtered(select(ActionRow), flt)
            if flt.soonest_first:
                rows = self._soonest(s, q, flt.limit)
            else:
                q = q.order_by(col(ActionRow.id))
                rows = _rows(s, q if flt.limit is None else q.limit(flt.limit))
            return self._records(s, rows)

    @staticmethod
    def _soonest(s: Session, q: SelectOfScalar[ActionRow], limit: int | None) -> list[Any]:
        """Dated rows by (due, id), then undated ones by id: two reads that walk the due and
        id indexes and stop at ``limit``, where ``ORDER BY due IS NULL`` sorts every match."""
        dated = q.where(col(ActionRow.due).is_not(None))
        dated = dated.order_by(col(ActionRow.due), col(ActionRow.id))
        rows = _rows(s, dated if limit is None else dated.limit(limit))
        if limit is not None and len(rows) >= limit:
            return rows
        undated = q.where(col(ActionRow.due).is_(None)).order_by(col(ActionRow.id))
        rest = None if limit is None else limit - len(rows)
        return rows + _rows(s, undated if rest is None else undated.limit(rest))

    def action(self, action_id: int) -> ActionRecord:
        """One action by id; ``NotFound`` if there is none."""
        found = self.actions(ActionFilter(ids=(action_id,)))
        if not found:
            raise NotFound(f"no action #{action_id}")
        return found[0]

    def history(self, action_id: int) -> list[HistoryEntry]:
        """Every change of an action, oldest first."""
        with self.session() as s:
            rows = s.exec(
                select(HistoryRow)
                .where(HistoryRow.action_id == action_id)
                .order_by(col(HistoryRow.at), col(HistoryRow.id))
            )
            return [
                HistoryEntry(
                    action_id=r.action_id,
                    at=aware(r.at) or r.at,
                    who=r.who,
                    via=r.via,
                    change=r.change,
                    old=r.old,
                    new=r.new,
                    comment=r.comment,
                )
                for r in rows
            ]

    def count_actions(self, flt: ActionFilter | None = None) -> int:
        """How many actions ``flt`` selects (all when None), its limit ignored."""
        with self.session() as s:
            if flt is None:
                return int(s.exec(select(func.count()).select_from(ActionRow)).one())
            ids = filtered(select(col(ActionRow.id)), flt).subquery()
            return int(s.exec(select(func.count()).select_from(ids)).one())

    def count_each(self, filters: Sequence[ActionFilter]) -> list[int]:
        """How many actions each filter selects (limits ignored), in one statement: a count
        per filter, each over the index its conditions seek on, not a pass over the table."""
        if not filters:
            return []
        counts = [
            select(func.count()).select_from(ActionRow).where(*conditions(f)).scalar_subquery()
            for f in filters
        ]
        with self.session() as s:
            row = s.execute(select(*counts)).one()
            return [int(n) for n in row]

    def _owners(self, s: Session, ids: Iterable[int]) -> dict[int, list[Owner]]:
        """The owners of ``ids``, read as plain rows of the columns a record keeps (mapped
        instances would carry an identity map and change tracking a read never uses: at a page
        of 1,000 actions most of what the read allocated)."""
        result: dict[int, list[Owner]] = defaultdict(list)  # an action without owners: []
        o = ActionOwnerRow.__table__  # type: ignore[attr-defined]
        id_list = list(ids)
        s.flush()  # an owner just added by a write is read back, as a query of the session would
        for chunk in range(0, len(id_list), 900):  # SQLite's limit of bound parameters
            part = id_list[chunk : chunk + 900]
            rows = s.connection().execute(owner_select(o).where(o.c.action_id.in_(part)))
            result.update(owners_by_action(rows))
        return result

    def _records(self, s: Session, rows: Sequence[Any]) -> list[ActionRecord]:
        """Records of ``rows``: mapped ``ActionRow`` instances (a write's) or plain result rows
        of the action table's columns (a read's, see ``_rows``)."""
        ids = [r.id for r in rows if r.id is not None]
        owners = self._owners(s, ids)
        notes: dict[int, list[str]] = defaultdict(list)
        meetings: dict[int, MeetingRow] = {}
        meeting_ids = {r.meeting_id for r in rows if r.meeting_id is not None}
        if meeting_ids:
            for m in s.exec(select(MeetingRow).where(col(MeetingRow.id).in_(meeting_ids))):
                assert m.id is not None
                meetings[m.id] = m
        for chunk in range(0, len(ids), 900):  # SQLite's limit of bound parameters
            part = ids[chunk : chunk + 900]
            for n in s.exec(
                select(NoteRow).where(col(NoteRow.action_id).in_(part)).order_by(col(NoteRow.id))
            ):
                notes[n.action_id].append(n.text)
        out = []
        for r in rows:
            assert r.id is not None
            mtg = meetings.get(r.meeting_id) if r.meeting_id is not None else None
            out.append(
                ActionRecord(
                    id=r.id,
                    text=r.text,
                    owners=tuple(owners.get(r.id, ())),
                    status=Status(r.status),
                    review=Review(r.review),
                    due=r.due,
                    due_phrase=r.due_phrase,
                    due_precision=Precision(r.due_precision) if r.due_precision else None,
                    meeting_id=r.meeting_id,
                    meeting_title=mtg.title if mtg else "",
                    meeting_date=mtg.meeting_date if mtg else None,
                    section=r.section,
                    source_text=r.source_text,
                    source_line=r.source_line,
                    source_url=r.source_url,
                    fingerprint=r.fingerprint,
                    carried_over=r.carried_over,
                    created_at=aware(r.created_at),
                    updated_at=aware(r.updated_at),
                    closed_at=aware(r.closed_at),
                    snoozed_until=r.snoozed_until,
                    edited=frozenset(r.edited) if r.edited else NOTHING_EDITED,
                    notes=tuple(notes.get(r.id, ())),
                    similar_to=r.similar_to,
                )
            )
        return out

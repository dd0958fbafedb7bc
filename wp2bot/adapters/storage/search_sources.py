"""What search indexes incrementally: actions, notes, history and round-table answers.

Each source is a table read in keyset order from a high-water mark (``search_mark``); one
statement (``changed``) finds which of them have anything new to index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, true
from sqlmodel import Session, col, select

from wp2bot.adapters.storage.database import aware
from wp2bot.adapters.storage.rhythm_tables import RoundTableEntryRow, RoundTableRow
from wp2bot.adapters.storage.search_tables import SearchMarkRow
from wp2bot.adapters.storage.tables import (
    ActionOwnerRow,
    ActionRow,
    HistoryRow,
    MeetingRow,
    NoteRow,
    PersonRow,
)
from wp2bot.domain.search import HitKind, SearchDoc

BATCH = 500
LOOKBACK = timedelta(minutes=10)  # how far before its mark a changing table is read again

# (docs to write, rows read, the new mark's time and id)
Batch = tuple[list[SearchDoc], int, datetime | None, int]


@dataclass(frozen=True, slots=True)
class Source:
    """One table read incrementally, in keyset order: by (time, id) where rows change, by id
    where they are only appended.  ``read`` gets the mark and returns the docs and the new mark.
    """

    name: str
    read: Callable[[Session, datetime | None, int], Batch]
    ids: Any  # the table's id column
    stamp: Any = None  # for a changing table: the time column its rows are read again by


def changed(s: Session, marks: dict[str, SearchMarkRow]) -> list[Work]:
    """The sources with something to index, each with its cursor: one statement finds them.

    A changing table is read again from LOOKBACK before its mark, so that a transaction that
    stamped its rows earlier but committed after the last sync is not skipped — unless that
    stretch is as it was when last read (its count, sum of ids and newest time); an appended
    table is read when its newest id is past the mark.
    """
    work: list[Work] = []
    probes: list[tuple[Source, SearchMarkRow, datetime | None, list[Any]]] = []
    for source in SOURCES:
        mark = marks.get(source.name)
        if mark is None:
            work.append((source, None, 0, ""))
            continue
        at = aware(mark.mark_at)
        if source.stamp is not None and at is not None:
            at -= LOOKBACK
            where = source.stamp >= at
            columns = [
                select(func.count()).where(where).scalar_subquery(),
                select(func.coalesce(func.sum(source.ids), 0)).where(where).scalar_subquery(),
                select(func.max(source.stamp)).where(where).scalar_subquery(),
            ]
        else:
            columns = [select(func.max(source.ids)).scalar_subquery()]
        probes.append((source, mark, at, columns))
    if not probes:
        return work
    values = list(s.execute(select(*(c for *_, columns in probes for c in columns))).one())
    for source, mark, at, columns in probes:
        got, values = values[: len(columns)], values[len(columns) :]
        if len(columns) == 1:  # appended: anything past the newest id read?
            if (got[0] or 0) > mark.mark_id:
                work.append((source, at, mark.mark_id, ""))
        else:
            assert at is not None
            window = f"{at.isoformat()}|{got[0]}|{got[1]}|{got[2]}"
            if window != mark.window:
                work.append((source, at, 0, window))
    return sorted(work, key=lambda w: SOURCES.index(w[0]))


def _after(column: Any, id_column: Any, mark: datetime | None, mark_id: int) -> Any:
    """Keyset condition: rows after (mark, mark_id) in (time, id) order."""
    if mark is None:
        return true()
    return or_(column > mark, and_(column == mark, id_column > mark_id))


def _read_actions(s: Session, mark: datetime | None, mark_id: int) -> Batch:
    rows = list(
        s.exec(
            select(ActionRow)
            .where(_after(col(ActionRow.updated_at), col(ActionRow.id), mark, mark_id))
            .order_by(col(ActionRow.updated_at), col(ActionRow.id))
            .limit(BATCH)
        )
    )
    context = _action_context(s, [r.id for r in rows if r.id is not None])
    meetings = _meeting_times(s, {r.meeting_id for r in rows if r.meeting_id})
    docs = []
    for r in rows:
        assert r.id is not None
        entities, owners = context.get(r.id, ("", ""))
        docs.append(
            SearchDoc(
                kind=HitKind.ACTION,
                key=str(r.id),
                text=r.text,
                at=meetings.get(r.meeting_id or 0) or aware(r.created_at),
                action_id=r.id,
                meeting_id=r.meeting_id,
                line=r.source_line or None,
                entities=" ".join(x for x in (r.section.lower(), entities) if x),
                owners=owners,
                url=r.source_url,
            )
        )
    if not rows:
        return [], 0, mark, mark_id
    return docs, len(rows), aware(rows[-1].updated_at), rows[-1].id or 0


def _read_notes(s: Session, _mark: datetime | None, mark_id: int) -> Batch:
    rows = list(
        s.exec(
            select(NoteRow).where(col(NoteRow.id) > mark_id).order_by(col(NoteRow.id)).limit(BATCH)
        )
    )
    context = _action_context(s, [r.action_id for r in rows])
    meetings = _action_meetings(s, [r.action_id for r in rows])
    docs = [
        SearchDoc(
            kind=HitKind.NOTE,
            key=str(r.id),
            text=r.text,
            at=aware(r.at),
            action_id=r.action_id,
            meeting_id=meetings.get(r.action_id),
            entities=context.get(r.action_id, ("", ""))[0],
            owners=_joined(r.who.lower(), context.get(r.action_id, ("", ""))[1]),
        )
        for r in rows
    ]
    return docs, len(rows), None, (rows[-1].id or 0) if rows else mark_id


def _read_history(s: Session, _mark: datetime | None, mark_id: int) -> Batch:
    rows = list(
        s.exec(
            select(HistoryRow)
            .where(col(HistoryRow.id) > mark_id)
            .order_by(col(HistoryRow.id))
            .limit(BATCH)
        )
    )
    context = _action_context(s, [r.action_id for r in rows])
    meetings = _action_meetings(s, [r.action_id for r in rows])
    docs = []
    for r in rows:
        # the note and the created action are indexed themselves: no twin hits; and a change
        # that carries no words (a reminder sent) is nothing to find
        if r.change in ("note", "created") or not (r.old or r.new or r.comment):
            continue
        change = _joined(r.old, "→" if r.old or r.new else "", r.new)
        body = _joined(r.change + ":" if change or r.comment else r.change, change, r.comment)
        docs.append(
            SearchDoc(
                kind=HitKind.HISTORY,
                key=str(r.id),
                text=body,
                at=aware(r.at),
                action_id=r.action_id,
                meeting_id=meetings.get(r.action_id),
                entities=context.get(r.action_id, ("", ""))[0],
                owners=_joined(r.who.lower(), context.get(r.action_id, ("", ""))[1]),
            )
        )
    return docs, len(rows), None, (rows[-1].id or 0) if rows else mark_id


def _read_answers(s: Session, mark: datetime | None, mark_id: int) -> Batch:
    entry = RoundTableEntryRow
    pairs = list(
        s.exec(
            select(entry, RoundTableRow)
            .join(RoundTableRow, col(RoundTableRow.id) == col(entry.roundtable_id))
            .where(col(entry.answered_at).is_not(None))
            .where(_after(col(entry.answered_at), col(entry.id), mark, mark_id))
            .order_by(col(entry.answered_at), col(entry.id))
            .limit(BATCH)
        )
    )
    docs = [
        SearchDoc(
            kind=HitKind.ANSWER,
            key=str(e.id),
            text=_joined(e.answer_text or e.answer, e.note, sep=" — "),
            at=aware(e.answered_at),
            entities=_joined(e.entity.lower(), rt.title.lower()),
            owners=e.answered_by.lower(),
        )
        for e, rt in pairs
        if (e.answer_text or e.answer or e.note)
    ]
    if not pairs:
        return [], 0, mark, mark_id
    last = pairs[-1][0]
    return docs, len(pairs), aware(last.answered_at), last.id or 0


def _joined(*parts: str, sep: str = " ") -> str:
    return sep.join(p for p in parts if p)


_actions = Source("action", _read_actions, col(ActionRow.id), col(ActionRow.updated_at))
_notes = Source("note", _read_notes, col(NoteRow.id))
_history = Source("history", _read_history, col(HistoryRow.id))
_answers = Source(
    "answer", _read_answers, col(RoundTableEntryRow.id), col(RoundTableEntryRow.answered_at)
)
SOURCES = (_actions, _notes, _history, _answers)
# a source to read, from (time, id), and the signature of its re-read stretch ("" for none)
Work = tuple[Source, datetime | None, int, str]


def _action_meetings(s: Session, ids: Iterable[int]) -> dict[int, int | None]:
    """Per action: the meeting it came from (notes and history are shown with it)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = s.exec(select(ActionRow.id, ActionRow.meeting_id).where(col(ActionRow.id).in_(wanted)))
    return {i: m for i, m in rows if i is not None}


def _action_context(s: Session, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Per action: (the owners' sites and group names, the owners' usernames and names)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    owners = list(s.exec(select(ActionOwnerRow).where(col(ActionOwnerRow.action_id).in_(wanted))))
    names = {o.name for o in owners if o.name}
    sites = {
        p.name: (p.site or "")
        for p in s.exec(select(PersonRow).where(col(PersonRow.name).in_(sorted(names))))
    }
    entities: dict[int, list[str]] = defaultdict(list)
    people: dict[int, list[str]] = defaultdict(list)
    for o in owners:
        if o.kind == "group":
            entities[o.action_id].append(o.name.lower())
        elif sites.get(o.name):
            entities[o.action_id].append(sites[o.name].lower())
        people[o.action_id] += [x.lower() for x in (o.username_key or "", o.name) if x]
    return {i: (" ".join(entities[i]), " ".join(people[i])) for i in wanted}


def _meeting_times(s: Session, ids: set[int]) -> dict[int, datetime]:
    if not ids:
        return {}
    out: dict[int, datetime] = {}
    for m in s.exec(select(MeetingRow).where(col(MeetingRow.id).in_(sorted(ids)))):
        at = aware(m.starts_at) or (
            datetime.combine(m.meeting_date, time(), UTC) if m.meeting_date else None
        )
        if at is not None and m.id is not None:
            out[m.id] = at
    return out

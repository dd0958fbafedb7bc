"""Full-text search over the series: SQLite FTS5 on the embedded default, PostgreSQL full text.

The index is the ``search_doc`` table.  Minutes lines are written into it at ingest
(``replace_minutes``); actions, notes, history and round-table answers are brought up to date
incrementally before each search (``sync``) from high-water marks kept in ``search_mark``, so
that every way of changing them (chat, CLI, import, another instance) is seen without each
writer having to remember the index.  On SQLite the FTS5 table ``search_fts`` is kept in step
with ``search_doc`` by triggers (migration 0008); on PostgreSQL a GIN index on the stored
``tsv`` column (``to_tsvector('simple', ...)``, migration 0012) serves the match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Engine,
    Float,
    UniqueConstraint,
    and_,
    column,
    delete,
    func,
    or_,
    text,
    true,
)
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, col, select

from wp2bot.adapters.storage.rhythm_tables import RoundTableEntryRow, RoundTableRow
from wp2bot.adapters.storage.search_sql import DOC_COLUMNS, ranked_query
from wp2bot.adapters.storage.store import aware, transaction, utc
from wp2bot.adapters.storage.tables import (
    ActionOwnerRow,
    ActionRow,
    HistoryRow,
    MeetingRow,
    NoteRow,
    PersonRow,
)
from wp2bot.domain.search import (
    Hit,
    HitKind,
    SearchDoc,
    SearchQuery,
    snippet,
)

BATCH = 500
RANKED = 5000  # at most this many matches of a query are scored (the newest ones)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
LOOKBACK = timedelta(minutes=10)  # how far before its mark a changing table is read again


class SearchDocRow(SQLModel, table=True):
    """One searchable text: an action, a note, a history entry, an answer or a minutes line."""

    __tablename__ = "search_doc"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    key: str
    text: str
    at: datetime | None = Field(default=None, index=True)
    action_id: int | None = None
    meeting_id: int | None = Field(default=None, index=True)
    line: int | None = None
    entities: str = ""
    owners: str = ""
    url: str | None = None


class SearchMarkRow(SQLModel, table=True):
    """How far ``sync`` has read one source: the newest time (or id) it indexed."""

    __tablename__ = "search_mark"

    source: str = Field(primary_key=True)
    mark_at: datetime | None = None
    mark_id: int = 0
    # what the rows from LOOKBACK before the mark looked like when last read: "start|count|
    # sum of ids|newest" — the same again means nothing there changed and the read is skipped
    window: str = ""


class SearchStore:
    """Writes the index and runs ranked queries on it."""

    def __init__(
        self, engine: Engine, session: Callable[[], AbstractContextManager[Session]] | None = None
    ) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        # the Store's ``session``: minutes written during an ingest join its one transaction
        self._session = session or (lambda: transaction(engine))

    # ------------------------------------------------------------------ writing
    def replace_minutes(self, meeting_id: int, docs: Sequence[SearchDoc]) -> None:
        """The meeting's minutes lines become ``docs`` (the old ones go)."""
        with self._session() as s:
            s.exec(
                delete(SearchDocRow).where(
                    col(SearchDocRow.kind) == HitKind.MINUTES.value,
                    col(SearchDocRow.meeting_id) == meeting_id,
                )
            )
            s.add_all([_row(d) for d in docs])

    def sync(self) -> int:
        """Index what changed since the last sync; returns how many docs were (re)written."""
        with Session(self.engine) as s:
            todo = _changed(s, {m.source: m for m in s.exec(select(SearchMarkRow))})
        written = 0
        for source, at, after_id, window in todo:
            for _attempt in range(100_000):
                try:
                    read, wrote, at, after_id = self._step(source, at, after_id, window)
                except IntegrityError:  # another process indexed the same rows: read again
                    continue
                written += wrote
                if read < BATCH:
                    break
        return written

    def _step(
        self, source: _Source, at: datetime | None, after_id: int, window: str
    ) -> tuple[int, int, datetime | None, int]:
        """One batch after (at, after_id): (rows read, docs written, the new cursor)."""
        with transaction(self.engine) as s:
            docs, count, new_at, new_id = source.read(s, at, after_id)
            wrote = _upsert(s, docs)
            mark = s.get(SearchMarkRow, source.name) or SearchMarkRow(source=source.name)
            if window:  # taken before this read: what it covered
                mark.window = window
            # the stored mark only moves forward (a read from before it ends below it)
            if count and (new_at or EPOCH, new_id) > (aware(mark.mark_at) or EPOCH, mark.mark_id):
                mark.mark_at, mark.mark_id = (utc(new_at) if new_at else None), new_id
            s.add(mark)
            return count, wrote, new_at, new_id

    # ------------------------------------------------------------------ reading
    def search(self, query: SearchQuery) -> list[Hit]:
        """The best ``query.limit`` hits, best first, among the newest RANKED matches."""
        sql, params = ranked_query(query, postgres=self.postgres, ranked=RANKED)
        table = SearchDocRow.__table__  # type: ignore[attr-defined]
        typed = text(sql).columns(
            *(table.c[name] for name in DOC_COLUMNS), column("rank", Float), column("title")
        )
        with self.engine.connect() as conn:
            found = conn.execute(typed, params).all()
        terms = query.terms()
        hits = []
        for row in found:
            doc = _doc(row)
            hits.append(
                Hit(
                    doc=doc,
                    snippet=snippet(doc.text, terms),
                    rank=float(row.rank),
                    meeting_title=row.title or "",
                )
            )
        return hits


# ---------------------------------------------------------------------- the sources
# (docs to write, rows read, the new mark's time and id)
Batch = tuple[list[SearchDoc], int, datetime | None, int]


@dataclass(frozen=True, slots=True)
class _Source:
    """One table read incrementally, in keyset order: by (time, id) where rows change, by id
    where they are only appended.  ``read`` gets the mark and returns the docs and the new mark.
    """

    name: str
    read: Callable[[Session, datetime | None, int], Batch]
    ids: Any  # the table's id column
    stamp: Any = None  # for a changing table: the time column its rows are read again by


def _changed(s: Session, marks: dict[str, SearchMarkRow]) -> list[Work]:
    """The sources with something to index, each with its cursor: one statement finds them.

    A changing table is read again from LOOKBACK before its mark, so that a transaction that
    stamped its rows earlier but committed after the last sync is not skipped — unless that
    stretch is as it was when last read (its count, sum of ids and newest time); an appended
    table is read when its newest id is past the mark.
    """
    work: list[Work] = []
    probes: list[tuple[_Source, SearchMarkRow, datetime | None, list[Any]]] = []
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


_actions = _Source("action", _read_actions, col(ActionRow.id), col(ActionRow.updated_at))
_notes = _Source("note", _read_notes, col(NoteRow.id))
_history = _Source("history", _read_history, col(HistoryRow.id))
_answers = _Source(
    "answer", _read_answers, col(RoundTableEntryRow.id), col(RoundTableEntryRow.answered_at)
)
SOURCES = (_actions, _notes, _history, _answers)
# a source to read, from (time, id), and the signature of its re-read stretch ("" for none)
Work = tuple[_Source, datetime | None, int, str]


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


def _upsert(s: Session, docs: Sequence[SearchDoc]) -> int:
    """Write the docs that are new or changed; returns how many."""
    by_kind: dict[str, list[SearchDoc]] = defaultdict(list)
    for d in docs:
        by_kind[d.kind.value].append(d)
    wrote = 0
    for kind, group in by_kind.items():
        keys = [d.key for d in group]
        old = {
            r.key: r
            for r in s.exec(
                select(SearchDocRow).where(
                    col(SearchDocRow.kind) == kind, col(SearchDocRow.key).in_(keys)
                )
            )
        }
        for d in group:
            row = old.get(d.key)
            if row is None:
                s.add(_row(d))
                wrote += 1
                continue
            if _doc(row) == d:  # read again, unchanged: no write (and no FTS churn)
                continue
            for name, value in _fields(d).items():
                setattr(row, name, value)
            s.add(row)
            wrote += 1
    s.flush()
    return wrote


def _fields(d: SearchDoc) -> dict[str, Any]:
    return {
        "kind": d.kind.value,
        "key": d.key,
        "text": d.text,
        "at": utc(d.at) if d.at else None,
        "action_id": d.action_id,
        "meeting_id": d.meeting_id,
        "line": d.line,
        "entities": d.entities,
        "owners": d.owners,
        "url": d.url,
    }


def _row(d: SearchDoc) -> SearchDocRow:
    return SearchDocRow(**_fields(d))


def _doc(r: Any) -> SearchDoc:
    """The doc of a ``search_doc`` row (the table's row or an answer row with its columns)."""
    return SearchDoc(
        kind=HitKind(r.kind),
        key=r.key,
        text=r.text,
        at=aware(r.at),
        action_id=r.action_id,
        meeting_id=r.meeting_id,
        line=r.line,
        entities=r.entities,
        owners=r.owners,
        url=r.url,
    )

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
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from sqlalchemy import Engine, Float, column, delete, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from wp2bot.adapters.storage.database import aware, transaction, utc
from wp2bot.adapters.storage.search_sources import BATCH, Source, changed
from wp2bot.adapters.storage.search_sql import DOC_COLUMNS, ranked_query
from wp2bot.adapters.storage.search_tables import (
    SearchDocRow,
    SearchMarkRow,
    doc_fields,
    doc_row,
    row_doc,
)
from wp2bot.domain.search import Hit, HitKind, SearchDoc, SearchQuery, snippet

RANKED = 5000  # at most this many matches of a query are scored (the newest ones)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


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
            s.add_all([doc_row(d) for d in docs])

    def sync(self) -> int:
        """Index what changed since the last sync; returns how many docs were (re)written."""
        with Session(self.engine) as s:
            todo = changed(s, {m.source: m for m in s.exec(select(SearchMarkRow))})
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
        self, source: Source, at: datetime | None, after_id: int, window: str
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
            doc = row_doc(row)
            hits.append(
                Hit(
                    doc=doc,
                    snippet=snippet(doc.text, terms),
                    rank=float(row.rank),
                    meeting_title=row.title or "",
                )
            )
        return hits


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
                s.add(doc_row(d))
                wrote += 1
                continue
            if row_doc(row) == d:  # read again, unchanged: no write (and no FTS churn)
                continue
            for name, value in doc_fields(d).items():
                setattr(row, name, value)
            s.add(row)
            wrote += 1
    s.flush()
    return wrote

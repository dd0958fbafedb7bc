"""The ranked query of search, as SQL text and bound values for each database dialect.

Scoring a match (bm25 on SQLite, ``ts_rank`` on PostgreSQL) costs far more than finding it,
so a query is scored only among its newest ``ranked`` matches that pass every filter: matches
are walked in id order, newest first, each scored as it is taken, the walk stops after
``ranked`` of them, and the best ``limit`` are kept.
A rare word has fewer matches than that and is ranked among all of them; a word found in tens
of thousands of lines costs the same as one found in ``ranked`` lines.  The answer carries
the hits' doc columns, so a search is one statement.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from wp2bot.domain.search import HitKind, SearchQuery, fts5_match, tsquery

# the columns of ``search_doc`` each answer row starts with, then the rank and meeting title
DOC_COLUMNS = (
    "id", "kind", "key", "text", "at", "action_id", "meeting_id", "line", "entities", "owners",
    "url",
)  # fmt: skip
_SELECT = "SELECT " + ", ".join(f"d.{c}" for c in DOC_COLUMNS)


def ranked_query(
    query: SearchQuery, *, postgres: bool, ranked: int
) -> tuple[str, dict[str, object]]:
    """The SQL answering (doc columns, rank, meeting title) rows, best first, and its values."""
    if postgres:
        return _postgres(query, ranked)
    return _sqlite(query, ranked)


def _sqlite(query: SearchQuery, ranked: int) -> tuple[str, dict[str, object]]:
    # words, site and owner are all FTS5 matches (site and owner in their columns); the date
    # and kind filters need the doc row, joined with FTS5 as the outer loop (CROSS JOIN keeps
    # SQLite from walking the date index and asking FTS5 about each row it finds).  The walk
    # newest first scores each match it keeps as it goes: one pass, not a cut then a re-read.
    where, params = _row_filters(query, site_owner=False)
    join = " CROSS JOIN search_doc d ON d.id = search_fts.rowid" if where else ""
    sql = (
        # S608: the f-string parts are this module's constants and clauses; values are bound
        f"{_SELECT}, f.rank, m.title FROM ("  # noqa: S608
        "SELECT id, rank FROM ("
        "SELECT search_fts.rowid AS id, -bm25(search_fts, 1.0, 0.6, 0.6) AS rank "
        f"FROM search_fts{join} WHERE search_fts MATCH :q{where} "
        "ORDER BY search_fts.rowid DESC LIMIT :k) "
        "ORDER BY rank DESC, id DESC LIMIT :n) f "
        "JOIN search_doc d ON d.id = f.id LEFT JOIN meeting m ON m.id = d.meeting_id "
        "ORDER BY f.rank DESC, f.id DESC"
    )
    params.update(q=fts5_match(query, columns=True), k=ranked, n=query.limit)
    return sql, params


def _postgres(query: SearchQuery, ranked: int) -> tuple[str, dict[str, object]]:
    # the stored ``tsv`` column (migration 0012) is matched by its GIN index, or tested row by
    # row while walking ids newest first when the word is common; the newest ``ranked``
    # matches that pass the filters are scored as they are taken (MATERIALIZED: once each)
    where, params = _row_filters(query, site_owner=True)
    sql = (
        "WITH newest AS MATERIALIZED ("  # noqa: S608
        "SELECT d.id, d.at, ts_rank(d.tsv, to_tsquery('simple', :q)) AS rank "
        f"FROM search_doc d WHERE d.tsv @@ to_tsquery('simple', :q){where} "
        "ORDER BY d.id DESC LIMIT :k) "
        f"{_SELECT}, n.rank, m.title FROM ("
        "SELECT id, at, rank FROM newest ORDER BY rank DESC, at DESC NULLS LAST, id DESC "
        "LIMIT :n) n JOIN search_doc d ON d.id = n.id LEFT JOIN meeting m ON m.id = d.meeting_id "
        "ORDER BY n.rank DESC, n.at DESC NULLS LAST, n.id DESC"
    )
    params.update(q=tsquery(query), k=ranked, n=query.limit)
    return sql, params


def _row_filters(query: SearchQuery, *, site_owner: bool) -> tuple[str, dict[str, object]]:
    """The filters on the doc row (``d``) as `` AND ...`` clauses and their values."""
    clauses: list[str] = []
    params: dict[str, object] = {}
    if site_owner and query.site:
        clauses.append("d.entities LIKE :site ESCAPE '\\'")
        params["site"] = f"%{_like(query.site.lower())}%"
    if site_owner and query.owner:
        clauses.append("d.owners LIKE :owner ESCAPE '\\'")
        params["owner"] = f"%{_like(query.owner.lower())}%"
    if query.since:
        clauses.append("d.at >= :since")
        params["since"] = datetime.combine(query.since, time(), UTC)
    if query.kinds != frozenset(HitKind):
        names = sorted(k.value for k in query.kinds)
        clauses.append("d.kind IN (" + ", ".join(f":k{i}" for i in range(len(names))) + ")")
        params.update({f"k{i}": name for i, name in enumerate(names)})
    return "".join(f" AND {c}" for c in clauses), params


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

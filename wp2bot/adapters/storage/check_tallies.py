"""Each check's settled state in one row, advanced in the transaction that adds its results.

A view of the configured checks (``status``, the round-table's site lines, the badges of a
listing, the chair's summary) then reads one row per check instead of 30 days of runs: 533
checks probed every five minutes keep 4.6 million results. The row is what
``wp2bot.domain.health_tally.tally`` gives over every stored result of the check; it is
counted afresh from the stored results when it is missing (a database from before this
table), was counted with another K, or a result arrives older than the newest counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlmodel import Field, Session, SQLModel, col, select

from wp2bot.adapters.storage.database import aware, utc
from wp2bot.adapters.storage.probe_rows import ProbeResultRow as R
from wp2bot.domain.health import Sample
from wp2bot.domain.health_history import Health
from wp2bot.domain.health_tally import Tally, tally


class CheckTallyRow(SQLModel, table=True):
    """The settled state of one check and the run of results that may change it."""

    __tablename__ = "check_tally"

    check_id: str = Field(primary_key=True)
    k: int
    state: str = Health.UNKNOWN.value
    since: dt.datetime | None = None
    run_ok: bool | None = None
    run_len: int = 0
    run_since: dt.datetime | None = None
    last_at: dt.datetime | None = None
    last_id: int | None = None  # the probe_result row of the newest result


def as_tally(row: CheckTallyRow) -> Tally:
    """The domain's tally of a stored row."""
    return Tally(
        k=row.k, state=Health(row.state), since=aware(row.since), run_ok=row.run_ok,
        run_len=row.run_len, run_since=aware(row.run_since), last_at=aware(row.last_at),
    )  # fmt: skip


def _store(row: CheckTallyRow, found: Tally, last_id: int | None) -> None:
    row.k, row.state, row.since = found.k, found.state.value, found.since
    row.run_ok, row.run_len, row.run_since = found.run_ok, found.run_len, found.run_since
    row.last_at, row.last_id = found.last_at, last_id


def recount(s: Session, check_id: str, k: int) -> tuple[Tally, int | None]:
    """The tally of every stored result of one check, and the id of the newest."""
    q = (
        select(col(R.at), col(R.ok), col(R.id))
        .where(R.check_id == check_id)
        .order_by(col(R.at), col(R.id))
    )
    rows = list(s.exec(q))
    found = tally((Sample(utc(at), ok) for at, ok, _ in rows), k)
    return found, (rows[-1][2] if rows else None)


def advance_all(s: Session, added: Iterable[tuple[str, dt.datetime, bool, int]], k: int) -> None:
    """Count the results just added (check id, time, verdict, row id; flushed, so that a
    recount sees them) into the tallies of their checks, in the caller's transaction."""
    by_check: dict[str, list[tuple[dt.datetime, bool, int]]] = {}
    for check_id, at, ok, row_id in added:
        by_check.setdefault(check_id, []).append((at, ok, row_id))
    if not by_check:
        return
    t = CheckTallyRow
    rows = {r.check_id: r for r in s.exec(select(t).where(col(t.check_id).in_(list(by_check))))}
    for check_id, new in by_check.items():
        new.sort(key=lambda n: (n[0], n[2]))
        row = rows.get(check_id) or CheckTallyRow(check_id=check_id, k=k)
        found = as_tally(row) if check_id in rows else None
        if found is None or found.k != k or (found.last_at and new[0][0] < found.last_at):
            found, last_id = recount(s, check_id, k)
        else:
            for at, ok, _ in new:
                found = found.advance(Sample(at, ok))
            last_id = new[-1][2]
        _store(row, found, last_id)
        s.add(row)


def read(s: Session, check_ids: Sequence[str], k: int) -> dict[str, tuple[Tally, int]]:
    """check id -> (tally, newest result's row id) of each of ``check_ids`` that has results;
    a check without a usable row (see the module) is counted from its results, not stored."""
    t = CheckTallyRow
    rows = list(s.exec(select(t).where(col(t.check_id).in_(list(check_ids)))))
    out = {r.check_id: (as_tally(r), r.last_id) for r in rows if r.k == k and r.last_id}
    missing = [c for c in check_ids if c not in out]
    if missing:  # of these, only the checks with results are counted
        q = select(col(R.check_id)).where(col(R.check_id).in_(missing)).distinct()
        for check_id in s.exec(q):
            found, last_id = recount(s, check_id, k)
            if last_id is not None:
                out[check_id] = (found, last_id)
    return out


def recount_stored(s: Session, k: int) -> int:
    """Count every check with stored results afresh into its row (results written to the
    table directly, as a bulk load does); how many checks."""
    done = 0
    for check_id in list(s.exec(select(col(R.check_id)).distinct())):
        found, last_id = recount(s, check_id, k)
        row = s.get(CheckTallyRow, check_id) or CheckTallyRow(check_id=check_id, k=k)
        _store(row, found, last_id)
        s.add(row)
        done += 1
    return done

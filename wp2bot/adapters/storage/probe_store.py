"""Probe results, each check's settled state, and action-to-check links in the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from wp2bot.adapters.storage import check_tallies
from wp2bot.adapters.storage.database import utc
from wp2bot.adapters.storage.outbox_store import enqueue
from wp2bot.adapters.storage.probe_rows import (
    RELINK_ROW,
    ActionCheckRow,
    ProbeResultRow,
    RelinkMarkRow,
)
from wp2bot.chat import Outgoing
from wp2bot.domain.health import ProbeResult, Sample, StageResult, StageStatus
from wp2bot.ports.probe_results import RelinkMark, Settled

__all__ = ["ActionCheckRow", "ProbeResultRow", "ProbeStore", "RelinkMarkRow"]
K = 3  # results that must agree before a check's state changes (flap suppression)


class ProbeStore:
    """Implements the monitoring service's ``ProbeHistory`` and the action links.

    ``k`` is the flap suppression of the settled states it keeps (see ``check_tallies``).
    """

    def __init__(self, engine: Engine, *, k: int = K) -> None:
        self.engine = engine
        self.k = k

    def add(self, results: Sequence[ProbeResult], messages: Sequence[Outgoing] = ()) -> None:
        """Keep a batch of results, count them into their checks' settled states and queue
        the alarms they raise, in one transaction."""
        with Session(self.engine) as s:
            rows = [_row(r) for r in results]
            s.add_all(rows)
            s.flush()
            added = [(r.check_id, r.at, r.ok, r.id) for r in rows if r.id is not None]
            check_tallies.advance_all(s, added, self.k)
            if messages:
                enqueue(s.connection(), messages, max(r.at for r in results))
            s.commit()

    def history(self, check_id: str, since: dt.datetime) -> list[ProbeResult]:
        """The results of one check at or after ``since``, oldest first."""
        with Session(self.engine) as s:
            rows = s.exec(
                select(ProbeResultRow)
                .where(ProbeResultRow.check_id == check_id, col(ProbeResultRow.at) >= since)
                .order_by(col(ProbeResultRow.at), col(ProbeResultRow.id))
            )
            return [_result(r) for r in rows]

    def verdicts(self, check_id: str, since: dt.datetime) -> list[Sample]:
        """The verdicts of one check at or after ``since``, oldest first, from the index
        (check, time): the stages are never decoded."""
        t = ProbeResultRow
        q = (
            select(col(t.at), col(t.ok))
            .where(t.check_id == check_id, col(t.at) >= since)
            .order_by(col(t.at), col(t.id))
        )
        with Session(self.engine) as s:
            return [Sample(utc(at), ok) for at, ok in s.exec(q)]

    def settled(self, check_ids: Sequence[str], since: dt.datetime, k: int) -> dict[str, Settled]:
        """Each check's stored settled state and its newest result, in two reads by key."""
        wanted = list(dict.fromkeys(check_ids))
        if not wanted:
            return {}
        with Session(self.engine) as s:
            found = check_tallies.read(s, wanted, k)
            fresh = {c: v for c, v in found.items() if v[0].last_at and v[0].last_at >= since}
            if not fresh:
                return {}
            ids = [last_id for _, last_id in fresh.values()]
            rows = s.exec(select(ProbeResultRow).where(col(ProbeResultRow.id).in_(ids)))
            last = {r.check_id: _result(r) for r in rows}
        return {c: Settled(t, last[c]) for c, (t, _) in fresh.items() if c in last}

    def latest(self, check_ids: Sequence[str]) -> dict[str, ProbeResult]:
        """The newest result of each check that has one."""
        out: dict[str, ProbeResult] = {}
        with Session(self.engine) as s:
            for cid in check_ids:
                row = s.exec(
                    select(ProbeResultRow)
                    .where(ProbeResultRow.check_id == cid)
                    .order_by(col(ProbeResultRow.at).desc(), col(ProbeResultRow.id).desc())
                    .limit(1)
                ).first()
                if row is not None:
                    out[cid] = _result(row)
        return out

    def prune(self, before: dt.datetime) -> int:
        """Drop results older than ``before`` (30 days are kept by the caller's policy)."""
        with Session(self.engine) as s:
            done = s.exec(delete(ProbeResultRow).where(col(ProbeResultRow.at) < before))
            s.commit()
            return int(done.rowcount or 0)

    # ------------------------------------------------------------------ links
    def link(self, action_id: int, check_id: str, *, manual: bool) -> bool:
        """Link an action to a check; an automatic link never revives a removed one."""
        with Session(self.engine) as s:
            row = s.exec(
                select(ActionCheckRow).where(
                    ActionCheckRow.action_id == action_id, ActionCheckRow.check_id == check_id
                )
            ).first()
            if row is None:
                s.add(ActionCheckRow(action_id=action_id, check_id=check_id, manual=manual))
            elif row.removed and not manual:
                return False
            elif row.removed or (manual and not row.manual):
                row.removed = False
                row.manual = row.manual or manual
                s.add(row)
            else:
                return False
            s.commit()
            return True

    def link_automatic(self, pairs: Sequence[tuple[int, str]]) -> int:
        """Automatic links in one transaction: a pair already linked, or unlinked by hand
        (its tombstone), is left as it is; how many were made."""
        wanted = list(dict.fromkeys(pairs))
        if not wanted:
            return 0
        with Session(self.engine) as s:
            ids = sorted({action_id for action_id, _ in wanted})
            known = {
                (row.action_id, row.check_id)
                for row in s.exec(
                    select(ActionCheckRow).where(col(ActionCheckRow.action_id).in_(ids))
                )
            }
            new = [p for p in wanted if p not in known]
            s.add_all(ActionCheckRow(action_id=a, check_id=c, manual=False) for a, c in new)
            s.commit()
            return len(new)

    def unlink(self, action_id: int, check_id: str) -> bool:
        """Remove a link, remembering it so that automatic linking does not bring it back."""
        with Session(self.engine) as s:
            row = s.exec(
                select(ActionCheckRow).where(
                    ActionCheckRow.action_id == action_id, ActionCheckRow.check_id == check_id
                )
            ).first()
            if row is None or row.removed:
                return False
            row.removed = True
            s.add(row)
            s.commit()
            return True

    def links(self, action_ids: Sequence[int] | None = None) -> dict[int, list[str]]:
        """Check ids linked to each action (all actions when ``action_ids`` is None)."""
        with Session(self.engine) as s:
            q = select(ActionCheckRow).where(ActionCheckRow.removed == False)  # noqa: E712
            if action_ids is not None:
                q = q.where(col(ActionCheckRow.action_id).in_(list(action_ids)))
            out: dict[int, list[str]] = {}
            for row in s.exec(q.order_by(col(ActionCheckRow.id))):
                out.setdefault(row.action_id, []).append(row.check_id)
            return out

    def linked_to(self, check_id: str) -> list[int]:
        """The actions that follow one check, ascending (by the check's index, not every link)."""
        t = ActionCheckRow
        q = (
            select(col(t.action_id))
            .where(t.check_id == check_id, t.removed == False)  # noqa: E712
            .order_by(col(t.action_id))
        )
        with Session(self.engine) as s:
            return list(s.exec(q))

    # ------------------------------------------------------------------ relink progress
    def relink_mark(self) -> RelinkMark | None:
        """The automatic links' stored progress, or None before their first pass."""
        with Session(self.engine) as s:
            row = s.get(RelinkMarkRow, RELINK_ROW)
            if row is None:
                return None
            at = row.changes_from
            at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
            return RelinkMark(row.version, row.examined_upto, at)

    def save_relink_mark(self, mark: RelinkMark) -> None:
        """Keep ``mark`` in place of the stored progress."""
        with Session(self.engine) as s:
            row = s.get(RelinkMarkRow, RELINK_ROW) or RelinkMarkRow(
                name=RELINK_ROW, version="", examined_upto=0, changes_from=mark.changes_from
            )
            row.version, row.examined_upto = mark.version, mark.examined_upto
            row.changes_from = mark.changes_from
            s.add(row)
            s.commit()


def _row(r: ProbeResult) -> ProbeResultRow:
    failed = next((st for st in r.stages if st.status is StageStatus.FAIL), None)
    return ProbeResultRow(
        check_id=r.check_id, url=r.url, at=r.at, ok=r.ok,
        seconds=sum(st.seconds for st in r.stages), error=failed.error if failed else None,
        stages=[st.as_json() for st in r.stages],
    )  # fmt: skip


def _result(row: ProbeResultRow) -> ProbeResult:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    stages = tuple(
        StageResult(
            name=str(st.get("name", "")),
            status=StageStatus(str(st.get("status", "fail"))),
            seconds=float(st.get("seconds", 0.0) or 0.0),  # type: ignore[arg-type]
            error=str(st["error"]) if st.get("error") is not None else None,
        )
        for st in row.stages
    )
    return ProbeResult(check_id=row.check_id, url=row.url, at=at, stages=stages)

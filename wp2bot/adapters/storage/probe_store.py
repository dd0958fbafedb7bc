"""Probe results and action-to-check links in the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import JSON, Column, Index, UniqueConstraint, delete
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel, col, select

from wp2bot.adapters.storage.outbox_store import enqueue
from wp2bot.chat import Outgoing
from wp2bot.domain.health import ProbeResult, StageResult, StageStatus
from wp2bot.ports.probe_results import CheckHistory, RelinkMark, Verdict


class ProbeResultRow(SQLModel, table=True):
    """One run of one check."""

    __tablename__ = "probe_result"
    __table_args__ = (Index("ix_probe_result_check_at", "check_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    check_id: str
    url: str = ""
    at: dt.datetime
    ok: bool = False
    seconds: float = 0.0
    error: str | None = None
    stages: list[dict[str, object]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )


class ActionCheckRow(SQLModel, table=True):
    """An action linked to a check (automatically or by hand)."""

    __tablename__ = "action_check"
    __table_args__ = (UniqueConstraint("action_id", "check_id"),)

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    check_id: str = Field(index=True)
    manual: bool = False  # set by `link N CHECK`; automatic links never override it
    removed: bool = False  # `unlink N CHECK` keeps a tombstone so auto-linking stays away


class RelinkMarkRow(SQLModel, table=True):
    """How far the automatic links got (one row; see ``wp2bot.services.relinking``)."""

    __tablename__ = "relink_mark"

    name: str = Field(primary_key=True)
    version: str
    examined_upto: int
    changes_from: dt.datetime


RELINK_ROW = "auto"  # the one row's key


class ProbeStore:
    """Implements the monitoring service's ``ProbeResultStore`` and the action links."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, results: Sequence[ProbeResult], messages: Sequence[Outgoing] = ()) -> None:
        """Keep a batch of results and queue the alarms they raise, in one transaction."""
        with Session(self.engine) as s:
            for r in results:
                failed = next((st for st in r.stages if st.status is StageStatus.FAIL), None)
                s.add(
                    ProbeResultRow(
                        check_id=r.check_id,
                        url=r.url,
                        at=r.at,
                        ok=r.ok,
                        seconds=sum(st.seconds for st in r.stages),
                        error=failed.error if failed else None,
                        stages=[st.as_json() for st in r.stages],
                    )
                )
            if messages:
                s.flush()
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

    def verdicts(self, check_ids: Sequence[str], since: dt.datetime) -> dict[str, CheckHistory]:
        """The verdicts of each check at or after ``since`` from one indexed read (check, time)
        of three plain columns, and the newest result of each from a second read by id: the
        stages of the older results are never decoded."""
        wanted = list(dict.fromkeys(check_ids))
        if not wanted:
            return {}
        t = ProbeResultRow
        q = (
            select(col(t.check_id), col(t.at), col(t.ok), col(t.id))
            .where(col(t.check_id).in_(wanted), col(t.at) >= since)
            .order_by(col(t.check_id), col(t.at), col(t.id))
        )
        seen: dict[str, list[Verdict]] = {}
        newest: dict[str, int | None] = {}
        with Session(self.engine) as s:
            for check_id, at, ok, row_id in s.exec(q):
                at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
                seen.setdefault(check_id, []).append(Verdict(at, ok))
                newest[check_id] = row_id
            if not newest:
                return {}
            rows = s.exec(select(ProbeResultRow).where(col(t.id).in_(list(newest.values()))))
            last = {r.check_id: _result(r) for r in rows}
        return {c: CheckHistory(seen[c], last[c]) for c in seen}

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

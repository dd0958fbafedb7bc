"""The web board's use cases: the pages' data, read through small ports."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from wp2bot.clock import Clock
from wp2bot.domain.board import (
    Affiliations,
    AnswerGrid,
    CheckRow,
    Grouping,
    MeetingLine,
    View,
    answer_grid,
    check_row,
    group,
    meeting_lines,
    select,
)
from wp2bot.domain.board_access import BoardRole, sign_link
from wp2bot.domain.health import CheckSpec, ProbeResult
from wp2bot.domain.roundtable import EntryState, answer_summary
from wp2bot.domain.search import Hit, SearchQuery
from wp2bot.domain.tracking import ActionRecord, HistoryEntry
from wp2bot.ports.roundtables import RoundTableInfo

HISTORY_DAYS = 30


class BoardRecords(Protocol):
    """Stored actions and meetings (the storage adapter's ``Store``)."""

    def board_actions(self) -> list[ActionRecord]:
        """Every action, owners included."""
        ...

    def board_meetings(self) -> list[tuple[int, str, date | None, str | None]]:
        """(id, title, date, minutes URL) of every meeting."""
        ...

    def history(self, action_id: int) -> list[HistoryEntry]:
        """An action's changes, oldest first."""
        ...


class BoardProbes(Protocol):
    """Configured checks and their stored results."""

    @property
    def checks(self) -> Mapping[str, CheckSpec]:
        """The configured checks by id."""
        ...

    def results(self, check_id: str, since: datetime) -> list[ProbeResult]:
        """The check's runs since ``since``, oldest first."""
        ...


class BoardRoundTables(Protocol):
    """Stored round-tables and their entries (the storage adapter's ``RoundTableRepository``)."""

    def roundtables(self, *, active: bool | None = None) -> list[RoundTableInfo]:
        """Every round-table."""
        ...

    def entries(self, rt_id: int) -> list[EntryState]:
        """One round-table's entities in their order."""
        ...


class BoardSearch(Protocol):
    """The series' full-text search."""

    def search(self, text: str, *, limit: int = 10) -> tuple[SearchQuery, list[Hit]]:
        """The query and its hits."""
        ...


class BoardLinks:
    """Personal board links: signed for one user and role, valid for ``days``."""

    def __init__(self, base_url: str, secret: bytes, clock: Clock, *, days: int = 7) -> None:
        self.base = base_url.rstrip("/")
        self.secret = secret
        self.clock = clock
        self.days = days

    def link(self, user: str, *, chair: bool) -> str:
        """The link for ``user``: a chair's shows everything, a member's what members see."""
        role = BoardRole.CHAIR if chair else BoardRole.MEMBER
        token = sign_link(self.secret, user, role, self.clock.now() + timedelta(days=self.days))
        return f"{self.base}/board/?t={token}"


class Board:
    """Everything the pages show; the role decides what a viewer may see."""

    def __init__(
        self,
        records: BoardRecords,
        clock: Clock,
        *,
        timezone: str,
        known: Affiliations,
        probes: BoardProbes | None = None,
        search: BoardSearch | None = None,
        roundtables: BoardRoundTables | None = None,
        summary: Callable[[datetime], str] | None = None,
    ) -> None:
        self.records = records
        self.clock = clock
        self.zone = ZoneInfo(timezone)
        self.known = known
        self.probes = probes
        self.search_service = search
        self.roundtable_store = roundtables
        self.summary_text = summary

    def today(self) -> date:
        """Today in the group's timezone."""
        return self.clock.now().astimezone(self.zone).date()

    def actions(
        self, view: View, by: Grouping, words: str, role: BoardRole
    ) -> list[tuple[str, list[ActionRecord]]]:
        """The listed actions in groups; members do not see proposals."""
        if view is View.PROPOSALS and role is not BoardRole.CHAIR:
            return []
        chosen = select(self.records.board_actions(), view, self.today(), words=words)
        return group(chosen, by, self.known)

    def history(self, action_id: int) -> list[HistoryEntry]:
        """One action's history."""
        return self.records.history(action_id)

    def meetings(self) -> list[MeetingLine]:
        """The series, newest first."""
        return meeting_lines(self.records.board_meetings(), self.records.board_actions())

    def status(self) -> list[tuple[str, list[CheckRow]]]:
        """Per site, its checks with state, failing stage, since when and availability."""
        if self.probes is None:
            return []
        now = self.clock.now()
        since = now - _days(HISTORY_DAYS)
        rows: dict[str, list[CheckRow]] = {}
        for check in sorted(self.probes.checks.values(), key=lambda c: (c.site, c.id)):
            results = self.probes.results(check.id, since)
            rows.setdefault(check.site or "(no site)", []).append(check_row(check, results, now))
        return sorted(rows.items())

    def roundtables(self) -> AnswerGrid:
        """Round-table answers per site and experiment over the latest meetings."""
        if self.roundtable_store is None:
            return AnswerGrid([], [])
        tables = [
            (
                rt.title,
                rt.starts_at,
                [
                    (e.entity, answer_summary(e) or ("skipped" if e.skipped else ""))
                    for e in self.roundtable_store.entries(rt.id)
                ],
            )
            for rt in self.roundtable_store.roundtables()
            if not rt.cancelled
        ]
        return answer_grid(tables)

    def summary(self) -> str | None:
        """The chair's summary for the next meeting, as Markdown (None where not set up)."""
        return None if self.summary_text is None else self.summary_text(self.clock.now())

    def search(self, text: str) -> tuple[SearchQuery, list[Hit]] | None:
        """Hits for the search box (None without search)."""
        if self.search_service is None:
            return None
        return self.search_service.search(text, limit=30)


def _days(n: int) -> timedelta:
    return timedelta(days=n)

"""What the web board reads from the database and the endpoints file."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from wp2bot.adapters.storage.probe_store import ProbeStore
from wp2bot.adapters.storage.store import ActionFilter, Store
from wp2bot.domain.health import CheckSpec, ProbeResult
from wp2bot.domain.tracking import ActionRecord, HistoryEntry


class BoardRecordsStore:
    """Actions and meetings for the board, through the Store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def board_actions(self) -> list[ActionRecord]:
        """Every action, owners included."""
        return self.store.actions(ActionFilter())

    def board_meetings(self) -> list[tuple[int, str, date | None, str | None]]:
        """(id, title, date, minutes URL) of every meeting."""
        return [(m.id, m.title, m.meeting_date, m.url) for m in self.store.meetings()]

    def history(self, action_id: int) -> list[HistoryEntry]:
        """An action's changes, oldest first."""
        return self.store.history(action_id)


class BoardProbeReads:
    """The configured checks and their stored runs."""

    def __init__(self, probes: ProbeStore, checks: Mapping[str, CheckSpec]) -> None:
        self._probes = probes
        self._checks = dict(checks)

    @property
    def checks(self) -> Mapping[str, CheckSpec]:
        """The configured checks by id."""
        return self._checks

    def results(self, check_id: str, since: datetime) -> list[ProbeResult]:
        """The check's runs since ``since``, oldest first."""
        return self._probes.history(check_id, since)

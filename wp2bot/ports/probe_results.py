"""Probe results kept over time, and the links between actions and endpoint checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from wp2bot.chat import Outgoing
from wp2bot.domain.health import ProbeResult, Sample
from wp2bot.domain.health_tally import Tally


@dataclass(frozen=True, slots=True)
class Settled:
    """One check's settled state (its tally over every stored result) and its newest result."""

    tally: Tally
    last: ProbeResult


class ProbeResults(Protocol):
    """Where probe results are kept (the database in production, memory in tests)."""

    def add(self, results: Sequence[ProbeResult], messages: Sequence[Outgoing] = ()) -> None:
        """Keep a batch of results, and queue the messages (alarms) they raise in the outbox of
        the same database, in one transaction."""
        ...

    def history(self, check_id: str, since: dt.datetime) -> list[ProbeResult]:
        """The results of one check at or after ``since``, oldest first."""
        ...

    def verdicts(self, check_id: str, since: dt.datetime) -> list[Sample]:
        """When one check ran at or after ``since`` and whether it passed, oldest first
        (``history`` without the stages)."""
        ...


class ProbeHistory(ProbeResults, Protocol):
    """Probe results with pruning, and which checks each action follows."""

    def settled(self, check_ids: Sequence[str], since: dt.datetime, k: int) -> dict[str, Settled]:
        """The settled state of each of ``check_ids`` (flap suppression over ``k`` results)
        and its newest result, from the tallies kept as results are added: no history is read.
        A check whose newest result is older than ``since`` is missing from the answer."""
        ...

    def prune(self, before: dt.datetime) -> int:
        """Forget results older than ``before``; how many went."""
        ...

    def link(self, action_id: int, check_id: str, *, manual: bool) -> bool:
        """Follow a check on an action; False when already linked (or unlinked by hand)."""
        ...

    def link_automatic(self, pairs: Sequence[tuple[int, str]]) -> int:
        """Automatic links (action id, check id) in one transaction, each as ``link`` with
        ``manual=False`` would make it; how many were made."""
        ...

    def unlink(self, action_id: int, check_id: str) -> bool:
        """Stop following a check; False when it was not linked."""
        ...

    def links(self, action_ids: Sequence[int] | None = None) -> dict[int, list[str]]:
        """action id -> linked check ids, in link order."""
        ...

    def linked_to(self, check_id: str) -> list[int]:
        """The ids of the actions that follow one check, ascending."""
        ...


@dataclass(frozen=True, slots=True)
class RelinkMark:
    """How far the automatic links got, kept so that a restart goes on from there: what was
    matched (``version`` of the check set and the roster), the highest action id looked at,
    and when the last pass over changed actions began."""

    version: str
    examined_upto: int
    changes_from: dt.datetime


class RelinkMarks(Protocol):
    """Where the automatic links' progress is kept (the database in production)."""

    def relink_mark(self) -> RelinkMark | None:
        """The stored progress, or None before the first pass."""
        ...

    def save_relink_mark(self, mark: RelinkMark) -> None:
        """Keep ``mark`` in place of the one stored."""
        ...

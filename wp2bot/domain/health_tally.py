"""A check's settled state kept up to date one result at a time.

``transitions`` reads a check's whole history to tell its settled state and since when it
holds. A ``Tally`` is the same answer carried forward: ``advance`` takes it and the next
result and gives what ``transitions`` would find over the history including that result. The
store keeps one tally per check next to the results, so a view of 500 checks reads 500 rows,
not 30 days of runs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wp2bot.domain.health import Observation
from wp2bot.domain.health_history import Health
from wp2bot.domain.models import Status


@dataclass(frozen=True, slots=True)
class Tally:
    """A check's settled state after flap suppression, and the run that may change it.

    ``state`` and ``since`` are the ``after`` and ``since`` of the last transition
    (UNKNOWN and None before K agreeing results); ``run_ok``/``run_len``/``run_since`` the
    current run of agreeing results (its length counted up to ``k`` only); ``last_at`` the
    time of the newest result counted.
    """

    k: int
    state: Health = Health.UNKNOWN
    since: dt.datetime | None = None
    run_ok: bool | None = None
    run_len: int = 0
    run_since: dt.datetime | None = None
    last_at: dt.datetime | None = None

    def advance(self, obs: Observation) -> Tally:
        """The tally with one more result, which must not be older than ``last_at``."""
        if self.last_at is not None and obs.at < self.last_at:
            raise ValueError("a result older than the tally's newest must be counted afresh")
        if self.run_ok is not None and bool(obs.ok) == self.run_ok:
            run_len, run_since = min(self.run_len + 1, self.k), self.run_since
        else:
            run_len, run_since = 1, obs.at
        state, since = self.state, self.since
        seen = Health.UP if obs.ok else Health.DOWN
        if seen is not state and run_len >= self.k:
            state, since = seen, run_since
        return dataclasses.replace(
            self, state=state, since=since, run_ok=bool(obs.ok), run_len=run_len,
            run_since=run_since, last_at=obs.at,
        )  # fmt: skip

    @property
    def up_since(self) -> dt.datetime | None:
        """Since when the check has been settled UP, or None when it is not UP."""
        return self.since if self.state is Health.UP else None


def tally(history: Iterable[Observation], k: int = 3) -> Tally:
    """The tally of a whole history, in any order (what ``transitions`` ends in)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    found = Tally(k)
    for obs in sorted(history, key=lambda o: o.at):
        found = found.advance(obs)
    return found


class HintKind(enum.StrEnum):
    """Why a hint was given."""

    DONE_BUT_FAILING = "done_but_failing"
    PASSING_CLOSE = "passing_close"


@dataclass(frozen=True, slots=True)
class Hint:
    """A suggestion about an action, drawn from a linked check's state."""

    kind: HintKind
    check_id: str
    text: str


def action_hints(
    status: Status,
    linked: Mapping[str, Tally],
    now: dt.datetime,
    close_after_days: int = 7,
) -> list[Hint]:
    """Hints for one action from the tally of each check it is linked to.

    "marked done but still failing" when the action is done and a linked check is settled
    DOWN; "passing for N days — close?" when it is open and a linked check has been UP for
    at least ``close_after_days``.
    """
    hints: list[Hint] = []
    for check_id, found in linked.items():
        if status is Status.DONE and found.state is Health.DOWN:
            hints.append(Hint(HintKind.DONE_BUT_FAILING, check_id, "marked done but still failing"))
        elif status is not Status.DONE and found.up_since is not None:
            days = (now - found.up_since).days
            if days >= close_after_days:
                hints.append(
                    Hint(HintKind.PASSING_CLOSE, check_id, f"passing for {days} days — close?")
                )
    return hints

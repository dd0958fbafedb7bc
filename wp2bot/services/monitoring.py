"""Sweeps: run every due check concurrently with a timeout each, keep history, raise alarms."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from wp2bot.chat import Outgoing
from wp2bot.clock import Clock
from wp2bot.domain.health import (
    CheckSpec,
    Downtime,
    ProbeResult,
    StageResult,
    StageStatus,
    active_downtime,
)
from wp2bot.domain.health_history import (
    Availability,
    Health,
    Transition,
    availability_windows,
    new_alarm,
    settled_state,
)
from wp2bot.ports.probe_results import ProbeResults
from wp2bot.ports.prober import Prober

__all__ = ["Alarm", "CheckStatus", "Monitor", "ProbeResults", "Prober", "SweepReport"]

GRACE_S = 0.5  # the prober enforces the timeout itself; this only catches a prober that hangs
HISTORY_SPAN = dt.timedelta(days=30)


@dataclass(frozen=True, slots=True)
class Alarm:
    """A settled state change of a check that is not silenced by a downtime."""

    check: CheckSpec
    change: Transition
    result: ProbeResult


@dataclass(frozen=True, slots=True)
class SweepReport:
    """What one sweep found."""

    results: tuple[ProbeResult, ...]
    alarms: tuple[Alarm, ...]
    seconds: float


@dataclass(frozen=True, slots=True)
class CheckStatus:
    """A check's state for display: settled state, last result, availability, downtime."""

    check: CheckSpec
    state: Health
    last: ProbeResult | None
    availability: Mapping[str, Availability]
    downtime: Downtime | None


class Monitor:
    """Runs checks through a prober, stores results, and tells state changes and status."""

    def __init__(
        self,
        prober: Prober,
        store: ProbeResults,
        clock: Clock,
        *,
        k: int = 3,
        concurrency: int = 512,
        downtimes: Sequence[Downtime] = (),
    ) -> None:
        self._prober = prober
        self._store = store
        self._clock = clock
        self._k = k
        self._concurrency = concurrency
        self._downtimes = tuple(downtimes)

    def set_downtimes(self, downtimes: Sequence[Downtime]) -> None:
        """Replace the declared downtimes (they are re-read from configuration)."""
        self._downtimes = tuple(downtimes)

    def due(self, checks: Sequence[CheckSpec]) -> list[CheckSpec]:
        """The checks whose interval has passed since their last result."""
        now = self._clock.now()
        out = []
        for check in checks:
            # A little slack: a scheduler round that comes back after exactly one interval
            # must find the check due, not wait for the round after.
            slack = min(30.0, check.interval_s * 0.1)
            window = dt.timedelta(seconds=check.interval_s - slack)
            recent = self._store.history(check.id, now - window)
            if not recent:
                out.append(check)
        return out

    async def _one(self, check: CheckSpec, limit: asyncio.Semaphore) -> ProbeResult:
        """One probe, bounded by the check's timeout whatever the prober does."""
        async with limit:
            at = self._clock.now()
            try:
                async with asyncio.timeout(check.timeout_s + GRACE_S):
                    return await self._prober(check)
            except TimeoutError:
                error = f"timed out after {check.timeout_s:g} s"
                stage = StageResult("probe", StageStatus.FAIL, check.timeout_s, error)
            except Exception as exc:  # a prober bug must not stop the other probes
                stage = StageResult("probe", StageStatus.FAIL, 0.0, f"probe crashed: {exc!r}")
            return ProbeResult(check.id, check.target, at, (stage,))

    async def sweep(
        self,
        checks: Sequence[CheckSpec],
        announce: Callable[[Sequence[Alarm]], Sequence[Outgoing]] | None = None,
    ) -> SweepReport:
        """Run all ``checks`` at once, store the results, and return them with new alarms.

        The alarms are found from the stored history plus the new results *before* these are
        stored; ``announce`` turns them into messages, which the store keeps with the results in
        one transaction. A crash therefore loses or repeats neither: without the results stored
        the next sweep finds the same change again (under the same message key), with them the
        messages are in the outbox.
        """
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        limit = asyncio.Semaphore(self._concurrency)  # per sweep: each sweep may have its own loop
        results = tuple(await asyncio.gather(*(self._one(c, limit) for c in checks)))
        seconds = loop.time() - t0
        alarms = []
        for check, result in zip(checks, results, strict=True):
            change = self._alarm(check, result)
            if change is not None:
                alarms.append(Alarm(check, change, result))
        messages = announce(alarms) if announce is not None and alarms else ()
        self._store.add(results, messages)
        return SweepReport(results, tuple(alarms), seconds)

    def _applicable(self, check: CheckSpec) -> list[Downtime]:
        return [d for d in self._downtimes if d.applies_to(check.id, check.site)]

    def _alarm(self, check: CheckSpec, result: ProbeResult) -> Transition | None:
        """The state change that ``result`` (not stored yet) confirms, unless silenced."""
        since = self._clock.now() - dt.timedelta(seconds=check.interval_s * (self._k + 2) * 4)
        history = [*self._store.history(check.id, since), result]
        return new_alarm(history, self._k, self._applicable(check))

    def status(self, check: CheckSpec) -> CheckStatus:
        """The check's settled state, last result, 24 h/7 d/30 d availability and downtime."""
        now = self._clock.now()
        history = self._store.verdicts(check.id, now - HISTORY_SPAN)  # 8,640 at 5 minutes
        last = self._store.history(check.id, history[-1].at)[-1] if history else None
        applicable = self._applicable(check)
        return CheckStatus(
            check=check,
            state=settled_state(history, self._k),
            last=last,
            availability=availability_windows(
                history, now, applicable, dt.timedelta(seconds=check.interval_s * 3)
            ),
            downtime=active_downtime(applicable, check.id, check.site, now),
        )

"""Scheduled jobs are isolated: one that hangs holds up neither the others nor itself twice."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from wp2bot.adapters.scheduler import RhythmScheduler
from wp2bot.clock import SystemClock


def test_a_hanging_job_does_not_hold_up_the_others() -> None:
    release = threading.Event()
    slow_runs: list[datetime] = []
    fast_runs: list[datetime] = []
    fast_thrice = threading.Event()

    def calendar(now: datetime) -> None:  # e.g. an Indico that does not answer
        slow_runs.append(now)
        release.wait(timeout=30)

    def reminders(now: datetime) -> None:
        fast_runs.append(now)
        if len(fast_runs) >= 3:
            fast_thrice.set()

    clock = SystemClock()  # APScheduler keeps real time; a frozen past would be all misfires
    scheduler = RhythmScheduler(
        [("calendar", calendar), ("reminders", reminders)], clock, every=timedelta(seconds=0.3)
    )
    scheduler.start()
    try:
        assert fast_thrice.wait(timeout=20), "reminders waited behind the hanging calendar job"
        assert not release.is_set()
        assert len(slow_runs) == 1  # still in its first run: not stacked up on every interval
    finally:
        release.set()
        scheduler.shutdown()
    assert len(fast_runs) >= 3

"""When the rhythm's jobs run: an APScheduler 3 background scheduler calling ``tick(now)``.

Each job is its own APScheduler job on its own worker thread (``max_instances=1``, runs that
were missed coalesce): a job that hangs on a slow server holds up only itself, never the
reminders, round-table or summary behind it.

The scheduler only decides *when*; what is owed lives in the database, so a job that runs late,
twice or after a restart does the right thing. Nothing is created at import time: the process
that runs the bot builds one ``RhythmScheduler`` and starts it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from wp2bot.clock import UTC, Clock

log = logging.getLogger(__name__)

Job = tuple[str, Callable[[datetime], object]]  # (name, tick)


class RhythmScheduler:
    """Runs each job's ``tick(clock.now())`` every ``every`` (and once right after start)."""

    def __init__(
        self, jobs: Sequence[Job], clock: Clock, *, every: timedelta = timedelta(minutes=5)
    ) -> None:
        self.jobs = tuple(jobs)
        self.clock = clock
        self.every = every
        self._scheduler: BackgroundScheduler | None = None

    def run_due_jobs(self, now: datetime | None = None) -> dict[str, bool]:
        """Run every job once for ``now``; a failing job is logged and the others still run.

        Returns whether each job completed.
        """
        at = now or self.clock.now()
        done: dict[str, bool] = {}
        for name, tick in self.jobs:
            try:
                tick(at)
                done[name] = True
            except Exception:  # one broken job must not starve the others
                log.exception("scheduled job %s failed at %s", name, at.isoformat())
                done[name] = False
        return done

    def _run_one(self, name: str, tick: Callable[[datetime], object]) -> None:
        at = self.clock.now()
        try:
            tick(at)
        except Exception:  # logged; the job runs again at its next interval
            log.exception("scheduled job %s failed at %s", name, at.isoformat())

    def start(self) -> None:
        """Start the worker threads; the first runs are immediate (catch-up after downtime)."""
        if self._scheduler is not None:
            return
        workers = max(1, len(self.jobs))
        scheduler = BackgroundScheduler(
            timezone=UTC, executors={"default": ThreadPoolExecutor(max_workers=workers)}
        )
        seconds = self.every.total_seconds()
        for name, tick in self.jobs:
            scheduler.add_job(
                self._run_one,
                IntervalTrigger(seconds=seconds, timezone=UTC),
                args=(name, tick),
                id=f"wp2bot-{name}",
                name=name,
                next_run_time=self.clock.now(),
                coalesce=True,  # missed runs collapse into one: the tick catches up by itself
                max_instances=1,  # a slow run is not stacked on; the others go on meanwhile
                misfire_grace_time=max(1, int(seconds)),
            )
        scheduler.start()
        self._scheduler = scheduler
        log.info("rhythm scheduler started: %d job(s) every %s", len(self.jobs), self.every)

    def shutdown(self, wait: bool = True) -> None:
        """Stop the background thread (waiting for a running job when asked)."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=wait)
            self._scheduler = None

    def shutdown_within(self, seconds: float) -> bool:
        """Stop, waiting at most ``seconds`` for the jobs in flight; False when some still run
        (their work is in the database's transactions and the outbox, so the process may
        exit without them: what they had not committed is done again after the restart)."""
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is None:
            return True
        waiter = threading.Thread(target=scheduler.shutdown, kwargs={"wait": True}, daemon=True)
        waiter.start()
        waiter.join(seconds)
        return not waiter.is_alive()

    @property
    def running(self) -> bool:
        """Whether the background thread runs."""
        return self._scheduler is not None

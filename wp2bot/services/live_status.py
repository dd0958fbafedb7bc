"""Live status on actions: sweep the probes, link actions to checks, tell owners of changes.

One object per process. ``tick(now)`` (run by the scheduler, on the leader only) probes the
checks that are due, links new and changed actions to the checks they concern (see
``relinking``), posts each settled state change once, and refreshes the metrics. The display
helpers (``line_for``, ``hints_for``, ``entity_status``, ``red_endpoints``) that commands,
reminders, the round-table and the chair's summary show next to an action are inherited from
``check_views.CheckViews``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Mapping, Sequence

from wp2bot.chat import ChatPort, Outgoing
from wp2bot.clock import Clock
from wp2bot.domain.health import CheckSpec, Downtime, EndpointsConfig, ProbeResult
from wp2bot.domain.health_history import Health
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.outbox import message_key
from wp2bot.domain.reminders import RosterIndex
from wp2bot.ports.actions import ActionFilter, ActionReader
from wp2bot.ports.downtimes import Downtimes
from wp2bot.ports.metrics import ActionMetricsSink, ProbeMetricsSink
from wp2bot.ports.probe_results import ProbeHistory, RelinkMarks
from wp2bot.ports.prober import Prober
from wp2bot.services.check_views import HISTORY, CheckViews
from wp2bot.services.monitoring import Alarm, CheckStatus, Monitor
from wp2bot.services.outbox import Outbox
from wp2bot.services.relinking import Relinker, open_pages

log = logging.getLogger(__name__)
METRICS_EVERY = dt.timedelta(minutes=5)  # how often the per-site action gauges are counted


class LiveStatus(CheckViews):
    """Probes, links and state changes, over the database; what is shown of them (the
    ``CheckViews`` it is) reads the same results."""

    def __init__(
        self,
        store: ActionReader,
        config: EndpointsConfig,
        clock: Clock,
        *,
        probes: ProbeHistory,
        downtimes: Downtimes,
        runner: Prober,
        metrics: ProbeMetricsSink,
        action_metrics: ActionMetricsSink,
        chat: ChatPort | None,
        index: RosterIndex,
        channel: str = "",
        k: int = 3,
        outbox: Outbox | None = None,
        marks: RelinkMarks | None = None,
    ) -> None:
        super().__init__(config, clock, probes, k=k)
        self.store = store
        self.rhythm = downtimes
        self.chat = chat
        self.outbox = outbox  # alarms are queued per change and recipient, delivered from there
        self.index = index
        self.channel = channel
        self.monitor = Monitor(runner, self.probes, clock, k=k, downtimes=config.downtimes)
        self.metrics = metrics
        self.action_metrics = action_metrics
        self.relinker = Relinker(store, self.probes, config, index, marks)
        self._metrics_at: dt.datetime | None = None  # when the action gauges were counted

    # ------------------------------------------------------------------ the periodic work
    def tick(self, now: dt.datetime) -> None:
        """Probe what is due, link new actions, announce settled changes, refresh metrics."""
        self.monitor.set_downtimes([*self.config.downtimes, *self._declared(now)])
        due = self.monitor.due(list(self.checks.values()))
        if due:
            # The results and the alarms they raise are stored in one transaction, then sent.
            report = asyncio.run(self.monitor.sweep(due, announce=self._alarm_messages))
            self.metrics.update(report.results, self.checks)
            if report.alarms and self.outbox is not None:
                self.outbox.deliver()
            self.probes.prune(now - HISTORY)
        self.relinker.tick(now)
        self._action_metrics(now)

    def _declared(self, now: dt.datetime) -> list[Downtime]:
        """Downtimes declared in chat (``downtime SITE …``) as the probes' downtimes."""
        return [
            Downtime(site=d.site, start=d.starts_at, end=d.ends_at, reason=d.reason)
            for d in self.rhythm.downtimes(now)
        ]

    def autolink(self, after: int = 0) -> int:
        """Link the open actions with ids above ``after`` that have no link yet to the checks
        their text and owners' sites point at (see ``relinking``); the links made."""
        return self.relinker.link(after=after)

    def _alarm_messages(self, alarms: Sequence[Alarm]) -> list[Outgoing]:
        """The messages of a sweep's alarms (none without an outbox to send them)."""
        if self.outbox is None:
            return []
        fresh = {a.check.id: a.result for a in alarms}
        return [m for alarm in alarms for m in self._announce(alarm, fresh)]

    def _announce(self, alarm: Alarm, fresh: Mapping[str, ProbeResult]) -> list[Outgoing]:
        """A settled change, told once: to linked actions' owners, and failures to the channel.

        ``fresh`` holds the sweep's results that are not stored yet (they commit together with
        these messages).
        """
        view = self._view(alarm.check, fresh)
        linked = [aid for aid, cids in self.probes.links().items() if alarm.check.id in cids]
        records = self.store.actions(ActionFilter(ids=tuple(linked))) if linked else []
        went_down = alarm.change.after is Health.DOWN
        headline = "went down" if went_down else "is back up"
        text = f"**{alarm.check.id}** {headline}: {view.markdown()}"
        notified: set[str] = set()
        change = alarm.change
        key = ("alarm", alarm.check.id, change.after.value, change.at.isoformat())
        messages: list[Outgoing] = []
        for rec in records:
            hints = self.hints_for(rec, fresh)
            for user in self.index.recipients(rec):
                if user in notified:
                    continue
                notified.add(user)
                extra = "".join(f"\n- #{rec.id}: {escape_mentions(h)}" for h in hints)
                body = f"{text}\nLinked to #{rec.id} {escape_mentions(rec.text)}" + extra
                messages.append(Outgoing(message_key(*key, user.lower()), "alarm", user, body))
        if went_down and self.channel:
            items = ", ".join(f"#{r.id}" for r in records) or "no tracked action"
            messages.append(Outgoing(message_key(*key, "~" + self.channel), "alarm", self.channel,
                                     f"{text}\nLinked: {items}", direct=False))  # fmt: skip
        return messages

    def _action_metrics(self, now: dt.datetime) -> None:
        """The open and overdue gauges per site, counted again every ``METRICS_EVERY``."""
        if self._metrics_at is not None and now - self._metrics_at < METRICS_EVERY:
            return
        self._metrics_at = now
        today = now.date()
        open_by: dict[str, int] = {}
        overdue_by: dict[str, int] = {}
        for rec in (r for page in open_pages(self.store) for r in page):
            sites = self.index.sites(rec) or frozenset({""})
            for site in sites:
                open_by[site] = open_by.get(site, 0) + 1
                if rec.due is not None and rec.due < today:
                    overdue_by[site] = overdue_by.get(site, 0) + 1
        self.action_metrics.set_actions(open_by, overdue_by)

    def status(self, check: CheckSpec) -> CheckStatus:
        """Settled state, last result, 24 h / 7 d / 30 d availability and any downtime."""
        self.monitor.set_downtimes([*self.config.downtimes, *self._declared(self.clock.now())])
        return self.monitor.status(check)

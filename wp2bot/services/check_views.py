"""What is shown of the endpoint checks: one line per check next to an action, its badges and
hints, a site's checks for the round-table, the failing ones for the chair's summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wp2bot.clock import Clock
from wp2bot.domain.health import CheckSpec, EndpointsConfig, ProbeResult
from wp2bot.domain.health_history import Health
from wp2bot.domain.health_tally import Tally, action_hints
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.tracking import ActionRecord
from wp2bot.ports.probe_results import ProbeHistory, Settled

HISTORY = dt.timedelta(days=30)  # the results a view reads, and those the sweep keeps
ICON = {"pass": "🟢", "fail": "🔴", "degraded": "🟡", "unknown": "⚪"}


@dataclass(frozen=True, slots=True)
class CheckView:
    """What to show of one check next to an action."""

    check: CheckSpec
    state: str  # pass | fail | degraded | unknown
    failing_stage: str | None
    error: str | None
    since: dt.datetime | None
    dashboard: str | None

    def markdown(self) -> str:
        """One line: icon, check, state, failing stage, since when, dashboard link."""
        parts = [f"{ICON[self.state]} {self.check.id} {self.state}"]
        if self.failing_stage:
            detail = f"{self.failing_stage}: {self.error}" if self.error else self.failing_stage
            parts.append(f"({escape_mentions(detail)[:120]})")
        if self.since is not None:
            parts.append(f"since {self.since:%Y-%m-%d %H:%M} UTC")
        if self.dashboard:
            parts.append(f"· [dashboard]({self.dashboard})")
        return " ".join(parts)


class CheckViews:
    """The configured checks and what to show of each, from the stored results."""

    def __init__(
        self, config: EndpointsConfig, clock: Clock, probes: ProbeHistory, *, k: int = 3
    ) -> None:
        self.config, self.clock, self.probes, self.k = config, clock, probes, k
        self.checks = {c.id: c for c in config.checks}

    def _settled(
        self, check_ids: Sequence[str], fresh: Mapping[str, ProbeResult] | None = None
    ) -> dict[str, Settled]:
        """The stored settled state of each check, with its result of this sweep counted in
        when that is not stored yet (``fresh``)."""
        found = self.probes.settled(check_ids, self.clock.now() - HISTORY, self.k)
        for check_id, new in (fresh or {}).items():
            if check_id not in check_ids:
                continue
            old = found.get(check_id)
            counted = old.tally if old is not None else Tally(self.k)
            if counted.last_at is None or new.at >= counted.last_at:
                found[check_id] = Settled(counted.advance(new), new)
        return found

    def _view(self, check: CheckSpec, fresh: Mapping[str, ProbeResult] | None = None) -> CheckView:
        return self._judge(check, self._settled([check.id], fresh).get(check.id))

    def views(self, checks: Sequence[CheckSpec]) -> list[CheckView]:
        """What to show of each of ``checks`` now, from one read of their settled states."""
        found = self._settled([c.id for c in checks])
        return [self._judge(check, found.get(check.id)) for check in checks]

    def _judge(self, check: CheckSpec, found: Settled | None) -> CheckView:
        """The view of one check from its settled state and its newest result."""
        dashboard = check.dashboard or self.config.site_dashboards.get(check.site)
        if found is None:
            return CheckView(check, "unknown", None, None, None, dashboard)
        settled, last = found.tally.state, found.last
        failing = next((s for s in last.stages if s.status.value == "fail"), None)
        if settled is Health.DOWN:
            state = "fail"
        elif not last.ok:
            state = "degraded"
        else:
            state = "pass" if settled is Health.UP else "degraded"
        return CheckView(
            check,
            state,
            failing.name if failing else None,
            failing.error if failing else None,
            found.tally.since,
            dashboard,
        )

    def views_for(self, action_id: int) -> list[CheckView]:
        """The linked checks of one action, in link order."""
        ids = self.probes.links([action_id]).get(action_id, [])
        return self.views([self.checks[c] for c in ids if c in self.checks])

    def badges_for(self, action_ids: Sequence[int]) -> dict[int, str]:
        """A compact icon per linked check ("🔴 GSI/perfsonar") of each action that has one."""
        if not self.checks:  # only configured checks are shown
            return {}
        links = self.probes.links(list(action_ids))
        linked = dict.fromkeys(c for ids in links.values() for c in ids if c in self.checks)
        views = {v.check.id: v for v in self.views([self.checks[c] for c in linked])}
        out: dict[int, str] = {}
        for aid, ids in links.items():
            shown = [f"{ICON[views[c].state]} {c}" for c in ids if c in views]
            if shown:
                out[aid] = ", ".join(shown)
        return out

    def line_for(self, action_id: int) -> str:
        """Markdown lines of an action's linked status ("" when it has none)."""
        return "\n".join(v.markdown() for v in self.views_for(action_id))

    def hints_for(
        self, rec: ActionRecord, fresh: Mapping[str, ProbeResult] | None = None
    ) -> list[str]:
        """ "marked done but still failing" / "passing for N days — close?" for one action."""
        ids = self.probes.links([rec.id]).get(rec.id, [])
        if not ids:
            return []
        found = self._settled(ids, fresh)
        linked = {cid: found[cid].tally for cid in ids if cid in found}
        hints = action_hints(rec.status, linked, self.clock.now())
        return [f"{h.text} ({h.check_id})" for h in hints]

    def entity_status(self, entity: str) -> str:
        """The round-table context line of a site: its checks' states."""
        return "\n".join(v.markdown() for v in self.views(self.site_checks(entity)))

    def view(self, check: CheckSpec) -> CheckView:
        """What to show of one check now."""
        return self._view(check)

    def find_check(self, word: str) -> CheckSpec | None:
        """The check whose id is ``word`` (case-insensitive), if any."""
        key = word.strip().casefold()
        return next((c for c in self.checks.values() if c.id.casefold() == key), None)

    def site_of(self, word: str) -> str | None:
        """The configured site named ``word`` or one of its aliases, if any."""
        key = word.strip().casefold()
        sites = dict.fromkeys(
            [c.site for c in self.checks.values()] + list(self.config.site_aliases)
        )
        for site in sites:
            names = [site, *self.config.site_aliases.get(site, ())]
            if any(n.casefold() == key for n in names):
                return site
        return None

    def site_checks(self, site: str) -> list[CheckSpec]:
        """The checks of one site, in configuration order."""
        return [c for c in self.checks.values() if c.site.casefold() == site.casefold()]

    def red_endpoints(self) -> Sequence[str]:
        """Checks that are failing now, for the chair's summary."""
        return [v.markdown() for v in self.views(list(self.checks.values())) if v.state == "fail"]

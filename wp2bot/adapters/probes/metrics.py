"""Prometheus metrics of probes, stage latencies and open actions, in a registry passed in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from prometheus_client import CollectorRegistry, Gauge, Histogram

from wp2bot.domain.health import CheckSpec, ProbeResult, StageStatus

STAGE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class ProbeMetrics:
    """The probe metrics, registered once in ``registry`` and updated after each sweep."""

    def __init__(self, registry: CollectorRegistry) -> None:
        labels = ("check", "site", "kind")
        self.up = Gauge(
            "wp2bot_probe_up", "1 when the last probe passed", labels, registry=registry
        )
        self.duration = Gauge(
            "wp2bot_probe_duration_seconds", "time of the last probe", labels, registry=registry
        )
        self.last_run = Gauge(
            "wp2bot_probe_last_run_timestamp_seconds",
            "when the last probe ran (Unix time)",
            labels,
            registry=registry,
        )
        self.stage_seconds = Histogram(
            "wp2bot_probe_stage_seconds",
            "latency of probe stages that ran",
            ("check", "stage", "status"),
            buckets=STAGE_BUCKETS,
            registry=registry,
        )

    def update(self, results: Iterable[ProbeResult], specs: Mapping[str, CheckSpec]) -> None:
        """Record a batch of results; checks missing from ``specs`` get empty site and kind."""
        for result in results:
            spec = specs.get(result.check_id)
            site, kind = (spec.site, spec.kind.value) if spec else ("", "")
            key = (result.check_id, site, kind)
            self.up.labels(*key).set(1.0 if result.ok else 0.0)
            self.duration.labels(*key).set(result.seconds)
            self.last_run.labels(*key).set(result.at.timestamp())
            for stage in result.stages:
                if stage.status is StageStatus.SKIPPED and stage.seconds == 0.0:
                    continue  # never ran: a zero would drag the latency quantiles down
                self.stage_seconds.labels(result.check_id, stage.name, stage.status.value).observe(
                    stage.seconds
                )


class ActionMetrics:
    """Open and overdue actions per site, registered once in ``registry``."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.open = Gauge(
            "wp2bot_actions_open", "open actions by site", ["site"], registry=registry
        )
        self.overdue = Gauge(
            "wp2bot_actions_overdue", "overdue actions by site", ["site"], registry=registry
        )

    def set_actions(
        self, open_by_site: Mapping[str, int], overdue_by_site: Mapping[str, int]
    ) -> None:
        """Replace the per-site counts ("" is shown as "none")."""
        self.open.clear()
        self.overdue.clear()
        for site, n in open_by_site.items():
            self.open.labels(site or "none").set(n)
            self.overdue.labels(site or "none").set(overdue_by_site.get(site, 0))

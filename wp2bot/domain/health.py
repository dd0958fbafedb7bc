"""Probe results and what follows from their history: availability, state changes, hints."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


class StageStatus(enum.StrEnum):
    """Outcome of one stage of a probe."""

    PASS = "pass"  # noqa: S105 - a stage verdict, not a password
    FAIL = "fail"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class StageResult:
    """One timed stage of a probe (stat, upload, checksum, connect, query, ...)."""

    name: str
    status: StageStatus
    seconds: float = 0.0
    error: str | None = None

    def as_json(self) -> dict[str, object]:
        """The stable JSON shape of one stage."""
        return {
            "name": self.name,
            "status": self.status.value,
            "seconds": round(self.seconds, 4),
            "error": self.error,
        }


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """Everything one run of one check found, stamped with when it ran."""

    check_id: str
    url: str
    at: dt.datetime
    stages: tuple[StageResult, ...]

    @property
    def ok(self) -> bool:
        """True when the probe ran at least one stage and none failed.

        A stage skipped because the server lacks a feature (nginx has no Digest) is not a
        failure; a stage skipped after an earlier failure comes with that failure anyway.
        """
        return bool(self.stages) and all(s.status is not StageStatus.FAIL for s in self.stages)

    @property
    def seconds(self) -> float:
        """Total time spent in all stages."""
        return sum(s.seconds for s in self.stages)

    @property
    def error(self) -> str | None:
        """The first failing stage's error, for one-line summaries."""
        for s in self.stages:
            if s.status is StageStatus.FAIL:
                return f"{s.name}: {s.error}"
        return None

    def as_json(self) -> dict[str, object]:
        """The stable JSON shape of ``wp2bot probe --format json``."""
        return {"url": self.url, "ok": self.ok, "stages": [s.as_json() for s in self.stages]}


class CheckKind(enum.StrEnum):
    """What a check does."""

    STORAGE = "storage"  # the smoke test: stat, mkdir, upload, download, checksum, delete
    TPC = "tpc"  # HTTP third-party copy between two storage endpoints
    HTTP = "http"  # status, keyword, JSON path, certificate expiry
    TCP = "tcp"  # a port answers (perfSONAR hosts, doors)
    PROMETHEUS_QUERY = "prometheus_query"  # an instant query within thresholds
    PROMETHEUS_ALERTS = "prometheus_alerts"  # no matching alert is firing
    GRAFANA = "grafana"  # the Grafana server is healthy


@dataclass(frozen=True, slots=True)
class Credentials:
    """What a probe presents and trusts; paths only, secrets are read when the probe runs."""

    token_file: str | None = None  # a WLCG/SciToken bearer token
    cert: str | None = None  # X.509 client certificate or grid proxy
    key: str | None = None  # its key (None when inside the proxy file)
    ca: str | None = None  # a CA bundle file or an OpenSSL-hashed CA directory


@dataclass(frozen=True, slots=True)
class HttpExpectation:
    """What an HTTP check wants to see."""

    status: tuple[int, ...] = (200,)
    keyword: str | None = None
    json_path: str | None = None  # "data.status" or "items[0].name"
    json_equals: str | None = None  # compared with str() of the value found
    min_cert_days: int | None = None  # fail when the certificate expires sooner


@dataclass(frozen=True, slots=True)
class PrometheusRule:
    """An instant query with thresholds, or a filter on firing alerts."""

    query: str | None = None
    fail_below: float | None = None
    fail_above: float | None = None
    allow_empty: bool = False
    alertname: str | None = None  # for alert checks: only this alert counts (None = any)
    labels: tuple[tuple[str, str], ...] = ()  # alert labels that must all match


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """One configured check of one site: a storage endpoint or a check of another kind."""

    id: str  # "SITE/name", unique
    site: str
    name: str
    kind: CheckKind
    target: str  # a URL, or host:port for TCP
    protocol: str = ""  # URL scheme, "tcp", ...
    qos: str = ""  # QoS class of a storage endpoint ("disk", "tape", ...)
    credentials: Credentials = field(default_factory=Credentials)
    interval_s: float = 300.0
    timeout_s: float = 30.0
    dashboard: str | None = None
    aliases: tuple[str, ...] = ()  # other words people use for it ("perfSONAR", "EOS")
    http: HttpExpectation | None = None
    prometheus: PrometheusRule | None = None
    tpc_destination: str | None = None  # for TPC checks: the destination base URL


class Observation(Protocol):
    """Anything with a time and a pass/fail verdict (a ProbeResult, a stored history row)."""

    @property
    def at(self) -> dt.datetime:
        """When the probe ran."""
        ...

    @property
    def ok(self) -> bool:
        """Whether it passed."""
        ...


@dataclass(frozen=True, slots=True)
class Sample:
    """A minimal observation, e.g. one row of stored history."""

    at: dt.datetime
    ok: bool


@dataclass(frozen=True, slots=True)
class Downtime:
    """A declared downtime of a whole site (check_id None) or of one check."""

    site: str
    start: dt.datetime
    end: dt.datetime
    check_id: str | None = None
    reason: str = ""

    def applies_to(self, check_id: str, site: str) -> bool:
        """True when this downtime concerns the check (its own, or its whole site's)."""
        if self.site.casefold() != site.casefold():
            return False
        return self.check_id is None or self.check_id == check_id

    def covers(self, check_id: str, site: str, at: dt.datetime) -> bool:
        """True when this downtime applies to the check at that instant."""
        return self.applies_to(check_id, site) and self.start <= at < self.end


def active_downtime(
    downtimes: Sequence[Downtime], check_id: str, site: str, at: dt.datetime
) -> Downtime | None:
    """The downtime covering the check at ``at``, if any."""
    return next((d for d in downtimes if d.covers(check_id, site, at)), None)


@dataclass(frozen=True, slots=True)
class EndpointsConfig:
    """Everything the endpoints file (``data/endpoints.toml``) declares."""

    checks: tuple[CheckSpec, ...] = ()
    site_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    site_dashboards: Mapping[str, str] = field(default_factory=dict)
    downtimes: tuple[Downtime, ...] = ()

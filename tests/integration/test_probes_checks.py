"""HTTP, TCP, Prometheus and Grafana checks, the concurrent sweep and the probe metrics."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from prometheus_client import CollectorRegistry

from tests.integration.servers import BlackHole, MiniDav, Servers
from wp2bot.adapters.probes.grafana import GrafanaClient, dashboard_link
from wp2bot.adapters.probes.metrics import ProbeMetrics
from wp2bot.adapters.probes.registry import ProbeRunner, storage_spec
from wp2bot.adapters.probes.smoke import ProbeError
from wp2bot.clock import FrozenClock, SystemClock
from wp2bot.domain.health import (
    CheckKind,
    CheckSpec,
    Credentials,
    Downtime,
    HttpExpectation,
    ProbeResult,
    PrometheusRule,
    Sample,
)
from wp2bot.domain.health_history import Health
from wp2bot.services.monitoring import Monitor

pytestmark = pytest.mark.integration
NOW = dt.datetime(2025, 1, 13, 9, 0, tzinfo=dt.UTC)


def spec(kind: CheckKind, target: str, **kw: object) -> CheckSpec:
    return CheckSpec(
        id=f"LOCAL/{kind.value}",
        site="LOCAL",
        name=kind.value,
        kind=kind,
        target=target,
        timeout_s=5,
        **kw,
    )


async def run(check: CheckSpec) -> ProbeResult:
    return await ProbeRunner(SystemClock())(check)


async def test_http_check_status_keyword_and_json_path(servers: Servers) -> None:
    url = servers["PROMETHEUS_URL"] + "/api/v1/status/buildinfo"
    good = HttpExpectation(keyword="version", json_path="data.version", json_equals=None)
    result = await run(spec(CheckKind.HTTP, url, http=good))
    assert [s.name for s in result.stages] == ["request", "keyword", "json"]
    assert result.ok, result.stages
    bad = HttpExpectation(json_path="status", json_equals="failure")
    result = await run(spec(CheckKind.HTTP, url, http=bad))
    assert "expected 'failure'" in (result.error or "")
    missing = await run(spec(CheckKind.HTTP, servers["PROMETHEUS_URL"] + "/nope"))
    assert "HTTP 404" in (missing.error or "")


async def test_http_check_certificate_expiry_days(servers: Servers) -> None:
    creds = Credentials(ca=servers["SERVERS_CA_FILE"])
    url = servers["XRD1_HTTPS_URL"] + "/"
    # the test certificate is valid for 30 days
    soon = await run(
        spec(CheckKind.HTTP, url, credentials=creds, http=HttpExpectation(min_cert_days=60))
    )
    assert soon.stages[-1].name == "certificate"
    assert "expires in 29 days" in (soon.error or "") or "expires in 30 days" in (soon.error or "")
    fine = await run(
        spec(CheckKind.HTTP, url, credentials=creds, http=HttpExpectation(min_cert_days=7))
    )
    assert fine.ok, fine.stages


async def test_tcp_reachability(servers: Servers) -> None:
    up = await run(spec(CheckKind.TCP, servers["PROMETHEUS_URL"].removeprefix("http://")))
    assert up.ok
    dead = servers["PROMETHEUS_TARGETS"].split(",")[1]  # the target Prometheus finds down
    down = await run(spec(CheckKind.TCP, dead))
    assert not down.ok
    assert down.stages[0].name == "connect"


async def _until_scraped(url: str, query: str, seconds: float = 20.0) -> None:
    """Wait until Prometheus holds the series: it scrapes every second with a one-second timeout,
    so on a loaded machine a scrape that fails marks the series stale until the next succeeds."""
    deadline = asyncio.get_running_loop().time() + seconds
    async with httpx.AsyncClient(timeout=5) as client:
        while True:
            answer = await client.get(f"{url}/api/v1/query", params={"query": query})
            if answer.json()["data"]["result"]:
                return
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"Prometheus holds no {query} after {seconds} s")
            await asyncio.sleep(0.25)


async def test_prometheus_query_thresholds(servers: Servers) -> None:
    query = 'storage_free_bytes{endpoint="nginx-dav"}'
    await _until_scraped(servers["PROMETHEUS_URL"], query)
    above = PrometheusRule(query=query, fail_below=1e11)
    assert (
        await run(spec(CheckKind.PROMETHEUS_QUERY, servers["PROMETHEUS_URL"], prometheus=above))
    ).ok
    below = PrometheusRule(query=query, fail_below=1e13)
    await _until_scraped(servers["PROMETHEUS_URL"], query)
    result = await run(
        spec(CheckKind.PROMETHEUS_QUERY, servers["PROMETHEUS_URL"], prometheus=below)
    )
    assert "out of bounds" in (result.error or "")
    assert 'endpoint="nginx-dav"' in (result.error or "")
    empty = PrometheusRule(query="no_such_metric")
    result = await run(
        spec(CheckKind.PROMETHEUS_QUERY, servers["PROMETHEUS_URL"], prometheus=empty)
    )
    assert "no data" in (result.error or "")


async def test_prometheus_firing_alerts(servers: Servers) -> None:
    firing = PrometheusRule(alertname="StorageEndpointDown", labels=(("site", "LOCAL-TEST"),))
    result = await run(
        spec(CheckKind.PROMETHEUS_ALERTS, servers["PROMETHEUS_URL"], prometheus=firing)
    )
    assert "1 firing: StorageEndpointDown: storage endpoint" in (result.error or "")
    other_site = PrometheusRule(alertname="StorageEndpointDown", labels=(("site", "DESY"),))
    assert (
        await run(
            spec(CheckKind.PROMETHEUS_ALERTS, servers["PROMETHEUS_URL"], prometheus=other_site)
        )
    ).ok


# Shapes as Grafana 10 answers them (GET /api/health, GET /api/v1/provisioning/alert-rules).
GRAFANA_HEALTH = {"commit": "a1b2c3d", "database": "ok", "version": "10.4.2"}
GRAFANA_RULES = [
    {
        "id": 3,
        "uid": "bdk2x1",
        "orgID": 1,
        "folderUID": "storage",
        "ruleGroup": "endpoints",
        "title": "DESY dCache down",
        "condition": "B",
        "data": [],
        "noDataState": "NoData",
        "execErrState": "Error",
        "for": "5m",
        "labels": {"site": "DESY", "severity": "critical"},
        "isPaused": False,
    }
]


@pytest.fixture
def grafana() -> Iterator[str]:
    """A local HTTP server answering with recorded-shape Grafana JSON; rules need the token."""
    answers = {"/api/health": GRAFANA_HEALTH, "/api/v1/provisioning/alert-rules": GRAFANA_RULES}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = answers.get(self.path)
            needs_token = self.path.startswith("/api/v1/")
            if needs_token and self.headers.get("Authorization") != "Bearer glsa_test":
                self.send_response(401)
                body = {"message": "Unauthorized"}
            elif body is None:
                self.send_response(404)
                body = {"message": "Not found"}
            else:
                self.send_response(200)
            data = json.dumps(body).encode()
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


async def test_grafana_client_health_and_alert_rules(grafana: str) -> None:
    import httpx

    async with httpx.AsyncClient() as client:
        health = await GrafanaClient(client, grafana).health()
        assert (health.database, health.version) == ("ok", "10.4.2")
        rules = await GrafanaClient(client, grafana, "glsa_test").alert_rules()
        assert [(r.uid, r.title, r.group, r.labels["site"]) for r in rules] == [
            ("bdk2x1", "DESY dCache down", "endpoints", "DESY")
        ]
        with pytest.raises(ProbeError, match="HTTP 401"):
            await GrafanaClient(client, grafana, "wrong").alert_rules()
    assert (await run(spec(CheckKind.GRAFANA, grafana))).ok


def test_dashboard_link_prefers_the_checks_own_url() -> None:
    own = spec(CheckKind.TCP, "h:1", dashboard="https://grafana.example.org/d/x")
    assert dashboard_link(own, "https://g/{site}") == "https://grafana.example.org/d/x"
    templated = spec(CheckKind.TCP, "h:1")
    assert dashboard_link(templated, "https://g/d/s?var-site={site}&var-check={check}") == (
        "https://g/d/s?var-site=LOCAL&var-check=LOCAL%2Ftcp"
    )
    assert dashboard_link(templated) is None


class MemoryStore:
    """The ProbeResultStore port, in memory."""

    def __init__(self) -> None:
        self.rows: list[ProbeResult] = []

    def add(self, results: Sequence[ProbeResult], messages: Sequence[object] = ()) -> None:
        assert not messages, "this store has no outbox: the test passes no announce"
        self.rows.extend(results)

    def history(self, check_id: str, since: dt.datetime) -> list[ProbeResult]:
        return sorted(
            (r for r in self.rows if r.check_id == check_id and r.at >= since), key=lambda r: r.at
        )

    def verdicts(self, check_id: str, since: dt.datetime) -> list[Sample]:
        return [Sample(r.at, r.ok) for r in self.history(check_id, since)]


async def test_sweep_is_concurrent_stores_history_and_raises_alarms(servers: Servers) -> None:
    holes = [await BlackHole().start() for _ in range(5)]
    dav = await MiniDav().start()
    try:
        checks = [
            storage_spec(servers["XRD1_ROOT_URL"] + "//", timeout_s=1.0, check_id="LOCAL/xrd")
        ]
        checks += [
            storage_spec(dav.url, timeout_s=1.0, check_id=f"LOCAL/dav{i}") for i in range(10)
        ]
        checks += [
            storage_spec(h.url, timeout_s=1.0, check_id=f"LOCAL/hole{i}")
            for i, h in enumerate(holes)
        ]
        checks = [
            CheckSpec(**{**{f: getattr(c, f) for f in c.__dataclass_fields__}, "site": "LOCAL"})
            for c in checks
        ]
        clock = FrozenClock(NOW)
        store = MemoryStore()
        silenced = Downtime("LOCAL", NOW, NOW + dt.timedelta(hours=1), "LOCAL/hole4")
        monitor = Monitor(ProbeRunner(clock), store, clock, k=2, downtimes=[silenced])
        first = await monitor.sweep(checks)
        # five black holes in a row would take five timeouts; concurrently they take one
        assert first.seconds < 2.0
        assert sum(r.ok for r in first.results) == 11
        assert first.alarms == ()  # one result is not yet a settled state (k=2)
        clock.advance(dt.timedelta(minutes=5))
        second = await monitor.sweep(checks)
        alarmed = sorted(a.check.id for a in second.alarms)
        assert alarmed == [f"LOCAL/hole{i}" for i in range(4)]  # hole4 is in a downtime
        status = monitor.status(checks[0])
        assert status.state is Health.UP
        assert status.availability["24h"].availability == 1.0
        hole = monitor.status(checks[-1])
        assert (hole.state, hole.downtime) == (Health.DOWN, silenced)
        assert len(store.rows) == 32
        registry = CollectorRegistry()
        ProbeMetrics(registry).update(second.results, {c.id: c for c in checks})
        assert (
            registry.get_sample_value(
                "wp2bot_probe_up", {"check": "LOCAL/xrd", "site": "LOCAL", "kind": "storage"}
            )
            == 1.0
        )
        assert (
            registry.get_sample_value(
                "wp2bot_probe_up", {"check": "LOCAL/hole0", "site": "LOCAL", "kind": "storage"}
            )
            == 0.0
        )
        count = registry.get_sample_value(
            "wp2bot_probe_stage_seconds_count",
            {"check": "LOCAL/xrd", "stage": "upload", "status": "pass"},
        )
        assert count == 1.0
    finally:
        for h in holes:
            await h.stop()
        await dav.stop()

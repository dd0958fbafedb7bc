"""Run any configured check: pick the probe by kind and URL scheme, enforce its timeout."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import ssl
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import httpx

from wp2bot.adapters.probes import credentials as cred
from wp2bot.adapters.probes.http_storage import HttpStorageSession
from wp2bot.adapters.probes.schemes import HTTP_SCHEMES, STORAGE_SCHEMES, XROOTD_SCHEMES
from wp2bot.adapters.probes.smoke import (
    STAGES,
    ProbeError,
    SmokePlan,
    Step,
    StorageSession,
    run_smoke,
    run_stages,
    timed_out_stages,
)
from wp2bot.adapters.probes.tcp_check import host_port, tcp_connect
from wp2bot.adapters.probes.threaded_transport import ThreadedTransport
from wp2bot.clock import Clock
from wp2bot.domain.health import (
    CheckKind,
    CheckSpec,
    Credentials,
    HttpExpectation,
    ProbeResult,
    PrometheusRule,
    StageResult,
    StageStatus,
)

if TYPE_CHECKING:
    from wp2bot.adapters.probes.prometheus_check import PrometheusClient

log = logging.getLogger(__name__)
PAYLOAD_BYTES = 16 * 1024
SCHEMES = STORAGE_SCHEMES


def storage_spec(
    url: str, creds: Credentials | None = None, timeout_s: float = 30.0, check_id: str = ""
) -> CheckSpec:
    """A storage smoke-test spec for one URL (for ``wp2bot probe URL``)."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise ValueError(f"unsupported URL scheme {scheme or '(none)'!r}: use {', '.join(SCHEMES)}")
    return CheckSpec(
        id=check_id or url,
        site="",
        name=url,
        kind=CheckKind.STORAGE,
        target=url,
        protocol=scheme,
        credentials=creds or Credentials(),
        timeout_s=timeout_s,
    )


class ProbeRunner:
    """Runs a CheckSpec and returns its ProbeResult; never raises for a failing endpoint."""

    def __init__(
        self,
        clock: Clock,
        payload_bytes: int = PAYLOAD_BYTES,
        grafana_token: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        threaded_http: bool = False,
    ) -> None:
        """``threaded_http``: send HTTP requests with ``ThreadedTransport`` (one-shot commands)."""
        self._clock = clock
        self._payload_bytes = payload_bytes
        self._grafana_token = grafana_token
        self._transport = transport
        self._threaded_http = threaded_http
        # loading a CA store takes tens of milliseconds of blocking work: once per credentials
        self._contexts: dict[Credentials, ssl.SSLContext] = {}
        self._deferred = cred.DeferredTrust()  # plain-HTTP checks with default credentials

    def _ssl(self, creds: Credentials) -> ssl.SSLContext:
        """The (cached) SSL context for these credentials."""
        ctx = self._contexts.get(creds)
        if ctx is None:
            ctx = self._contexts[creds] = cred.ssl_context(creds)
        return ctx

    async def __call__(self, spec: CheckSpec) -> ProbeResult:
        """Run the check within ``spec.timeout_s``; a timeout fails the stage it cut short."""
        at = self._clock.now()
        record: list[StageResult] = []
        names: list[str] = []  # filled before the first stage starts, for timeout reports
        try:
            async with asyncio.timeout(spec.timeout_s):
                await self._run(spec, record, names)
            stages = record
        except TimeoutError:
            stages = timed_out_stages(record, spec.timeout_s, names)
            if not stages:
                error = f"timed out after {spec.timeout_s:g} s"
                stages = [StageResult("probe", StageStatus.FAIL, spec.timeout_s, error)]
        except (cred.CredentialError, ValueError) as exc:
            stages = [StageResult("setup", StageStatus.FAIL, 0.0, str(exc))]
        return ProbeResult(spec.id, spec.target, at, tuple(stages))

    def _client(self, spec: CheckSpec, *, follow: bool) -> httpx.AsyncClient:
        """An httpx client with the check's trust, client certificate and token; a plain-HTTP
        check with default credentials loads the CA store only if it is sent to ``https://``."""
        creds = spec.credentials
        plain = HTTP_SCHEMES.get(urlsplit(spec.target).scheme.lower()) == "http"
        deferred = plain and creds.ca is None and creds.cert is None
        deferred_trust = self._deferred

        async def trust_before_tls(request: httpx.Request) -> None:
            if request.url.scheme == "https":
                deferred_trust.load()

        context = deferred_trust.context if deferred else self._ssl(creds)
        transport = self._transport
        if transport is None and self._threaded_http:
            transport = ThreadedTransport(context)
        return httpx.AsyncClient(
            verify=context,
            event_hooks={"request": [trust_before_tls]} if deferred else None,
            headers=cred.auth_headers(creds),
            timeout=httpx.Timeout(spec.timeout_s),
            follow_redirects=follow,  # dCache and EOS redirect data requests to disk servers
            transport=transport,
        )

    def _plan(self) -> SmokePlan:
        epoch = int(self._clock.now().timestamp())
        return SmokePlan(epoch, secrets.token_hex(4), os.urandom(self._payload_bytes))

    async def _run(self, spec: CheckSpec, record: list[StageResult], names: list[str]) -> None:
        """Dispatch on the kind; ``names`` gets the check's stage names before any runs."""
        if spec.kind is CheckKind.STORAGE:
            names.extend(STAGES)
            await self._storage(spec, record)
            return
        if spec.kind is CheckKind.TCP:
            host, port = host_port(spec.target)
            steps: list[tuple[str, Step]] = [
                ("connect", lambda: tcp_connect(host, port, spec.timeout_s))
            ]
            names.extend(n for n, _ in steps)
            await run_stages(steps, record)
            return
        async with self._client(spec, follow=spec.kind is CheckKind.TPC) as client:
            steps = self._http_steps(spec, client)
            names.extend(n for n, _ in steps)
            await run_stages(steps, record)

    def _http_steps(self, spec: CheckSpec, client: httpx.AsyncClient) -> list[tuple[str, Step]]:
        """The stages of the checks that speak HTTP (their modules load with the first such
        check: ``wp2bot probe URL`` runs a storage check only)."""
        if spec.kind is CheckKind.HTTP:
            from wp2bot.adapters.probes.http_check import http_steps  # noqa: PLC0415

            expect = spec.http or HttpExpectation()
            ctx = self._ssl(spec.credentials)
            return http_steps(client, spec.target, expect, ctx, self._clock.now())
        if spec.kind in {CheckKind.PROMETHEUS_QUERY, CheckKind.PROMETHEUS_ALERTS}:
            from wp2bot.adapters.probes.prometheus_check import PrometheusClient  # noqa: PLC0415

            return self._prometheus_steps(spec, PrometheusClient(client, spec.target))
        if spec.kind is CheckKind.GRAFANA:
            from wp2bot.adapters.probes.grafana import GrafanaClient  # noqa: PLC0415

            grafana = GrafanaClient(client, spec.target, self._grafana_token)

            async def health() -> None:
                await grafana.health()

            return [("health", health)]
        if spec.kind is CheckKind.TPC:
            return self._tpc_steps(spec, client)
        raise ValueError(f"no probe for kind {spec.kind}")

    def _prometheus_steps(self, spec: CheckSpec, prom: PrometheusClient) -> list[tuple[str, Step]]:
        from wp2bot.adapters.probes.prometheus_check import judge_alerts, judge_query  # noqa: PLC0415

        rule = spec.prometheus or PrometheusRule()
        if spec.kind is CheckKind.PROMETHEUS_QUERY:
            if not rule.query:
                raise ValueError(f"{spec.id}: a prometheus_query check needs a query")
            query = rule.query

            async def run_query() -> None:
                judge_query(await prom.query(query), rule)

            return [("query", run_query)]

        async def run_alerts() -> None:
            judge_alerts(await prom.alerts(), rule)

        return [("alerts", run_alerts)]

    def _tpc_steps(self, spec: CheckSpec, client: httpx.AsyncClient) -> list[tuple[str, Step]]:
        """Upload to the source, COPY (pull) to the destination, compare, delete both."""
        if not spec.tpc_destination:
            raise ValueError(f"{spec.id}: a tpc check needs a destination")
        src = HttpStorageSession(client, spec.target)
        dst = HttpStorageSession(client, spec.tpc_destination)
        plan = self._plan()
        name = f"{plan.dirname}.bin"
        src_url = spec.target.rstrip("/") + "/" + name
        dst_url = spec.tpc_destination.rstrip("/") + "/" + name

        from wp2bot.adapters.probes.tpc import third_party_copy  # noqa: PLC0415

        async def copy() -> None:
            await third_party_copy(client, src_url, dst_url, "pull")

        async def verify() -> None:
            if await dst.download(name) != plan.payload:
                raise ProbeError("the copied file differs from the source")

        async def delete() -> None:
            await src.delete(name)
            await dst.delete(name)

        return [
            ("upload", lambda: src.upload(name, plan.payload)),
            ("copy", copy),
            ("verify", verify),
            ("delete", delete),
        ]

    async def _storage(self, spec: CheckSpec, record: list[StageResult]) -> None:
        """The smoke test over HTTP/WebDAV or XRootD."""
        scheme = urlsplit(spec.target).scheme.lower()
        plan = self._plan()
        if scheme in XROOTD_SCHEMES:
            await run_smoke(self._xrootd(spec), plan, record)
            return
        if scheme not in HTTP_SCHEMES:
            raise ValueError(f"unsupported URL scheme {scheme!r}")
        async with self._client(spec, follow=True) as client:
            await run_smoke(HttpStorageSession(client, spec.target), plan, record)

    def _xrootd(self, spec: CheckSpec) -> StorageSession:
        """An XRootD session; its credentials go through the (process-wide) environment."""
        try:
            # the XRootD bindings are an optional extra: import them only when needed
            from wp2bot.adapters.probes.xrootd_storage import XRootDSession  # noqa: PLC0415
        except ImportError as exc:
            raise ValueError(f"root:// needs the XRootD bindings (wp2bot[xrootd]): {exc}") from exc

        env = cred.xrootd_environment(spec.credentials)
        for name in cred.apply_environment(env, os.environ):
            log.warning("%s: %s is already set differently; XRootD keeps the first", spec.id, name)
        return XRootDSession(spec.target, spec.timeout_s)

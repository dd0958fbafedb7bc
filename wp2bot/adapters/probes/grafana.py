"""Grafana: dashboard links per site/check, and a thin client for /api/health and alert rules."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import httpx

from wp2bot.adapters.probes.smoke import ProbeError
from wp2bot.domain.health import CheckSpec


@dataclass(frozen=True, slots=True)
class GrafanaHealth:
    """What /api/health says."""

    database: str
    version: str


@dataclass(frozen=True, slots=True)
class GrafanaAlertRule:
    """One alert rule from /api/v1/provisioning/alert-rules."""

    uid: str
    title: str
    folder_uid: str
    group: str
    labels: dict[str, str]


def dashboard_link(check: CheckSpec, template: str | None = None) -> str | None:
    """The check's own dashboard URL, else ``template`` with {site}, {check}, {name} filled."""
    if check.dashboard:
        return check.dashboard
    if template is None:
        return None
    return template.format(
        site=quote(check.site, safe=""),
        check=quote(check.id, safe=""),
        name=quote(check.name, safe=""),
    )


class GrafanaClient:
    """Health and alert rules of a Grafana server; a service-account token for the rules."""

    def __init__(self, client: httpx.AsyncClient, base_url: str, token: str | None = None) -> None:
        self._client = client
        self._base = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}

    async def _json(self, path: str) -> object:
        resp = await self._client.get(f"{self._base}{path}", headers=self._headers)
        if resp.status_code != 200:
            raise ProbeError(f"GET {path}: HTTP {resp.status_code} {resp.reason_phrase}".rstrip())
        try:
            return resp.json()
        except ValueError as exc:
            raise ProbeError(f"GET {path}: not JSON") from exc

    async def health(self) -> GrafanaHealth:
        """``GET /api/health``; raises ProbeError unless the database is "ok"."""
        doc = await self._json("/api/health")
        if not isinstance(doc, dict):
            raise ProbeError("/api/health: not a JSON object")
        health = GrafanaHealth(str(doc.get("database", "")), str(doc.get("version", "")))
        if health.database != "ok":
            raise ProbeError(f"/api/health: database {health.database or 'unknown'}")
        return health

    async def alert_rules(self) -> list[GrafanaAlertRule]:
        """``GET /api/v1/provisioning/alert-rules`` (needs a token with alerting read access)."""
        if not self._headers:
            raise ProbeError("alert rules need a Grafana token")
        doc = await self._json("/api/v1/provisioning/alert-rules")
        if not isinstance(doc, list):
            raise ProbeError("/api/v1/provisioning/alert-rules: not a JSON list")
        return [
            GrafanaAlertRule(
                uid=str(item.get("uid", "")),
                title=str(item.get("title", "")),
                folder_uid=str(item.get("folderUID", "")),
                group=str(item.get("ruleGroup", "")),
                labels={str(k): str(v) for k, v in (item.get("labels") or {}).items()},
            )
            for item in doc
            if isinstance(item, dict)
        ]

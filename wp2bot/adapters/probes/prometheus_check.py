"""Prometheus over its HTTP API: instant queries against thresholds, and firing alerts."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from wp2bot.adapters.probes.smoke import ProbeError
from wp2bot.domain.health import PrometheusRule


@dataclass(frozen=True, slots=True)
class PromSample:
    """One element of an instant vector."""

    labels: Mapping[str, str]
    value: float


@dataclass(frozen=True, slots=True)
class PromAlert:
    """One alert from /api/v1/alerts."""

    name: str
    state: str  # "firing" | "pending"
    labels: Mapping[str, str]
    summary: str


def _labels(raw: object) -> dict[str, str]:
    return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


class PrometheusClient:
    """A thin client for the two API calls the checks need."""

    def __init__(self, client: httpx.AsyncClient, base_url: str) -> None:
        self._client = client
        self._base = base_url.rstrip("/")

    async def _data(self, path: str, params: Mapping[str, str] | None = None) -> object:
        resp = await self._client.get(f"{self._base}{path}", params=params)
        try:
            doc = resp.json()
        except ValueError as exc:
            raise ProbeError(f"{path}: HTTP {resp.status_code}, not JSON") from exc
        if not isinstance(doc, dict) or doc.get("status") != "success":
            error = doc.get("error") if isinstance(doc, dict) else None
            raise ProbeError(f"{path}: HTTP {resp.status_code} {error or 'no success status'}")
        return doc.get("data")

    async def query(self, promql: str) -> list[PromSample]:
        """An instant query; a scalar comes back as one sample without labels."""
        data = await self._data("/api/v1/query", {"query": promql})
        if not isinstance(data, dict):
            raise ProbeError("query: no data in the answer")
        result = data.get("result")
        if data.get("resultType") == "scalar" and isinstance(result, list):
            return [PromSample({}, float(result[1]))]
        if data.get("resultType") != "vector" or not isinstance(result, list):
            raise ProbeError(f"query: expected a vector, got {data.get('resultType')}")
        return [
            PromSample(_labels(item.get("metric")), float(item["value"][1]))
            for item in result
            if isinstance(item, dict)
        ]

    async def alerts(self) -> list[PromAlert]:
        """Active (pending and firing) alerts."""
        data = await self._data("/api/v1/alerts")
        raw = data.get("alerts", []) if isinstance(data, dict) else []
        out = []
        for item in raw if isinstance(raw, list) else []:
            labels = _labels(item.get("labels"))
            notes = _labels(item.get("annotations"))
            summary = notes.get("summary", notes.get("description", ""))
            name = labels.get("alertname", "")
            out.append(PromAlert(name, str(item.get("state")), labels, summary))
        return out


def _describe(sample: PromSample) -> str:
    inner = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
    return f"{{{inner}}} = {sample.value:g}"


def judge_query(samples: list[PromSample], rule: PrometheusRule) -> None:
    """Raise ProbeError when a sample is out of bounds (NaN counts as out) or none came back."""
    if not samples:
        if rule.allow_empty:
            return
        raise ProbeError("the query returned no data")
    bad = [
        s
        for s in samples
        if math.isnan(s.value)
        or (rule.fail_below is not None and s.value < rule.fail_below)
        or (rule.fail_above is not None and s.value > rule.fail_above)
    ]
    if bad:
        shown = "; ".join(_describe(s) for s in bad[:3])
        more = f" (+{len(bad) - 3} more)" if len(bad) > 3 else ""
        raise ProbeError(f"out of bounds: {shown}{more}")


def judge_alerts(alerts: list[PromAlert], rule: PrometheusRule) -> None:
    """Raise ProbeError when a firing alert matches the rule's name and labels."""
    wanted = dict(rule.labels)
    firing = [
        a
        for a in alerts
        if a.state == "firing"
        and (rule.alertname is None or a.name == rule.alertname)
        and all(a.labels.get(k) == v for k, v in wanted.items())
    ]
    if firing:
        shown = "; ".join(f"{a.name}: {a.summary}" if a.summary else a.name for a in firing[:3])
        more = f" (+{len(firing) - 3} more)" if len(firing) > 3 else ""
        raise ProbeError(f"{len(firing)} firing: {shown}{more}")

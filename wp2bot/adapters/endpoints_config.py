"""Load data/endpoints.toml into typed check specs, site aliases and downtimes; clear errors."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from wp2bot.adapters.probes.schemes import STORAGE_SCHEMES
from wp2bot.domain.health import (
    CheckKind,
    CheckSpec,
    Credentials,
    Downtime,
    EndpointsConfig,
    HttpExpectation,
    PrometheusRule,
)

__all__ = ["EndpointsConfig", "EndpointsConfigError", "load_endpoints", "parse_endpoints"]

_COMMON = {"site", "name", "url", "aliases", "interval", "timeout", "dashboard", "credentials"}
_KEYS: Mapping[CheckKind, set[str]] = {
    CheckKind.STORAGE: _COMMON | {"qos", "protocol", "kind"},
    CheckKind.TPC: _COMMON | {"destination", "kind", "qos"},
    CheckKind.HTTP: _COMMON
    | {"kind", "status", "keyword", "json_path", "json_equals", "min_cert_days"},
    CheckKind.TCP: (_COMMON - {"url"}) | {"kind", "target"},
    CheckKind.PROMETHEUS_QUERY: _COMMON
    | {"kind", "query", "fail_below", "fail_above", "allow_empty"},
    CheckKind.PROMETHEUS_ALERTS: _COMMON | {"kind", "alertname", "labels"},
    CheckKind.GRAFANA: _COMMON | {"kind"},
}
_CRED_KEYS = {"token_file", "cert", "key", "ca"}


class EndpointsConfigError(ValueError):
    """The endpoints file is malformed; the message names the file, the entry and the key."""


class _Entry:
    """Typed access to one table of the file, raising errors that say where."""

    def __init__(self, raw: object, where: str) -> None:
        if not isinstance(raw, dict):
            raise EndpointsConfigError(f"{where}: expected a table")
        self.raw: dict[str, object] = raw
        self.where = where

    def fail(self, message: str) -> EndpointsConfigError:
        return EndpointsConfigError(f"{self.where}: {message}")

    def only(self, allowed: set[str]) -> None:
        unknown = sorted(set(self.raw) - allowed)
        if unknown:
            raise self.fail(
                f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
            )

    def text(self, key: str, default: str | None = None) -> str:
        value = self.raw.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"'{key}' must be a non-empty string")
        return value.strip()

    def opt_text(self, key: str) -> str | None:
        return self.text(key) if key in self.raw else None

    def number(self, key: str, default: float | None) -> float | None:
        value = self.raw.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise self.fail(f"'{key}' must be a non-negative number")
        return float(value)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"'{key}' must be a list of strings")
        return tuple(str(v) for v in value)

    def when(self, key: str) -> dt.datetime:
        value = self.raw.get(key)
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise self.fail(
                f"'{key}' must be a TOML date-time with an offset (2025-01-10T08:00:00Z)"
            )
        return value.astimezone(dt.UTC)


def _credentials(entry: _Entry) -> Credentials:
    raw = entry.raw.get("credentials", {})
    creds = _Entry(raw, f"{entry.where}.credentials")
    creds.only(_CRED_KEYS)
    out = Credentials(**{k: creds.text(k) for k in _CRED_KEYS if k in creds.raw})
    if out.key and not out.cert:
        raise creds.fail("'key' needs 'cert'")
    return out


def _kind(entry: _Entry, default: CheckKind) -> CheckKind:
    name = entry.raw.get("kind", default.value)
    try:
        return CheckKind(str(name))
    except ValueError:
        kinds = ", ".join(k.value for k in CheckKind)
        raise entry.fail(f"unknown kind {name!r}; use one of {kinds}") from None


def _spec(entry: _Entry, default_kind: CheckKind, defaults: _Entry) -> CheckSpec:
    kind = _kind(entry, default_kind)
    entry.only(_KEYS[kind])
    site, name = entry.text("site"), entry.text("name")
    entry.where += f" ({site}/{name})"
    target = entry.text("target" if kind is CheckKind.TCP else "url")
    scheme = urlsplit(target).scheme.lower() if "://" in target else "tcp"
    if kind in {CheckKind.STORAGE, CheckKind.TPC} and scheme not in STORAGE_SCHEMES:
        raise entry.fail(f"url scheme {scheme!r} is not one of {', '.join(STORAGE_SCHEMES)}")
    http = prom = None
    if kind is CheckKind.HTTP:
        status = entry.raw.get("status", [200])
        codes = status if isinstance(status, list) else [status]
        ints = [c for c in codes if isinstance(c, int) and 100 <= c <= 599]
        if len(ints) != len(codes) or not ints:
            raise entry.fail("'status' must be an HTTP status code or a list of them")
        cert_days = entry.number("min_cert_days", None)
        http = HttpExpectation(
            status=tuple(ints),
            keyword=entry.opt_text("keyword"),
            json_path=entry.opt_text("json_path"),
            json_equals=entry.opt_text("json_equals"),
            min_cert_days=int(cert_days) if cert_days is not None else None,
        )
    if kind is CheckKind.PROMETHEUS_QUERY:
        allow = entry.raw.get("allow_empty", False)
        if not isinstance(allow, bool):
            raise entry.fail("'allow_empty' must be true or false")
        prom = PrometheusRule(
            query=entry.text("query"),
            fail_below=entry.number("fail_below", None),
            fail_above=entry.number("fail_above", None),
            allow_empty=allow,
        )
    if kind is CheckKind.PROMETHEUS_ALERTS:
        labels = _Entry(entry.raw.get("labels", {}), f"{entry.where}.labels")
        prom = PrometheusRule(
            alertname=entry.opt_text("alertname"),
            labels=tuple(sorted((k, labels.text(k)) for k in labels.raw)),
        )
    return CheckSpec(
        id=f"{site}/{name}",
        site=site,
        name=name,
        kind=kind,
        target=target,
        protocol=str(entry.raw.get("protocol", scheme)),
        qos=str(entry.raw.get("qos", "")),
        credentials=_credentials(entry),
        interval_s=entry.number("interval", defaults.number("interval", 300.0)) or 300.0,
        timeout_s=entry.number("timeout", defaults.number("timeout", 30.0)) or 30.0,
        dashboard=entry.opt_text("dashboard"),
        aliases=entry.texts("aliases"),
        http=http,
        prometheus=prom,
        tpc_destination=entry.text("destination") if kind is CheckKind.TPC else None,
    )


def parse_endpoints(doc: Mapping[str, object], source: str = "endpoints.toml") -> EndpointsConfig:
    """Turn the parsed TOML document into an EndpointsConfig."""
    top = _Entry(dict(doc), source)
    top.only({"defaults", "sites", "endpoint", "check", "downtime"})
    defaults = _Entry(doc.get("defaults", {}), f"{source}: [defaults]")
    defaults.only({"interval", "timeout"})
    aliases: dict[str, tuple[str, ...]] = {}
    dashboards: dict[str, str] = {}
    sites = _Entry(doc.get("sites", {}), f"{source}: [sites]")
    for site, raw in sites.raw.items():
        entry = _Entry(raw, f"{source}: [sites.{site}]")
        entry.only({"aliases", "dashboard"})
        aliases[site] = entry.texts("aliases")
        if "dashboard" in entry.raw:
            dashboards[site] = entry.text("dashboard")
    checks: list[CheckSpec] = []
    for table, kind in (("endpoint", CheckKind.STORAGE), ("check", CheckKind.HTTP)):
        items = doc.get(table, [])
        if not isinstance(items, list):
            raise EndpointsConfigError(f"{source}: use [[{table}]] for each entry")
        for i, raw in enumerate(items, 1):
            spec = _spec(_Entry(raw, f"{source}: [[{table}]] #{i}"), kind, defaults)
            if any(c.id == spec.id for c in checks):
                raise EndpointsConfigError(f"{source}: [[{table}]] #{i}: duplicate id {spec.id}")
            checks.append(spec)
    downtimes = []
    raw_downtimes = doc.get("downtime", [])
    if not isinstance(raw_downtimes, list):
        raise EndpointsConfigError(f"{source}: use [[downtime]] for each downtime")
    for i, raw in enumerate(raw_downtimes, 1):
        entry = _Entry(raw, f"{source}: [[downtime]] #{i}")
        entry.only({"site", "check", "start", "end", "reason"})
        start, end = entry.when("start"), entry.when("end")
        if end <= start:
            raise entry.fail("'end' must be after 'start'")
        site = entry.text("site")
        check = entry.opt_text("check")
        if check is not None and "/" not in check:
            check = f"{site}/{check}"
        reason = entry.text("reason") if "reason" in entry.raw else ""
        downtimes.append(Downtime(site, start, end, check, reason))
    return EndpointsConfig(tuple(checks), aliases, dashboards, tuple(downtimes))


def load_endpoints(path: Path) -> EndpointsConfig:
    """Read and parse an endpoints file."""
    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except OSError as exc:
        raise EndpointsConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise EndpointsConfigError(f"{path}: not valid TOML: {exc}") from exc
    return parse_endpoints(doc, str(path))

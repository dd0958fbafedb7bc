"""HTTP(S) checks: status, keyword, a value at a JSON path, days until the certificate expires."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import re
import ssl

import httpx

from wp2bot.adapters.probes.smoke import ProbeError, Step
from wp2bot.domain.health import HttpExpectation

_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def json_path(doc: object, path: str) -> object:
    """The value at a dotted path with list indexes (``data.result[0].value``)."""
    value = doc
    for key, index in _PATH_PART.findall(path):
        if index:
            if not isinstance(value, list) or int(index) >= len(value):
                raise ProbeError(f"JSON path {path}: no element [{index}]")
            value = value[int(index)]
        else:
            if not isinstance(value, dict) or key not in value:
                raise ProbeError(f"JSON path {path}: no key {key!r}")
            value = value[key]
    return value


async def certificate_expiry(host: str, port: int, context: ssl.SSLContext) -> dt.datetime:
    """When the server's (verified) certificate expires."""
    _reader, writer = await asyncio.open_connection(host, port, ssl=context, server_hostname=host)
    try:
        ssl_object = writer.get_extra_info("ssl_object")
        cert = ssl_object.getpeercert() if ssl_object is not None else None
    finally:
        writer.close()
        # wait for the TLS close to finish: a transport left closing is collected unclosed later
        with contextlib.suppress(OSError, TimeoutError):
            async with asyncio.timeout(2):
                await writer.wait_closed()
    if not cert or "notAfter" not in cert:
        raise ProbeError("the server presented no certificate")
    not_after = ssl.cert_time_to_seconds(str(cert["notAfter"]))
    return dt.datetime.fromtimestamp(not_after, dt.UTC)


def http_steps(
    client: httpx.AsyncClient,
    url: str,
    expect: HttpExpectation,
    context: ssl.SSLContext,
    now: dt.datetime,
) -> list[tuple[str, Step]]:
    """The stages of one HTTP check, in order; later ones read the first one's answer."""
    got: list[httpx.Response] = []

    async def request() -> None:
        resp = await client.get(url)
        got.append(resp)
        if resp.status_code not in expect.status:
            wanted = "/".join(str(s) for s in expect.status)
            raise ProbeError(f"HTTP {resp.status_code}, expected {wanted}")

    async def keyword() -> None:
        if expect.keyword and expect.keyword not in got[0].text:
            raise ProbeError(f"keyword {expect.keyword!r} not in the answer")

    async def json_value() -> None:
        try:
            doc = json.loads(got[0].content)
        except ValueError as exc:
            raise ProbeError(f"answer is not JSON: {exc}") from exc
        value = json_path(doc, expect.json_path or "")
        if expect.json_equals is not None and str(value) != expect.json_equals:
            raise ProbeError(f"{expect.json_path} is {value!r}, expected {expect.json_equals!r}")

    async def certificate() -> None:
        parts = httpx.URL(url)
        expires = await certificate_expiry(parts.host, parts.port or 443, context)
        days = (expires - now).days
        if expect.min_cert_days is not None and days < expect.min_cert_days:
            raise ProbeError(f"certificate expires in {days} days ({expires:%Y-%m-%d})")

    steps: list[tuple[str, Step]] = [("request", request)]
    if expect.keyword:
        steps.append(("keyword", keyword))
    if expect.json_path:
        steps.append(("json", json_value))
    if expect.min_cert_days is not None and url.lower().startswith("https:"):
        steps.append(("certificate", certificate))
    return steps

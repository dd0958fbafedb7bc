"""What a one-shot probe process pays for before its first request: no optional packages of the
HTTP stack, no CA store for a plain-HTTP endpoint unless it sends the probe to https://."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys

import certifi
import httpx

from wp2bot.adapters.probes.registry import ProbeRunner, storage_spec
from wp2bot.clock import FrozenClock
from wp2bot.domain.health import Credentials

CLOCK = FrozenClock(dt.datetime(2031, 3, 3, 9, 0, tzinfo=dt.UTC))

LEAN_IMPORT = """
import importlib.util, sys
from wp2bot.adapters.http_imports import import_http_client
import_http_client()
import certifi
import httpx
print(" ".join(n for n in ("httpx", "httpcore", "trio", "rich", "pygments") if n in sys.modules))
print(callable(httpx.AsyncClient))
if importlib.util.find_spec("trio") is None:
    print("absent")
else:
    import trio
    print(trio.__name__)
"""


def test_the_http_client_imports_without_trio_and_httpx_s_own_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-c", LEAN_IMPORT], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0].split() == ["httpx", "httpcore"]
    assert out[1] == "True"
    assert out[2] in {"trio", "absent"}  # hidden only while httpx and httpcore import


class MiniDavHandler:
    """A WebDAV server in a MockTransport: enough for the smoke test's stages; an ``http://``
    request to ``moved/`` is sent on to the same path over ``https://``."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.schemes: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.schemes.append(request.url.scheme)
        path = request.url.path
        if request.url.scheme == "http" and path.startswith("/moved/"):
            return httpx.Response(
                307, headers={"Location": str(request.url.copy_with(scheme="https"))}
            )
        if request.method == "PROPFIND":
            body = '<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"></D:multistatus>'
            return httpx.Response(207, text=body)
        if request.method == "MKCOL":
            return httpx.Response(201)
        if request.method == "PUT":
            self.files[path] = request.content
            return httpx.Response(201)
        if request.method == "GET":
            return httpx.Response(200, content=self.files.get(path, b""))
        if request.method == "HEAD":
            return httpx.Response(200)
        return httpx.Response(204)


def probe(url: str, creds: Credentials | None = None) -> tuple[ProbeRunner, MiniDavHandler]:
    handler = MiniDavHandler()
    runner = ProbeRunner(CLOCK, transport=httpx.MockTransport(handler))
    result = asyncio.run(runner(storage_spec(url, creds, timeout_s=10)))
    assert result.ok, result.stages
    return runner, handler


def test_a_plain_http_probe_never_loads_the_ca_store() -> None:
    runner, handler = probe("dav://dav.example.org/base/")
    assert set(handler.schemes) == {"http"}
    assert not runner._deferred.loaded
    assert runner._contexts == {}  # no verifying context was built either


def test_a_redirect_to_https_loads_the_ca_store_before_the_tls_request() -> None:
    runner, handler = probe("http://dav.example.org/moved/")
    assert "https" in handler.schemes
    assert runner._deferred.loaded
    assert runner._contexts == {}


def test_an_https_probe_loads_its_context_up_front() -> None:
    runner, _ = probe("davs://dav.example.org/base/")
    assert list(runner._contexts) == [Credentials()]
    assert not runner._deferred.loaded


def test_a_configured_ca_is_loaded_and_checked_up_front_even_for_plain_http() -> None:
    creds = Credentials(ca=certifi.where())
    runner, _ = probe("http://dav.example.org/base/", creds)
    assert list(runner._contexts) == [creds]
    assert not runner._deferred.loaded

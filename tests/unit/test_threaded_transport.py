"""The threaded transport of one-shot probes against a real HTTP server on loopback: the same
answers and errors as httpx's asyncio transport, and a deadline that still cuts a request short."""

from __future__ import annotations

import asyncio
import gzip
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from wp2bot.adapters.probes.threaded_transport import ThreadedTransport


class Handler(BaseHTTPRequestHandler):
    """``/gzip`` answers a gzip-encoded body, ``/slow`` waits two seconds, PUT echoes its body
    back with 201 and a reason phrase of its own; everything else answers 404."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def _answer(self, code: int, body: bytes, reason: str | None = None, **headers: str) -> None:
        self.send_response(code, reason)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/gzip":
            self._answer(200, gzip.compress(b"squeezed " * 50), Content_Encoding="gzip")
        elif self.path == "/slow":
            time.sleep(2)
            self._answer(200, b"late")
        else:
            self._answer(404, b"no such thing")

    def do_PUT(self) -> None:
        if self.headers.get("Transfer-Encoding") == "chunked":
            self._answer(400, b"chunked bodies are not read here")
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._answer(201, body, "Stored Well")


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def client() -> httpx.AsyncClient:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return httpx.AsyncClient(transport=ThreadedTransport(context), timeout=5)


async def test_a_body_goes_out_and_the_answer_comes_back_with_its_reason(base_url: str) -> None:
    async with client() as http:
        resp = await http.put(f"{base_url}/file", content=b"payload")
    assert (resp.status_code, resp.reason_phrase, resp.content) == (201, "Stored Well", b"payload")
    assert resp.http_version == "HTTP/1.1"


async def test_an_encoded_answer_is_decoded_once(base_url: str) -> None:
    async with client() as http:
        resp = await http.get(f"{base_url}/gzip")
    assert resp.content == b"squeezed " * 50
    assert resp.headers["Content-Encoding"] == "gzip"


async def test_an_async_body_is_read_before_it_is_sent(base_url: str) -> None:
    async def parts() -> AsyncIterator[bytes]:
        for part in (b"one ", b"two"):
            yield part

    async with client() as http:
        resp = await http.put(f"{base_url}/file", content=parts(), headers={"Content-Length": "7"})
    assert resp.content == b"one two"


async def test_a_refused_connection_is_httpx_s_connect_error() -> None:
    async with client() as http:
        with pytest.raises(httpx.ConnectError):
            await http.get("http://127.0.0.1:9/")  # discard port: nobody listens on loopback


async def test_the_deadline_cuts_a_slow_request_short_and_the_client_goes_on(
    base_url: str,
) -> None:
    async with client() as http:
        start = time.perf_counter()
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.3):
                await http.get(f"{base_url}/slow")
        assert time.perf_counter() - start < 1.0
        assert (await http.get(f"{base_url}/missing")).status_code == 404


ONE_SHOT = """
import asyncio, ssl, sys, httpx
from wp2bot.adapters.probes.threaded_transport import ThreadedTransport

async def main():
    transport = ThreadedTransport(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
    async with httpx.AsyncClient(transport=transport, timeout=10) as http:
        try:
            async with asyncio.timeout(0.3):
                await http.get(sys.argv[1])
        except TimeoutError:
            print("timed out")
    print("anyio backend loaded:", "anyio._backends._asyncio" in sys.modules)

asyncio.run(main())
"""


def test_a_process_exits_at_its_deadline_without_waiting_for_the_request_or_anyio(
    base_url: str,
) -> None:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", ONE_SHOT, f"{base_url}/slow"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout.splitlines()
    assert out == ["timed out", "anyio backend loaded: False"]
    assert time.perf_counter() - start < 1.8  # the slow answer comes after 2 s

"""Test servers: the real ones from scripts/servers/ (once per session) and small local ones.

``servers`` is a session fixture: it runs scripts/servers/all-up.sh in a fresh directory,
parses the env file it writes, and runs all-down.sh at the end. It skips only when the
server binaries are missing (scripts/servers/install.sh installs them; CI does).
``MiniDav`` is a tiny asyncio WebDAV dialect for failure cases no real server produces on
demand (a wrong checksum) and for the benchmark; ``BlackHole`` accepts and never answers;
``SlowRelay`` passes a real server's bytes on, its first answer per connection held back.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts" / "servers"
BINARIES = ("xrootd", "xrdfs", "nginx", "prometheus", "promtool", "curl", "openssl")
DAV_EXT = Path("/usr/lib/nginx/modules/ngx_http_dav_ext_module.so")


@dataclass(frozen=True)
class Servers:
    """URLs and paths of the running test servers (the keys of servers.env)."""

    env: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.env[key]


def parse_env(text: str) -> dict[str, str]:
    """KEY=VALUE lines."""
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() and not key.startswith("#"):
            out[key.strip()] = value.strip()
    return out


def missing_binaries() -> list[str]:
    """Server binaries that are not installed."""
    missing = [b for b in BINARIES if shutil.which(b) is None]
    if not DAV_EXT.exists():
        missing.append(str(DAV_EXT))
    return missing


@pytest.fixture(scope="session")
def servers() -> Iterator[Servers]:
    """XRootD x2, nginx WebDAV and Prometheus on loopback for the whole session."""
    missing = missing_binaries()
    if missing:
        pytest.skip(
            f"test servers not installed ({', '.join(missing)}): run scripts/servers/install.sh"
        )
    # xrootd drops to its own user: every parent of its files must be world-traversable,
    # which pytest's private tmp directories are not
    state = Path(tempfile.mkdtemp(prefix="wp2bot-servers-"))
    state.chmod(0o755)
    env = {**os.environ, "WP2BOT_SERVERS_DIR": str(state), "PYTHON": sys.executable}
    up = subprocess.run(
        ["bash", str(SCRIPTS / "all-up.sh")],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    try:
        if up.returncode != 0:
            pytest.fail(f"all-up.sh failed:\n{up.stdout}\n{up.stderr}")
        yield Servers(parse_env((state / "servers.env").read_text()))
    finally:
        subprocess.run(
            ["bash", str(SCRIPTS / "all-down.sh")],
            check=False,
            env=env,
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(state, ignore_errors=True)


@dataclass
class MiniDav:
    """A minimal WebDAV server on 127.0.0.1 (PROPFIND, MKCOL, PUT, GET, HEAD, DELETE).

    ``digest``: "right" answers Want-Digest with the true adler32, "wrong" with a bad one,
    None sends no Digest. Every request's Authorization header is kept in ``auth_seen``.
    """

    digest: str | None = "right"
    files: dict[str, bytes] = field(default_factory=dict)
    dirs: set[str] = field(default_factory=lambda: {"/"})
    auth_seen: list[str] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    async def start(self) -> MiniDav:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def _propfind(self, path: str, depth: str) -> tuple[int, dict[str, str], bytes]:
        key = path.rstrip("/") or "/"
        if key not in self.dirs and key not in self.files:
            return 404, {}, b""
        entries = [key]
        if depth == "1" and key in self.dirs:
            prefix = key.rstrip("/") + "/"
            names = [*self.dirs, *self.files]
            entries += [n for n in names if n.startswith(prefix) and "/" not in n[len(prefix) :]]
        parts = []
        for e in entries:
            col = "<D:collection/>" if e in self.dirs else ""
            href = e + "/" if e in self.dirs and e != "/" else e
            parts.append(
                f"<D:response><D:href>{href}</D:href><D:propstat><D:prop>"
                f"<D:resourcetype>{col}</D:resourcetype></D:prop></D:propstat></D:response>"
            )
        body = '<?xml version="1.0"?><D:multistatus xmlns:D="DAV:">' + "".join(parts)
        return 207, {"Content-Type": "application/xml"}, (body + "</D:multistatus>").encode()

    def answer(self, method: str, path: str, headers: dict[str, str], body: bytes):
        key = path.rstrip("/") or "/"
        if method == "PROPFIND":
            return self._propfind(path, headers.get("depth", "0"))
        if method == "MKCOL":
            self.dirs.add(key)
            return 201, {}, b""
        if method == "PUT":
            self.files[key] = body
            return 201, {}, b""
        if method in {"GET", "HEAD"}:
            if key not in self.files:
                return 404, {}, b""
            data = self.files[key]
            extra = {}
            if "want-digest" in headers and self.digest is not None:
                value = zlib.adler32(data) if self.digest == "right" else zlib.adler32(data) ^ 1
                extra["Digest"] = f"adler32={value:08x}"
            return 200, extra, data if method == "GET" else b""
        if method == "DELETE":
            if key in self.files:
                del self.files[key]
            elif key in self.dirs:
                self.dirs.discard(key)
            else:
                return 404, {}, b""
            return 204, {}, b""
        return 405, {}, b""

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    k, _, v = line.partition(":")
                    if k:
                        headers[k.strip().lower()] = v.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                self.auth_seen.append(headers.get("authorization", ""))
                status, extra, payload = self.answer(method, path, headers, body)
                length = (
                    len(self.files.get(path.rstrip("/"), b"")) if method == "HEAD" else len(payload)
                )
                out = [f"HTTP/1.1 {status} X", f"Content-Length: {length}"]
                out += [f"{k}: {v}" for k, v in extra.items()]
                writer.write(("\r\n".join(out) + "\r\n\r\n").encode() + payload)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass  # the client hung up, or the server is shutting down
        finally:
            writer.close()


@dataclass
class BlackHole:
    """A listener that accepts connections and never sends a byte (a hung server)."""

    port: int = 0
    _server: asyncio.Server | None = None
    _held: list[asyncio.StreamWriter] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    async def start(self) -> BlackHole:
        async def hold(_r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
            self._held.append(w)  # keep it open, say nothing

        self._server = await asyncio.start_server(hold, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        for w in self._held:
            w.close()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


@dataclass
class SlowRelay:
    """A TCP relay to a real server that holds back the server's first answer on each
    connection for ``delay_s`` (a slow but working server), then passes bytes both ways."""

    upstream_host: str
    upstream_port: int
    delay_s: float
    port: int = 0
    _server: asyncio.Server | None = None
    _open: list[asyncio.StreamWriter] = field(default_factory=list)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def start(self) -> SlowRelay:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_r, up_w = await asyncio.open_connection(self.upstream_host, self.upstream_port)
        except OSError:
            writer.close()
            return
        self._open += [writer, up_w]
        if (task := asyncio.current_task()) is not None:
            self._tasks.append(task)

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter, late: bool) -> None:
            try:
                while chunk := await src.read(65536):
                    if late:
                        await asyncio.sleep(self.delay_s)
                        late = False
                    dst.write(chunk)
                    await dst.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass  # either side hung up, or the relay is stopping
            finally:
                dst.close()

        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(pipe(reader, up_w, False), pipe(up_r, writer, True))

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for w in self._open:
                w.close()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            await self._server.wait_closed()

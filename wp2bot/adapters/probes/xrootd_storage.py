"""The smoke test's storage operations over root:// with the XRootD Python bindings.

The bindings are untyped; they stay in this module. Their asynchronous form (a callback run
on XRootD's own thread) is bridged to asyncio futures, so a sweep over many endpoints needs
no thread per probe and a hung server cannot exhaust a thread pool.

The client retries a refused connection until the operation's timeout runs out, so a closed
port would look like a slow server: the first stage opens one TCP connection first and fails
at once, naming the address, when nothing listens there.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from XRootD import client as _client_module
from XRootD.client.flags import MkDirFlags, OpenFlags, QueryCode

from wp2bot.adapters.probes.schemes import XROOTD_SCHEMES as SCHEMES
from wp2bot.adapters.probes.smoke import ProbeError, Unsupported
from wp2bot.adapters.probes.tcp_check import tcp_connect

# the bindings' classes are untyped C extensions: handle them as Any, only in this module
_XRD: Any = _client_module
DEFAULT_PORT = 1094  # XRootD's registered port, for URLs that name none


def split_url(url: str) -> tuple[str, str]:
    """``root://host:port//base/path/`` -> (``root://host:port``, ``/base/path``)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise ValueError(f"not an XRootD URL: {url}")
    path = "/" + parts.path.lstrip("/")
    return f"{parts.scheme}://{parts.netloc}", path.rstrip("/") or "/"


def _message(status: Any) -> str:
    """XRootD's status text without its trailing newline."""
    return " ".join(str(status.message).split())


class XRootDSession:
    """Storage operations under a base path of one XRootD endpoint."""

    def __init__(self, url: str, timeout_s: float) -> None:
        self._server, self._base = split_url(url)
        self._fs: Any = _XRD.FileSystem(self._server)
        self._timeout = max(1, int(timeout_s))
        self._connect_timeout = timeout_s

    def _path(self, path: str) -> str:
        return f"{self._base.rstrip('/')}/{path.lstrip('/')}"

    async def _call(self, what: str, fn: Callable[..., Any], *args: Any) -> Any:
        """Run one asynchronous XRootD call and return its response; raise on error."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[tuple[Any, Any]] = loop.create_future()

        def _resolve(result: tuple[Any, Any]) -> None:
            if not fut.done():
                fut.set_result(result)

        def _done(status: Any, response: Any, _hosts: Any) -> None:
            loop.call_soon_threadsafe(_resolve, (status, response))

        started = fn(*args, callback=_done, timeout=self._timeout)
        if started is not None and not started.ok:
            _resolve((started, None))
        status, response = await fut
        if not status.ok:
            raise ProbeError(f"{what}: {_message(status)}")
        return response

    async def reachable(self) -> None:
        """Open and close one TCP connection to the server; ProbeError when it fails."""
        parts = urlsplit(self._server)
        host, port = parts.hostname or "", parts.port or DEFAULT_PORT
        try:
            await tcp_connect(host, port, self._connect_timeout)
        except ConnectionRefusedError:
            raise ProbeError(f"connect {host}:{port}: connection refused") from None
        except OSError as exc:  # no route, an unknown host name
            reason = exc.strerror or str(exc) or type(exc).__name__
            raise ProbeError(f"connect {host}:{port}: {reason}") from None

    async def stat_base(self) -> None:
        """stat the base path, once the server is known to accept connections."""
        await self.reachable()
        await self._call(f"stat {self._base}", self._fs.stat, self._base)

    async def list_base(self) -> list[str]:
        """dirlist of the base path."""
        listing = await self._call(f"dirlist {self._base}", self._fs.dirlist, self._base)
        return [str(entry.name) for entry in listing]

    async def remove_dir(self, name: str) -> None:
        """Remove the files of a directory, then the directory."""
        path = self._path(name)
        for entry in await self._call(f"dirlist {path}", self._fs.dirlist, path):
            await self.delete(f"{name}/{entry.name}")
        await self.rmdir(name)

    async def mkdir(self, name: str) -> None:
        """mkdir (with parents)."""
        path = self._path(name)
        await self._call(f"mkdir {path}", self._fs.mkdir, path, MkDirFlags.MAKEPATH)

    async def upload(self, path: str, data: bytes) -> None:
        """open(new) + write + close."""
        full = self._path(path)
        f: Any = _XRD.File()
        await self._call(f"open {full}", f.open, f"{self._server}/{full}", OpenFlags.NEW)
        try:
            await self._call(f"write {full}", f.write, data)
        finally:
            await self._call(f"close {full}", f.close)

    async def download(self, path: str) -> bytes:
        """open(read) + stat + read + close.

        The size is asked for first: without one, the bindings' read stats the file
        synchronously (blocking the event loop for up to the timeout) and crash the process
        when that stat fails.
        """
        full = self._path(path)
        f: Any = _XRD.File()
        await self._call(f"open {full}", f.open, f"{self._server}/{full}", OpenFlags.READ)
        try:
            size = int((await self._call(f"stat {full}", f.stat, True)).size)
            data = await self._call(f"read {full}", f.read, 0, size) if size else b""
        finally:
            await self._call(f"close {full}", f.close)
        return bytes(data)

    async def adler32(self, path: str) -> str:
        """The server's checksum query, asking for adler32."""
        full = self._path(path)
        raw = await self._call(
            f"checksum {full}", self._fs.query, QueryCode.CHECKSUM, f"{full}?cks.type=adler32"
        )
        text = bytes(raw).rstrip(b"\x00").decode("ascii", "replace").split()
        if len(text) != 2 or text[0].lower() != "adler32":
            raise Unsupported(f"the server answered {' '.join(text)!r}, not an adler32")
        return text[1]

    async def delete(self, path: str) -> None:
        """rm a file."""
        full = self._path(path)
        await self._call(f"rm {full}", self._fs.rm, full)

    async def rmdir(self, name: str) -> None:
        """rmdir."""
        full = self._path(name)
        await self._call(f"rmdir {full}", self._fs.rmdir, full)

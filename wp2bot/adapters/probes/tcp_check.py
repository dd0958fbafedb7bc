"""TCP reachability: a connection to host:port opens within the timeout."""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import urlsplit


def host_port(target: str, default_port: int | None = None) -> tuple[str, int]:
    """``host:port``, ``[v6]:port`` or ``tcp://host:port`` -> (host, port)."""
    parts = urlsplit(target if "://" in target else f"tcp://{target}")
    port = parts.port or default_port
    if not parts.hostname or port is None:
        raise ValueError(f"need host:port, got {target!r}")
    return parts.hostname, port


async def tcp_connect(host: str, port: int, timeout_s: float) -> None:
    """Open and close one connection; raises OSError or TimeoutError."""
    async with asyncio.timeout(timeout_s):
        _reader, writer = await asyncio.open_connection(host, port)
    writer.close()
    # the peer hanging up first is still a successful reachability check
    with contextlib.suppress(OSError):
        await writer.wait_closed()

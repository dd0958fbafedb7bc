"""Where a Mattermost server is: scheme, host, port and TLS trust, parsed from its site URL."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """Where the server is: scheme, host, port, and TLS trust."""

    scheme: str
    host: str
    port: int
    ca_file: str | None = None
    verify: bool = True  # False only for a throw-away test server

    @classmethod
    def parse(cls, url: str, ca_file: str | None = None, verify: bool = True) -> ServerAddress:
        """From a site URL such as ``https://chat.example.org`` (no sub-path)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"Mattermost URL must be http(s)://host[:port], got {url!r}")
        if parts.path not in ("", "/"):
            raise ValueError("Mattermost on a sub-path is not supported; give the site root URL")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return cls(parts.scheme, parts.hostname, port, ca_file or None, verify)

    def ssl_context(self) -> ssl.SSLContext | None:
        """The client TLS context (system trust, or the configured CA file); None for http."""
        if self.scheme != "https":
            return None
        context = ssl.create_default_context(cafile=self.ca_file)
        if not self.verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    @property
    def websocket_url(self) -> str:
        """The websocket endpoint."""
        scheme = "wss" if self.scheme == "https" else "ws"
        return f"{scheme}://{self.host}:{self.port}/api/v4/websocket"

"""Storage operations of the smoke test over HTTP(S)/WebDAV with httpx (XrdHttp, dCache, nginx)."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx

from wp2bot.adapters.probes.schemes import HTTP_SCHEMES
from wp2bot.adapters.probes.smoke import ProbeError, Unsupported

DAV = "{DAV:}"
_PROPFIND = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>'
)


def http_url(url: str) -> str:
    """``davs://`` -> ``https://``, ``dav://`` -> ``http://``; others unchanged."""
    parts = urlsplit(url)
    scheme = HTTP_SCHEMES.get(parts.scheme.lower())
    if scheme is None:
        raise ValueError(f"not an HTTP/WebDAV URL: {url}")
    return urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, ""))


def parse_digest(header: str | None, algorithm: str = "adler32") -> str | None:
    """The value for ``algorithm`` in an RFC 3230 ``Digest`` header, or None."""
    if not header:
        return None
    for item in header.split(","):
        name, sep, value = item.strip().partition("=")
        if sep and name.strip().lower() == algorithm:
            return value.strip()
    return None


def _check(resp: httpx.Response, what: str, ok: set[int]) -> None:
    """Raise ProbeError with method, path and status unless the status is expected."""
    if resp.status_code not in ok:
        reason = resp.reason_phrase or ""
        raise ProbeError(f"{what}: HTTP {resp.status_code} {reason}".rstrip())


class HttpStorageSession:
    """Storage operations relative to a base URL, through an httpx client passed in."""

    def __init__(self, client: httpx.AsyncClient, base_url: str) -> None:
        self._client = client
        self._base = http_url(base_url).rstrip("/") + "/"
        self._base_path = urlsplit(self._base).path

    def _url(self, path: str) -> str:
        return self._base + path.lstrip("/")

    async def _propfind(self, path: str, depth: str) -> httpx.Response:
        return await self._client.request(
            "PROPFIND",
            self._url(path),
            headers={"Depth": depth, "Content-Type": "application/xml"},
            content=_PROPFIND,
        )

    async def stat_base(self) -> None:
        """PROPFIND the base path (Depth 0)."""
        resp = await self._propfind("", "0")
        _check(resp, f"PROPFIND {self._base_path}", {207})

    async def _children(self, path: str) -> list[tuple[str, bool]]:
        """(name, is_collection) of the entries directly under ``path``."""
        resp = await self._propfind(path, "1")
        _check(resp, f"PROPFIND {self._base_path}{path}", {207})
        try:
            root = ET.fromstring(resp.content)  # noqa: S314 - a storage server we chose to probe
        except ET.ParseError as exc:
            raise ProbeError(f"PROPFIND answer is not XML: {exc}") from exc
        own = unquote(urlsplit(self._url(path)).path).rstrip("/")
        found = []
        for item in root.iter(f"{DAV}response"):
            href = unquote(urlsplit(item.findtext(f"{DAV}href", "")).path).rstrip("/")
            if not href or href == own:
                continue
            is_dir = item.find(f".//{DAV}resourcetype/{DAV}collection") is not None
            found.append((posixpath.basename(href), is_dir))
        return found

    async def list_base(self) -> list[str]:
        """PROPFIND Depth 1 on the base path."""
        return [name for name, _ in await self._children("")]

    async def remove_dir(self, name: str) -> None:
        """Delete the files of a directory, then the directory (XrdHttp refuses non-empty ones)."""
        for child, is_dir in await self._children(name + "/"):
            if not is_dir:
                await self.delete(f"{name}/{child}")
        await self.rmdir(name)

    async def mkdir(self, name: str) -> None:
        """MKCOL with the trailing slash nginx insists on."""
        resp = await self._client.request("MKCOL", self._url(name + "/"))
        _check(resp, f"MKCOL {self._base_path}{name}/", {200, 201})

    async def upload(self, path: str, data: bytes) -> None:
        """PUT (XrdHttp 5.5 answers 200, others 201 or 204)."""
        resp = await self._client.put(self._url(path), content=data)
        _check(resp, f"PUT {self._base_path}{path}", {200, 201, 204})

    async def download(self, path: str) -> bytes:
        """GET."""
        resp = await self._client.get(self._url(path))
        _check(resp, f"GET {self._base_path}{path}", {200})
        return resp.content

    async def adler32(self, path: str) -> str:
        """HEAD with ``Want-Digest: adler32`` (RFC 3230); no Digest in the answer = unsupported."""
        resp = await self._client.head(self._url(path), headers={"Want-Digest": "adler32"})
        _check(resp, f"HEAD {self._base_path}{path}", {200})
        value = parse_digest(resp.headers.get("Digest"))
        if value is None:
            raise Unsupported("the server sent no adler32 Digest (RFC 3230)")
        return value

    async def delete(self, path: str) -> None:
        """DELETE a file."""
        resp = await self._client.delete(self._url(path))
        _check(resp, f"DELETE {self._base_path}{path}", {200, 204})

    async def rmdir(self, name: str) -> None:
        """DELETE a directory (with the trailing slash nginx insists on)."""
        resp = await self._client.delete(self._url(name + "/"))
        _check(resp, f"DELETE {self._base_path}{name}/", {200, 204})

"""HTTP third-party copy (WLCG HTTP-TPC): a COPY with Source (pull) or Destination (push)."""

from __future__ import annotations

import httpx

from wp2bot.adapters.probes.http_storage import http_url
from wp2bot.adapters.probes.smoke import ProbeError


def tpc_outcome(body: str) -> tuple[bool, str]:
    """The verdict in a COPY answer's body: its last non-empty line, "success: ..." or
    "failure: ...". XrdHttpTPC answers 201 at once and streams performance markers, so the
    status code says nothing about the transfer."""
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    last = lines[-1] if lines else ""
    if last.lower().startswith("success"):
        return True, last
    if last.lower().startswith("failure"):
        return False, last
    return False, f"no success/failure line in the answer: {last[:200]!r}"


async def third_party_copy(
    client: httpx.AsyncClient,
    source: str,
    destination: str,
    mode: str = "pull",
    transfer_headers: dict[str, str] | None = None,
) -> str:
    """Ask one endpoint to copy a file to or from the other; returns the success line.

    ``pull`` sends COPY to the destination with ``Source:``; ``push`` sends it to the source
    with ``Destination:``. ``transfer_headers`` go to the remote side through the
    ``TransferHeader`` prefix (e.g. a token for the other endpoint).
    """
    src, dst = http_url(source), http_url(destination)
    headers = {f"TransferHeader{k}": v for k, v in (transfer_headers or {}).items()}
    if mode == "pull":
        target, headers["Source"] = dst, src
    elif mode == "push":
        target, headers["Destination"] = src, dst
    else:
        raise ValueError("mode must be 'pull' or 'push'")
    resp = await client.request("COPY", target, headers=headers)
    if resp.status_code >= 300:
        raise ProbeError(f"COPY: HTTP {resp.status_code} {resp.reason_phrase}".rstrip())
    ok, line = tpc_outcome(resp.text)
    if not ok:
        raise ProbeError(f"COPY: {line}")
    return line

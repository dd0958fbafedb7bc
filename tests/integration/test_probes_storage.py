"""Storage smoke tests against real XRootD and nginx WebDAV servers, and the failure cases."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.integration.servers import BlackHole, MiniDav, Servers, SlowRelay
from wp2bot.adapters.probes.registry import ProbeRunner, storage_spec
from wp2bot.adapters.probes.smoke import LEFTOVER_AGE_S, PREFIX, ProbeError, local_adler32
from wp2bot.adapters.probes.tpc import third_party_copy
from wp2bot.clock import FrozenClock, SystemClock
from wp2bot.domain.health import CheckKind, CheckSpec, Credentials, ProbeResult, StageStatus

pytestmark = pytest.mark.integration
ALL = ["stat", "cleanup", "mkdir", "upload", "download", "checksum", "delete"]


def statuses(result: ProbeResult) -> dict[str, str]:
    return {s.name: s.status.value for s in result.stages}


async def probe(
    url: str, creds: Credentials | None = None, timeout: float = 10.0, *, threaded: bool = False
) -> ProbeResult:
    runner = ProbeRunner(SystemClock(), threaded_http=threaded)
    return await runner(storage_spec(url, creds, timeout))


@pytest.fixture(params=[False, True], ids=["asyncio", "threaded"])
def threaded(request: pytest.FixtureRequest) -> bool:
    """Both HTTP transports: the bot's asyncio one, and the threads of ``wp2bot probe URL``."""
    return bool(request.param)


def ca(servers: Servers) -> Credentials:
    return Credentials(ca=servers["SERVERS_CA_FILE"])


async def test_xrootd_root_protocol_passes_every_stage(servers: Servers) -> None:
    result = await probe(servers["XRD1_ROOT_URL"] + "//")
    assert [s.name for s in result.stages] == ALL
    assert statuses(result) == dict.fromkeys(ALL, "pass"), result.stages
    assert result.ok


@pytest.mark.parametrize("scheme", ["https", "davs"])
async def test_xrootd_https_with_ca_file_passes_with_checksum(
    servers: Servers, scheme: str, threaded: bool
) -> None:
    url = servers["XRD1_HTTPS_URL"].replace("https", scheme, 1) + "/"
    result = await probe(url, ca(servers), threaded=threaded)
    assert statuses(result) == dict.fromkeys(ALL, "pass"), result.stages


async def test_ca_directory_and_client_certificate_are_accepted(
    servers: Servers, threaded: bool
) -> None:
    pki = Path(servers["SERVERS_CA_FILE"]).parent
    creds = Credentials(
        ca=servers["SERVERS_CA_DIR"], cert=str(pki / "host.pem"), key=str(pki / "host.key")
    )
    result = await probe(servers["XRD2_HTTPS_URL"] + "/", creds, threaded=threaded)
    assert result.ok, result.stages


async def test_nginx_has_no_digest_so_checksum_is_skipped_not_failed(
    servers: Servers, threaded: bool
) -> None:
    result = await probe(servers["NGINX_DAV_URL"] + "/", threaded=threaded)
    checksum = next(s for s in result.stages if s.name == "checksum")
    assert checksum.status is StageStatus.SKIPPED
    assert (checksum.error or "").startswith("unsupported")
    assert statuses(result)["delete"] == "pass"
    assert result.ok


async def test_untrusted_certificate_fails_stat_and_skips_the_rest(
    servers: Servers, threaded: bool
) -> None:
    result = await probe(servers["XRD1_HTTPS_URL"] + "/", threaded=threaded)
    assert statuses(result)["stat"] == "fail"
    assert "CERTIFICATE_VERIFY_FAILED" in (result.stages[0].error or "")
    assert [s.status for s in result.stages[1:]] == [StageStatus.SKIPPED] * 6
    assert not result.ok


async def test_forbidden_path_fails_with_403(servers: Servers, threaded: bool) -> None:
    result = await probe(servers["NGINX_DAV_URL"] + "/forbidden/", threaded=threaded)
    assert statuses(result)["stat"] == "fail"
    assert "HTTP 403" in (result.stages[0].error or "")


@pytest.mark.parametrize("which", ["NGINX_DAV_URL", "XRD1_HTTPS_URL", "XRD1_ROOT_URL"])
async def test_read_only_path_fails_at_mkdir(servers: Servers, which: str) -> None:
    base = servers[which]
    url = base + ("//ro/" if base.startswith("root") else "/ro/")
    result = await probe(url, ca(servers))
    got = statuses(result)
    assert (got["stat"], got["mkdir"]) == ("pass", "fail"), result.stages
    assert got["upload"] == got["delete"] == "skipped"
    assert "403" in (result.stages[2].error or "") or "permission denied" in (
        result.stages[2].error or ""
    )


async def test_wrong_checksum_fails_the_checksum_stage() -> None:
    dav = await MiniDav(digest="wrong").start()
    try:
        result = await probe(dav.url)
    finally:
        await dav.stop()
    got = statuses(result)
    assert (got["download"], got["checksum"]) == ("pass", "fail")
    assert "adler32 mismatch" in (result.error or "")
    assert got["delete"] == "skipped"
    assert not any(n.startswith(PREFIX) for n in [*dav.files, *dav.dirs]), "teardown left files"


async def test_bearer_token_is_read_from_its_file(tmp_path: Path, threaded: bool) -> None:
    token = tmp_path / "token"
    token.write_text("eyJ.test.token\n")
    dav = await MiniDav().start()
    try:
        result = await probe(dav.url, Credentials(token_file=str(token)), threaded=threaded)
    finally:
        await dav.stop()
    assert result.ok
    assert set(dav.auth_seen) == {"Bearer eyJ.test.token"}


async def test_listener_that_never_answers_times_out_in_about_the_timeout(threaded: bool) -> None:
    hole = await BlackHole().start()
    t0 = time.perf_counter()
    try:
        result = await probe(hole.url, timeout=1.0, threaded=threaded)
    finally:
        await hole.stop()
    elapsed = time.perf_counter() - t0
    assert 0.9 < elapsed < 1.6
    assert statuses(result)["stat"] == "fail"
    assert "timed out" in (result.stages[0].error or "")
    assert [s.status for s in result.stages[1:]] == [StageStatus.SKIPPED] * 6


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port bound by nobody listening: connections to it are refused."""
    with socket.socket() as held:  # bound, never listening: no other test can take the port
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


@pytest.mark.parametrize("scheme", ["root", "roots"])
async def test_closed_xrootd_port_fails_at_once_naming_the_address(
    closed_port: int, scheme: str
) -> None:
    t0 = time.perf_counter()
    result = await probe(f"{scheme}://127.0.0.1:{closed_port}//data/", timeout=30.0)
    elapsed = time.perf_counter() - t0
    assert elapsed < 2, elapsed  # the XRootD client alone retries for the whole 30 s
    assert statuses(result)["stat"] == "fail"
    assert result.stages[0].error == f"connect 127.0.0.1:{closed_port}: connection refused"
    assert [s.status for s in result.stages[1:]] == [StageStatus.SKIPPED] * 6


@pytest.mark.parametrize("which", ["NGINX_DAV_DATA_DIR", "XRD2_DATA_DIR"])
async def test_old_leftovers_are_removed_and_young_ones_kept(servers: Servers, which: str) -> None:
    now = dt.datetime.now(dt.UTC)  # noqa: TID251 - names must match the real servers' clock
    old = f"{PREFIX}{int(now.timestamp()) - LEFTOVER_AGE_S - 60}-dead"
    young = f"{PREFIX}{int(now.timestamp()) - 5}-busy"
    base = "NGINX_DAV_URL" if which.startswith("NGINX") else "XRD2_HTTP_URL"
    async with httpx.AsyncClient() as client:
        for name in (old, young):
            put = await client.put(f"{servers[base]}/{name}/probe.bin", content=b"left over")
            assert put.status_code in {200, 201}
        result = await ProbeRunner(FrozenClock(now))(storage_spec(servers[base] + "/"))
        assert statuses(result)["cleanup"] == "pass", result.stages
        assert (await client.get(f"{servers[base]}/{old}/probe.bin")).status_code == 404
        assert (await client.get(f"{servers[base]}/{young}/probe.bin")).status_code == 200
        await client.delete(f"{servers[base]}/{young}/probe.bin")
        await client.delete(f"{servers[base]}/{young}/")


async def test_http_third_party_copy_between_two_xrootd_servers(servers: Servers) -> None:
    spec = CheckSpec(
        id="LOCAL/tpc",
        site="LOCAL",
        name="tpc",
        kind=CheckKind.TPC,
        target=servers["XRD1_HTTPS_URL"] + "/",
        tpc_destination=servers["XRD2_HTTPS_URL"] + "/",
        credentials=ca(servers),
        timeout_s=20,
    )
    result = await ProbeRunner(SystemClock())(spec)
    assert statuses(result) == {
        "upload": "pass",
        "copy": "pass",
        "verify": "pass",
        "delete": "pass",
    }


async def test_copy_of_a_missing_source_fails_on_the_body_line_not_the_status(
    servers: Servers,
) -> None:
    import ssl

    ctx = ssl.create_default_context(cafile=servers["SERVERS_CA_FILE"])
    async with httpx.AsyncClient(verify=ctx, timeout=20) as client:
        with pytest.raises(ProbeError, match="failure"):
            await third_party_copy(
                client,
                servers["XRD1_HTTPS_URL"] + "/no-such-file",
                servers["XRD2_HTTPS_URL"] + "/tpc-missing-source",
            )
        await client.delete(servers["XRD2_HTTPS_URL"] + "/tpc-missing-source")


async def test_many_probes_run_concurrently(servers: Servers) -> None:
    runner = ProbeRunner(SystemClock())
    urls = [
        servers["XRD1_ROOT_URL"] + "//",
        servers["XRD2_HTTP_URL"] + "/",
        servers["NGINX_DAV_URL"] + "/",
    ]
    results = await asyncio.gather(*(runner(storage_spec(u, None, 10)) for u in urls * 4))
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    assert local_adler32(b"hello world") == "1a0b045d"


@pytest.mark.parametrize("scheme", ["root", "roots"])
async def test_xrootd_port_that_accepts_and_never_answers_gets_its_whole_deadline(
    scheme: str,
) -> None:
    hole = await BlackHole().start()
    t0 = time.perf_counter()
    try:
        result = await probe(f"{scheme}://127.0.0.1:{hole.port}//data/", timeout=2.5)
    finally:
        await hole.stop()
    elapsed = time.perf_counter() - t0
    assert 2.4 < elapsed < 3.5, elapsed  # neither cut short as refused nor left hanging
    assert statuses(result)["stat"] == "fail"
    assert result.stages[0].error == "timed out after 2.5 s"
    assert [s.status for s in result.stages[1:]] == [StageStatus.SKIPPED] * 6


async def test_slow_real_xrootd_server_passes_within_its_deadline(servers: Servers) -> None:
    upstream = urlsplit(servers["XRD1_ROOT_URL"])
    relay = await SlowRelay(upstream.hostname or "", upstream.port or 1094, 1.0).start()
    t0 = time.perf_counter()
    try:
        result = await probe(f"root://127.0.0.1:{relay.port}//", timeout=6.0)
    finally:
        await relay.stop()
    elapsed = time.perf_counter() - t0
    assert statuses(result) == dict.fromkeys(ALL, "pass"), result.stages
    assert elapsed > 1.0, elapsed  # the server's late first answer was waited for

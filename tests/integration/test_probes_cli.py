"""``wp2bot probe URL``: JSON shape, text output and exit codes against the real servers."""

from __future__ import annotations

import json
import socket
from collections.abc import Sequence

import pytest

from tests.integration.servers import Servers
from wp2bot import cli

pytestmark = pytest.mark.integration


def wp2bot(argv: Sequence[str]) -> int:
    """Run the probe command as the ``wp2bot`` console script does."""
    return cli.main(argv)


def test_json_shape_and_exit_zero_when_every_stage_passes(
    servers: Servers, capsys: pytest.CaptureFixture[str]
) -> None:
    url = servers["XRD1_HTTPS_URL"].replace("https", "davs") + "/"
    code = wp2bot(["probe", url, "--format", "json", "--ca", servers["SERVERS_CA_FILE"]])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(doc) == {"url", "ok", "stages"}
    assert (doc["url"], doc["ok"]) == (url, True)
    assert [s["name"] for s in doc["stages"]] == [
        "stat", "cleanup", "mkdir", "upload", "download", "checksum", "delete"
    ]  # fmt: skip
    for stage in doc["stages"]:
        assert set(stage) == {"name", "status", "seconds", "error"}
        assert stage["status"] == "pass"
        assert isinstance(stage["seconds"], float)
        assert stage["error"] is None


def test_root_protocol_with_ca_directory(
    servers: Servers, capsys: pytest.CaptureFixture[str]
) -> None:
    code = wp2bot(["probe", servers["XRD2_ROOT_URL"] + "//", "--ca", servers["SERVERS_CA_DIR"]])
    out = capsys.readouterr().out
    assert code == 0
    assert ": OK (" in out.splitlines()[0]
    assert "checksum  pass" in out


def test_exit_one_and_errors_when_a_stage_fails(
    servers: Servers, capsys: pytest.CaptureFixture[str]
) -> None:
    url = servers["XRD1_HTTPS_URL"] + "/"
    code = wp2bot(["probe", url, "--format", "json", "--timeout", "5"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1
    assert doc["ok"] is False
    assert doc["stages"][0]["status"] == "fail"
    assert "CERTIFICATE_VERIFY_FAILED" in doc["stages"][0]["error"]
    assert {s["status"] for s in doc["stages"][1:]} == {"skipped"}


def test_text_output_shows_skipped_checksum_on_nginx(
    servers: Servers, capsys: pytest.CaptureFixture[str]
) -> None:
    code = wp2bot(["probe", servers["NGINX_DAV_URL"] + "/"])
    out = capsys.readouterr().out
    assert code == 0
    assert "checksum  skipped" in out
    assert "unsupported" in out


def test_closed_root_port_is_one_clear_line_and_exit_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.socket() as held:  # bound, never listening: connections are refused
        held.bind(("127.0.0.1", 0))
        port = held.getsockname()[1]
        code = wp2bot(["probe", f"root://127.0.0.1:{port}//data/"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0].startswith(f"root://127.0.0.1:{port}//data/: FAILED (0.")
    assert out[1].split(None, 4)[4] == f"connect 127.0.0.1:{port}: connection refused"
    assert "Traceback" not in "\n".join(out)


def test_usage_errors_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert wp2bot(["probe", "ftp://127.0.0.1/x"]) == 2
    assert "unsupported URL scheme 'ftp'" in capsys.readouterr().err
    assert wp2bot(["probe", "https://127.0.0.1/", "--key", "k.pem"]) == 2
    assert "--key needs --cert" in capsys.readouterr().err

"""Expected failures are one clear line and a documented exit status, never a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "wp2-meeting-2020-03-11.txt"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WP2BOT_")}
    env["WP2BOT_DATABASE_URL"] = f"sqlite:///{tmp_path / 'exit.db'}"
    env.update(extra)
    return env


def wp2bot(
    env: dict[str, str], *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wp2bot", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def test_a_broken_pipe_is_exit_74_without_a_traceback(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "wp2bot", "extract", str(SAMPLE), "--format", "json"],
        env=clean_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # the reader is gone before wp2bot writes a byte
    with proc.stderr:
        err = proc.stderr.read()
    assert proc.wait(timeout=120) == 74
    assert one_line(err) == "wp2bot: output closed before the end (broken pipe)"


def test_a_root_probe_of_a_closed_port_fails_in_one_report(tmp_path: Path) -> None:
    done = wp2bot(
        clean_env(tmp_path), "probe", "--timeout", "3", f"root://127.0.0.1:{closed_port()}//data/"
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert "stat      fail" in done.stdout


def test_an_unreachable_mattermost_at_start_is_exit_69(tmp_path: Path) -> None:
    env = clean_env(
        tmp_path,
        WP2BOT_MATTERMOST_URL=f"http://127.0.0.1:{closed_port()}",
        WP2BOT_MATTERMOST_TEAM="team",
        WP2BOT_MATTERMOST_TOKEN="token-for-nowhere",
        WP2BOT_SLASH_TOKEN="slash",
        WP2BOT_ACTION_SECRET="a-button-secret-of-some-length",
        WP2BOT_HTTP_PORT="0",
    )
    started = time.monotonic()
    done = wp2bot(env, "run", timeout=180)
    assert done.returncode == 69, done.stderr
    assert "Traceback" not in done.stderr
    fatal = [line for line in done.stderr.splitlines() if "cannot be reached at start" in line]
    assert len(fatal) == 1
    assert "token-for-nowhere" not in done.stderr
    assert time.monotonic() - started < 120


def test_a_database_server_down_at_start_is_exit_69(tmp_path: Path) -> None:
    env = clean_env(
        tmp_path,
        WP2BOT_DATABASE_URL=f"postgresql://wp2bot@127.0.0.1:{closed_port()}/wp2bot",
        WP2BOT_MATTERMOST_URL="http://127.0.0.1:9",
        WP2BOT_MATTERMOST_TEAM="team",
        WP2BOT_MATTERMOST_TOKEN="token",
        WP2BOT_SLASH_TOKEN="slash",
        WP2BOT_ACTION_SECRET="a-button-secret-of-some-length",
    )
    for command in (["run"], ["actions"]):
        done = wp2bot(env, *command)
        assert done.returncode == 69, (command, done.stderr)
        assert one_line(done.stderr).startswith("wp2bot: error: database: OperationalError")

"""A slow server cannot hold wp2bot: each Indico and Mattermost call has a total deadline.

The server here is no Indico: it is a loopback socket that answers every request with HTTP
headers and then one byte a second, the way a congested proxy or a wedged server does.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


class Trickle:
    """Accepts connections and sends a JSON answer one byte a second."""

    def __init__(self, head_too: bool = False) -> None:
        self.head_too = head_too  # trickle the status line and headers as well
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.stopping = threading.Event()
        self.requests = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.requests += 1
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        body = b'{"results": []}' + b" " * 500
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        with conn:
            try:
                conn.recv(65536)
                if not self.head_too:
                    conn.sendall(head)
                for byte in (head + body) if self.head_too else body:
                    if self.stopping.wait(1.0):
                        return
                    conn.sendall(bytes([byte]))
            except OSError:
                return

    def close(self) -> None:
        self.stopping.set()
        self.sock.close()


@pytest.fixture(params=["body", "head"])
def trickle(request: pytest.FixtureRequest) -> Iterator[Trickle]:
    """Trickles the body after prompt headers, or the whole answer from its status line on."""
    server = Trickle(head_too=request.param == "head")
    yield server
    server.close()


def test_the_client_stops_at_the_total_deadline(trickle: Trickle) -> None:
    from wp2bot.adapters.indico import IndicoClient, IndicoUnavailable

    client = IndicoClient(f"http://127.0.0.1:{trickle.port}", timeout=2, retries=3)
    started = time.monotonic()
    with pytest.raises(IndicoUnavailable, match=r"within the 2 s deadline"):
        client.event(7)
    elapsed = time.monotonic() - started
    client.close()
    assert 1.9 < elapsed < 3.0  # retries included: the deadline is for the whole request


def test_a_mattermost_call_stops_at_its_deadline(trickle: Trickle) -> None:
    from wp2bot.adapters.mattermost.address import ServerAddress
    from wp2bot.adapters.mattermost.rest import (
        MattermostRest,
        MattermostUnavailable,
    )
    from wp2bot.adapters.retry import RetryPolicy

    rest = MattermostRest(
        ServerAddress.parse(f"http://127.0.0.1:{trickle.port}"),
        "bot-token",
        retry=RetryPolicy(attempts=1),
        timeout=2,
    )
    started = time.monotonic()
    with pytest.raises(MattermostUnavailable, match="ReadTimeout"):
        rest.me()
    elapsed = time.monotonic() - started
    rest.close()
    assert 1.9 < elapsed < 3.0


def _ingest(url: str, db: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WP2BOT_")}
    env.update(
        {
            "WP2BOT_DATABASE_URL": f"sqlite:///{db}",
            "WP2BOT_INDICO_TIMEOUT": "3",
            "WP2BOT_INDICO_RETRIES": "0",
        }
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "wp2bot", "ingest", url],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done, time.monotonic() - started


def test_ingest_fails_clearly_within_the_deadline(trickle: Trickle, tmp_path: Path) -> None:
    with socket.socket() as closed:  # a port nobody listens on: fails at once after start-up
        closed.bind(("127.0.0.1", 0))
        refused_port = closed.getsockname()[1]
    baseline, start_up = _ingest(f"http://127.0.0.1:{refused_port}/event/7/", tmp_path / "a.db")
    assert baseline.returncode == 69, baseline.stderr
    assert "is unreachable" in baseline.stderr
    done, elapsed = _ingest(f"http://127.0.0.1:{trickle.port}/event/7/", tmp_path / "b.db")
    assert done.returncode == 69, done.stderr
    assert "did not answer /export/event/7.json within the 3 s deadline" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    # The server would take 500 s to finish its answer; the command stops at its 3 s deadline
    # (start-up, the same for both runs, set aside; generous slack for a loaded machine).
    assert elapsed - start_up < 3 + 4

"""A real Indico 3.2.9 on loopback for the whole test session (scripts/servers/indico/).

``indico_server`` runs start.sh once (about a minute cold: apt packages, a virtualenv with
Indico, PostgreSQL, Redis; seconds when the state directory is kept) and stop.sh at the end.
It skips only where it cannot work (not root, or no apt-get to install PostgreSQL/Redis); under
CI (``CI`` set) it fails instead, because CI installs everything.  The returned object can add
meetings and change notes through Indico's own operations (seed.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts" / "servers" / "indico"


def parse_env(text: str) -> dict[str, str]:
    """KEY=VALUE lines."""
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() and not key.startswith("#"):
            out[key.strip()] = value.strip()
    return out


@dataclass(frozen=True)
class IndicoServer:
    """The running test Indico: URL, token, seeded ids, and ways to change its data."""

    env: dict[str, str]

    @property
    def url(self) -> str:
        return self.env["INDICO_URL"]

    @property
    def token(self) -> str:
        return self.env["INDICO_TOKEN"]

    @property
    def category_id(self) -> int:
        return int(self.env["INDICO_CATEGORY_ID"])

    @property
    def protected_event_id(self) -> int:
        return int(self.env["INDICO_PROTECTED_EVENT_ID"])

    def seed(self, *args: str, stdin: str | None = None) -> object:
        """Run seed.py with Indico's python; returns the JSON it prints."""
        env = {**os.environ, "INDICO_CONFIG": self.env["INDICO_CONFIG"]}
        done = subprocess.run(
            [self.env["INDICO_PYTHON"], str(SCRIPTS / "seed.py"), *args],
            input=stdin,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"seed.py {args[0]} failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def add_meetings(self, specs: list[dict[str, object]]) -> list[dict[str, object]]:
        """Create meetings (see seed.py for the spec); returns their ids."""
        made = self.seed("add-meetings", "-", stdin=json.dumps(specs))
        assert isinstance(made, list)
        return made

    def set_note(
        self, event_id: int, source: str, *, mode: str = "html", contribution: int | None = None
    ) -> None:
        """Replace an event's (or a contribution's) note; an empty source deletes it."""
        args = ["set-note", str(event_id), "-", "--mode", mode]
        if contribution is not None:
            args += ["--contribution", str(contribution)]
        self.seed(*args, stdin=source)


def _cannot_run() -> str | None:
    if os.geteuid() != 0:
        return "the test Indico needs root (apt-get, PostgreSQL runs as 'postgres')"
    have = shutil.which("redis-server") and any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not have and shutil.which("apt-get") is None:
        return "PostgreSQL/Redis are missing and there is no apt-get to install them"
    return None


@pytest.fixture(scope="session")
def indico_server() -> Iterator[IndicoServer]:
    """Start the test Indico once per session; stop it at the end (its data is kept)."""
    reason = _cannot_run()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Indico tests: {reason}")
        pytest.skip(reason)
    up = subprocess.run(
        ["bash", str(SCRIPTS / "start.sh")],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    try:
        if up.returncode != 0:
            pytest.fail(f"scripts/servers/indico/start.sh failed:\n{up.stderr[-4000:]}")
        env_file = Path(up.stdout.strip().splitlines()[-1])
        yield IndicoServer(parse_env(env_file.read_text()))
    finally:
        subprocess.run(
            ["bash", str(SCRIPTS / "stop.sh")], capture_output=True, timeout=120, check=False
        )

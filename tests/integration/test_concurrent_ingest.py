"""Two ingests of the same minutes at once, as two real processes, store each action once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from wp2bot.adapters.storage.store import make_engine

pytestmark = pytest.mark.integration

PEOPLE = ["Ines Varga", "Oskar Lund", "Maren Holt", "Teodor Blix"]
ACTIONS = 240


def minutes(tmp_path: Path) -> Path:
    """Invented minutes with ACTIONS distinct actions, each owned by one participant."""
    lines = ["# Storage coordination meeting", "", "## Action list"]
    lines += [
        f"- {PEOPLE[i % len(PEOPLE)]} to check the transfer queue of pool {i} and report back"
        for i in range(ACTIONS)
    ]
    path = tmp_path / "coordination.md"
    path.write_text("\n".join(lines) + "\n")
    meta = {"meeting_date": "2031-03-04", "timezone": "UTC", "participants": PEOPLE}
    (tmp_path / "coordination.meta.json").write_text(json.dumps(meta))
    return path


def ingest(path: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "wp2bot", "ingest", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_concurrent_ingests_store_each_action_once(database_url: str, tmp_path: Path) -> None:
    path = minutes(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("WP2BOT_")}
    env["WP2BOT_DATABASE_URL"] = database_url
    # the schema first, so that both processes race on the ingest rather than the migration
    done = subprocess.run(
        [sys.executable, "-m", "wp2bot", "db", "upgrade"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    first, second = ingest(path, env), ingest(path, env)
    outputs = [p.communicate(timeout=240)[0] for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    # one of them stored the actions, the other waited and found the minutes unchanged
    assert any(f"{ACTIONS} new" in out for out in outputs), outputs
    assert any("minutes unchanged" in out for out in outputs), outputs
    engine = make_engine(database_url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT COUNT(*) FROM action")).scalar_one()
        distinct = conn.execute(
            text("SELECT COUNT(DISTINCT fingerprint) FROM action WHERE review != 'rejected'")
        ).scalar_one()
        meetings = conn.execute(text("SELECT COUNT(*) FROM meeting")).scalar_one()
    engine.dispose()
    assert (stored, distinct, meetings) == (ACTIONS, ACTIONS, 1)
    later = subprocess.run(
        [sys.executable, "-m", "wp2bot", "ingest", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert later.returncode == 0, later.stdout + later.stderr
    assert "minutes unchanged" in later.stdout

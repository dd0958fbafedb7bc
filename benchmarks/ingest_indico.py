"""Time a year of fortnightly meetings (26) read from a real local Indico and ingested.

Usage (as root; starts the test Indico with scripts/servers/indico/start.sh if needed):
    python benchmarks/ingest_indico.py [--meetings 26] [--runs 3]
Seeds the meetings once (a category of their own, kept between runs), then prints the time to
fetch them (IndicoClient.category_events), to ingest them into a fresh SQLite database, and to
re-ingest them unchanged.  The target is under 5 s for the first ingest; printed, not asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from wp2bot.adapters.indico import IndicoClient
from wp2bot.app import build
from wp2bot.cli.ingest_indico import ingest_indico_url
from wp2bot.clock import FrozenClock
from wp2bot.config import load_settings

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts" / "servers" / "indico"
CATEGORY = "wp2bot benchmark: a year of fortnightly meetings (v2)"
FIRST = date(2025, 1, 9)
PEOPLE = ["alice", "bob", "carla", "david", "juergen"]
NAMES = ["Alice Martin", "Bob Chen", "Carla Rossi", "David Okafor", "Jürgen Müller"]


VERBS = "Prepare Review Publish Check Update Document Validate Migrate Configure Summarise".split()
OBJECTS = [
    "the storage quota report",
    "the transfer dashboard",
    "the tape recall plan",
    "the token renewal procedure",
    "the network throughput tests",
    "the site availability figures",
    "the data challenge timeline",
    "the monitoring alerts",
    "the checksum validation tool",
    "the federation configuration",
    "the accounting numbers",
    "the disk procurement request",
    "the workshop agenda",
]


def task(i: int) -> str:
    """The i-th distinct action wording (130 of them before any repeats)."""
    return f"{VERBS[(i // len(OBJECTS)) % len(VERBS)]} {OBJECTS[i % len(OBJECTS)]}"


def note(n: int) -> str:
    """Meeting ``n``'s event note: two new actions, the previous ones restated, one marked done."""
    items = [f"<li>{task(2 * n)} ({NAMES[n % 5]})</li>"]
    items.append(f"<li>{task(2 * n + 1)} by the next meeting ({NAMES[(n + 1) % 5]})</li>")
    if n:
        items.append(f"<li>{task(2 * n - 2)}: DONE ({NAMES[(n - 1) % 5]})</li>")
        items.append(f"<li>{task(2 * n - 1)} ({NAMES[n % 5]})</li>")
    return (
        f"<h2>WP2 meeting {n + 1}</h2><p>Present: {', '.join(NAMES)}.</p>"
        f"<h3>Discussion</h3><ul><li>Status of the data challenge, round {n}.</li></ul>"
        f"<h3>Action list</h3><ul>{''.join(items)}</ul>"
    )


def specs(count: int) -> list[dict[str, object]]:
    """``count`` fortnightly meetings with an event note and three contributions with notes."""
    out = []
    for n in range(count):
        day = FIRST + timedelta(days=14 * n)
        contributions = [
            {
                "title": f"Site report {k + 1}",
                "start": f"{day.isoformat()}T{14 + k}:00",
                "minutes": 30,
                "speakers": [PEOPLE[(n + k) % 5]],
                "note": {
                    "mode": "markdown",
                    "source": f"- throughput {n * 3 + k} GB/s\n\n"
                    f"**Action:** {task(60 + 3 * n + k).lower()} for site {k + 1}"
                    f" ({NAMES[(n + k) % 5]})",
                },
            }
            for k in range(3)
        ]
        out.append(
            {
                "category_title": CATEGORY,
                "title": f"WP2 benchmark meeting {n + 1:02d}",
                "start": f"{day.isoformat()}T14:00",
                "minutes": 180,
                "chair": "alice",
                "note": {"mode": "html", "source": note(n)},
                "contributions": contributions,
            }
        )
    return out


def start_server() -> dict[str, str]:
    """Start (or find running) the test Indico and read its env file."""
    up = subprocess.run(
        ["bash", str(SCRIPTS / "start.sh")], capture_output=True, text=True, check=False
    )
    if up.returncode != 0:
        sys.exit(f"start.sh failed:\n{up.stderr[-3000:]}")
    env_file = Path(up.stdout.strip().splitlines()[-1])
    pairs = (line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
    return dict(pairs)


def seed(env: dict[str, str], count: int) -> int:
    """Create the meetings (idempotent by title); returns the category id."""
    t0 = time.perf_counter()
    done = subprocess.run(
        [env["INDICO_PYTHON"], str(SCRIPTS / "seed.py"), "add-meetings", "-"],
        input=json.dumps(specs(count)),
        env={**os.environ, "INDICO_CONFIG": env["INDICO_CONFIG"]},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"seed.py failed:\n{done.stderr[-3000:]}")
    made = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"seeded/checked {len(made)} meetings in {time.perf_counter() - t0:.1f} s")
    return int(made[0]["category_id"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meetings", type=int, default=26)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    env = start_server()
    category = seed(env, args.meetings)
    url = f"{env['INDICO_URL']}/category/{category}/"
    start, end = FIRST, FIRST + timedelta(days=14 * args.meetings)

    fetch, first, again, actions = [], [], [], 0
    for _ in range(args.runs):
        t0 = time.perf_counter()
        with IndicoClient(env["INDICO_URL"], env["INDICO_TOKEN"]) as client:
            meetings = client.category_events(category, start, end)
        fetch.append(time.perf_counter() - t0)
        assert len(meetings) == args.meetings, len(meetings)
        with tempfile.TemporaryDirectory() as tmp:
            settings_env = {
                "WP2BOT_DATABASE_URL": f"sqlite:///{tmp}/bench.db",
                "WP2BOT_INDICO_TOKEN": env["INDICO_TOKEN"],
            }
            clock = FrozenClock(datetime(2026, 1, 15, 9, tzinfo=UTC))
            app = build(load_settings(None, settings_env), settings_env, clock)
            t0 = time.perf_counter()
            reports = ingest_indico_url(app, url, start=start, end=end)
            first.append(time.perf_counter() - t0)
            actions = app.store.count_actions()
            t0 = time.perf_counter()
            ingest_indico_url(app, url, start=start, end=end)
            again.append(time.perf_counter() - t0)
            app.store.close()
        assert len(reports) == args.meetings

    def show(label: str, values: list[float]) -> None:
        print(
            f"{label:<44} median {statistics.median(values):6.2f} s  (runs: "
            + ", ".join(f"{v:.2f}" for v in values)
            + ")"
        )

    print(f"{args.meetings} fortnightly meetings, {actions} action items after the first ingest")
    show("fetch only (category_events, date windows)", fetch)
    show("first ingest (fetch + extract + store)", first)
    show("re-ingest, nothing changed", again)
    print(
        f"target: first ingest under 5 s -> {'met' if statistics.median(first) < 5 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

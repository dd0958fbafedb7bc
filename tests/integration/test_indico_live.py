"""End to end against a real Indico 3.2.9: the client, then ``wp2bot ingest`` of a category.

Each run works in its own new category, so the server's data from earlier runs does not matter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.integration.indico_server import IndicoServer
from wp2bot.adapters.indico import IndicoAuthError, IndicoClient, IndicoNotFound

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FIRST_NOTE = """<h2>Minutes of the WP2 meeting</h2>
<p><strong>Present:</strong> Alice Martin (chair), Bob Chen, Carla Rossi, Jürgen Müller.</p>
<h3>Action list</h3>
<ul>
<li>Provide the updated JSON schema for the ingestion API (Bob Chen)</li>
<li>Re-run the simulation with the new geometry (Carla Rossi)</li>
<li>Book the room for the December workshop (Jürgen Müller)</li>
</ul>
"""

FOLLOW_UP_NOTE = """## Minutes of the next WP2 meeting

### Follow-up of previous actions
- Provide the updated JSON schema for the ingestion API: DONE (Bob Chen)
- Re-run the simulation with the new geometry (Carla Rossi)

### Action list
- Prepare the agenda of the December workshop (Alice Martin)
"""

WINDOW = ("--from", "2026-03-01", "--to", "2026-04-30")


def speakers_contribution(start: str, keys: list[str]) -> dict[str, object]:
    return {"title": "Round table", "start": start, "minutes": 30, "speakers": keys}


@pytest.fixture(scope="module")
def series(indico_server: IndicoServer) -> dict[str, object]:
    """A fresh category: a meeting with minutes, a protected one, an upcoming one without."""
    title = f"wp2bot live {uuid.uuid4().hex[:8]}"
    made = indico_server.add_meetings(
        [
            {
                "category_title": title,
                "title": "WP2 meeting #1",
                "start": "2026-03-05T14:00",
                "chair": "alice",
                "note": {"mode": "html", "source": FIRST_NOTE},
                "contributions": [
                    {
                        "title": "Ingestion pipeline",
                        "start": "2026-03-05T14:00",
                        "minutes": 20,
                        "speakers": ["bob"],
                        "authors": ["bob"],
                        "coauthors": ["carla"],
                        "note": {
                            "mode": "markdown",
                            "source": "- 3 of 4 formats parsed\n\n"
                            "**Action:** write the parser tests (Bob Chen)",
                        },
                        "subcontributions": [
                            {
                                "title": "Parser demo",
                                "speakers": ["bob"],
                                "note": {"mode": "html", "source": "<p>Demo worked.</p>"},
                            }
                        ],
                    },
                    speakers_contribution("2026-03-05T14:20", ["carla", "juergen"]),
                ],
            },
            {
                "category_title": title,
                "title": "WP2 steering board",
                "start": "2026-03-12T10:00",
                "chair": "david",
                "protected": True,
                "note": {
                    "mode": "html",
                    "source": "<h3>Action list</h3><ul><li>Send the budget table (David Okafor)"
                    "</li></ul>",
                },
            },
            {
                "category_title": title,
                "title": "WP2 meeting #2 (agenda only)",
                "start": "2026-04-30T14:00",
                "chair": "alice",
            },
        ]
    )
    first, protected, upcoming = made
    return {
        "category_id": first["category_id"],
        "first": first,
        "protected": protected,
        "upcoming": upcoming,
    }


# ---------------------------------------------------------------------------- the client
def test_client_reads_a_real_event(indico_server: IndicoServer, series: dict) -> None:
    first = series["first"]
    with IndicoClient(indico_server.url, indico_server.token) as client:
        meeting = client.event(first["id"])
    assert meeting.source == f"{indico_server.url}/event/{first['id']}/"
    assert meeting.starts_at == datetime(2026, 3, 5, 14, tzinfo=ZoneInfo("Europe/Zurich"))
    assert [(p.level, p.title) for p in meeting.parts] == [
        (1, "WP2 meeting #1"),
        (1, "Ingestion pipeline"),
        (2, "Parser demo"),
    ]
    assert "<strong>Action:</strong> write the parser tests (Bob Chen)" in meeting.parts[1].html
    assert {p.name for p in meeting.participants} >= {
        "Alice Martin",
        "Bob Chen",
        "Carla Rossi",
        "Jürgen Müller",
    }
    assert meeting.has_minutes


def test_protected_event_needs_the_token(indico_server: IndicoServer, series: dict) -> None:
    event_id = series["protected"]["id"]
    with IndicoClient(indico_server.url) as anonymous, pytest.raises(IndicoNotFound):
        anonymous.event(event_id)
    with IndicoClient(indico_server.url, indico_server.token) as client:
        assert client.event(event_id).has_minutes
    bad = IndicoClient(indico_server.url, "indp_" + "x" * 42)
    with bad, pytest.raises(IndicoAuthError) as info:
        bad.event(event_id)
    assert "x" * 42 not in str(info.value)


def test_category_windows_and_access(indico_server: IndicoServer, series: dict) -> None:
    category = int(series["category_id"])
    span = (date(2026, 1, 1), date(2026, 12, 31))  # several 31-day windows
    with IndicoClient(indico_server.url, indico_server.token) as client:
        titles = [m.title for m in client.category_events(category, *span)]
        bare = client.category_events(category, *span, with_notes=False)
    assert titles == ["WP2 meeting #1", "WP2 steering board", "WP2 meeting #2 (agenda only)"]
    assert [m.title for m in bare] == titles
    with IndicoClient(indico_server.url) as anonymous:
        seen = [m.title for m in anonymous.category_events(category, *span)]
    assert seen == ["WP2 meeting #1", "WP2 meeting #2 (agenda only)"]  # protected one dropped


# ---------------------------------------------------------------------------- the CLI
def wp2bot(db: Path, server: IndicoServer, *args: str) -> str:
    env = {
        **os.environ,
        "WP2BOT_DATABASE_URL": f"sqlite:///{db}",
        "WP2BOT_INDICO_TOKEN": server.token,
    }
    env.pop("WP2BOT_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-m", "wp2bot", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert server.token not in done.stdout + done.stderr
    return done.stdout


def actions(db: Path, server: IndicoServer) -> list[dict[str, object]]:
    found = json.loads(wp2bot(db, server, "actions", "--format", "json"))
    assert isinstance(found, list)
    return found


def by_text(items: list[dict[str, object]], words: str) -> dict[str, object]:
    matches = [a for a in items if words in str(a["text"])]
    assert len(matches) == 1, (words, [a["text"] for a in items])
    return matches[0]


def test_ingest_change_and_carry_over(
    indico_server: IndicoServer, series: dict, tmp_path: Path
) -> None:
    db = tmp_path / "wp2bot.db"
    url = f"{indico_server.url}/category/{series['category_id']}/"

    out = wp2bot(db, indico_server, "ingest", url, *WINDOW)
    assert "3 meeting(s)" in out
    first = actions(db, indico_server)
    schema = by_text(first, "JSON schema")
    simulation = by_text(first, "simulation with the new geometry")
    room = by_text(first, "Book the room")
    tests = by_text(first, "parser tests")
    by_text(first, "budget table")  # the token sees the protected meeting
    assert schema["owners"] == ["Bob Chen"]
    assert tests["source_url"] == (
        f"{indico_server.url}/event/{series['first']['id']}/contributions/"
        f"{series['first']['contributions'][0]['id']}/note/"
    )
    assert {a["status"] for a in first} == {"open"}

    # unchanged minutes change nothing
    again = wp2bot(db, indico_server, "ingest", url, *WINDOW)
    assert "0 new action(s), 0 changed" in again
    assert actions(db, indico_server) == first

    # a note edited in Indico: the same item is updated, nothing else moves
    indico_server.set_note(
        int(series["first"]["id"]),
        FIRST_NOTE.replace("December workshop (", "December workshop by 27 March 2026 ("),
    )
    changed = wp2bot(db, indico_server, "ingest", url, *WINDOW)
    assert "0 new action(s), 1 changed" in changed
    after_edit = actions(db, indico_server)
    assert len(after_edit) == len(first)
    edited = by_text(after_edit, "Book the room")
    assert edited["id"] == room["id"]
    assert edited["due"] == "2026-03-27"

    # the next meeting restates one action and marks another done
    (follow_up,) = indico_server.add_meetings(
        [
            {
                "category_id": series["category_id"],
                "title": "WP2 meeting #1b",
                "start": "2026-03-19T14:00",
                "chair": "alice",
                "note": {"mode": "markdown", "source": FOLLOW_UP_NOTE},
                "contributions": [
                    speakers_contribution("2026-03-19T14:00", ["bob", "carla", "juergen"])
                ],
            }
        ]
    )
    assert follow_up["has_event_note"]
    wp2bot(db, indico_server, "ingest", url, *WINDOW)
    final = actions(db, indico_server)
    assert len(final) == len(first) + 1  # only "Prepare the agenda" is new
    done = by_text(final, "JSON schema")
    assert done["id"] == schema["id"]
    assert done["status"] == "done"
    carried = by_text(final, "simulation with the new geometry")
    assert carried["id"] == simulation["id"]
    assert carried["carried_over"] is True
    assert carried["status"] == "open"
    assert by_text(final, "Prepare the agenda")["owners"] == ["Alice Martin"]

    # and once more: still idempotent with four meetings
    assert "0 new action(s), 0 changed" in wp2bot(db, indico_server, "ingest", url, *WINDOW)
    assert actions(db, indico_server) == final

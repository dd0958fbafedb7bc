"""Search across the series on a real database: SQLite FTS5 and PostgreSQL full text."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from wp2bot.adapters.minutes_files import load_meeting
from wp2bot.adapters.storage import ActionFilter, Store
from wp2bot.adapters.storage.search_store import SearchStore
from wp2bot.chat import Request
from wp2bot.clock import FrozenClock
from wp2bot.domain.models import Roster
from wp2bot.domain.search import Hit, HitKind, SearchError
from wp2bot.part_builders import build_dispatcher
from wp2bot.services.ingest import IngestService
from wp2bot.services.search import SearchService

pytestmark = pytest.mark.integration

MARCH = """# Storage working group

## Site round-table
### Lumen Lab
- perfSONAR mesh shows packet loss towards the northern sites since the firmware update.
- Ida Marsh to replace the perfSONAR node's network card by 2026-03-20
### Harbour Centre
- Tape recall tests ran at 2 GB/s; nothing to report.

## Actions
- Otto Brand to publish the tape recall figures on the wiki
"""

APRIL = """# Storage working group

## Site round-table
### Lumen Lab
- The new network card fixed the perfSONAR packet loss @channel
- ![tracker](http://img.example/pixel.png) tracking pixel pasted from an e-mail
### Harbour Centre
- Ida Marsh to repeat the tape recall tests with the new drives by 2026-04-30
"""


def write(tmp_path: Path, name: str, text: str, day: str) -> Path:
    path = tmp_path / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    meta = {
        "title": f"Storage WG {day}",
        "meeting_date": day,
        "timezone": "UTC",
        "participants": ["Ida Marsh", "Otto Brand"],
    }
    (tmp_path / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    s = Store.open(database_url)
    yield s
    s.close()


def ingest(store: Store, path: Path) -> None:
    clock = FrozenClock(datetime(2026, 4, 10, 12, tzinfo=UTC))
    service = IngestService(
        store, clock, Roster(), minutes_index=SearchStore(store.engine, store.session)
    )
    service.ingest(load_meeting(path))


@pytest.fixture
def series(store: Store, tmp_path: Path) -> SearchService:
    ingest(store, write(tmp_path, "march", MARCH, "2026-03-04"))
    ingest(store, write(tmp_path, "april", APRIL, "2026-04-01"))
    return SearchService(SearchStore(store.engine))


def test_minutes_lines_and_actions_are_found_ranked(series: SearchService) -> None:
    query, hits = series.search("perfsonar packet loss")
    assert query.terms() == ("perfsonar", "packet", "loss")
    kinds = {h.doc.kind for h in hits}
    assert kinds == {HitKind.MINUTES}  # the two lines that say all three words
    assert {h.doc.line for h in hits}
    assert all(h.doc.line for h in hits)
    assert {h.meeting_title for h in hits} == {"Storage WG 2026-03-04", "Storage WG 2026-04-01"}
    _query, hits = series.search("perfsonar network card")
    assert hits[0].doc.kind in (HitKind.ACTION, HitKind.MINUTES)
    assert any(h.doc.kind is HitKind.ACTION and h.doc.action_id for h in hits)
    # a prefix of the last word finds the longer word, as one types
    _query, hits = series.search("tape reca")
    assert any("recall" in h.snippet for h in hits)


def test_filters_narrow_by_site_owner_and_date(series: SearchService) -> None:
    _q, everywhere = series.search("tape recall")
    _q, harbour = series.search("tape recall site harbour")
    assert harbour
    assert len(harbour) < len(everywhere)
    assert all("harbour" in h.doc.entities for h in harbour)
    _q, april = series.search("tape recall since 2026-03-15")
    assert april
    assert all(h.doc.at and h.doc.at.date() >= date(2026, 3, 15) for h in april)
    _q, otto = series.search("tape owner otto")
    assert otto
    assert all(h.doc.kind is HitKind.ACTION for h in otto)
    with pytest.raises(SearchError, match="YYYY-MM-DD"):
        series.search("tape since march")


def test_later_notes_edits_and_new_minutes_are_found(
    store: Store, series: SearchService, tmp_path: Path
) -> None:
    series.search("anything")  # the first search indexes what is stored
    action = store.actions(ActionFilter())[0]
    at = datetime(2026, 4, 11, 9, tzinfo=UTC)
    store.add_note(action.id, at=at, who="ida", via="dm", text="vendor ships the spare quokka")
    _q, hits = series.search("quokka")
    assert [h.doc.kind for h in hits] == [HitKind.NOTE]  # the note once, not its history twin
    assert hits[0].doc.action_id == action.id
    store.update_action(action.id, {"text": "Order a wombat adapter"}, at=at, who="ida", via="dm")
    _q, hits = series.search("wombat")
    assert [h.doc.action_id for h in hits if h.doc.kind is HitKind.ACTION] == [action.id]
    changed = write(tmp_path, "april", APRIL.replace("new drives", "platypus drives"), "2026-04-01")
    ingest(store, changed)
    _q, hits = series.search("platypus")
    assert hits
    assert all(h.meeting_title == "Storage WG 2026-04-01" for h in hits)
    _q, gone = series.search("drives new")
    assert not [h for h in gone if h.doc.kind is HitKind.MINUTES]


def test_rows_committed_late_with_an_earlier_stamp_are_found(
    store: Store, series: SearchService
) -> None:
    series.search("anything")  # the index is up to date, its mark at the newest change
    newest = max(r.updated_at for r in store.actions(ActionFilter()))
    # a transaction that stamped its row a minute before the mark and committed after it
    store.create_action(
        text="Write the emu migration plan",
        owners=[],
        at=newest - timedelta(minutes=1),
        who="chair",
        via="dm",
    )
    _q, hits = series.search("emu")
    assert [h.doc.kind for h in hits] == [HitKind.ACTION]


def test_chat_search_is_inert(store: Store, series: SearchService) -> None:
    clock = FrozenClock(datetime(2026, 4, 10, 12, tzinfo=UTC))
    bot = build_dispatcher(store, clock, chairs=["chair"], timezone="UTC", search=series)
    reply = bot.dispatch(Request(user="ida", text="search perfsonar loss", via="dm"))
    assert reply.ok
    assert "minutes line" in reply.text
    assert "@channel" not in reply.text  # defused
    reply = bot.dispatch(Request(user="ida", text="search tracking pixel", via="dm"))
    assert "![" not in reply.text
    assert "\\!\\[tracker\\]" in reply.text
    bad = bot.dispatch(Request(user="ida", text="search", via="dm"))
    assert not bad.ok
    assert "Say what to look for" in bad.text


def test_cli_search_prints_json(store: Store, series: SearchService, database_url: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "wp2bot", "search", "tape", "recall", "--format", "json"],
        env={"WP2BOT_DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert hits
    assert {"kind", "label", "snippet", "url", "line", "meeting"} <= set(hits[0])
    bad = subprocess.run(
        [sys.executable, "-m", "wp2bot", "search", "x", "--since", "soon"],
        env={"WP2BOT_DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2
    assert "YYYY-MM-DD" in bad.stderr


def newest_ids(store: Store, hits: list[Hit], n: int) -> list[tuple[str, str]]:
    """Of these hits, the ``n`` indexed last (highest doc id), as (kind, key)."""
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT kind, key FROM search_doc ORDER BY id DESC")).all()
    found = {(h.doc.kind.value, h.doc.key) for h in hits}
    return sorted([(k, key) for k, key in rows if (k, key) in found][:n])


@pytest.mark.parametrize("words", ["tape", "tape since 2026-03-01", "tape site harbour"])
def test_a_very_common_word_is_ranked_among_its_newest_matches(
    store: Store, series: SearchService, monkeypatch: pytest.MonkeyPatch, words: str
) -> None:
    from wp2bot.adapters.storage import search_store

    _q, every = series.search(words)
    assert len(every) >= 3
    assert len(every) < 10  # every match, not the best ten of more
    monkeypatch.setattr(search_store, "RANKED", 2)
    _q, newest = series.search(words)
    # only the two newest matches that pass the filters are ranked, on every database
    assert sorted((h.doc.kind.value, h.doc.key) for h in newest) == newest_ids(store, every, 2)
    # and those two keep their order of rank
    assert [h.rank for h in newest] == sorted((h.rank for h in newest), reverse=True)

"""Ingest: idempotent, updates changed minutes without undoing edits, carries items over."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wp2bot.adapters.minutes_files import MinutesFileError, load_meeting
from wp2bot.adapters.storage import ActionFilter, Store
from wp2bot.clock import FrozenClock
from wp2bot.domain.models import Roster, Status
from wp2bot.domain.tracking import Review
from wp2bot.services.ingest import IngestService

FIRST = """# WP2 meeting

## Action list
- Set up storage endpoint smoke tests for the QoS endpoints (Paul Millar)
- Write the dashboard how-to guide (Rizart Dona)
"""

SECOND = """# WP2 meeting

## Follow-up of previous actions
- Set up storage endpoint smoke tests for the QoS endpoints: DONE (Paul Millar)
- Write the dashboard how-to guide (Rizart Dona)

## Action list
- Book the room for the workshop (Rosie Bolton)
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}")
    yield s
    s.close()


def write(tmp_path: Path, name: str, text: str, day: str) -> Path:
    path = tmp_path / f"{name}.md"
    path.write_text(text)
    meta = {
        "meeting_date": day,
        "timezone": "Europe/Zurich",
        "participants": ["Paul Millar", "Rizart Dona", "Rosie Bolton"],
    }
    (tmp_path / f"{name}.meta.json").write_text(json.dumps(meta))
    return path


def service(store: Store) -> IngestService:
    return IngestService(store, FrozenClock(datetime(2026, 11, 5, 12, tzinfo=UTC)), Roster())


def test_ingest_is_idempotent(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "m1", FIRST, "2026-11-05")
    first = service(store).ingest(load_meeting(path))
    assert len(first.created) == 2
    again = service(store).ingest(load_meeting(path))
    assert again.skipped
    forced = service(store).ingest(load_meeting(path), force=True)
    assert forced.created == ()
    assert sorted(forced.unchanged) == sorted(first.created)
    assert store.count_actions() == 2
    history = store.history(first.created[0])
    assert [h.change for h in history] == ["created"]


def test_changed_minutes_update_items_but_keep_human_edits(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "m1", FIRST, "2026-11-05")
    rep = service(store).ingest(load_meeting(path))
    guide = next(r for r in store.actions() if "how-to" in r.text)
    store.update_action(
        guide.id,
        {"due": date(2026, 12, 1)},
        at=datetime(2026, 11, 6, tzinfo=UTC),
        who="rdona",
        via="mention",
    )
    path.write_text(
        FIRST.replace("how-to guide (Rizart Dona)", "how-to guide by 20 November (Rizart Dona)")
    )
    rep2 = service(store).ingest(load_meeting(path))
    assert guide.id in rep2.updated
    after = store.action(guide.id)
    assert "by 20 November" in after.text
    assert after.due == date(2026, 12, 1)  # the person's edit wins over the minutes
    assert store.count_actions() == len(rep.created)


def test_restated_action_is_carried_over_and_done_mark_closes(store: Store, tmp_path: Path) -> None:
    service(store).ingest(load_meeting(write(tmp_path, "m1", FIRST, "2026-11-05")))
    report = service(store).ingest(load_meeting(write(tmp_path, "m2", SECOND, "2026-11-19")))
    assert len(report.created) == 1  # only the new room booking
    assert len(report.closed) == 1
    assert len(report.carried) == 1
    smoke = store.action(report.closed[0])
    assert smoke.status is Status.DONE
    assert smoke.carried_over
    assert store.count_actions() == 3
    assert [h.change for h in store.history(smoke.id)][-1] == "status"


def test_removed_proposal_is_withdrawn(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "m1", FIRST, "2026-11-05")
    service(store).ingest(load_meeting(path))
    path.write_text(FIRST.split("- Write the dashboard", maxsplit=1)[0])
    rep = service(store).ingest(load_meeting(path))
    assert len(rep.withdrawn) == 1
    open_items = store.actions(ActionFilter(open_only=True))
    assert [r.text for r in open_items] == [
        "Set up storage endpoint smoke tests for the QoS endpoints"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02" * 100, "binary"),
        (bytes(range(256)) * 20, "binary"),  # no more NULs than random data has
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 8, "binary"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(MinutesFileError, match=message):
        load_meeting(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MinutesFileError, match="no such file"):
        load_meeting(tmp_path / "nope.md")


def test_windows_1252_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes(
        "Action list:\n- Ask J\xfcrgen M\xfcller to book the room (Paul Millar)\n".encode("cp1252")
    )
    meeting = load_meeting(path, meeting_date=date(2026, 11, 5))
    rep = service(store).ingest(meeting)
    assert len(rep.created) == 1
    assert "Jürgen Müller" in store.action(rep.created[0]).text


LOOKALIKE_1 = """# Storage meeting

## Action list
- Ines Varga to upgrade dCache at MOONBASE by 2026-12-01
"""

LOOKALIKE_2 = """# Storage meeting

## Action list
- Ines Varga to upgrade dCache at LAKESIDE by 2026-12-15
"""

POSTPONED = """# Storage meeting

## Action list
- Ines Varga to upgrade dCache at MOONBASE by 2026-12-20
"""


def lookalike_meta(tmp_path: Path, name: str, text: str, day: str) -> Path:
    path = tmp_path / f"{name}.md"
    path.write_text(text)
    meta = {"meeting_date": day, "timezone": "UTC", "participants": ["Ines Varga"]}
    (tmp_path / f"{name}.meta.json").write_text(json.dumps(meta))
    return path


def test_same_owner_at_another_site_is_a_new_action(store: Store, tmp_path: Path) -> None:
    first = service(store).ingest(
        load_meeting(lookalike_meta(tmp_path, "m1", LOOKALIKE_1, "2026-11-05"))
    )
    second = service(store).ingest(
        load_meeting(lookalike_meta(tmp_path, "m2", LOOKALIKE_2, "2026-11-19"))
    )
    assert second.carried == ()
    assert len(second.created) == 1
    assert second.linked == ()
    old = store.action(first.created[0])
    assert old.due == date(2026, 12, 1)  # the older item keeps its own deadline
    new = store.action(second.created[0])
    assert "LAKESIDE" in new.text
    assert new.due == date(2026, 12, 15)


def test_an_undecided_restatement_is_a_linked_proposal(store: Store, tmp_path: Path) -> None:
    first = service(store).ingest(
        load_meeting(lookalike_meta(tmp_path, "m1", LOOKALIKE_1, "2026-11-05"))
    )
    second = service(store).ingest(
        load_meeting(lookalike_meta(tmp_path, "m2", POSTPONED, "2026-11-19"))
    )
    assert second.carried == ()
    assert "1 new like an older item" in second.summary()
    (new_id,) = second.linked
    new = store.action(new_id)
    assert new.similar_to == first.created[0]
    assert new.review is Review.PROPOSED
    assert store.action(first.created[0]).due == date(2026, 12, 1)
    similar = [h for h in store.history(new_id) if h.change == "similar"]
    assert f"merge {new_id} {first.created[0]}" in similar[0].comment

"""Export to JSON/CSV and import back: everything people set survives, a bad file stores nothing."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.probe_store import ProbeStore
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.adapters.storage.rhythm_tables import RoundTableEntryRow, RoundTableRow
from wp2bot.adapters.storage.transfer_store import TransferStore
from wp2bot.clock import FrozenClock
from wp2bot.domain.calendar import Period
from wp2bot.domain.models import Owner, OwnerKind, Status
from wp2bot.domain.tracking import Review
from wp2bot.services.transfer import ExportFormatError, export_csv, export_json, import_json

CLOCK = FrozenClock(datetime(2026, 11, 5, 12, tzinfo=UTC))
T0 = CLOCK.now()
INES = Owner(written="IV", name="Ines Varga", kind=OwnerKind.PERSON, username="ivarga")


def seeded(path: Path, many: int = 0) -> Store:
    """A database with one of everything people set, and ``many`` more noted actions."""
    return seeded_at(f"sqlite:///{path}", many)


def seeded_at(url: str, many: int = 0) -> Store:
    """``seeded`` for any database URL (the PostgreSQL round trip uses it too)."""
    store = Store.open(url)
    m, _ = store.upsert_meeting(
        "indico:41", title="Storage #41", meeting_date=date(2026, 11, 5), timezone="Europe/Oslo",
        starts_at=T0, minutes_hash="abc",
    )  # fmt: skip
    rec = store.create_action(
        text="Set up smoke tests", owners=[INES], at=T0, who="w", via="ingest", meeting_id=m.id,
        due=date(2026, 11, 19), review=Review.ACCEPTED, source_line=4, fingerprint="smoke",
    )  # fmt: skip
    # history out of time order and with equal times: it must come back in the same order
    store.update_action(rec.id, {"status": Status.DONE}, at=T0, who="ivarga", via="mention")
    store.record(rec.id, at=T0 - timedelta(days=1), who="x", via="dm", change="reminded")
    store.add_note(rec.id, at=T0, who="ivarga", via="dm", text="ticket 42")
    store.update_action(rec.id, {"snoozed_until": date(2026, 12, 1)}, at=T0, who="a", via="dm")
    other = store.create_action(
        text="Write guide", owners=[], at=T0, who="w", via="ingest", similar_to=rec.id
    )
    with store.exclusive("seed"):  # one transaction: quick
        for i in range(many):
            extra = store.create_action(
                text=f"Check pool {i}", owners=[INES], at=T0, who="w", via="ingest",
                meeting_id=m.id, source_line=10 + i, fingerprint=f"check pool {i}",
            )  # fmt: skip
            store.add_note(extra.id, at=T0, who="w", via="dm", text=f"note {i}")
    store.upsert_person("Ines Varga", username="ivarga", site="MOONBASE", timezone="Europe/Oslo")
    rhythm = RhythmStore(store.engine)
    rhythm.set_timezone("ivarga", "America/Chicago", "command", T0)
    rhythm.add_away("ivarga", Period(date(2026, 12, 20), date(2027, 1, 3)), T0)
    rhythm.mute("ivarga", other.id, T0)
    rhythm.add_downtime(
        "MOONBASE", T0, T0 + timedelta(hours=6), reason="tape robot", who="ivarga", at=T0
    )
    ProbeStore(store.engine).link(rec.id, "MOONBASE/door", manual=True)
    with Session(store.engine) as s:
        table = RoundTableRow(meeting_key="indico:41", title="Storage #41", starts_at=T0,
                              opened_at=T0 - timedelta(days=2))  # fmt: skip
        s.add(table)
        s.flush()
        assert table.id is not None
        s.add(RoundTableEntryRow(roundtable_id=table.id, entity="MOONBASE", kind="site",
                                 asked=["ivarga"], answer="issues", answer_text="robot down",
                                 note="chase the vendor", answered_at=T0))  # fmt: skip
        s.commit()
    return store


def test_export_import_export_is_identical(tmp_path: Path) -> None:
    src = seeded(tmp_path / "a.db", many=950)  # more than 900 actions: notes used to vanish
    first = export_json(TransferStore(src.engine))
    dst = Store.open(f"sqlite:///{tmp_path / 'b.db'}")
    assert import_json(TransferStore(dst.engine), first) == (952, 0)
    second = export_json(TransferStore(dst.engine))
    assert second == first
    doc = json.loads(first)
    assert [len(doc[k]) for k in ("prefs", "away", "mutes", "downtimes", "check_links")] == [
        1, 1, 1, 1, 1,
    ]  # fmt: skip
    assert doc["roundtables"][0]["entries"][0]["note"] == "chase the vendor"
    assert doc["actions"][-1]["notes"][0]["text"] == "note 949"
    smoke = dst.action(1)
    assert smoke.snoozed_until == date(2026, 12, 1)
    assert smoke.notes == ("ticket 42",)
    assert [h.change for h in dst.history(1)] == [h.change for h in src.history(1)]
    # a second import of the same file adds nothing
    assert import_json(TransferStore(dst.engine), first) == (0, 952)
    assert export_json(TransferStore(dst.engine)) == first
    src.close()
    dst.close()


def test_import_into_a_used_database_numbers_after_its_actions(tmp_path: Path) -> None:
    src = seeded(tmp_path / "a.db")
    dump = export_json(TransferStore(src.engine))
    dst = Store.open(f"sqlite:///{tmp_path / 'b.db'}")
    mine = dst.create_action(text="Unrelated local item", owners=[], at=T0, who="w", via="cli")
    assert import_json(TransferStore(dst.engine), dump) == (2, 0)
    guide = next(r for r in dst.actions() if r.text == "Write guide")
    smoke = next(r for r in dst.actions() if r.text == "Set up smoke tests")
    assert mine.id == 1
    assert guide.similar_to == smoke.id != 1
    muted = json.loads(export_json(TransferStore(dst.engine)))["mutes"]
    assert [m["action_id"] for m in muted] == [guide.id]
    src.close()
    dst.close()


def test_csv_has_a_row_per_action(tmp_path: Path) -> None:
    store = seeded(tmp_path / "a.db")
    rows = list(csv.DictReader(io.StringIO(export_csv(store))))
    assert [r["text"] for r in rows] == ["Set up smoke tests", "Write guide"]
    assert rows[0]["owner_usernames"] == "ivarga"
    store.close()


def broken(path: Path, section: str, index: int, field: str, value: object) -> str:
    store = seeded(path)
    doc = json.loads(export_json(TransferStore(store.engine)))
    store.close()
    doc[section][index][field] = value
    return json.dumps(doc)


@pytest.mark.parametrize(
    ("section", "index", "field", "value", "message"),
    [
        ("actions", 1, "status", "finished", r"actions\[1\] \(#2 “Write guide”\): 'status'"),
        ("actions", 1, "due", "2026-13-01", "is not a date"),
        ("actions", 1, "created_at", "2026-11-05T12:00:00", "has no timezone offset"),
        ("actions", 1, "review", None, None),  # a missing review is a proposal: fine
        ("actions", 1, "similar_to", 99, "'similar_to' names no action"),
        ("actions", 1, "source_line", "4", "must be a whole number"),
        ("meetings", 0, "timezone", "Europe/Geneva", "is an unknown timezone 'Europe/Geneva'"),
        ("prefs", 0, "timezone", "Mars/Olympus", r"prefs\[0\]: 'timezone'"),
        ("people", 0, "timezone", "Nowhere", r"people\[0\] \(“Ines Varga”\)"),
        ("away", 0, "end", "2026-12-01", "'end' is before 'start'"),
        ("mutes", 0, "action_id", 77, "names no action"),
        ("roundtables", 0, "starts_at", "soon", "is not a date and time"),
    ],
)
def test_a_bad_record_is_named_and_nothing_is_stored(
    tmp_path: Path, section: str, index: int, field: str, value: object, message: str | None
) -> None:
    text = broken(tmp_path / "a.db", section, index, field, value)
    store = Store.open(f"sqlite:///{tmp_path / 'c.db'}")
    port = TransferStore(store.engine)
    if message is None:
        assert import_json(port, text) == (2, 0)
    else:
        with pytest.raises(ExportFormatError, match=message):
            import_json(port, text)
        assert store.count_actions() == 0
        assert store.meetings() == []
    store.close()


def test_a_failure_while_writing_stores_nothing(tmp_path: Path) -> None:
    # each field is valid, but one round-table asks the same site twice: the database's unique
    # key refuses it after the actions were written, and the one transaction takes them back
    store = seeded(tmp_path / "a.db")
    doc = json.loads(export_json(TransferStore(store.engine)))
    store.close()
    entries = doc["roundtables"][0]["entries"]
    entries.append(dict(entries[0]))
    target = Store.open(f"sqlite:///{tmp_path / 'd.db'}")
    with pytest.raises(ExportFormatError, match="nothing was imported"):
        import_json(TransferStore(target.engine), json.dumps(doc))
    assert target.count_actions() == 0
    assert target.meetings() == []
    target.close()


def test_duplicates_in_one_file_are_stored_once(tmp_path: Path) -> None:
    store = seeded(tmp_path / "a.db")
    doc = json.loads(export_json(TransferStore(store.engine)))
    store.close()
    doc["check_links"].append(dict(doc["check_links"][0], manual=False))
    target = Store.open(f"sqlite:///{tmp_path / 'd.db'}")
    port = TransferStore(target.engine)
    assert import_json(port, json.dumps(doc)) == (2, 0)
    assert len(json.loads(export_json(port))["check_links"]) == 1
    target.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ("\x00\x01binary", "binary"),
        ("[" * 5000 + "]" * 5000, "not a wp2bot export"),
        ("[" * 200_000 + "]" * 200_000, "nested too deeply"),
        (json.dumps({"x": 1}), "not a wp2bot export"),
        (json.dumps({"format": "wp2bot-export", "version": 9}), "version 9"),
        (json.dumps({"format": "wp2bot-export", "actions": [{"status": "open"}]}), r"actions\[0\]"),
        (json.dumps({"format": "wp2bot-export", "actions": {"a": 1}}), "must be a list"),
    ],
)
def test_bad_files_are_refused(tmp_path: Path, text: str, message: str) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'c.db'}")
    with pytest.raises(ExportFormatError, match=message):
        import_json(TransferStore(store.engine), text)
    store.close()

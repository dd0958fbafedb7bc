"""Export to JSON/CSV and import back: nothing lost, re-import changes nothing."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wp2bot.adapters.storage import Store
from wp2bot.clock import FrozenClock
from wp2bot.domain.models import Owner, OwnerKind, Status
from wp2bot.domain.tracking import Review
from wp2bot.services.transfer import ExportFormatError, export_csv, export_json, import_json

CLOCK = FrozenClock(datetime(2026, 11, 5, 12, tzinfo=UTC))
PAUL = Owner(written="PM", name="Paul Millar", kind=OwnerKind.PERSON, username="pmillar")


def seeded(path: Path) -> Store:
    store = Store.open(f"sqlite:///{path}")
    m, _ = store.upsert_meeting("indico:41", title="WP2 #41", meeting_date=date(2026, 11, 5))
    rec = store.create_action(
        text="Set up smoke tests",
        owners=[PAUL],
        at=CLOCK.now(),
        who="w",
        via="ingest",
        meeting_id=m.id,
        due=date(2026, 11, 19),
        review=Review.ACCEPTED,
    )
    store.update_action(
        rec.id,
        {"status": Status.DONE},
        at=CLOCK.now(),
        who="pmillar",
        via="mention",
        comment="works",
    )
    store.add_note(rec.id, at=CLOCK.now(), who="pmillar", via="dm", text="ticket 42")
    store.create_action(text="Write guide", owners=[], at=CLOCK.now(), who="w", via="ingest")
    return store


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    src = seeded(tmp_path / "a.db")
    dump = export_json(src)
    dst = Store.open(f"sqlite:///{tmp_path / 'b.db'}")
    assert import_json(dst, dump, CLOCK) == (2, 0)
    assert import_json(dst, dump, CLOCK) == (0, 2)
    a = {r.text: r for r in src.actions()}
    b = {r.text: r for r in dst.actions()}
    assert a.keys() == b.keys()
    done = b["Set up smoke tests"]
    assert done.status is Status.DONE
    assert done.review is Review.ACCEPTED
    assert done.due == date(2026, 11, 19)
    assert done.owners == (PAUL,)
    assert done.notes == ("ticket 42",)
    assert done.meeting_title == "WP2 #41"
    changes = [h.change for h in dst.history(done.id)]
    assert "status" in changes
    src.close()
    dst.close()


def test_csv_has_a_row_per_action(tmp_path: Path) -> None:
    store = seeded(tmp_path / "a.db")
    rows = list(csv.DictReader(io.StringIO(export_csv(store))))
    assert [r["text"] for r in rows] == ["Set up smoke tests", "Write guide"]
    assert rows[0]["owner_usernames"] == "pmillar"
    store.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        (json.dumps({"x": 1}), "not a wp2bot export"),
        (
            json.dumps({"format": "wp2bot-export", "actions": [{"status": "open"}]}),
            "actions\\[0\\]",
        ),
    ],
)
def test_bad_imports_are_refused(tmp_path: Path, text: str, message: str) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'c.db'}")
    with pytest.raises(ExportFormatError, match=message):
        import_json(store, text, CLOCK)
    store.close()

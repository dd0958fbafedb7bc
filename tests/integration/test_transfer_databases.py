"""Export -> import -> export is identical on SQLite and PostgreSQL, and across the two."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.test_transfer import T0, seeded_at
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.transfer_store import TransferStore
from wp2bot.services.transfer import export_json, import_json

pytestmark = pytest.mark.integration


def test_round_trip_on_each_database(database_url: str, tmp_path: Path) -> None:
    src = seeded_at(f"sqlite:///{tmp_path / 'src.db'}", many=30)
    first = export_json(TransferStore(src.engine))
    src.close()
    target = Store.open(database_url)  # empty: SQLite or PostgreSQL
    port = TransferStore(target.engine)
    assert import_json(port, first) == (32, 0)
    assert export_json(port) == first
    assert import_json(port, first) == (0, 32)  # a second import adds nothing
    # new actions continue the numbering (on PostgreSQL: the sequence moved past the import)
    added = target.create_action(text="After the import", owners=[], at=T0, who="x", via="cli")
    assert added.id == 33
    target.close()

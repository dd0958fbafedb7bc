"""Import and export speed: a generated export of N actions into a fresh SQLite (or any) database.

Usage: python -m benchmarks.transfer [--actions 20000] [--database-url URL]
Each generated action has an owner, a note and three history entries. Prints the import rate in
actions/s of wall-clock time (the target is at least 2,000/s, printed, not asserted) and per CPU
second, the export time, and whether export -> import -> export gave the same file.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.transfer_store import TransferStore
from wp2bot.services.transfer import export_json, import_json

T0 = datetime(2031, 1, 6, 9, tzinfo=UTC)
TARGET = 2000.0


def generated(actions: int) -> str:
    """An export document of ``actions`` invented actions in 50 meetings."""
    meetings = [
        {"source": f"minutes-{m}.md", "title": f"Meeting {m}", "timezone": "Europe/Oslo",
         "meeting_date": (date(2030, 1, 1) + timedelta(days=14 * m)).isoformat()}
        for m in range(50)
    ]  # fmt: skip
    items: list[dict[str, Any]] = []
    for i in range(1, actions + 1):
        at = (T0 + timedelta(minutes=i)).isoformat()
        items.append({
            "id": i, "meeting_source": f"minutes-{i % 50}.md", "text": f"Check transfer queue {i}",
            "fingerprint": f"check transfer queue {i}", "source_line": i, "status": "open",
            "review": "accepted", "due": "2031-02-01", "created_at": at, "updated_at": at,
            "owners": [{"written": "IV", "name": "Ines Varga", "kind": "person",
                        "username": "ivarga"}],
            "notes": [{"at": at, "who": "ivarga", "text": f"ticket {i}"}],
            "history": [{"at": at, "who": "wp2bot", "via": "ingest", "change": "created"},
                        {"at": at, "who": "ivarga", "via": "dm", "change": "review"},
                        {"at": at, "who": "ivarga", "via": "dm", "change": "note"}],
        })  # fmt: skip
    return json.dumps({"format": "wp2bot-export", "version": 2, "meetings": meetings,
                       "actions": items})  # fmt: skip


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=20000)
    parser.add_argument("--database-url", help="an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    text = generated(args.actions)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'import.db'}"
        store = Store.open(url)
        port = TransferStore(store.engine)
        started, cpu = time.perf_counter(), time.process_time()
        added, _ = import_json(port, text)
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
        rate = added / took
        started = time.perf_counter()
        first = export_json(port)
        exported = time.perf_counter() - started
        store.close()
        again = Store.open(f"sqlite:///{Path(tmp) / 'again.db'}")
        import_json(TransferStore(again.engine), first)
        same = export_json(TransferStore(again.engine)) == first
        again.close()
    verdict = "meets" if rate >= TARGET else "misses"
    print(f"import: {added} actions in {took:.2f} s = {rate:,.0f} actions/s "
          f"({verdict} the target of {TARGET:,.0f}/s)")  # fmt: skip
    print(f"import: {added / cpu:,.0f} actions per CPU second (what a busy machine leaves out)")
    print(f"export: {added} actions in {exported:.2f} s = {added / exported:,.0f} actions/s")
    print(f"export -> import -> export identical: {same}")


if __name__ == "__main__":
    main()

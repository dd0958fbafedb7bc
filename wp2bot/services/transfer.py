"""Export the tracked state to JSON or CSV, and import a JSON export (atomically, idempotently).

The file's format and its checks are ``domain.transfer_format``'s; the storage behind the port
reads each table once and writes an import in batches in one transaction.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Protocol

from wp2bot.domain.transfer_format import ExportData, ExportFormatError, parse, render
from wp2bot.ports.actions import Actions

__all__ = ["ExportFormatError", "TransferPort", "export_csv", "export_json", "import_json"]


class TransferPort(Protocol):
    """Reads the whole tracked state and writes an import in one transaction."""

    def read_all(self) -> ExportData:
        """Every section of the state as records."""
        ...

    def write_all(self, data: ExportData) -> tuple[int, int]:
        """Store the records not yet present, atomically; returns (actions added, skipped)."""
        ...


def export_json(port: TransferPort) -> str:
    """Everything people set — meetings, people, actions with owners, notes and history,
    snoozes, timezones, away periods, mutes, downtimes, check links, round-tables — as JSON."""
    return as_text(render(port.read_all()))


def as_text(doc: dict[str, object]) -> str:
    """The document with one record a line: readable, diffable, and quick to write (the C
    encoder writes each record; an indented dump would go through the pure-Python one)."""
    lines = ["{"]
    items = list(doc.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        head = json.dumps(key)
        if isinstance(value, list) and value:
            records = [json.dumps(v, ensure_ascii=False) for v in value]
            lines.append(f"{head}: [")
            lines.extend(r + ("," if i < len(records) - 1 else "") for i, r in enumerate(records))
            lines.append(f"]{comma}")
        else:
            lines.append(f"{head}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def import_json(port: TransferPort, text: str) -> tuple[int, int]:
    """Check the whole file, then store it in one transaction; returns (imported, skipped).

    Actions already present (same meeting and wording) are skipped, so a second import of the
    same file changes nothing. A fault anywhere stores nothing and names the record.
    """
    if "\x00" in text:
        raise ExportFormatError("not JSON: the file is binary")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportFormatError(f"not JSON: {exc}") from exc
    except RecursionError:
        raise ExportFormatError("not a wp2bot export: JSON nested too deeply") from None
    return port.write_all(parse(doc))


CSV_COLUMNS = (
    "id",
    "status",
    "review",
    "owners",
    "owner_usernames",
    "due",
    "due_phrase",
    "text",
    "section",
    "meeting",
    "meeting_date",
    "source_url",
)


def export_csv(store: Actions) -> str:
    """One row per action (owners joined with "; "), for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for rec in store.actions():
        data = rec.as_json()
        writer.writerow([_cell(data[c]) if c in data else "" for c in CSV_COLUMNS])
    return out.getvalue()


def _cell(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)

"""Export the tracked state to JSON or CSV, and import a JSON export (idempotently)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from wp2bot.clock import Clock
from wp2bot.domain.models import Owner, OwnerKind, Precision, Status
from wp2bot.domain.tracking import Review, fingerprint
from wp2bot.ports.actions import Actions
from wp2bot.ports.meetings import Meetings
from wp2bot.zones import check_zone

FORMAT_VERSION = 1


class ExportFormatError(ValueError):
    """The file is not a wp2bot export; the message says where."""


class TransferStore(Actions, Meetings, Protocol):
    """The actions and meetings exported and imported."""


def export_json(store: TransferStore) -> str:
    """Every meeting and action, with owners, notes and history, as one JSON document."""
    meetings = {m.id: m for m in store.meetings()}
    actions = []
    for rec in store.actions():
        item = rec.as_json()
        item["owner_details"] = [
            {
                "written": o.written,
                "name": o.name,
                "kind": o.kind.value,
                "username": o.username,
                "candidates": list(o.candidates),
            }
            for o in rec.owners
        ]
        item["meeting_source"] = meetings[rec.meeting_id].source if rec.meeting_id else None
        item["due_precision"] = rec.due_precision.value if rec.due_precision else None
        item["source_line"] = rec.source_line
        item["notes"] = list(rec.notes)
        item["history"] = [
            {
                "at": h.at.isoformat(),
                "who": h.who,
                "via": h.via,
                "change": h.change,
                "old": h.old,
                "new": h.new,
                "comment": h.comment,
            }
            for h in store.history(rec.id)
        ]
        actions.append(item)
    doc = {
        "format": "wp2bot-export",
        "version": FORMAT_VERSION,
        "meetings": [
            {
                "source": m.source,
                "title": m.title,
                "indico_id": m.indico_id,
                "meeting_date": m.meeting_date.isoformat() if m.meeting_date else None,
                "timezone": m.timezone,
                "url": m.url,
            }
            for m in meetings.values()
        ],
        "actions": actions,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)


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


def export_csv(store: TransferStore) -> str:
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


def import_json(
    store: TransferStore, text: str, clock: Clock, *, who: str = "import"
) -> tuple[int, int]:
    """Load an export; actions already present (same meeting and wording) are skipped.

    Returns (imported, skipped).
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportFormatError(f"not JSON: {exc}") from exc
    except RecursionError:
        raise ExportFormatError("not a wp2bot export: JSON nested too deeply") from None
    if not isinstance(doc, dict) or doc.get("format") != "wp2bot-export":
        raise ExportFormatError('not a wp2bot export (missing "format": "wp2bot-export")')
    ids: dict[str, int] = {}
    for i, m in enumerate(_list(doc, "meetings")):
        source = _str(m, "source", f"meetings[{i}]")
        try:
            meeting_date, zone = (
                _date(m.get("meeting_date")),
                check_zone(m.get("timezone") or "UTC"),
            )
        except ValueError as exc:
            raise ExportFormatError(f"meetings[{i}]: {exc}") from None
        mrec, _ = store.upsert_meeting(
            source,
            title=m.get("title") or "",
            indico_id=m.get("indico_id"),
            meeting_date=meeting_date,
            timezone=zone,
            url=m.get("url"),
        )
        ids[source] = mrec.id
    existing = {(r.meeting_id, r.fingerprint) for r in store.actions()}
    imported = skipped = 0
    for i, a in enumerate(_list(doc, "actions")):
        where = f"actions[{i}]"
        text_ = _str(a, "text", where)
        meeting_id = ids.get(a.get("meeting_source") or "")
        fp = fingerprint(text_)
        if (meeting_id, fp) in existing:
            skipped += 1
            continue
        owners = [
            Owner(
                written=o.get("written", ""),
                name=o.get("name", ""),
                kind=OwnerKind(o.get("kind", "unknown")),
                username=o.get("username"),
                candidates=tuple(o.get("candidates") or ()),
            )
            for o in a.get("owner_details") or []
        ]
        try:
            rec = store.create_action(
                text=text_,
                owners=owners,
                at=clock.now(),
                who=who,
                via="import",
                status=Status(a.get("status", "open")),
                review=Review(a.get("review", "proposed")),
                meeting_id=meeting_id,
                due=_date(a.get("due")),
                due_phrase=a.get("due_phrase"),
                due_precision=Precision(a["due_precision"]) if a.get("due_precision") else None,
                section=a.get("section") or "",
                source_text=a.get("source_text") or "",
                source_line=int(a.get("source_line") or 0),
                source_url=a.get("source_url"),
                fingerprint=fp,
                carried_over=bool(a.get("carried_over")),
            )
        except ValueError as exc:
            raise ExportFormatError(f"{where}: {exc}") from exc
        for note in a.get("notes") or []:
            store.add_note(rec.id, at=clock.now(), who=who, via="import", text=str(note))
        for j, h in enumerate(a.get("history") or []):
            if h.get("change") == "created":
                continue
            try:
                at = _datetime(h.get("at")) or clock.now()
            except ValueError as exc:
                raise ExportFormatError(f"{where}.history[{j}]: {exc}") from None
            store.record(
                rec.id,
                at=at,
                who=h.get("who", ""),
                via=h.get("via", ""),
                change=h.get("change", ""),
                old=h.get("old", ""),
                new=h.get("new", ""),
                comment=h.get("comment", ""),
            )
        existing.add((meeting_id, fp))
        imported += 1
    return imported, skipped


def _list(doc: Mapping[str, Any], key: str) -> Sequence[Mapping[str, Any]]:
    value = doc.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ExportFormatError(f"'{key}' must be a list of objects")
    return value


def _str(obj: Mapping[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value:
        raise ExportFormatError(f"{where}: '{key}' is missing")
    return value


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        raise ValueError(f"{value!r} is not a YYYY-MM-DD date") from None


def _datetime(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO date-time") from None

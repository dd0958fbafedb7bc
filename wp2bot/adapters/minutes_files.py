"""Minutes from local files: read, decode, parse, and the optional META.json beside them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wp2bot.domain.meeting_input import MeetingInput, content_hash
from wp2bot.domain.minutes import decode_minutes, guess_format, parse_minutes
from wp2bot.domain.models import Document, MeetingContext, Participant
from wp2bot.zones import UnknownZone, check_zone

MAX_BYTES = 50 * 1024 * 1024


class MinutesFileError(ValueError):
    """A minutes file or its META.json cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class FileMeta:
    """What META.json (or the command line) says about the meeting."""

    meeting_date: date | None = None
    timezone: str = "UTC"
    participants: tuple[str, ...] = ()
    next_meeting: date | None = None
    title: str = ""


def _date(value: object, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise MinutesFileError(f"{where}: {value!r} is not a YYYY-MM-DD date") from exc


def _zone(value: object, where: str) -> str:
    if value in (None, ""):
        return "UTC"
    try:
        return check_zone(str(value))
    except UnknownZone as exc:
        raise MinutesFileError(f"{where}: {exc}") from None


def read_meta(path: Path) -> FileMeta:
    """Parse ``{"meeting_date", "timezone", "participants", "next_meeting"?, "title"?}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise MinutesFileError(f"{path}: no such file") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MinutesFileError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise MinutesFileError(f"{path}: expected a JSON object")
    participants = data.get("participants") or []
    if not isinstance(participants, list) or not all(isinstance(p, str) for p in participants):
        raise MinutesFileError(f"{path}: 'participants' must be a list of names")
    return FileMeta(
        meeting_date=_date(data.get("meeting_date"), f"{path}: meeting_date"),
        timezone=_zone(data.get("timezone"), f"{path}: timezone"),
        participants=tuple(participants),
        next_meeting=_date(data.get("next_meeting"), f"{path}: next_meeting"),
        title=str(data.get("title") or ""),
    )


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def looks_binary(raw: bytes) -> bool:
    """True for data that is not text in any encoding minutes come in (UTF-16 has a BOM)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    head = raw[:65536]
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls > len(head) * 0.02


def sibling_meta(path: Path) -> Path | None:
    """``minutes.md`` -> ``minutes.meta.json`` when that file exists."""
    candidate = path.with_name(path.stem + ".meta.json")
    return candidate if candidate.is_file() else None


def read_minutes(path: Path) -> tuple[str, Document]:
    """Read and parse one minutes file (.html, .md, .txt); any encoding, best effort."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise MinutesFileError(f"{path}: no such file") from exc
    if path.is_dir():
        raise MinutesFileError(f"{path}: is a directory, not a minutes file")
    if size > MAX_BYTES:
        raise MinutesFileError(f"{path}: {size} bytes is more than the {MAX_BYTES} byte limit")
    raw = path.read_bytes()
    if not raw.strip():
        raise MinutesFileError(f"{path}: the file is empty")
    if looks_binary(raw):
        raise MinutesFileError(f"{path}: looks like a binary file, not minutes")
    text = decode_minutes(raw)
    return text, parse_minutes(text, guess_format(path.name, text))


def load_meeting(
    path: Path,
    *,
    meta: FileMeta | None = None,
    meeting_date: date | None = None,
    timezone: str | None = None,
) -> MeetingInput:
    """A minutes file as a ``MeetingInput``; command-line values override META.json."""
    if meta is None:
        found = sibling_meta(path)
        meta = read_meta(found) if found else FileMeta()
    text, doc = read_minutes(path)
    when = meeting_date or meta.meeting_date or doc.meeting_date
    participants = tuple(Participant(name=n) for n in meta.participants)
    ctx = MeetingContext(
        meeting_date=when,
        timezone=timezone or meta.timezone,
        participants=participants,
        next_meeting=meta.next_meeting,
        title=meta.title or doc.title or path.name,
        url=None,
    )
    return MeetingInput(
        source=str(path.resolve()),
        document=doc,
        context=ctx,
        content_hash=content_hash(text, repr(ctx)),
    )

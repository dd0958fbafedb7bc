"""Indico URLs and export-API JSON turned into wp2bot values (no I/O)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from selectolax.lexbor import LexborHTMLParser

from wp2bot.domain.minutes import NotePart
from wp2bot.domain.models import Participant
from wp2bot.ports.meeting_source import FetchedMeeting

Json = Mapping[str, object]

# path prefix (Indico may live under /indico), then the object kind and its numeric id
_PATH = re.compile(r"^(?P<prefix>.*?)/(?P<kind>event|e|category|categ)/(?P<id>\d+)(?:/.*)?$")
_LEGACY = {
    "conferenceDisplay.py": ("event", "confId"),
    "categoryDisplay.py": ("category", "categId"),
}
# elements whose content is never minutes text and may carry active content
_DROP = (
    "script, style, noscript, template, iframe, object, embed, frame, frameset, base, meta, link"
)
_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href")
_ACTIVE_SCHEMES = ("javascript:", "data:", "vbscript:")


@dataclass(frozen=True)
class IndicoRef:
    """An Indico event or category named by a URL."""

    kind: Literal["event", "category"]
    base_url: str
    id: int


def parse_indico_url(url: str) -> IndicoRef | None:
    """The event or category an Indico URL points at, or None when it names neither."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    origin = f"{parts.scheme}://{parts.netloc}"
    path = parts.path
    for script, (legacy_kind, param) in _LEGACY.items():
        if path.endswith("/" + script):
            value = parse_qs(parts.query).get(param, [""])[0]
            if not value.isdigit():
                return None
            prefix = path[: -len(script) - 1]
            return IndicoRef(
                "event" if legacy_kind == "event" else "category", origin + prefix, int(value)
            )
    match = _PATH.match(path)
    if match is None:
        return None
    kind: Literal["event", "category"] = "event" if match["kind"] in ("event", "e") else "category"
    return IndicoRef(kind, origin + match["prefix"].rstrip("/"), int(match["id"]))


def event_url(base_url: str, event_id: int | str) -> str:
    """The canonical URL of an event on ``base_url``."""
    return f"{base_url.rstrip('/')}/event/{event_id}/"


def parse_when(value: object) -> datetime | None:
    """An Indico ``{"date", "time", "tz"}`` object as an aware datetime; None when absent."""
    if not isinstance(value, Mapping):
        return None
    day, time, zone = value.get("date"), value.get("time"), value.get("tz")
    if not isinstance(day, str) or not isinstance(time, str):
        return None
    try:
        naive = datetime.fromisoformat(f"{day}T{time}")
        return naive.replace(tzinfo=_zone(zone if isinstance(zone, str) else "UTC"))
    except ValueError:
        return None


def _zone(name: str) -> ZoneInfo:
    """A zone by name; an unknown one (a server with an odd DEFAULT_TIMEZONE) falls back to UTC."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def sanitize_note_html(html: str) -> str:
    """Note HTML with active content removed: the export API passes editors' HTML unfiltered."""
    if not html.strip():
        return ""
    tree = LexborHTMLParser(html)
    for node in tree.css(_DROP):
        node.decompose()
    root = tree.body
    if root is None:
        return ""
    for node in root.css("*"):
        attrs = node.attrs
        for name in list(attrs.keys()):
            lowered = name.lower()
            value = (attrs[name] or "").strip().lower()
            active_url = lowered in _URL_ATTRS and value.startswith(_ACTIVE_SCHEMES)
            if lowered.startswith("on") or active_url:
                del attrs[name]
    return str(root.inner_html or "")


def has_text(html: str) -> bool:
    """True when the HTML shows any text at all."""
    if not html.strip():
        return False
    body = LexborHTMLParser(html).body
    return body is not None and bool((body.text(deep=True) or "").strip())


def person(data: object) -> Participant | None:
    """A person object of the export API (chair, speaker, author, convener)."""
    if not isinstance(data, Mapping):
        return None
    first, last = _text(data.get("first_name")), _text(data.get("last_name"))
    name = f"{first} {last}".strip()
    if not name:
        full = _text(data.get("fullName"))  # "Last, First"
        last_part, _, first_part = full.partition(", ")
        name = f"{first_part} {last_part}".strip() if first_part else full
    if not name:
        return None
    email = _text(data.get("email")) or None  # only present for managers of the event
    return Participant(name=name, affiliation=_text(data.get("affiliation")) or None, email=email)


def people(items: object) -> tuple[Participant, ...]:
    """Every parseable person in a list of person objects."""
    found = (person(item) for item in _items(items))
    return tuple(p for p in found if p is not None)


def merge_people(groups: Iterable[Iterable[Participant]]) -> tuple[Participant, ...]:
    """People deduplicated by name (case-insensitive), keeping the first affiliation, email and
    role."""
    merged: dict[str, Participant] = {}
    for group in groups:
        for p in group:
            key = " ".join(p.name.casefold().split())
            known = merged.get(key)
            if known is None:
                merged[key] = p
            elif (
                (known.affiliation is None and p.affiliation)
                or (known.email is None and p.email)
                or (known.role is None and p.role)
            ):
                merged[key] = replace(
                    known,
                    affiliation=known.affiliation or p.affiliation,
                    email=known.email or p.email,
                    role=known.role or p.role,
                )
    return tuple(merged.values())


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _items(value: object) -> Iterator[Json]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, Mapping))


def _note(data: Json, title: str, speakers: tuple[Participant, ...], level: int) -> list[NotePart]:
    """The object's note as a one-element list, or nothing when it has no (visible) note."""
    note = data.get("note")
    if not isinstance(note, Mapping):
        return []
    # a deleted note still exports as {"html": "", ...}: empty html means no minutes
    html = sanitize_note_html(_text(note.get("html")))
    if not html:
        return []
    url = _text(note.get("url")) or None
    return [NotePart(title=title, html=html, speakers=speakers, url=url, level=level)]


def _contribution_parts(contrib: Json) -> list[NotePart]:
    """A contribution's note, then its subcontributions' notes one level below."""
    title = _text(contrib.get("title"))
    found = _note(contrib, title, people(contrib.get("speakers")), 1)
    for sub in _items(contrib.get("subContributions")):
        found += _note(sub, _text(sub.get("title")), people(sub.get("speakers")), 2)
    return found


def _contribution_people(contrib: Json) -> Iterator[tuple[Participant, ...]]:
    for key in ("speakers", "primaryauthors", "coauthors"):
        yield people(contrib.get(key))
    for sub in _items(contrib.get("subContributions")):
        yield people(sub.get("speakers"))


def _timetable(event: Json) -> Iterator[tuple[datetime | None, int, Json, str]]:
    """(start, rank, object, what) for contributions and session blocks; rank orders ties."""
    for contrib in _items(event.get("contributions")):
        yield parse_when(contrib.get("startDate")), 1, contrib, "contribution"
    for block in _items(event.get("sessions")):
        start = parse_when(block.get("startDate"))
        yield start, 0, block, "session"  # the session's note precedes its talks
        for contrib in _items(block.get("contributions")):
            yield parse_when(contrib.get("startDate")) or start, 1, contrib, "contribution"


def parse_event(event: Json, base_url: str) -> FetchedMeeting:
    """One event object of the export API (any detail level) as a FetchedMeeting."""
    event_id = str(event.get("id", ""))
    title = _text(event.get("title"))
    zone_name = _text(event.get("timezone")) or "UTC"
    zone = _zone(zone_name)
    starts = parse_when(event.get("startDate"))
    if starts is None:
        raise ValueError(f"event {event_id} has no start date")
    ends = parse_when(event.get("endDate"))
    # the minutes may name the event's chair by the role ("The Chair will write to ...")
    chairs = tuple(replace(p, role="chair") for p in people(event.get("chairs")))

    parts = _note(event, title, chairs, 1)
    groups: list[tuple[Participant, ...]] = [chairs]
    entries = sorted(
        enumerate(_timetable(event)),
        key=lambda e: (e[1][0] is None, e[1][0] or starts, e[1][1], e[0]),
    )
    seen_notes: set[str] = set()
    for _, (_, _, obj, what) in entries:
        if what == "session":
            session = obj.get("session")
            session_data: Json = session if isinstance(session, Mapping) else {}
            conveners = people(obj.get("conveners")) or people(session_data.get("sessionConveners"))
            groups.append(conveners)
            name = _text(session_data.get("title")) or _text(obj.get("title"))
            found = _note(obj, name, conveners, 1)
        else:
            groups.extend(_contribution_people(obj))
            found = _contribution_parts(obj)
        for part in found:
            # a session with several blocks repeats the session's note on each block
            key = part.url or f"{part.title}\n{part.html}"
            if key not in seen_notes:
                seen_notes.add(key)
                parts.append(part)
    category = _text(event.get("category")) or None
    return FetchedMeeting(
        source=event_url(base_url, event_id),
        indico_id=event_id,
        title=title,
        starts_at=starts.astimezone(zone),
        timezone=zone_name,
        url=_text(event.get("url")) or event_url(base_url, event_id),
        category=category,
        parts=tuple(parts),
        participants=merge_people(groups),
        has_minutes=any(has_text(p.html) for p in parts),
        ends_at=ends.astimezone(zone) if ends else None,
    )

"""The export file's format: every section and field, checked before anything is written.

``parse`` turns a decoded JSON document into typed records (dates, aware datetimes, enum
values) or raises ``ExportFormatError`` naming the record and the field; ``render`` is its
inverse. The field names are the storage columns', so the adapter maps records 1:1.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from wp2bot.domain.models import OwnerKind, Precision, Status
from wp2bot.domain.tracking import Review
from wp2bot.domain.transfer_values import PARSERS, members

FORMAT = "wp2bot-export"
VERSION = 2

Record = dict[str, Any]
ExportData = dict[str, list[Record]]


class ExportFormatError(ValueError):
    """The file is not a usable wp2bot export; the message names the record and the field."""


@dataclass(frozen=True, slots=True)
class Spec:
    """One field: its name, its kind, whether it must be given, its allowed values."""

    name: str
    kind: str  # str ostr int oint bool date odate dt odt zone ozone strs list
    required: bool = False
    choices: type[enum.Enum] | None = None
    of: str = ""  # the section of the records of a ``list`` field


def _s(name: str, kind: str = "str", **kw: Any) -> Spec:
    return Spec(name, kind, **kw)


SECTIONS: dict[str, tuple[Spec, ...]] = {
    "meetings": (
        _s("source", required=True), _s("title"), _s("indico_id", "ostr"),
        _s("meeting_date", "odate"), _s("starts_at", "odt"), _s("timezone", "zone"),
        _s("url", "ostr"), _s("category", "ostr"), _s("minutes_hash"), _s("cancelled", "bool"),
        _s("ingested_at", "odt"),
    ),
    "people": (
        _s("name", required=True), _s("username", "ostr"), _s("site", "ostr"),
        _s("timezone", "ozone"),
    ),
    "actions": (
        _s("id", "int", required=True), _s("meeting_source", "ostr"),
        _s("last_meeting_source", "ostr"), _s("text", required=True), _s("fingerprint"),
        _s("section"), _s("source_text"), _s("source_line", "int"), _s("source_url", "ostr"),
        _s("status", choices=Status), _s("review", choices=Review), _s("due", "odate"),
        _s("due_phrase", "ostr"), _s("due_precision", "ostr", choices=Precision),
        _s("carried_over", "bool"), _s("similar_to", "oint"), _s("snoozed_until", "odate"),
        _s("edited", "strs"), _s("created_at", "dt", required=True),
        _s("updated_at", "dt", required=True), _s("closed_at", "odt"),
        _s("owners", "list", of="owners"), _s("notes", "list", of="notes"),
        _s("history", "list", of="history"),
    ),
    "owners": (
        _s("written"), _s("name"), _s("kind", choices=OwnerKind), _s("username", "ostr"),
        _s("candidates", "strs"),
    ),
    "notes": (_s("at", "dt", required=True), _s("who"), _s("text", required=True)),
    "history": (
        _s("at", "dt", required=True), _s("who"), _s("via"), _s("change", required=True),
        _s("old"), _s("new"), _s("comment"),
    ),
    "prefs": (
        _s("username", required=True), _s("timezone", "ozone"), _s("timezone_source"),
        _s("updated_at", "odt"),
    ),
    "away": (
        _s("username", required=True), _s("start", "date", required=True),
        _s("end", "date", required=True), _s("created_at", "dt", required=True),
    ),
    "mutes": (
        _s("username", required=True), _s("action_id", "int", required=True),
        _s("created_at", "dt", required=True),
    ),
    "downtimes": (
        _s("site", required=True), _s("starts_at", "dt", required=True),
        _s("ends_at", "dt", required=True), _s("reason"), _s("created_by"),
        _s("created_at", "dt", required=True),
    ),
    "check_links": (
        _s("action_id", "int", required=True), _s("check_id", required=True),
        _s("manual", "bool"), _s("removed", "bool"),
    ),
    "roundtables": (
        _s("meeting_key", required=True), _s("title"), _s("starts_at", "dt", required=True),
        _s("opened_at", "dt", required=True), _s("closed_at", "odt"), _s("cancelled", "bool"),
        _s("report_post_id"), _s("live_channel"), _s("live_root_id"),
        _s("live_position", "int"), _s("live_active", "bool"),
        _s("entries", "list", of="entries"),
    ),
    "entries": (
        _s("position", "int"), _s("entity", required=True), _s("kind"), _s("asked", "strs"),
        _s("asked_at", "odt"), _s("chased_at", "odt"), _s("backup_at", "odt"), _s("answer"),
        _s("answer_text"), _s("answered_by"), _s("answered_at", "odt"), _s("note"),
        _s("skipped", "bool"), _s("visited", "bool"),
    ),
}  # fmt: skip

TOP = ("meetings", "people", "actions", "prefs", "away", "mutes", "downtimes", "check_links",
       "roundtables")  # fmt: skip
_DEFAULTS = {"str": "", "int": 0, "bool": False, "strs": [], "list": [], "zone": "UTC"}


def parse(doc: object) -> ExportData:
    """Every section of an export as typed records; ``ExportFormatError`` at the first fault."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ExportFormatError(f'not a wp2bot export (missing "format": "{FORMAT}")')
    version = doc.get("version", 1)
    if version not in (1, VERSION):
        raise ExportFormatError(f"export version {version!r} is not one this wp2bot reads")
    data = {name: _records(doc.get(name), name, name) for name in TOP}
    _check_references(data)
    return data


def render(data: ExportData) -> dict[str, Any]:
    """The JSON document of ``data`` (the inverse of ``parse``)."""
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for name in TOP:
        doc[name] = [_render(rec, name) for rec in data.get(name, [])]
    return doc


def _render(rec: Record, section: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in SECTIONS[section]:
        value = rec.get(spec.name)
        if spec.kind == "list":
            out[spec.name] = [_render(r, spec.of) for r in value or []]
        elif isinstance(value, date):  # datetimes are dates too: isoformat fits both
            out[spec.name] = value.isoformat()
        elif isinstance(value, enum.Enum):
            out[spec.name] = value.value
        else:
            out[spec.name] = list(value) if isinstance(value, tuple) else value
    return out


def _records(value: object, section: str, where: str) -> list[Record]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ExportFormatError(f"'{where}' must be a list of objects")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ExportFormatError(f"{where}[{i}] is not an object")
        out.append(_record(item, section, where, i))
    return out


def _named(here: str, item: Mapping[str, Any]) -> str:
    """``actions[3] (#12 “Set up the…”)``: where a fault is, as a person finds it."""
    label = item.get("id"), item.get("text") or item.get("source") or item.get("name")
    parts = []
    if isinstance(label[0], int):
        parts.append(f"#{label[0]}")
    if isinstance(label[1], str) and label[1]:
        text = label[1] if len(label[1]) <= 40 else label[1][:39] + "…"
        parts.append(f"“{text}”")
    return f"{here} ({' '.join(parts)})" if parts else here


def _record(item: Mapping[str, Any], section: str, where: str, index: int) -> Record:
    """One record; its place (``actions[3] (#12 “…”)``) is spelt out only for a message."""
    if section == "actions" and "created_at" not in item:  # a version 1 export
        item = {**item, **_v1_times(item)}
    rec: Record = {}
    for spec in SECTIONS[section]:
        value = item.get(spec.name)
        if value is None or (value == "" and spec.required):
            if spec.required:
                here = _named(f"{where}[{index}]", item)
                raise ExportFormatError(f"{here}: '{spec.name}' is missing")
            rec[spec.name] = _DEFAULTS.get(spec.kind)
            if spec.choices is not None and spec.kind == "str":
                rec[spec.name] = next(iter(spec.choices))
            continue
        try:
            if spec.kind == "list":
                here = _named(f"{where}[{index}]", item)
                rec[spec.name] = _records(value, spec.of, f"{here}.{spec.name}")
            else:
                rec[spec.name] = _value(spec, value)
        except (TypeError, ValueError) as exc:
            here = _named(f"{where}[{index}]", item)
            raise ExportFormatError(f"{here}: '{spec.name}' {exc}") from None
    problem = _check_record(rec, section)
    if problem:
        raise ExportFormatError(f"{_named(f'{where}[{index}]', item)}: {problem}")
    return rec


def _v1_times(item: Mapping[str, Any]) -> dict[str, Any]:
    """Version 1 exports had no times of their own: the history's first and last entries."""
    history = item.get("history")
    times = (
        [h.get("at") for h in history or [] if isinstance(h, dict)]
        if isinstance(history, list)
        else []
    )
    times = [t for t in times if isinstance(t, str)]
    return {"created_at": times[0], "updated_at": times[-1]} if times else {}


def _value(spec: Spec, value: object) -> object:
    parse_one = PARSERS[spec.kind.removeprefix("o")]  # "odate": an optional "date"
    parsed = parse_one(value)
    if spec.choices is not None and isinstance(parsed, str):
        allowed = members(spec.choices)
        if parsed not in allowed:
            raise ValueError(f"is {parsed!r}; expected one of {', '.join(allowed)}")
        return allowed[parsed]
    return parsed


_ORDERED = {"away": ("start", "end"), "downtimes": ("starts_at", "ends_at")}


def _check_record(rec: Record, section: str) -> str:
    """What breaks a rule between the fields of one record ("" when nothing)."""
    if section in _ORDERED:
        first, last = _ORDERED[section]
        if rec[last] < rec[first]:
            return f"'{last}' is before '{first}'"
    if section == "actions" and rec["due_precision"] is not None and rec["due"] is None:
        return "'due_precision' without 'due'"
    return ""


def _check_references(data: ExportData) -> None:
    """Mutes, check links and similar items name actions of the same export."""
    ids = [a["id"] for a in data["actions"]]
    known = set(ids)
    if len(known) != len(ids):
        raise ExportFormatError("actions: two actions have the same 'id'")
    sources = {m["source"] for m in data["meetings"]}
    for i, a in enumerate(data["actions"]):
        for key in ("meeting_source", "last_meeting_source"):
            if a[key] is not None and a[key] not in sources:
                raise ExportFormatError(f"actions[{i}] (#{a['id']}): '{key}' names no meeting")
        if a["similar_to"] is not None and a["similar_to"] not in known:
            raise ExportFormatError(f"actions[{i}] (#{a['id']}): 'similar_to' names no action")
    for section in ("mutes", "check_links"):
        for i, rec in enumerate(data[section]):
            if rec["action_id"] not in known:
                raise ExportFormatError(
                    f"{section}[{i}]: 'action_id' {rec['action_id']} names no action"
                )

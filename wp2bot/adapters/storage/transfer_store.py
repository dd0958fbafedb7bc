"""Reads the whole tracked state for an export and writes an import in one transaction.

An export reads each table with one query (the history of every action in one, ordered by
action, time and insertion). An import writes in batches (one executemany per table) inside a
single transaction: a failure leaves the database as it was. Records already present are kept
(meetings are updated), so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from wp2bot.adapters.storage.probe_store import ActionCheckRow
from wp2bot.adapters.storage.rhythm_tables import (
    AwayRow,
    DowntimeRow,
    MuteRow,
    PersonPrefRow,
    RoundTableEntryRow,
    RoundTableRow,
)
from wp2bot.adapters.storage.store import name_key, transaction, username_key, utc
from wp2bot.adapters.storage.tables import (
    ActionOwnerRow,
    ActionRow,
    HistoryRow,
    MeetingRow,
    NoteRow,
    PersonRow,
    open_accepted,
)
from wp2bot.domain.tracking import fingerprint
from wp2bot.domain.transfer_format import SECTIONS, ExportData, ExportFormatError, Record


def _table(row: type[Any]) -> Table:
    table: Table = row.__table__
    return table


MEETING, PERSON, ACTION = _table(MeetingRow), _table(PersonRow), _table(ActionRow)
OWNER, NOTE, HISTORY = _table(ActionOwnerRow), _table(NoteRow), _table(HistoryRow)
PREF, AWAY, MUTE = _table(PersonPrefRow), _table(AwayRow), _table(MuteRow)
DOWNTIME, LINK = _table(DowntimeRow), _table(ActionCheckRow)
ROUNDTABLE, ENTRY = _table(RoundTableRow), _table(RoundTableEntryRow)
# the top-level sections that are copies of one table, and the columns that identify a record
PLAIN: dict[str, tuple[Table, tuple[str, ...]]] = {
    "people": (PERSON, ("name",)),
    "prefs": (PREF, ("username",)),
    "away": (AWAY, ("username", "start", "end")),
    "mutes": (MUTE, ("username", "action_id")),
    "downtimes": (DOWNTIME, ("site", "starts_at", "ends_at")),
    "check_links": (LINK, ("action_id", "check_id")),
}


@functools.cache
def _fields(section: str) -> tuple[str, ...]:
    return tuple(s.name for s in SECTIONS[section] if s.kind != "list")


def _out(row: Mapping[Any, Any], section: str) -> Record:
    """A database row as a record: times as aware UTC."""
    return {
        k: utc(row[k]) if isinstance(row[k], datetime) else row[k]
        for k in _fields(section)
        if k in row  # an action's meeting sources are looked up by the caller
    }


def _in(rec: Record, section: str) -> dict[str, Any]:
    """A record as column values: enums as their values, times in UTC."""
    out = {k: rec[k] for k in _fields(section)}
    enums, times = _converted(section)
    for k in enums:
        if out[k] is not None:
            out[k] = out[k].value
    for k in times:
        if out[k] is not None:
            out[k] = utc(out[k])
    return out


@functools.cache
def _converted(section: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields of a section that hold enums, and those that hold times."""
    specs = [s for s in SECTIONS[section] if s.kind != "list"]
    enums = tuple(s.name for s in specs if s.choices is not None)
    times = tuple(s.name for s in specs if s.kind in ("dt", "odt"))
    return enums, times


class TransferStore:
    """Implements the transfer service's ``TransferPort`` on the wp2bot database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # ---------------------------------------------------------------- export
    def read_all(self) -> ExportData:
        """Everything people set, section by section, in a stable order."""
        with self.engine.connect() as conn:
            meetings = list(conn.execute(select(MEETING).order_by(MEETING.c.id)).mappings())
            sources = {m["id"]: m["source"] for m in meetings}
            data: ExportData = {"meetings": [_out(m, "meetings") for m in meetings]}
            data["actions"] = self._actions(conn, sources)
            for section, (table, key) in PLAIN.items():
                rows = conn.execute(select(table).order_by(*[table.c[k] for k in key]))
                data[section] = [_out(r, section) for r in rows.mappings()]
            data["roundtables"] = self._roundtables(conn)
        return data

    def _actions(self, conn: Connection, sources: Mapping[int, str]) -> list[Record]:
        nested: dict[str, dict[int, list[Record]]] = {}
        for section, table, order in (
            ("owners", OWNER, (OWNER.c.action_id, OWNER.c.position)),
            ("notes", NOTE, (NOTE.c.action_id, NOTE.c.id)),
            ("history", HISTORY, (HISTORY.c.action_id, HISTORY.c.at, HISTORY.c.id)),
        ):
            by_action: dict[int, list[Record]] = defaultdict(list)
            for row in conn.execute(select(table).order_by(*order)).mappings():
                by_action[row["action_id"]].append(_out(row, section))
            nested[section] = by_action
        out = []
        for row in conn.execute(select(ACTION).order_by(ACTION.c.id)).mappings():
            rec = _out(row, "actions")
            rec["meeting_source"] = sources.get(row["meeting_id"])
            rec["last_meeting_source"] = sources.get(row["last_meeting_id"])
            for section, by_action in nested.items():
                rec[section] = by_action.get(row["id"], [])
            out.append(rec)
        return out

    def _roundtables(self, conn: Connection) -> list[Record]:
        entries: dict[int, list[Record]] = defaultdict(list)
        query = select(ENTRY).order_by(ENTRY.c.roundtable_id, ENTRY.c.position, ENTRY.c.id)
        for row in conn.execute(query).mappings():
            entries[row["roundtable_id"]].append(_out(row, "entries"))
        out = []
        for row in conn.execute(select(ROUNDTABLE).order_by(ROUNDTABLE.c.id)).mappings():
            rec = _out(row, "roundtables")
            rec["entries"] = entries.get(row["id"], [])
            out.append(rec)
        return out

    # ---------------------------------------------------------------- import
    def write_all(self, data: ExportData) -> tuple[int, int]:
        """Store an export's records in one transaction; returns (actions added, skipped).

        A record the database refuses (a unique key) undoes the whole import.
        """
        try:
            return self._write_all(data)
        except IntegrityError as exc:
            reason = str(exc.orig).splitlines()[0] if exc.orig else "a constraint failed"
            raise ExportFormatError(
                f"nothing was imported: the database refused a record ({reason})"
            ) from exc

    def _write_all(self, data: ExportData) -> tuple[int, int]:
        with transaction(self.engine) as session:
            conn = session.connection()
            meeting_ids = self._meetings(conn, data["meetings"])
            ids, added = self._write_actions(conn, data["actions"], meeting_ids)
            for section, (table, key) in PLAIN.items():
                recs = [_in(r, section) for r in data[section]]
                if section == "people":
                    recs = [{**r, "username_key": username_key(r["username"]) if r["username"]
                             else None} for r in recs]  # fmt: skip
                if section in ("mutes", "check_links"):
                    recs = [{**r, "action_id": ids[r["action_id"]]} for r in recs]
                self._insert_new(conn, table, key, recs)
            self._write_roundtables(conn, data["roundtables"])
        return added, len(data["actions"]) - added

    def _meetings(self, conn: Connection, meetings: Iterable[Record]) -> dict[str, int]:
        known = dict(conn.execute(select(MEETING.c.source, MEETING.c.id)).all())
        fresh = []
        for rec in meetings:
            values = _in(rec, "meetings")
            if rec["source"] in known:
                conn.execute(
                    update(MEETING).where(MEETING.c.source == rec["source"]).values(values)
                )
            else:
                fresh.append(values)
        if fresh:
            conn.execute(insert(MEETING), fresh)
        return dict(conn.execute(select(MEETING.c.source, MEETING.c.id)).all())

    def _write_actions(
        self, conn: Connection, actions: list[Record], meeting_ids: Mapping[str, int]
    ) -> tuple[dict[int, int], int]:
        """Insert the actions not yet present; returns (export id -> stored id, how many added).

        Into an empty database the actions keep their numbers (people know them as #N);
        otherwise they are numbered after the highest one there.
        """
        # "the same action": the same meeting and wording (the text's key when none is stored)
        present = {
            (m, fp or fingerprint(t)): i
            for i, m, fp, t in conn.execute(
                select(ACTION.c.id, ACTION.c.meeting_id, ACTION.c.fingerprint, ACTION.c.text)
            )
        }
        highest = conn.execute(select(func.max(ACTION.c.id))).scalar_one()
        ids: dict[int, int] = {}
        rows: list[dict[str, Any]] = []
        owners: list[dict[str, Any]] = []
        notes: list[dict[str, Any]] = []
        history: list[dict[str, Any]] = []
        similar: list[tuple[int, int]] = []
        for rec in actions:
            meeting = meeting_ids.get(rec["meeting_source"] or "")
            key = (meeting, rec["fingerprint"] or fingerprint(rec["text"]))
            found = present.get(key)
            if found is not None:
                ids[rec["id"]] = found
                continue
            new_id = rec["id"] if highest is None else highest + len(rows) + 1
            ids[rec["id"]] = new_id
            present[key] = new_id
            values = _in(rec, "actions")
            for name in ("id", "meeting_source", "last_meeting_source", "similar_to"):
                del values[name]
            values |= {
                "id": new_id,
                "meeting_id": meeting,
                "last_meeting_id": meeting_ids.get(rec["last_meeting_source"] or ""),
                "similar_to": None,  # set below, once every action it may name exists
            }
            rows.append(values)
            if rec["similar_to"] is not None:
                similar.append((new_id, rec["similar_to"]))
            for pos, owner in enumerate(rec["owners"]):
                o = _in(owner, "owners") | {"action_id": new_id, "position": pos}
                o["username_key"] = username_key(o["username"]) if o["username"] else None
                o["name_key"] = name_key(o["name"])
                # the copies of the action's state owner filters read
                o["open_accepted"] = open_accepted(values["status"], values["review"])
                o["due"] = values["due"]
                owners.append(o)
            notes += [_in(n, "notes") | {"action_id": new_id} for n in rec["notes"]]
            history += [_in(h, "history") | {"action_id": new_id} for h in rec["history"]]
        for table, batch in ((ACTION, rows), (OWNER, owners), (NOTE, notes), (HISTORY, history)):
            if batch:
                conn.execute(insert(table), batch)
        for new_id, old in similar:
            conn.execute(update(ACTION).where(ACTION.c.id == new_id).values(similar_to=ids[old]))
        if rows and conn.dialect.name == "postgresql":  # explicit ids: move the sequence on
            conn.execute(
                text("SELECT setval(pg_get_serial_sequence('action', 'id'), MAX(id)) FROM action")
            )
        return ids, len(rows)

    def _insert_new(
        self, conn: Connection, table: Table, key: tuple[str, ...], recs: list[dict[str, Any]]
    ) -> None:
        def ident(values: Mapping[Any, Any]) -> tuple[Any, ...]:
            return tuple(
                utc(values[k]) if isinstance(values[k], datetime) else values[k] for k in key
            )

        existing = {ident(r) for r in conn.execute(select(table)).mappings()}
        fresh = []
        for rec in recs:
            if ident(rec) not in existing:
                existing.add(ident(rec))
                fresh.append(rec)
        if fresh:
            conn.execute(insert(table), fresh)

    def _write_roundtables(self, conn: Connection, roundtables: Iterable[Record]) -> None:
        known = set(conn.execute(select(ROUNDTABLE.c.meeting_key)).scalars())
        for rec in roundtables:
            if rec["meeting_key"] in known:
                continue
            new_id = conn.execute(
                insert(ROUNDTABLE).values(_in(rec, "roundtables")).returning(ROUNDTABLE.c.id)
            ).scalar_one()
            entries = [_in(e, "entries") | {"roundtable_id": new_id} for e in rec["entries"]]
            if entries:
                conn.execute(insert(ENTRY), entries)

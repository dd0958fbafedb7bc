"""Writing actions: creation, changes with their history, notes and sent reminders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from wp2bot.adapters.storage.action_reads import ActionReads
from wp2bot.adapters.storage.database import name_key, username_key, utc
from wp2bot.adapters.storage.outbox_store import enqueue
from wp2bot.adapters.storage.tables import (
    OWNER_COPIED,
    ActionOwnerRow,
    ActionRow,
    HistoryRow,
    NoteRow,
    open_accepted,
)
from wp2bot.chat import Outgoing
from wp2bot.domain.models import Owner, Precision, Status
from wp2bot.domain.tracking import ActionRecord, Review
from wp2bot.ports.actions import ActionChanges, NotFound


class ActionWrites(ActionReads):
    """Every change of an action, each written with its history entry in one transaction."""

    def create_action(
        self,
        *,
        text: str,
        owners: Sequence[Owner],
        at: datetime,
        who: str,
        via: str,
        status: Status = Status.OPEN,
        review: Review = Review.PROPOSED,
        meeting_id: int | None = None,
        due: date | None = None,
        due_phrase: str | None = None,
        due_precision: Precision | None = None,
        section: str = "",
        source_text: str = "",
        source_line: int = 0,
        source_url: str | None = None,
        fingerprint: str = "",
        carried_over: bool = False,
        similar_to: int | None = None,
    ) -> ActionRecord:
        """Store a new action with its owners and a "created" history entry."""
        now = utc(at)
        with self.session() as s:
            row = ActionRow(
                text=text,
                status=status.value,
                review=review.value,
                meeting_id=meeting_id,
                last_meeting_id=meeting_id,
                due=due,
                due_phrase=due_phrase,
                due_precision=due_precision.value if due_precision else None,
                section=section,
                source_text=source_text,
                source_line=source_line,
                source_url=source_url,
                fingerprint=fingerprint,
                carried_over=carried_over,
                similar_to=similar_to,
                created_at=now,
                updated_at=now,
                closed_at=now if status is Status.DONE else None,
            )
            s.add(row)
            s.flush()
            assert row.id is not None
            self._write_owners(s, row, owners)
            s.add(
                HistoryRow(action_id=row.id, at=now, who=who, via=via, change="created", new=text)
            )
            s.flush()
            return self._records(s, [row])[0]

    def update_action(
        self,
        action_id: int,
        changes: ActionChanges,
        *,
        at: datetime,
        who: str,
        via: str,
        comment: str = "",
        owners: Sequence[Owner] | None = None,
        mark_edited: bool = True,
    ) -> ActionRecord:
        """Change fields (and optionally the owners) of an action, writing history for each.

        Changes made by people (``mark_edited``) are remembered so that re-ingesting the
        minutes does not undo them.
        """
        now = utc(at)
        with self.session() as s:
            row = s.get(ActionRow, action_id)
            if row is None:
                raise NotFound(f"no action #{action_id}")
            edited = set(row.edited)
            copied = False  # a field the owner rows copy has changed
            for key, value in changes.items():
                stored = _column_value(value)
                old = getattr(row, key)
                if old == stored:
                    continue
                setattr(row, key, stored)
                copied = copied or key in OWNER_COPIED
                s.add(
                    HistoryRow(
                        action_id=action_id,
                        at=now,
                        who=who,
                        via=via,
                        change=key,
                        old=_text(old),
                        new=_text(stored),
                        comment=comment,
                    )
                )
                if mark_edited:
                    edited.add(key)
                if key == "status":
                    row.closed_at = now if stored == Status.DONE.value else None
            rewritten = False
            if owners is not None:
                before = [o.name for o in self._owners(s, [action_id])[action_id]]
                after = [o.name for o in owners]
                if before != after:
                    self._write_owners(s, row, owners)
                    rewritten = True
                    s.add(
                        HistoryRow(
                            action_id=action_id,
                            at=now,
                            who=who,
                            via=via,
                            change="owners",
                            old=", ".join(before),
                            new=", ".join(after),
                            comment=comment,
                        )
                    )
                    if mark_edited:
                        edited.add("owners")
            if copied and not rewritten:
                self._copy_state(s, row)
            row.edited = sorted(edited)
            row.updated_at = now
            s.add(row)
            s.flush()
            return self._records(s, [row])[0]

    def record(
        self,
        action_id: int,
        *,
        at: datetime,
        who: str,
        via: str,
        change: str,
        comment: str = "",
        old: str = "",
        new: str = "",
    ) -> None:
        """Write a history entry that changes no field (a reminder sent, a note, a view)."""
        with self.session() as s:
            if s.get(ActionRow, action_id) is None:
                raise NotFound(f"no action #{action_id}")
            s.add(
                HistoryRow(
                    action_id=action_id,
                    at=utc(at),
                    who=who,
                    via=via,
                    change=change,
                    old=old,
                    new=new,
                    comment=comment,
                )
            )

    def record_sent(
        self,
        sent: Sequence[tuple[int, str]],
        messages: Sequence[Outgoing],
        *,
        at: datetime,
        who: str,
        via: str,
        change: str,
    ) -> None:
        """History entries (action id, username) for messages decided now, and the messages in
        the outbox, in one transaction: the decision and the message stand or fall together."""
        with self.session() as s:
            for action_id, username in sent:
                s.add(HistoryRow(action_id=action_id, at=utc(at), who=who, via=via,
                                 change=change, old="", new=username, comment=""))  # fmt: skip
            s.flush()
            enqueue(s.connection(), messages, at)

    def add_note(self, action_id: int, *, at: datetime, who: str, via: str, text: str) -> None:
        """Attach a free-text note (also recorded in the history)."""
        with self.session() as s:
            if s.get(ActionRow, action_id) is None:
                raise NotFound(f"no action #{action_id}")
            now = utc(at)
            s.add(NoteRow(action_id=action_id, at=now, who=who, text=text))
            s.add(
                HistoryRow(action_id=action_id, at=now, who=who, via=via, change="note", new=text)
            )

    @staticmethod
    def _copy_state(s: Session, row: ActionRow) -> None:
        """Bring the owner rows' copies of the action's open flag and due date in step."""
        s.execute(
            update(ActionOwnerRow)
            .where(col(ActionOwnerRow.action_id) == row.id)
            .values(open_accepted=open_accepted(row.status, row.review), due=row.due)
        )

    def _write_owners(self, s: Session, row: ActionRow, owners: Sequence[Owner]) -> None:
        action_id = row.id
        assert action_id is not None
        live = open_accepted(row.status, row.review)
        for old in s.exec(select(ActionOwnerRow).where(ActionOwnerRow.action_id == action_id)):
            s.delete(old)
        s.flush()
        for pos, o in enumerate(owners):
            s.add(
                ActionOwnerRow(
                    action_id=action_id,
                    position=pos,
                    written=o.written,
                    name=o.name,
                    kind=o.kind.value,
                    username=o.username,
                    username_key=username_key(o.username) if o.username else None,
                    name_key=name_key(o.name),
                    candidates=list(o.candidates),
                    open_accepted=live,
                    due=row.due,
                )
            )


def _column_value(value: Any) -> Any:
    if isinstance(value, Status | Review | Precision):
        return value.value
    if isinstance(value, datetime):
        return utc(value)
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)

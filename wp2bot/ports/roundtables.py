"""Round-tables, their entries and answers, and the chair's summaries already sent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypedDict, Unpack

from wp2bot.chat import Outgoing
from wp2bot.domain.roundtable import EntryState


@dataclass(frozen=True, slots=True)
class RoundTableInfo:
    """A stored round-table."""

    id: int
    meeting_key: str
    title: str
    starts_at: datetime
    opened_at: datetime
    closed_at: datetime | None
    cancelled: bool
    report_post_id: str
    live_channel: str
    live_root_id: str
    live_position: int
    live_active: bool


class RoundTableFields(TypedDict, total=False):
    """The fields of a round-table an update sets; the others keep their values."""

    title: str
    starts_at: datetime
    closed_at: datetime | None
    cancelled: bool
    report_post_id: str
    live_channel: str
    live_root_id: str
    live_position: int
    live_active: bool


class EntryFields(TypedDict, total=False):
    """The fields of a round-table entry an update sets; the others keep their values."""

    asked_at: datetime | None
    chased_at: datetime | None
    backup_at: datetime | None
    answer: str
    answer_text: str
    answered_by: str
    answered_at: datetime | None
    note: str
    skipped: bool
    visited: bool


class RoundTables(Protocol):
    """One round-table per meeting, its entries and who is answering which."""

    def open_roundtable(
        self,
        meeting_key: str,
        title: str,
        starts_at: datetime,
        at: datetime,
        entities: Sequence[tuple[str, str]],
    ) -> RoundTableInfo:
        """The meeting's round-table, opened with one entry per (entity, kind) when new."""
        ...

    def roundtable(self, meeting_key: str) -> RoundTableInfo | None:
        """The meeting's round-table, if opened."""
        ...

    def roundtables(self, *, active: bool | None = None) -> list[RoundTableInfo]:
        """Round-tables, optionally only the live (or not live) ones."""
        ...

    def update_roundtable(
        self,
        rt_id: int,
        *,
        messages: Sequence[Outgoing] = (),
        at: datetime | None = None,
        **fields: Unpack[RoundTableFields],
    ) -> RoundTableInfo:
        """Change fields of a round-table, and queue ``messages`` (made at ``at``) in the outbox
        in the same transaction."""
        ...

    def entries(self, rt_id: int) -> list[EntryState]:
        """The round-table's entries in order."""
        ...

    def entry(self, entry_id: int) -> tuple[EntryState, RoundTableInfo] | None:
        """One entry and its round-table."""
        ...

    def update_entry(
        self, entry_id: int, asked: Sequence[str] = (), **fields: Unpack[EntryFields]
    ) -> None:
        """Change fields of an entry; ``asked`` adds people asked to answer it."""
        ...

    def asked_entries(self, username: str) -> list[tuple[EntryState, RoundTableInfo]]:
        """Open entries the person was asked to answer."""
        ...

    def previous_answer(self, entity: str, before: datetime) -> str:
        """The entity's last answer before ``before`` ("" when none)."""
        ...

    def replying_entry(self, username: str) -> int | None:
        """The entry the person's next DM answers, if any."""
        ...

    def set_replying(self, username: str, entry_id: int | None, at: datetime) -> None:
        """Which entry the person's next DM answers (None: none)."""
        ...

    def record_asks(
        self,
        stamps: Sequence[tuple[int, Sequence[str], str]],
        at: datetime,
        messages: Sequence[Outgoing] = (),
    ) -> None:
        """Stamp entries as asked (entry, people, which stamp) and queue the questions."""
        ...


class Briefings(Protocol):
    """The chair's summary, claimed once per meeting."""

    def claim_briefing(
        self, meeting_key: str, at: datetime, messages: Sequence[Outgoing] = ()
    ) -> bool:
        """True for the one caller that may send the meeting's summary; its ``messages`` are
        queued in the outbox in the same transaction."""
        ...

"""Tables of the group's rhythm: reminders sent, preferences, downtimes, round-tables, briefings.

Everything the schedules decide is recorded here, so a restart neither loses nor repeats a
message. Times are aware UTC datetimes; ``day`` columns are the recipient's local date.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class PersonPrefRow(SQLModel, table=True):
    """A chat user's reminder settings: timezone and the entity a written DM answers."""

    __tablename__ = "rhythm_person"

    username: str = Field(primary_key=True)
    timezone: str | None = None
    timezone_source: str = ""  # "command" | "profile"
    replying_entry: int | None = None  # round-table entry the next DM text answers
    updated_at: datetime | None = None


class AwayRow(SQLModel, table=True):
    """A person's away period: no reminders from ``start`` to ``end`` (local dates)."""

    __tablename__ = "rhythm_away"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True)
    start: date
    end: date
    created_at: datetime


class MuteRow(SQLModel, table=True):
    """A person asked for no more reminders of one action."""

    __tablename__ = "reminder_mute"
    __table_args__ = (UniqueConstraint("username", "action_id"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True)
    action_id: int = Field(index=True)
    created_at: datetime


class DowntimeRow(SQLModel, table=True):
    """A declared downtime of a site: its items are not nagged about meanwhile."""

    __tablename__ = "site_downtime"

    id: int | None = Field(default=None, primary_key=True)
    site: str = Field(index=True)
    starts_at: datetime
    ends_at: datetime
    reason: str = ""
    created_by: str = ""
    created_at: datetime


class DigestRow(SQLModel, table=True):
    """One reminder DM: at most one per person and local day (the unique key enforces it)."""

    __tablename__ = "reminder_digest"
    __table_args__ = (UniqueConstraint("username", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True)
    day: date
    sent_at: datetime
    post_id: str = ""
    items: int = 0


class ReminderLogRow(SQLModel, table=True):
    """One item nudged in one digest, and for which occasion (or an escalation)."""

    __tablename__ = "reminder_log"
    __table_args__ = (
        # the overdue nudges of each item and owner, and when: what makes an item stuck or
        # escalate, read without the other nudges
        Index("ix_reminder_log_kind_action_user_sent", "kind", "action_id", "username", "sent_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(index=True)
    username: str = Field(index=True)
    kind: str  # before | due | overdue | meeting | escalation
    occasion: date
    sent_at: datetime
    digest_id: int | None = None


class RoundTableRow(SQLModel, table=True):
    """The round-table of one meeting."""

    __tablename__ = "roundtable"

    id: int | None = Field(default=None, primary_key=True)
    meeting_key: str = Field(unique=True)
    title: str = ""
    starts_at: datetime
    opened_at: datetime
    closed_at: datetime | None = None
    cancelled: bool = False
    report_post_id: str = ""
    live_channel: str = ""
    live_root_id: str = ""
    live_position: int = -1
    live_active: bool = False


class RoundTableEntryRow(SQLModel, table=True):
    """One site or experiment in one round-table: whom it asked when, and the answer."""

    __tablename__ = "roundtable_entry"
    __table_args__ = (
        UniqueConstraint("roundtable_id", "entity"),
        # search reads new answers in (answered_at, id) order from its high-water mark
        Index("ix_roundtable_entry_answered_at_id", "answered_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    roundtable_id: int = Field(foreign_key="roundtable.id", index=True)
    position: int = 0
    entity: str
    kind: str = ""
    asked: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    asked_at: datetime | None = None
    chased_at: datetime | None = None
    backup_at: datetime | None = None
    answer: str = ""
    answer_text: str = ""
    answered_by: str = ""
    answered_at: datetime | None = None
    note: str = ""
    skipped: bool = False
    visited: bool = False


class BriefingRow(SQLModel, table=True):
    """The chair's summary posted for one meeting."""

    __tablename__ = "briefing"

    id: int | None = Field(default=None, primary_key=True)
    meeting_key: str = Field(unique=True)
    posted_at: datetime
    post_id: str = ""

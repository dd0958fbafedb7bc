"""Database tables (sqlmodel). Times are aware UTC datetimes; dates are plain dates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel


class MeetingRow(SQLModel, table=True):
    """One meeting whose minutes were ingested (an Indico event or a file)."""

    __tablename__ = "meeting"

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(index=True, unique=True)  # event URL, "indico:<host>:<id>" or file path
    indico_id: str | None = Field(default=None, index=True)
    title: str = ""
    meeting_date: date | None = Field(default=None, index=True)
    starts_at: datetime | None = None  # UTC
    timezone: str = "UTC"
    url: str | None = None
    category: str | None = None
    minutes_hash: str = ""
    cancelled: bool = False
    ingested_at: datetime | None = None


class PersonRow(SQLModel, table=True):
    """Somebody who owns actions or answers the round-table."""

    __tablename__ = "person"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    username: str | None = Field(default=None, index=True)
    # the username lower-cased without the @, as Mattermost compares them: "who is @name"
    username_key: str | None = Field(default=None, index=True)
    site: str | None = None
    timezone: str | None = None


# the actions the unique index covers: live ones read from a line of minutes
LIVE_FROM_MINUTES = "review != 'rejected' AND source_line > 0 AND fingerprint != ''"


class ActionRow(SQLModel, table=True):
    """An action item, from minutes or added by hand."""

    __tablename__ = "action"
    __table_args__ = (
        # one live action per line and wording of a meeting's minutes: what keeps two
        # concurrent ingests from storing an action twice, whatever the locking does
        Index(
            "uq_action_meeting_line_fingerprint",
            "meeting_id",
            "source_line",
            "fingerprint",
            unique=True,
            sqlite_where=text(LIVE_FROM_MINUTES),
            postgresql_where=text(LIVE_FROM_MINUTES),
        ),
        # search reads changed actions in (updated_at, id) order from its high-water mark
        Index("ix_action_updated_at_id", "updated_at", "id"),
        # the summary's sections by due date (overdue, due before the meeting, later or
        # undated), read in due order and counted from the index alone
        Index("ix_action_due_status_review", "due", "status", "review"),
        # items closed since the last meeting: a seek on done and the closing time
        Index("ix_action_status_closed_at", "status", "closed_at"),
        # items of a meeting, and those added by hand (no meeting) since a time
        Index("ix_action_meeting_id_created_at", "meeting_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    last_meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    text: str
    fingerprint: str = Field(default="", index=True)
    section: str = ""
    source_text: str = ""
    source_line: int = 0
    source_url: str | None = None
    status: str = "open"  # open | tentative | done
    review: str = Field(default="proposed", index=True)  # proposed | accepted | rejected
    due: date | None = None
    due_phrase: str | None = None
    due_precision: str | None = None
    carried_over: bool = False
    # an older item a new proposal may restate: the chair merges them or leaves both
    similar_to: int | None = Field(default=None, foreign_key="action.id")
    snoozed_until: date | None = None
    edited: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None


class ActionOwnerRow(SQLModel, table=True):
    """One owner of an action, as written and as resolved."""

    __tablename__ = "action_owner"
    __table_args__ = (
        UniqueConstraint("action_id", "position"),
        # "whose items": an index seek on the normalised username, then the action ids
        Index("ix_action_owner_username_key_action", "username_key", "action_id"),
        # "my open items, soonest due first": a seek on the person, then the index's own order
        # (open accepted items by due date) read only as far as a page or the count needs
        Index("ix_action_owner_user_open_due", "username_key", "open_accepted", "due", "action_id"),
        Index("ix_action_owner_name_open_due", "name_key", "open_accepted", "due", "action_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    position: int = 0
    written: str = ""
    name: str = ""
    kind: str = "unknown"
    username: str | None = Field(default=None, index=True)
    # the username lower-cased, as Mattermost compares them: filters use it, not lower(username),
    # which no index serves
    username_key: str | None = None
    # the name lower-cased: "a site's items" (actions site X, a contact's review) seek on it
    name_key: str = Field(default="", index=True)
    candidates: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # copies of the action's state, kept in step by every write that changes it: whether it is
    # open (not done) and accepted, and its due date, so owner filters need not join the action
    # (no default: a writer that forgets the copy fails instead of hiding the item)
    open_accepted: bool
    due: date | None


def open_accepted(status: str, review: str) -> bool:
    """The flag owner rows copy: the action is open (not done) and accepted."""
    return status != "done" and review == "accepted"


# the action fields whose change the owner rows copy
OWNER_COPIED = frozenset({"status", "review", "due"})


class HistoryRow(SQLModel, table=True):
    """Audit trail: every change of an action item."""

    __tablename__ = "history"

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    at: datetime
    who: str
    via: str
    change: str
    old: str = ""
    new: str = ""
    comment: str = ""


class NoteRow(SQLModel, table=True):
    """A free-text note attached to an action by a person."""

    __tablename__ = "action_note"

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    at: datetime
    who: str
    text: str

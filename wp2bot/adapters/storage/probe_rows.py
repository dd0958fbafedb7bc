"""The tables of probe results, action-to-check links and the automatic links' progress."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class ProbeResultRow(SQLModel, table=True):
    """One run of one check."""

    __tablename__ = "probe_result"
    __table_args__ = (Index("ix_probe_result_check_at", "check_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    check_id: str
    url: str = ""
    at: dt.datetime
    ok: bool = False
    seconds: float = 0.0
    error: str | None = None
    stages: list[dict[str, object]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )


class ActionCheckRow(SQLModel, table=True):
    """An action linked to a check (automatically or by hand)."""

    __tablename__ = "action_check"
    __table_args__ = (UniqueConstraint("action_id", "check_id"),)

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    check_id: str = Field(index=True)
    manual: bool = False  # set by `link N CHECK`; automatic links never override it
    removed: bool = False  # `unlink N CHECK` keeps a tombstone so auto-linking stays away


class RelinkMarkRow(SQLModel, table=True):
    """How far the automatic links got (one row; see ``wp2bot.services.relinking``)."""

    __tablename__ = "relink_mark"

    name: str = Field(primary_key=True)
    version: str
    examined_upto: int
    changes_from: dt.datetime


RELINK_ROW = "auto"  # the one row's key

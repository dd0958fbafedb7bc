"""What the chat transport keeps in the database: the posts it made with cards, and how far it
has read each channel (so that commands posted while it was down are answered after a start)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Text
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel, select

from wp2bot.chat import CardPost
from wp2bot.clock import Clock


class ChatPostRow(SQLModel, table=True):
    """A post with cards as sent (attachments with integrations), for updating one card."""

    __tablename__ = "chat_post"

    post_id: str = Field(primary_key=True)
    nonce: str
    channel_id: str = ""
    recipient: str = ""
    message: str = Field(default="", sa_column=Column(Text, nullable=False))
    attachments: list[Any] = Field(  # JSON values (pydantic cannot model the recursive alias)
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    saved_at: dt.datetime = Field(index=True)


class ChatCursorRow(SQLModel, table=True):
    """How far the bot has read one channel: the newest post time seen (server ms)."""

    __tablename__ = "chat_cursor"

    channel_id: str = Field(primary_key=True)
    last_post_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    updated_at: dt.datetime


class ChatStore:
    """Implements the transport's ``CardPosts`` and ``ChannelCursors``."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def save(self, post: CardPost) -> None:
        """Keep (or replace) a post's record."""
        with Session(self.engine) as s:
            row = s.get(ChatPostRow, post.post_id) or ChatPostRow(
                post_id=post.post_id, nonce=post.nonce, saved_at=self.clock.now()
            )
            row.nonce = post.nonce
            row.channel_id = post.channel_id
            row.recipient = post.recipient
            row.message = post.message
            row.attachments = list(post.attachments)
            row.saved_at = self.clock.now()
            s.add(row)
            s.commit()

    def get(self, post_id: str) -> CardPost | None:
        """The record of a post, None when there is none."""
        with Session(self.engine) as s:
            row = s.get(ChatPostRow, post_id)
            if row is None:
                return None
            return CardPost(
                row.post_id,
                row.nonce,
                row.channel_id,
                row.recipient,
                row.message,
                tuple(row.attachments),
            )

    def cursors(self) -> dict[str, int]:
        """Every channel's cursor."""
        with Session(self.engine) as s:
            return {row.channel_id: row.last_post_ms for row in s.exec(select(ChatCursorRow))}

    def advance(self, positions: Mapping[str, int]) -> None:
        """Move cursors forward (never back)."""
        if not positions:
            return
        with Session(self.engine) as s:
            for channel_id, ms in positions.items():
                row = s.get(ChatCursorRow, channel_id)
                if row is None:
                    row = ChatCursorRow(
                        channel_id=channel_id, last_post_ms=ms, updated_at=self.clock.now()
                    )
                elif ms <= row.last_post_ms:
                    continue
                row.last_post_ms = ms
                row.updated_at = self.clock.now()
                s.add(row)
            s.commit()

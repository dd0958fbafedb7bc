"""What the chat transport keeps in the database: the posts it made with cards."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Text
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel

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


class ChatStore:
    """Implements the transport's ``CardPosts``."""

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

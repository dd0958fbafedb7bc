"""What the chat transport keeps in the database: the posts it made with cards, how far it has
read each channel (so that commands posted while it was down are answered after a start), and
which command posts are answered (so that each is answered once by one of the instances)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Integer, Text, delete, update
from sqlalchemy import select as core_select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, select

from wp2bot.adapters.storage.outbox_store import cards_from_json, cards_to_json
from wp2bot.adapters.storage.store import aware, utc
from wp2bot.chat import AnswerClaim, CardPost, Reply
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


class ChatAnswerRow(SQLModel, table=True):
    """A command post being answered (``lease_until``) or answered (``answered_at``)."""

    __tablename__ = "chat_answer"

    post_id: str = Field(primary_key=True)
    claimed_at: dt.datetime = Field(index=True)
    lease_until: dt.datetime
    answered_at: dt.datetime | None = None
    # The answer once the command ran (see ``reply_to_json``) and how many parts are out.
    reply: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    parts_done: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, server_default="0")
    )


_ANSWERS = ChatAnswerRow.__table__  # type: ignore[attr-defined]
ANSWERS_KEPT = dt.timedelta(days=7)  # how long a command post's claim is remembered


class ChatStore:
    """Implements the transport's ``CardPosts``, ``ChannelCursors`` and ``AnswerClaims``."""

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

    def claim(self, post_id: str, now: dt.datetime, until: dt.datetime) -> AnswerClaim:
        """Claim answering ``post_id``: a new row, or a lease that ran out unanswered.

        Both are single statements that the database decides (the primary key, a conditional
        update), so of two instances racing for one post exactly one wins.
        """
        try:
            with Session(self.engine) as s:
                s.add(ChatAnswerRow(post_id=post_id, claimed_at=utc(now), lease_until=utc(until)))
                s.commit()
            return AnswerClaim(won=True)
        except IntegrityError:
            pass  # claimed before: by whom and until when decides
        with Session(self.engine) as s:
            row = s.get(ChatAnswerRow, post_id)
            if row is None or row.answered_at is not None:
                return AnswerClaim(won=False)
            lease = aware(row.lease_until)
            if lease is not None and lease > utc(now):
                return AnswerClaim(won=False, held_until=lease)
        stmt = (
            update(_ANSWERS)
            .where(
                _ANSWERS.c.post_id == post_id,
                _ANSWERS.c.answered_at.is_(None),
                _ANSWERS.c.lease_until <= utc(now),
            )
            .values(claimed_at=utc(now), lease_until=utc(until))
        )
        with self.engine.begin() as conn:
            won = conn.execute(stmt).rowcount == 1
            if not won:
                return AnswerClaim(won=False)
            progress = conn.execute(
                core_select(_ANSWERS.c.reply, _ANSWERS.c.parts_done).where(
                    _ANSWERS.c.post_id == post_id
                )
            ).one()
        kept = None if progress.reply is None else reply_from_json(progress.reply)
        return AnswerClaim(won=True, taken_over=True, reply=kept, parts_done=progress.parts_done)

    def computed(self, post_id: str, reply: Reply) -> None:
        """Keep the answer of the command: a take-over sends it instead of running it again."""
        stmt = update(_ANSWERS).where(_ANSWERS.c.post_id == post_id)
        with self.engine.begin() as conn:
            conn.execute(stmt.values(reply=reply_to_json(reply), parts_done=0))

    def sent(self, post_id: str, parts: int) -> None:
        """The first ``parts`` parts of the answer are out."""
        stmt = update(_ANSWERS).where(_ANSWERS.c.post_id == post_id).values(parts_done=parts)
        with self.engine.begin() as conn:
            conn.execute(stmt)

    def answered(self, post_id: str, now: dt.datetime) -> None:
        """The post is answered: no claim takes it again. Claims older than ``ANSWERS_KEPT``
        go (a re-read never reaches that far back: the catch-up window is hours)."""
        stmt = (
            update(_ANSWERS)
            .where(_ANSWERS.c.post_id == post_id)
            .values(answered_at=utc(now), reply=None)  # the answer is out: not kept any longer
        )
        old = delete(_ANSWERS).where(_ANSWERS.c.claimed_at < utc(now - ANSWERS_KEPT))
        with self.engine.begin() as conn:
            conn.execute(stmt)
            conn.execute(old)


def reply_to_json(reply: Reply) -> dict[str, Any]:
    """A command's answer as plain JSON, its further messages nested."""
    return {
        "text": reply.text, "cards": cards_to_json(reply.cards), "ok": reply.ok,
        "ephemeral": reply.ephemeral, "extra": [reply_to_json(e) for e in reply.extra],
    }  # fmt: skip


def reply_from_json(value: Mapping[str, Any]) -> Reply:
    """The inverse of ``reply_to_json``."""
    return Reply(
        text=str(value.get("text", "")),
        cards=cards_from_json(value.get("cards") or ()),
        ok=bool(value.get("ok", True)),
        ephemeral=bool(value.get("ephemeral", False)),
        extra=tuple(reply_from_json(e) for e in value.get("extra") or ()),
    )

"""The round-table's report thread: the answers posted when it closes or the live mode ends."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, Unpack

from wp2bot.chat import Outgoing
from wp2bot.domain.outbox import in_thread_of, message_key
from wp2bot.domain.roundtable import report_text
from wp2bot.ports.outbox import OutboxRepository
from wp2bot.ports.roundtables import RoundTableFields, RoundTableInfo, RoundTables
from wp2bot.services.outbox import Outbox

REPORT = "roundtable_report"  # the outbox kind of the report thread's posts


class RoundTableStore(RoundTables, Protocol):
    """The round-table's own state and its outbox (``RhythmStore`` in production)."""

    def outbox(self) -> OutboxRepository:
        """The outbox in the same database."""
        ...


class ReportThread:
    """Posts a round-table's report into ``channel`` (or the live mode's channel)."""

    def __init__(self, rhythm: RoundTableStore, outbox: Outbox | None, channel: str = "") -> None:
        self.rhythm, self.outbox, self.channel = rhythm, outbox, channel

    def post(
        self, rt: RoundTableInfo, now: datetime, **fields: Unpack[RoundTableFields]
    ) -> RoundTableInfo:
        """Change ``fields`` and queue the report in one transaction, then send it.

        The report is a root post with the answers in its thread, or one post in the live
        thread; the thread is remembered as the outbox message it starts with, whose post id
        the outbox fills in when it sends the answers.
        """
        channel = rt.live_channel or self.channel
        if self.outbox is None or not channel:
            return self.rhythm.update_roundtable(rt.id, **fields)
        root, reply = report_text(rt.title, self.rhythm.entries(rt.id))
        key = message_key(REPORT, rt.id, now.isoformat(timespec="seconds"))
        thread = rt.live_root_id or rt.report_post_id
        if thread:
            messages = [Outgoing(key, REPORT, channel, root + "\n\n" + reply, direct=False,
                                 root_id=thread)]  # fmt: skip
        else:
            head = message_key(key, "root")
            thread = in_thread_of(head)
            messages = [
                Outgoing(head, REPORT, channel, root, direct=False),
                Outgoing(message_key(key, "answers"), REPORT, channel, reply, direct=False,
                         root_id=thread),
            ]  # fmt: skip
        fields["report_post_id"] = thread
        rt = self.rhythm.update_roundtable(rt.id, messages=messages, at=now, **fields)
        self.outbox.send(messages)
        return rt

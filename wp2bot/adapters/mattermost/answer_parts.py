"""An answer's messages in the order they are sent, and the props that mark each one.

Every message of an answer carries its command post's id and its part number, so that the
server drops a resent copy and a take-over after a crash finds the parts already out.
"""

from __future__ import annotations

from wp2bot.chat import Reply

REPLY_PROP = "wp2bot_reply_to"  # the id of the command post an answer belongs to, in its props
REPLY_PART_PROP = "wp2bot_reply_part"  # which part of that answer a post is (see answer_parts)


def answer_parts(reply: Reply, number: int = 0) -> list[tuple[int, Reply]]:
    """The messages of an answer in the order they are sent, each with its part number (0 for
    the answer, then ``n * 100 + k`` for the k-th further message of part n)."""
    parts = [(number, reply)]
    for k, extra in enumerate(reply.extra, start=1):
        parts.extend(answer_parts(extra, number * 100 + k))
    return parts

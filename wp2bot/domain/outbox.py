"""The outbox's decisions: a message's idempotency id, when it is due, its lease, its retries.

Everything wp2bot sends is first written as an outbox row in the transaction that decides to
send it; a sender claims a row with a lease, posts it, then marks it sent. A claim that is never
confirmed (the process was killed mid-send) is due again once its lease has run out, and the
retry carries the same idempotency id so that the chat server shows the message once. Nothing
here does I/O or reads the clock: callers pass ``now``.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class OutboxState(StrEnum):
    """Where an outbox message stands."""

    PENDING = "pending"  # not yet confirmed as posted (maybe claimed by a sender right now)
    SENT = "sent"
    UNDELIVERABLE = "undeliverable"  # the server refused it for good (unknown user, 4xx)


class Undeliverable(Exception):
    """A refusal that will not change on retry: unknown user or channel, a 4xx answer."""


@dataclass(frozen=True, slots=True)
class OutboxPolicy:
    """How long a claim holds, and how retries after a failed send are spaced."""

    lease: timedelta = timedelta(seconds=90)  # longer than one send with its HTTP retries
    retry_first: timedelta = timedelta(minutes=1)
    retry_max: timedelta = timedelta(hours=1)

    def __post_init__(self) -> None:
        if self.lease <= timedelta(0):
            raise ValueError("the outbox lease must be positive")
        if self.retry_first <= timedelta(0) or self.retry_max < self.retry_first:
            raise ValueError("outbox retries need 0 < retry_first <= retry_max")


def message_key(kind: str, *parts: object) -> str:
    """The idempotency key of one decision to send, e.g. ``digest:alice:2026-12-03``."""
    return ":".join([kind, *(str(p) for p in parts)])


THREAD_OF = "outbox:"  # a root_id naming another outbox message: post in that message's thread


def in_thread_of(key: str) -> str:
    """A ``root_id`` that puts a message into the thread of the outbox message ``key``.

    The root's post id is known only once it is posted; the outbox holds the reply back until
    then, and puts the post id in its place when it sends the reply.
    """
    return THREAD_OF + key


def thread_key(root_id: str) -> str | None:
    """The outbox key a ``root_id`` made by ``in_thread_of`` names (None for a post id)."""
    return root_id.removeprefix(THREAD_OF) if root_id.startswith(THREAD_OF) else None


# Mattermost ids are 26 characters of this alphabet (model.NewId: base32, lower case, no padding).
_ID_ALPHABET = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "ybndrfg8ejkmcpqxot1uwisza345h769")


def pending_post_id(key: str) -> str:
    """A stable 26-character id for ``key``, sent to Mattermost as ``pending_post_id``."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").translate(_ID_ALPHABET)[:26]


def lease_expired(lease_until: datetime | None, now: datetime) -> bool:
    """Whether a claim no longer holds (never claimed counts as expired)."""
    return lease_until is None or lease_until <= now


def is_due(
    state: OutboxState, lease_until: datetime | None, retry_at: datetime | None, now: datetime
) -> bool:
    """Whether a sender may claim the message now: pending, unclaimed and not backing off."""
    if state is not OutboxState.PENDING:
        return False
    if not lease_expired(lease_until, now):
        return False
    return retry_at is None or retry_at <= now


def retry_after_failure(attempts: int, now: datetime, policy: OutboxPolicy) -> datetime:
    """When a message whose ``attempts``-th send failed (a transient error) is tried again."""
    delay = policy.retry_first * (1 << min(max(attempts - 1, 0), 20))
    return now + min(delay, policy.retry_max)


def may_have_been_posted(attempts: int) -> bool:
    """Whether an earlier claim may have posted the message (so look for it before sending)."""
    return attempts > 0


def permanent_refusal(status: int) -> bool:
    """Whether an HTTP status from the chat server means that retrying cannot help."""
    return 400 <= status < 500 and status not in (401, 408, 409, 425, 429)

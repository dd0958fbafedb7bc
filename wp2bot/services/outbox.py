"""Delivering the outbox: claim a due message with a lease, post it, confirm it.

Services write what they send into the outbox in the transaction that decides to send it, then
call ``Outbox.deliver``; the scheduler's ``outbox`` job calls it too, so that a message whose
sender died mid-send is posted by whichever instance leads once the lease has run out. A retry
first asks the courier whether an earlier claim did post it (the post carries its key), and
posts with the same idempotency id otherwise. Refusals that will not change are marked
undeliverable and reported to the chairs in one message each, once.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime

from wp2bot.chat import ChatPort, Outgoing, Queued
from wp2bot.clock import Clock
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.outbox import (
    OutboxPolicy,
    OutboxState,
    Undeliverable,
    is_due,
    may_have_been_posted,
    message_key,
    retry_after_failure,
    thread_key,
)
from wp2bot.domain.render import one_line
from wp2bot.ports.outbox import Courier, OutboxRepository

log = logging.getLogger(__name__)

UNDELIVERABLE_REPORT = "undeliverable"  # the kind of the chairs' report (never reported itself)


class ChatCourier:
    """A Courier over a plain ChatPort (console, tests): it cannot look for earlier posts."""

    def __init__(self, chat: ChatPort) -> None:
        self.chat = chat

    def deliver(self, message: Outgoing) -> str:
        """Post through the ChatPort."""
        if message.direct:
            return self.chat.direct(message.to, message.text, cards=message.cards)
        return self.chat.post(message.to, message.text, root_id=message.root_id,
                              cards=message.cards)  # fmt: skip

    def find(self, message: Outgoing, since: datetime) -> str | None:
        """Nothing to search: a ChatPort keeps no record of what it posted."""
        return None


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """What one delivery round did, by message key."""

    sent: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    undeliverable: tuple[str, ...] = ()
    stopped: bool = False  # a stop request parked the rest in the outbox


def default_holder() -> str:
    """This process's name in the outbox's lease column."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Outbox:
    """Delivers due outbox messages: up to ``workers`` at once, one recipient's in order.

    Messages to one recipient (a person's DMs, a channel's posts) are sent one after the other
    in the order they were queued; different recipients are served in parallel by ``workers``
    threads (1: everything in this thread). The courier must then be thread-safe, and it is
    what keeps to the chat server's rate limit.
    """

    def __init__(
        self,
        repo: OutboxRepository,
        courier: Courier,
        clock: Clock,
        *,
        policy: OutboxPolicy | None = None,
        chairs: Sequence[str] = (),
        holder: str = "",
        workers: int = 1,
    ) -> None:
        if workers < 1:
            raise ValueError("the outbox needs at least one worker")
        self.repo, self.courier, self.clock = repo, courier, clock
        self.workers = workers
        self.policy = policy or OutboxPolicy()
        self.chairs = tuple(c.removeprefix("@").lower() for c in chairs)
        self.holder = holder or default_holder()
        self._stop = threading.Event()
        self._lock = threading.Lock()  # one delivery round at a time in this process

    def stop(self) -> None:
        """Finish the message in flight and claim no more (they stay queued for later)."""
        self._stop.set()

    def queued(self, kind: str) -> set[str]:
        """Recipients (lower case) with a message of ``kind`` not yet confirmed as posted."""
        return {q.message.to.lower() for q in self.repo.pending() if q.message.kind == kind}

    def queue(self, messages: Sequence[Outgoing]) -> None:
        """Queue messages on their own (a key already queued is kept, so a repeat is harmless)."""
        self.repo.add(messages, self.clock.now())

    def send(self, messages: Sequence[Outgoing]) -> dict[str, str]:
        """Queue ``messages`` and deliver just these now; the post id of each key that went.

        For a command that must answer at once: it does not wait for a delivery round in
        progress (the claim on each row keeps two senders apart), and what fails stays queued
        for the scheduler's rounds like any message.
        """
        self.queue(messages)
        keys = list(dict.fromkeys(m.key for m in messages))
        outcomes: dict[str, list[str]] = {"sent": [], "failed": [], "undeliverable": []}
        pending = [q for q in self.repo.by_keys(keys) if q.state is OutboxState.PENDING]
        self._round(pending, outcomes)
        sent = [q for q in self.repo.by_keys(keys) if q.state is OutboxState.SENT]
        return {q.message.key: q.post_id for q in sent}

    def post_id(self, key: str) -> str:
        """The post id of the message ``key`` once it is posted ("" before)."""
        found = [q for q in self.repo.by_keys([key]) if q.state is OutboxState.SENT]
        return found[0].post_id if found else ""

    def tick(self, now: datetime) -> DeliveryReport:
        """The scheduler's job: deliver whatever is due (``now`` is re-read per message)."""
        return self.deliver()

    def deliver(self) -> DeliveryReport:
        """Post every due message; a failure of one never stops the others."""
        outcomes: dict[str, list[str]] = {"sent": [], "failed": [], "undeliverable": []}
        with self._lock:
            stopped = self._round(self.repo.pending(), outcomes)
            if not stopped and self._report():  # the chairs' reports go out in this round too
                reports = [i for i in self.repo.pending() if i.message.kind == UNDELIVERABLE_REPORT]
                stopped = self._round(reports, outcomes)
        return DeliveryReport(
            tuple(outcomes["sent"]), tuple(outcomes["failed"]), tuple(outcomes["undeliverable"]),
            stopped,
        )  # fmt: skip

    def _round(self, items: Sequence[Queued], outcomes: dict[str, list[str]]) -> bool:
        """Deliver ``items``, each recipient's in order; True when a stop parked some."""
        lanes: dict[tuple[bool, str], list[Queued]] = defaultdict(list)
        for item in items:
            lanes[(item.message.direct, item.message.to.lower())].append(item)
        stopped = threading.Event()
        lock = threading.Lock()

        def lane(queue: list[Queued]) -> None:
            for item in queue:
                if self._stop.is_set():
                    stopped.set()
                    return
                outcome = self._one(item)
                if outcome == "parked":
                    stopped.set()
                elif outcome is not None:
                    with lock:
                        outcomes[outcome].append(item.message.key)

        if not lanes:
            return False  # nothing queued: no pool to start
        if self.workers == 1:
            lane(list(items))  # one thread: simply in the order queued
        elif len(lanes) == 1:
            lane(next(iter(lanes.values())))
        else:
            with ThreadPoolExecutor(
                max_workers=min(self.workers, len(lanes)), thread_name_prefix="outbox"
            ) as pool:
                for future in [pool.submit(lane, queue) for queue in lanes.values()]:
                    future.result()  # _one keeps every failure of a message to itself
        return stopped.is_set()

    def _thread(self, message: Outgoing) -> Outgoing | None:
        """The message with its thread's post id in place; None while the thread's first post
        is not posted yet (a root that is gone or undeliverable: posted as a thread of its own)."""
        key = thread_key(message.root_id)
        if key is None:
            return message
        roots = self.repo.by_keys([key])
        if roots and roots[0].state is OutboxState.PENDING:
            return None
        root_id = roots[0].post_id if roots and roots[0].state is OutboxState.SENT else ""
        return replace(message, root_id=root_id)

    def _one(self, item: Queued) -> str | None:
        now = self.clock.now()
        if not is_due(item.state, item.lease_until, item.retry_at, now):
            return None
        message = self._thread(item.message)
        if message is None:
            return None  # waits for its thread's first post
        if not self.repo.take(item, now + self.policy.lease, self.holder):
            return None  # another sender claimed it first
        try:
            post_id = None
            if may_have_been_posted(item.attempts):
                post_id = self.courier.find(message, item.created_at)
            if post_id is None:
                post_id = self.courier.deliver(message)
        except Undeliverable as exc:
            log.warning("outbox: %s to %s is undeliverable: %s", message.kind, message.to, exc)
            self.repo.undeliverable(item.id, str(exc), self.clock.now())
            return "undeliverable"
        except Exception as exc:  # a transient failure: the message waits and is tried again
            if self._stop.is_set():  # cut short by the stop: due again at the next start
                log.info("outbox: %s to %s parked, stopping (%s)", message.kind, message.to,
                         type(exc).__name__)  # fmt: skip
                self.repo.release(item.id)
                return "parked"
            retry = retry_after_failure(item.attempts + 1, self.clock.now(), self.policy)
            log.warning(
                "outbox: %s to %s failed (%s), retrying at %s",
                message.kind, message.to, type(exc).__name__, retry.isoformat(),
            )  # fmt: skip
            self.repo.failed(item.id, f"{type(exc).__name__}: {exc}", retry)
            return "failed"
        self.repo.sent(item.id, post_id, self.clock.now())
        return "sent"

    def _report(self) -> bool:
        """Tell each chair once, in one message, about messages that cannot be delivered."""
        items = [i for i in self.repo.unreported() if i.message.kind != UNDELIVERABLE_REPORT]
        if not items:
            return False
        lines = [
            f"- {i.message.kind} to `{escape_mentions(i.message.to)}`: "
            f"{escape_mentions(one_line(i.error))[:200]}"
            for i in items
        ]
        text = (
            f"I could not deliver {len(items)} message(s) and will not retry them:\n"
            + "\n".join(lines)
            + "\nCheck the usernames in the roster or the minutes."
        )
        span = f"{items[0].id}-{items[-1].id}"
        reports = [
            Outgoing(
                message_key(UNDELIVERABLE_REPORT, chair, span), UNDELIVERABLE_REPORT, chair, text
            )
            for chair in self.chairs
        ]
        self.repo.reported([i.id for i in items], reports, self.clock.now())
        if not reports:
            log.warning("outbox: %d undeliverable message(s) and no chair to tell", len(items))
        return bool(reports)


def local_outbox(
    repo: OutboxRepository, clock: Clock, chat: ChatPort | None, chairs: Sequence[str] = ()
) -> Outbox | None:
    """An outbox posting straight through ``chat`` (None without a chat)."""
    return None if chat is None else Outbox(repo, ChatCourier(chat), clock, chairs=chairs)

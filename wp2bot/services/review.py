"""Confirm before commit: DM each owner the actions proposed for them from new minutes.

Extracted actions start as ``Review.PROPOSED``; only accepted ones get reminders. What was sent
is remembered in each action's history (change "proposal-sent", new = the username), written
with the DM into the outbox, so running this again after a restart or a crash sends nothing
twice and loses nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from wp2bot.chat import ChatPort, Outgoing
from wp2bot.clock import Clock
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.outbox import message_key
from wp2bot.domain.render import one_line
from wp2bot.domain.tracking import ActionRecord, Review
from wp2bot.ports.actions import ActionFilter, Actions
from wp2bot.ports.outbox import OutboxRepository
from wp2bot.services.action_cards import action_card
from wp2bot.services.outbox import Outbox, local_outbox

log = logging.getLogger(__name__)

SENT = "proposal-sent"


@dataclass(frozen=True, slots=True)
class ProposalReport:
    """What one run of ``send_proposals`` did."""

    sent: tuple[tuple[str, int], ...] = ()  # (username, action id) for every DM sent now
    already_sent: int = 0  # (username, action) pairs skipped because sent before
    unaddressed: tuple[int, ...] = ()  # nobody to ask (no owner username); ``review`` lists them
    failed: tuple[str, ...] = ()  # usernames whose DM failed (the outbox retries or reports)


def proposal_text(rec: ActionRecord) -> str:
    """The DM's text above the card: where the proposal comes from and what to do."""
    meeting = escape_mentions(one_line(rec.meeting_title)) if rec.meeting_title else "the minutes"
    when = f" of {rec.meeting_date.isoformat()}" if rec.meeting_date else ""
    return (
        f"The minutes of **{meeting}**{when} list an action for you. Is it right? "
        "**Accept** it, say it is **Not mine**, or **Change due**."
    )


class ProposalStore(Actions, Protocol):
    """The actions whose proposals are sent, and the outbox that sends them."""

    def outbox(self) -> OutboxRepository:
        """The outbox in the same database."""
        ...


def _sent_to(store: Actions, action_id: int) -> set[str]:
    return {h.new.lower() for h in store.history(action_id) if h.change == SENT}


def send_proposals(
    store: ProposalStore,
    chat: ChatPort | None,
    clock: Clock,
    *,
    timezone: str = "UTC",
    meeting_id: int | None = None,
    who: str = "wp2bot",
    via: str = "scheduler",
    outbox: Outbox | None = None,
) -> ProposalReport:
    """DM every owner (by username) each open proposal of theirs not sent to them before.

    The decision (history entry "proposal-sent") and the DM are written together into the
    outbox, which delivers them (``outbox``, by default straight through ``chat``).
    """
    outbox = outbox or local_outbox(store.outbox(), clock, chat)
    if outbox is None:
        return ProposalReport()
    today = clock.now().astimezone(ZoneInfo(timezone)).date()
    proposals = store.actions(
        ActionFilter(reviews=(Review.PROPOSED,), open_only=True, meeting_id=meeting_id)
    )
    already = 0
    unaddressed: list[int] = []
    decided: list[tuple[int, str]] = []
    messages: list[Outgoing] = []
    for rec in proposals:
        users = list(dict.fromkeys(rec.owner_usernames()))
        if not users:
            unaddressed.append(rec.id)
            continue
        done_for = _sent_to(store, rec.id)
        for user in users:
            if user.lower() in done_for:
                already += 1
                continue
            card = action_card(rec, today, minutes_line=True)
            key = message_key("proposal", rec.id, user.lower())
            messages.append(Outgoing(key, "proposal", user, proposal_text(rec), cards=(card,)))
            decided.append((rec.id, user))
    if decided:
        store.record_sent(decided, messages, at=clock.now(), who=who, via=via, change=SENT)
    report = outbox.deliver()
    done, refused = set(report.sent), {*report.failed, *report.undeliverable}
    return ProposalReport(
        tuple((u, a) for (a, u), m in zip(decided, messages, strict=True) if m.key in done),
        already,
        tuple(unaddressed),
        tuple(
            sorted({u for (_a, u), m in zip(decided, messages, strict=True) if m.key in refused})
        ),
    )

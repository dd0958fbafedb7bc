"""Confirm before commit: DM each owner the actions proposed for them from new minutes.

Extracted actions start as ``Review.PROPOSED``; only accepted ones get reminders. What was sent
is remembered in each action's history (change "proposal-sent", new = the username), so running
this again after a restart sends nothing twice.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from wp2bot.adapters.storage.store import ActionFilter, Store
from wp2bot.chat import ChatPort
from wp2bot.clock import Clock
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.render import one_line
from wp2bot.domain.tracking import ActionRecord, Review
from wp2bot.services.action_cards import action_card

log = logging.getLogger(__name__)

SENT = "proposal-sent"


@dataclass(frozen=True, slots=True)
class ProposalReport:
    """What one run of ``send_proposals`` did."""

    sent: tuple[tuple[str, int], ...] = ()  # (username, action id) for every DM sent now
    already_sent: int = 0  # (username, action) pairs skipped because sent before
    unaddressed: tuple[int, ...] = ()  # nobody to ask (no owner username); ``review`` lists them
    failed: tuple[str, ...] = ()  # usernames whose DM failed; retried on the next run


def proposal_text(rec: ActionRecord) -> str:
    """The DM's text above the card: where the proposal comes from and what to do."""
    meeting = escape_mentions(one_line(rec.meeting_title)) if rec.meeting_title else "the minutes"
    when = f" of {rec.meeting_date.isoformat()}" if rec.meeting_date else ""
    return (
        f"The minutes of **{meeting}**{when} list an action for you. Is it right? "
        "**Accept** it, say it is **Not mine**, or **Change due**."
    )


def _sent_to(store: Store, action_id: int) -> set[str]:
    return {h.new.lower() for h in store.history(action_id) if h.change == SENT}


def send_proposals(
    store: Store,
    chat: ChatPort,
    clock: Clock,
    *,
    timezone: str = "UTC",
    meeting_id: int | None = None,
    who: str = "wp2bot",
    via: str = "scheduler",
) -> ProposalReport:
    """DM every owner (by username) each open proposal of theirs not sent to them before."""
    today = clock.now().astimezone(ZoneInfo(timezone)).date()
    proposals = store.actions(
        ActionFilter(reviews=(Review.PROPOSED,), open_only=True, meeting_id=meeting_id)
    )
    sent: list[tuple[str, int]] = []
    already = 0
    unaddressed: list[int] = []
    failed: set[str] = set()
    per_user: dict[str, list[ActionRecord]] = defaultdict(list)
    for rec in proposals:
        users = list(dict.fromkeys(rec.owner_usernames()))
        if not users:
            unaddressed.append(rec.id)
            continue
        done_for = _sent_to(store, rec.id)
        for user in users:
            if user.lower() in done_for:
                already += 1
            else:
                per_user[user].append(rec)
    for user, records in per_user.items():
        for rec in records:
            card = action_card(rec, today, minutes_line=True)
            try:
                post_id = chat.direct(user, proposal_text(rec), cards=(card,))
            except Exception:  # one unreachable person must not stop the others' proposals
                log.warning("could not send proposal #%s to a user", rec.id, exc_info=True)
                failed.add(user)
                break
            store.record(
                rec.id, at=clock.now(), who=who, via=via, change=SENT, new=user, comment=post_id
            )
            sent.append((user, rec.id))
    return ProposalReport(tuple(sent), already, tuple(unaddressed), tuple(sorted(failed)))

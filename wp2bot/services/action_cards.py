"""Cards (message attachments) for action items, with the buttons that fit their state.

A button's context names a chat command and an action id ({"cmd": "done", "id": 3}); a click
comes back as that command (``wp2bot.commands.request_from_button``), so buttons and typed
commands share one table, one permission check and one history.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Protocol

from wp2bot.chat import Button, Card
from wp2bot.domain.mentions import escape_mentions, neutralise_broadcast
from wp2bot.domain.models import Status
from wp2bot.domain.render import due_text as render_due
from wp2bot.domain.render import one_line, origin_text, owners_text, quote, status_text
from wp2bot.domain.tracking import ActionRecord, Review

log = logging.getLogger(__name__)
TITLE_WIDTH = 150
SOON = timedelta(days=7)

# Mattermost's colour names where they exist, hex otherwise.
COLORS = {
    "overdue": "danger",
    "soon": "warning",
    "open": "#1c58d9",
    "proposed": "#8a63d2",
    "done": "good",
    "rejected": "#8f8f8f",
}


class StatusLookup(Protocol):
    """Live status of the checks linked to actions (``LiveStatus`` in production)."""

    def line_for(self, action_id: int) -> str:
        """Markdown lines, one per linked check: state, failing stage, since, dashboard."""
        ...

    def hints_for(self, rec: ActionRecord) -> list[str]:
        """ "marked done but still failing" / "passing for N days — close?" for one action."""
        ...

    def badges_for(self, action_ids: Sequence[int]) -> dict[int, str]:
        """A compact icon per linked check ("🔴 GSI/perfsonar") of each action that has one."""
        ...


def live_status(lookup: StatusLookup | None, rec: ActionRecord) -> tuple[str, list[str]]:
    """(status lines, hints) of one action; empty when no lookup is wired or it fails."""
    if lookup is None:
        return "", []
    try:
        return lookup.line_for(rec.id), lookup.hints_for(rec)
    except Exception:  # live status is a nicety: showing the action matters more
        log.warning("no live status for #%s", rec.id, exc_info=True)
        return "", []


def live_badges(lookup: StatusLookup | None, action_ids: Sequence[int]) -> dict[int, str]:
    """Compact status per action id; empty when no lookup is wired or it fails."""
    if lookup is None or not action_ids:
        return {}
    try:
        return lookup.badges_for(action_ids)
    except Exception:  # a list without icons beats no list
        log.warning("no live status for a list of actions", exc_info=True)
        return {}


def _button(bid: str, label: str, cmd: str, rec: ActionRecord, style: str = "default") -> Button:
    return Button(id=bid, label=label, context={"cmd": cmd, "id": rec.id}, style=style)


def action_buttons(rec: ActionRecord) -> tuple[Button, ...]:
    """Buttons for an action: confirm a proposal, close an open item, reopen a closed one."""
    if rec.review is Review.REJECTED:
        return ()
    if rec.status is Status.DONE:
        return (_button("reopen", "Reopen", "reopen", rec),)
    if rec.review is Review.PROPOSED:
        return (
            _button("accept", "Accept", "accept", rec, "primary"),
            _button("notmine", "Not mine", "notmine", rec, "danger"),
            _button("changedue", "Change due", "due", rec),
        )
    return (
        _button("done", "Done", "done", rec, "primary"),
        _button("snooze", "Snooze 1 week", "snooze", rec),
        _button("notmine", "Not mine", "notmine", rec, "danger"),
    )


def color(rec: ActionRecord, today: date) -> str:
    """The card's colour bar: red overdue, yellow due soon, grey rejected, green done."""
    if rec.review is Review.REJECTED:
        return COLORS["rejected"]
    if rec.status is Status.DONE:
        return COLORS["done"]
    if rec.review is Review.PROPOSED:
        return COLORS["proposed"]
    if rec.due is not None and rec.due < today:
        return COLORS["overdue"]
    if rec.due is not None and rec.due <= today + SOON:
        return COLORS["soon"]
    return COLORS["open"]


def action_card(
    rec: ActionRecord,
    today: date,
    *,
    buttons: bool = True,
    minutes_line: bool = False,
    live: str = "",
    hints: Sequence[str] = (),
) -> Card:
    """One action as a card: title links to the minutes; owners as names, never pings.

    ``minutes_line`` always quotes the line of the minutes the action came from (proposals),
    otherwise only when it says more than the action's text. ``live`` (Markdown lines of the
    linked checks) and ``hints`` are shown below.
    """
    title = one_line(rec.text)
    if len(title) > TITLE_WIDTH:
        title = title[: TITLE_WIDTH - 1].rstrip() + "…"
    lines = []
    if rec.source_text and (minutes_line or one_line(rec.source_text) != one_line(rec.text)):
        lines.append(f"Minutes: {quote(rec.source_text)}")
    origin = origin_text(rec)
    if origin:
        lines.append(f"From: {origin}")
    if rec.similar_to is not None and rec.is_open:
        lines.append(
            f"🔗 May restate #{rec.similar_to}: a chair merges them with "
            f"`merge {rec.id} {rec.similar_to}`"
        )
    if rec.notes:
        lines.append(f"Last note: {escape_mentions(one_line(rec.notes[-1]))}")
    lines.extend(neutralise_broadcast(x.strip()) for x in live.splitlines() if x.strip())
    lines.extend(f"💡 {escape_mentions(one_line(h))}" for h in hints)
    return Card(
        title=f"#{rec.id} {escape_mentions(title)}",
        title_link=rec.source_url or "",
        text="\n".join(lines),
        color=color(rec, today),
        fields=(
            ("Owners", escape_mentions(owners_text(rec.owners)), True),
            ("Due", escape_mentions(render_due(rec, today)), True),
            ("Status", status_text(rec, today), True),
        ),
        buttons=action_buttons(rec) if buttons else (),
        footer=f"wp2bot · action #{rec.id}",
    )


def accept_all_card(ids: Sequence[int], more: bool = False) -> Card:
    """The chair's bulk button on the review view: it accepts the proposals listed, only those.

    Bound to their ids, so an old card never accepts proposals made after it was shown.
    """
    count = len(ids)
    return Card(
        title=f"{count}{'+' if more else ''} proposal{'s' if count != 1 else ''} waiting",
        text="Accept every proposal listed, or use the buttons on each one.",
        color=COLORS["proposed"],
        buttons=(
            Button(
                id="acceptall",
                label="Accept all",
                context={"cmd": "accept", "ids": list(ids)},
                style="primary",
            ),
        ),
    )

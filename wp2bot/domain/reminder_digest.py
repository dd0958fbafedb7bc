"""The daily reminder digest: one person's due and overdue items, then the escalations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.reminders import Occasion
from wp2bot.domain.render import link, one_line
from wp2bot.domain.tracking import ActionRecord

DIGEST_ITEMS = 40  # items a digest lists per part; a post stops at 16,383 characters


@dataclass(frozen=True, slots=True)
class DigestLine:
    """One item of a digest and why it is there."""

    record: ActionRecord
    kind: Occasion
    escalated_from: tuple[str, ...] = ()  # owners who did not answer (escalations only)
    unanswered: int = 0


_WHY = {
    Occasion.BEFORE: "due soon",
    Occasion.DUE: "due today",
    Occasion.OVERDUE: "overdue",
    Occasion.MEETING: "no due date; the meeting is coming up",
}


def line_text(line: DigestLine, today: date) -> str:
    """``#12 text — overdue since 2026-03-01`` on one line, mentions defused."""
    rec = line.record
    text = f"**#{rec.id}** {escape_mentions(one_line(rec.text))}"
    if rec.source_url:
        text += " " + link("minutes", rec.source_url)
    if rec.due is not None:
        days = (today - rec.due).days
        when = (
            f"overdue by {days} day{'s' if days != 1 else ''} (due {rec.due.isoformat()})"
            if days > 0
            else "due today"
            if days == 0
            else f"due {rec.due.isoformat()} (in {-days} day{'s' if days != -1 else ''})"
        )
    else:
        when = _WHY[line.kind]
    return f"{text} — {when}"


def digest_text(
    own: Sequence[DigestLine],
    escalated: Sequence[DigestLine],
    today: date,
    owner_names: Mapping[str, str] | None = None,
    *,
    more_own: int = 0,
    more_escalated: int = 0,
) -> str:
    """The Markdown body of one person's daily reminder: their items, then escalations.

    ``more_own`` and ``more_escalated`` count the items of each part that are not listed (a
    digest lists the first ``DIGEST_ITEMS`` of each and names the command that shows them all).
    """
    parts: list[str] = []
    if own:
        total = len(own) + more_own
        noun = "item needs" if total == 1 else "items need"
        parts.append(f"Good morning! {total} of your {noun} attention:")
        parts.extend(f"- {line_text(x, today)}" for x in own)
        if more_own:
            parts.append(f"- … and {more_own} more: `actions mine`")
    if escalated:
        parts.append("" if own else "Good morning!")
        parts.append("Unanswered reminders of actions you are the contact for:")
        for x in escalated:
            names = ", ".join((owner_names or {}).get(u, u) for u in x.escalated_from)
            who = f" — {escape_mentions(names)} did not answer {x.unanswered} reminders"
            parts.append(f"- {line_text(x, today)}{who}")
        if more_escalated:
            parts.append(f"- … and {more_escalated} more")
    parts.append("")
    parts.append(
        "Use the buttons, or `done N`, `snooze N 1w`, `mute N`; `reminders` shows your settings."
    )
    return "\n".join(parts).strip()

"""Chat-safe Markdown for action items: tables, detail and history views.

Text that came from minutes or from users is quoted through ``wp2bot.domain.mentions``, so no
``@channel`` or ``@someone`` in it notifies anybody; ``mention`` there is the one way to ping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, tzinfo

from wp2bot.domain.mentions import escape_mentions, is_username, mention, neutralise_broadcast
from wp2bot.domain.models import Owner, OwnerKind, Precision, Status
from wp2bot.domain.tracking import ActionRecord, HistoryEntry, Review

_WS = re.compile(r"\s+")

TEXT_WIDTH = 110  # characters of an action's text shown in a table cell


def one_line(text: str) -> str:
    """Whitespace (newlines included) collapsed to single spaces."""
    return _WS.sub(" ", text).strip()


def cell(text: str, width: int | None = None) -> str:
    """Text made safe for one Markdown table cell: one line, pipes escaped, mentions defused."""
    flat = one_line(text)
    if width is not None and len(flat) > width:
        flat = flat[: width - 1].rstrip() + "…"
    return escape_mentions(flat.replace("\\", "\\\\").replace("|", "\\|"))


def link(label: str, url: str) -> str:
    """A Markdown link whose URL cannot break out of the parentheses."""
    safe = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"[{label}]({safe})"


def owner_label(owner: Owner) -> str:
    """An owner's name as shown in lists: never a ping."""
    if owner.kind is OwnerKind.ALL:
        return "everyone"
    if owner.ambiguous:
        return f"{owner.written} (ambiguous: {' / '.join(owner.candidates)})"
    if owner.kind is OwnerKind.UNKNOWN:
        return f"{owner.written} (unresolved)"
    return owner.name


def owners_text(owners: Sequence[Owner]) -> str:
    """All owners as plain names, or a dash when there are none."""
    return ", ".join(owner_label(o) for o in owners) if owners else "—"


def pings(usernames: Iterable[str]) -> str:
    """Space-separated pings for the valid usernames, in order, without duplicates."""
    seen: dict[str, None] = {}
    for name in usernames:
        if is_username(name.removeprefix("@")):
            seen.setdefault(mention(name), None)
    return " ".join(seen)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def due_text(rec: ActionRecord, today: date) -> str:
    """The deadline with how far away it is, the written phrase when it has no date."""
    if rec.due is None:
        return f"“{one_line(rec.due_phrase)}” (no date)" if rec.due_phrase else "—"
    approx = "~" if rec.due_precision not in (None, Precision.DAY) else ""
    shown = f"{approx}{rec.due.isoformat()}"
    if not rec.is_open:
        return shown
    delta = (rec.due - today).days
    if delta < 0:
        return f"{shown} (overdue {_days(-delta)})"
    if delta == 0:
        return f"{shown} (today)"
    return f"{shown} (in {_days(delta)})"


def status_text(rec: ActionRecord, today: date) -> str:
    """Status as one word or two: proposed, open, tentative, done, rejected, snoozed."""
    if rec.review is Review.REJECTED:
        return "rejected"
    if rec.status is Status.DONE:
        return "done"
    base = rec.status.value
    if rec.review is Review.PROPOSED:
        base = f"proposed ({base})" if rec.status is not Status.OPEN else "proposed"
    if rec.snoozed_until is not None and rec.snoozed_until > today:
        base += f", snoozed to {rec.snoozed_until.isoformat()}"
    return base


def action_line(rec: ActionRecord) -> str:
    """``#12 text`` on one line, escaped, with a link to the minutes when known."""
    text = f"#{rec.id} {escape_mentions(one_line(rec.text))}"
    if rec.source_url:
        text += " " + link("minutes", rec.source_url)
    return text


def actions_table(
    records: Sequence[ActionRecord], today: date, badges: Mapping[int, str] | None = None
) -> str:
    """A Markdown table of actions (names, never pings); empty string when there are none.

    ``badges`` maps action ids to their linked checks' compact status ("🔴 GSI/perfsonar"); a
    "Live" column appears when any listed action has one.
    """
    if not records:
        return ""
    live = {r.id: badges[r.id] for r in records if badges and badges.get(r.id)}
    head = "| # | Action | Owners | Due | Status |" + (" Live |" if live else "")
    rows = [head, "|---:|---|---|---|---|" + ("---|" if live else "")]
    for rec in records:
        text = cell(rec.text, TEXT_WIDTH)
        if rec.source_url:
            text += " " + link("↗", rec.source_url)
        row = (
            f"| {rec.id} | {text} | {cell(owners_text(rec.owners))} "
            f"| {cell(due_text(rec, today))} | {status_text(rec, today)} |"
        )
        if live:
            row += f" {cell(live.get(rec.id, ''))} |"
        rows.append(row)
    return "\n".join(rows)


def live_lines(live: str, hints: Sequence[str] = ()) -> list[str]:
    """Markdown bullets of an action's linked checks (one line each) and the hints about them.

    ``live`` is already Markdown (icons, failing stage, dashboard links), given as data so that
    rendering needs no probes; hints are plain text and get escaped.
    """
    lines = []
    checks = [one for one in live.splitlines() if one.strip()]
    if checks:
        lines.append("- **Live status:**")
        lines.extend(f"  - {neutralise_broadcast(one.strip())}" for one in checks)
    lines.extend(f"- **Hint:** {escape_mentions(one_line(h))}" for h in hints)
    return lines


def action_detail(
    rec: ActionRecord, today: date, *, live: str = "", hints: Sequence[str] = ()
) -> str:
    """Everything about one action as Markdown: text, owners, due, status, origin, notes.

    ``live`` and ``hints`` are the linked checks' status lines and the hints drawn from them.
    """
    lines = [
        f"**#{rec.id}** {escape_mentions(one_line(rec.text))}",
        "",
        f"- **Owners:** {escape_mentions(owners_text(rec.owners))}",
        f"- **Due:** {escape_mentions(due_text(rec, today))}",
        f"- **Status:** {status_text(rec, today)}",
    ]
    origin = origin_text(rec)
    if origin:
        lines.append(f"- **From:** {origin}")
    if rec.source_text and one_line(rec.source_text) != one_line(rec.text):
        lines.append(f"- **Minutes line:** {quote(rec.source_text)}")
    for note in rec.notes:
        lines.append(f"- **Note:** {escape_mentions(one_line(note))}")
    lines.extend(live_lines(live, hints))
    return "\n".join(lines)


def origin_text(rec: ActionRecord) -> str:
    """Meeting, date and section an action came from, linked to the minutes when known."""
    parts = [p for p in (rec.meeting_title, rec.section) if p]
    label = escape_mentions(one_line(" › ".join(parts))) if parts else ""
    if rec.meeting_date is not None:
        label = (
            f"{label} ({rec.meeting_date.isoformat()})" if label else rec.meeting_date.isoformat()
        )
    if rec.source_url:
        return link(label or "minutes", rec.source_url)
    return label


def quote(text: str) -> str:
    """A minutes line shown inline in italics, escaped and on one line."""
    flat = escape_mentions(one_line(text)).replace("*", "\\*").replace("_", "\\_")
    return f"*{flat}*" if flat else ""


# Fields stored beside another one: one change of a deadline writes its date, the phrase it was
# written as and its precision, which a person reads as one change of "due".
_PART_OF = {"due_phrase": "due", "due_precision": "due"}
_CHANGED = frozenset({"due", "status", "review", "text", "owners", "section", "snoozed_until"})


def readable_history(entries: Sequence[HistoryEntry]) -> list[HistoryEntry]:
    """The changes as a person reads them: the parts of one change (a deadline's date, phrase
    and precision, written in the same instant by the same person) folded into one entry, and
    an emptied value said as "none"."""
    out: list[HistoryEntry] = []
    for e in entries:
        head = _PART_OF.get(e.change)
        if head is not None:
            same = next(
                (
                    i
                    for i in range(len(out) - 1, -1, -1)
                    if (out[i].at, out[i].who, out[i].via) == (e.at, e.who, e.via)
                    and out[i].change == head
                ),
                None,
            )
            if same is not None:
                if e.change == "due_phrase" and e.new and not out[same].comment:
                    out[same] = replace(out[same], comment=f"“{e.new}”")
                continue
            if e.change == "due_precision":
                continue
            e = replace(e, change=head)
        if e.change in _CHANGED and e.old and not e.new:
            e = replace(e, new="none")
        out.append(e)
    return out


def history_table(entries: Sequence[HistoryEntry], zone: tzinfo) -> str:
    """A Markdown table of an action's changes with local times, as a person reads them."""
    if not entries:
        return ""
    rows = ["| When | Who | Via | Change | Details |", "|---|---|---|---|---|"]
    for e in readable_history(entries):
        when = e.at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        details = f"{e.old} → {e.new or 'none'}" if e.old else e.new
        if e.comment:
            details = f"{details} ({e.comment})" if details else e.comment
        rows.append(
            f"| {when} | {cell(e.who)} | {cell(e.via)} | {cell(e.change)} | {cell(details, 160)} |"
        )
    return "\n".join(rows)

"""What a reminder digest carries besides its text: the items' buttons and their live status."""

from __future__ import annotations

from datetime import date

from wp2bot.chat import Button, Card
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.reminder_digest import DigestLine
from wp2bot.domain.render import one_line
from wp2bot.services.action_cards import StatusLookup, live_badges, live_status


def live_block(status: StatusLookup | None, lines: list[DigestLine]) -> str:
    """The linked checks' status and hints of the digest's items ("" when none)."""
    out: list[str] = []
    records = {line.record.id: line.record for line in lines}
    # one read of the links for the whole digest; only linked items have a status or hints
    linked = live_badges(status, list(records))
    for rec in (r for aid, r in records.items() if aid in linked):
        text, hints = live_status(status, rec)
        out.extend(f"- #{rec.id} {x.strip()}" for x in text.splitlines() if x.strip())
        out.extend(f"- #{rec.id} 💡 {escape_mentions(one_line(h))}" for h in hints)
    return "\n\n**Live status**\n" + "\n".join(out) if out else ""


def digest_cards(lines: list[DigestLine], today: date, most: int) -> tuple[Card, ...]:
    """A card with Done and Snooze buttons for each of the first ``most`` items."""
    cards = []
    for line in lines[:most]:
        rec = line.record
        title = one_line(rec.text)
        title = title if len(title) <= 120 else title[:119] + "…"
        cards.append(
            Card(
                title=f"#{rec.id} {escape_mentions(title)}",
                title_link=rec.source_url or "",
                color="danger" if rec.due is not None and rec.due < today else "warning",
                buttons=(
                    Button("done", "Done", {"cmd": "done", "id": rec.id}, "primary"),
                    Button("snooze", "Snooze 1 week", {"cmd": "snooze", "id": rec.id}),
                ),
            )
        )
    return tuple(cards)

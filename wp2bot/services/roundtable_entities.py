"""What the round-table shows of each entity: its open items with their live status, and the
live status of its site's checks; the questions and the live mode both read it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Protocol

from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.models import OwnerKind
from wp2bot.domain.reminders import RosterIndex
from wp2bot.domain.render import one_line
from wp2bot.domain.roundtable import Entity, EntryState, live_line
from wp2bot.domain.tracking import ActionRecord, Review
from wp2bot.ports.actions import ActionFilter, ActionReader
from wp2bot.ports.meetings import Meetings
from wp2bot.services.action_cards import StatusLookup, live_badges

log = logging.getLogger(__name__)


class RoundTableActions(ActionReader, Meetings, Protocol):
    """The actions and meetings the round-table reads."""


class EntityView:
    """The round-table's entities, by name, with what is listed beside each."""

    def __init__(
        self,
        store: RoundTableActions,
        index: RosterIndex,
        entities: Sequence[Entity],
        *,
        status_for: Callable[[str], str] | None = None,
        status: StatusLookup | None = None,
    ) -> None:
        self.store, self.index = store, index
        self.entities = {e.name: e for e in entities}
        self.status_for = status_for  # live endpoint status of an entity (its site's checks)
        self.status = status  # live status of the checks linked to each listed action

    def pairs(self) -> list[tuple[str, str]]:
        """(name, kind) of every entity, as a new round-table lists them."""
        return [(e.name, e.kind) for e in self.entities.values()]

    def entity_status(self, entity: str) -> str:
        """A line on the checks of the entity's site ("" when unknown or failing to read)."""
        if self.status_for is None:
            return ""
        try:
            return self.status_for(entity)
        except Exception:  # live status is a nicety; the round-table goes on without it
            log.warning("no endpoint status for %s", entity, exc_info=True)
            return ""

    def records(self, name: str) -> list[ActionRecord]:
        """The open accepted items of an entity: owned by its group (by name or alias), or by a
        person of that site or experiment. One indexed read of those owners' items, not of every
        open item; the roster decides which of them belong."""
        key = name.casefold()
        group = self.index.group(name)
        names = {name, *((group.name, *group.aliases) if group else ())}
        for member in self.index.people.values():
            site = self.index.group(member.site) if member.site else None
            at_site = (site.name if site else member.site or "").casefold() == key
            if at_site or key in (x.casefold() for x in member.experiments):
                names.add(member.name)
        flt = ActionFilter(reviews=(Review.ACCEPTED,), open_only=True, owner_names=tuple(names))
        found = []
        for rec in self.store.actions(flt):
            if any(s.casefold() == key for s in self.index.sites(rec)):
                found.append(rec)
                continue
            for o in rec.owners:
                person = self.index.people.get(" ".join(o.name.split()).casefold())
                in_group = o.kind is OwnerKind.GROUP and o.name.casefold() == key
                in_exp = person is not None and key in (x.casefold() for x in person.experiments)
                if in_group or in_exp:
                    found.append(rec)
                    break
        return found

    def action_lines(self, entity: Entity) -> list[str]:
        """The entity's first ten open items, one line each, for its question."""
        lines = []
        shown = self.records(entity.name)[:10]
        badges = live_badges(self.status, [r.id for r in shown])
        for rec in shown:
            due = f" (due {rec.due.isoformat()})" if rec.due else ""
            badge = f" — {badges[rec.id]}" if rec.id in badges else ""
            lines.append(f"#{rec.id} {escape_mentions(one_line(rec.text))[:120]}{due}{badge}")
        return lines

    def line(self, entry: EntryState) -> str:
        """The live mode's line for one entry: contacts, open items, site status."""
        entity = self.entities.get(entry.entity)
        contacts = entity.contacts if entity else ()
        count = len(self.records(entry.entity))
        return live_line(entry, contacts, count, self.entity_status(entry.entity))

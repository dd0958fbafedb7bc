"""Whose clock a reminder follows: each person's zone, stored, from the chat profile, the roster
or the group's."""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wp2bot.domain.reminders import RosterIndex
from wp2bot.ports.reminder_state import ReminderStates

log = logging.getLogger(__name__)


class ProfileSource(Protocol):
    """What the chat server knows about a person (the Mattermost adapter may provide it)."""

    def timezone_of(self, username: str) -> str | None:
        """The person's IANA timezone from their profile, or None."""
        ...


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


class PersonZones:
    """Each person's zone for one sweep (or one look-up), each found once.

    A zone read from the chat profile is stored, so that the next sweep need not ask again.
    """

    def __init__(
        self,
        states: ReminderStates,
        stored: dict[str, str],
        now: datetime,
        profiles: ProfileSource | None,
        index: RosterIndex,
        default: ZoneInfo,
    ) -> None:
        self.states, self.stored, self.now = states, stored, now
        self.profiles, self.index, self.default = profiles, index, default
        self.cache: dict[str, ZoneInfo] = {}

    def zone(self, user: str) -> ZoneInfo:
        found = self.cache.get(user)
        if found is not None:
            return found
        name = self.stored.get(user)
        if name is None and self.profiles is not None:
            try:
                name = self.profiles.timezone_of(user) or ""
            except Exception:  # a profile look-up failing only costs the default zone
                log.warning("no profile timezone for %s", user, exc_info=True)
                name = None
            if name is not None:
                self.states.set_timezone(user, name or None, "profile", self.now)
        person = self.index.by_username.get(user)
        zone = _zone(name) or _zone(person.timezone if person else None) or self.default
        self.cache[user] = zone
        return zone

    def today(self, user: str) -> date:
        return self.now.astimezone(self.zone(user)).date()

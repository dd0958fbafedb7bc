"""The words of the tracking use cases: who asks, what a change gave, which actions a list shows,
and the two ways a request fails."""

from __future__ import annotations

from dataclasses import dataclass

from wp2bot.domain.tracking import ActionRecord

LIST_LIMIT = 50  # rows in one chat answer; Mattermost posts stop at 16k characters
DUE_SOON_DAYS = 7


class Refused(Exception):
    """The requester may not do this; the message says why."""


class Invalid(ValueError):
    """A value given for a change cannot be used (an unknown date, an empty text)."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who asks for a change and through which way in."""

    user: str
    via: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """An action after a command, and whether the command changed anything."""

    record: ActionRecord
    changed: bool


@dataclass(frozen=True, slots=True)
class ListQuery:
    """Which actions ``actions`` shows; every criterion given must hold."""

    owner: str | None = None  # a username
    site: str | None = None  # a site (or other group) name or alias
    overdue: bool = False
    due_soon: bool = False
    everything: bool = False  # done, proposed and rejected too


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of actions and whether more matched than are shown."""

    records: tuple[ActionRecord, ...]
    more: bool


def split_names(value: str) -> list[str]:
    """Owners written as "@ann, Bob Smith and @carl" -> ["@ann", "Bob Smith", "@carl"]."""
    parts: list[str] = []
    for chunk in value.replace(" and ", ",").replace(";", ",").split(","):
        words = chunk.split()
        named = [w for w in words if not w.startswith("@")]
        parts.extend(w for w in words if w.startswith("@"))
        if named:
            parts.append(" ".join(named))
    return parts

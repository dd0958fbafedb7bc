"""Argument parsing for chat commands: action numbers, @users, durations, list filters."""

from __future__ import annotations

import re
from datetime import timedelta

from wp2bot.domain.dates_calendar import NUMBER_WORDS
from wp2bot.domain.mentions import BROADCAST_NAMES
from wp2bot.services.tracking_terms import ListQuery


class UsageError(ValueError):
    """The arguments do not fit the command's usage; the message, when any, says what is wrong."""


_ID = re.compile(r"^#?(\d{1,9})[.,:]?$")
_USER = re.compile(r"^@([A-Za-z0-9_.-]+?)[.,;:]?$")
_NUMBERS = {"a": 1, "an": 1, **NUMBER_WORDS}  # "a week", "an hour", "two weeks"
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30}  # by the unit's first letter; a month is 30 days
_DURATION = re.compile(
    r"^(?:for\s+)?(?P<n>\d{1,3}|[a-z]+)?\s*(?P<unit>d|days?|w|wks?|weeks?|m|mos?|months?|fortnight)$"
)
MAX_SNOOZE = timedelta(days=366)
_DUE_SOON = frozenset({"due-soon", "duesoon", "soon", "due_soon"})


def words(text: str) -> list[str]:
    """The arguments split on whitespace."""
    return text.split()


def action_id(token: str) -> int:
    """An action number written as ``3`` or ``#3``."""
    m = _ID.match(token.strip())
    if m is None:
        raise UsageError(f"“{token}” is not an action number.")
    return int(m.group(1))


def id_and_rest(args: str, *, rest_required: bool = False) -> tuple[int, str]:
    """``N rest of the line`` -> (N, rest); the rest may be required."""
    head, _, rest = args.strip().partition(" ")
    if not head:
        raise UsageError("")
    number = action_id(head)
    rest = rest.strip()
    if rest_required and not rest:
        raise UsageError("")
    return number, rest


def just_id(args: str) -> int:
    """Exactly one action number."""
    parts = words(args)
    if len(parts) != 1:
        raise UsageError("")
    return action_id(parts[0])


def ids_or_all(args: str) -> list[int] | None:
    """``N [N…]`` -> the numbers; ``all`` -> None."""
    parts = [p for p in re.split(r"[\s,]+", args.strip()) if p]
    if not parts:
        raise UsageError("")
    if [p.lower() for p in parts] == ["all"]:
        return None
    return list(dict.fromkeys(action_id(p) for p in parts))


def username(token: str) -> str | None:
    """``@alice`` -> ``alice``; None for anything else."""
    m = _USER.match(token)
    if m is None or m.group(1).lower() in BROADCAST_NAMES:
        return None  # @all, @channel and @here are never owners
    return m.group(1)


def usernames(tokens: list[str]) -> list[str]:
    """Every token must be an ``@user``; returns them with the ``@``."""
    found = []
    for token in tokens:
        name = username(token)
        if name is None:
            raise UsageError(f"“{token}” is not an @username.")
        found.append("@" + name)
    if not found:
        raise UsageError("")
    return found


def duration(text: str) -> timedelta:
    """``1w``, ``3 days``, ``2 weeks``, ``a month``, ``fortnight`` -> a span of days."""
    m = _DURATION.match(" ".join(text.lower().split()))
    if m is None:
        raise UsageError(f"“{text}” is not a duration (try 3d, 1w, 2 weeks).")
    raw, unit = m.group("n"), m.group("unit")
    count = 1 if raw is None else _count(raw, text)
    days = 14 if unit == "fortnight" else _UNIT_DAYS[unit[0]]
    span = timedelta(days=count * days)
    if not timedelta(days=1) <= span <= MAX_SNOOZE:
        raise UsageError("A snooze lasts from one day to one year.")
    return span


def _count(raw: str, text: str) -> int:
    if raw.isdigit():
        return int(raw)
    if raw in _NUMBERS:
        return _NUMBERS[raw]
    raise UsageError(f"“{text}” is not a duration (try 3d, 1w, 2 weeks).")


def split_add(args: str) -> tuple[str, list[str], str | None]:
    """``text [@owners] [due phrase]`` -> (text, owners, due phrase).

    Every ``@user`` names an owner; trailing ones are taken out of the text, ones inside a
    sentence ("ask @bob to …") stay readable in it. The last ``due`` starts the deadline.
    """
    tokens = words(args)
    owners = [f"@{n}" for t in tokens if (n := username(t))]
    due: str | None = None
    for i in range(len(tokens) - 2, 0, -1):
        if tokens[i].lower() == "due":
            due = " ".join(t for t in tokens[i + 1 :] if not username(t)) or None
            tokens = tokens[:i]
            break
    while tokens and username(tokens[-1]):
        tokens.pop()
    text = " ".join(tokens)
    if not text:
        raise UsageError("")
    return text, list(dict.fromkeys(owners)), due


def list_query(args: str, user: str) -> ListQuery:
    """``[mine | @user | site NAME] [overdue | due-soon] [all]`` -> a ListQuery."""
    owner: str | None = None
    site_words: list[str] | None = None
    overdue = soon = everything = False
    for token in words(args):
        low = token.lower()
        name = username(token)
        if low in {"mine", "my", "me"}:
            owner = user
        elif name is not None:
            owner = name
        elif low == "site":
            site_words = []
        elif low == "overdue":
            overdue = True
        elif low in _DUE_SOON:
            soon = True
        elif low == "all":
            everything = True
        elif site_words is not None:
            site_words.append(token)
        else:
            raise UsageError(f"Unknown filter “{token}”.")
    if site_words is not None and not site_words:
        raise UsageError("Name the site: `actions site NAME`.")
    if site_words is not None and owner is not None:
        raise UsageError("Choose one of mine, @user or site NAME.")
    site = " ".join(site_words) if site_words else None
    return ListQuery(owner=owner, site=site, overdue=overdue, due_soon=soon, everything=everything)

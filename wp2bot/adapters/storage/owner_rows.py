"""Owners as the ``action_owner`` table holds them, read as plain rows into the domain's
``Owner``: one select list and one conversion for every read that returns records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, Table
from sqlalchemy import select as core_select

from wp2bot.domain.models import Owner, OwnerKind

# the kinds by stored value: a dict look-up, where ``OwnerKind(value)`` is an Enum call per row
_KINDS: dict[str, OwnerKind] = {k.value: k for k in OwnerKind}


def owner_select(o: Table) -> Select[Any]:
    """The columns an ``Owner`` is made of, with the action's id first, in each action's order
    (the caller adds its condition)."""
    c = o.c
    return core_select(c.action_id, c.written, c.name, c.kind, c.username, c.candidates).order_by(
        c.action_id, c.position
    )


def owners_by_action(rows: Iterable[Any]) -> defaultdict[int, list[Owner]]:
    """The owners of the rows of ``owner_select``, by action id (rows unpacked as tuples:
    attribute access by name was a large part of a read of 100,000 items)."""
    found: defaultdict[int, list[Owner]] = defaultdict(list)
    for action_id, written, name, kind, username, candidates in rows:
        found[action_id].append(
            Owner(str(written), str(name), _KINDS[kind], username, tuple(candidates or ()))
        )
    return found

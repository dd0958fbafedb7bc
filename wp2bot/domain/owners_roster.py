"""The part of owner resolution that depends on the roster alone, built once per roster.

A meeting's ``PeopleIndex`` starts from it and copies only the people the meeting changes
(copy on write), so a document costs what its participants cost, not what the roster does.
"""

from __future__ import annotations

from dataclasses import dataclass

from wp2bot.domain.models import Roster
from wp2bot.domain.names import fold
from wp2bot.domain.owners_keys import Candidate, NameKeys

_KEPT = 8  # rosters kept; a bot uses one, an attendance table makes one per document


@dataclass(frozen=True, slots=True)
class RosterPart:
    """The roster's people (one per folded name, first wins) and groups, and their keys.

    ``people`` lack the run-together alias of a three-word name ("janwillem"), which a meeting
    adds after merging its participants (``late``); ``keys`` already hold it.
    """

    people: tuple[Candidate, ...]
    groups: tuple[Candidate, ...]
    by_key: dict[str, int]  # folded name -> position in people
    late: tuple[int, ...]  # people of three or more words
    singles: tuple[int, ...]  # people known by one word
    keys: NameKeys


def clone(c: Candidate) -> Candidate:
    """A copy whose sets can change without changing ``c``."""
    return Candidate(
        c.name, c.key, c.is_group, c.username, set(c.aliases), c.in_meeting, set(c.places)
    )


def run_together(c: Candidate) -> str:
    """The first two words of a name of three or more run together: "Anna Lena Holm"."""
    return c.parts[0] + c.parts[1]


_parts: dict[int, tuple[Roster, RosterPart]] = {}


def roster_part(roster: Roster) -> RosterPart:
    """The roster's part, built on first use; the same Roster object finds it again."""
    if not roster.people and not roster.groups:
        return _EMPTY  # no roster: every document starts from the same nothing
    held = _parts.get(id(roster))
    if held is not None and held[0] is roster:
        return held[1]
    part = _build(roster)
    if len(_parts) >= _KEPT:
        del _parts[next(iter(_parts))]
    _parts[id(roster)] = (roster, part)  # the roster is kept with it: its id stays unique
    return part


def _build(roster: Roster) -> RosterPart:
    by_key: dict[str, Candidate] = {}
    for person in roster.people:
        c = Candidate(person.name, fold(person.name), username=person.username)
        c.aliases.update(fold(a) for a in person.aliases)
        places = (person.site, person.affiliation, *person.experiments)
        c.places.update(fold(p) for p in places if p)
        by_key.setdefault(c.key, c)
    for group in roster.groups:
        for member in group.members:
            if (known := by_key.get(fold(member))) is not None:
                known.places.add(fold(group.name))
                known.places.update(fold(a) for a in group.aliases)
    people = tuple(by_key.values())
    groups: list[Candidate] = []
    for group in roster.groups:
        g = Candidate(group.name, fold(group.name), is_group=True)
        g.username = group.contacts[0] if group.contacts else None
        g.aliases.update(fold(a) for a in group.aliases)
        groups.append(g)
    late = tuple(i for i, c in enumerate(people) if len(c.parts) >= 3)
    final = list(people)
    for i in late:
        final[i] = clone(people[i])
        final[i].aliases.add(run_together(people[i]))
    return RosterPart(
        people,
        tuple(groups),
        {c.key: i for i, c in enumerate(people)},
        late,
        tuple(i for i, c in enumerate(people) if len(c.parts) == 1),
        NameKeys(final, groups),
    )


_EMPTY = _build(Roster())

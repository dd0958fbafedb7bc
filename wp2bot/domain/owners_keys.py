"""The people and groups a reference may name, the dictionaries that find them by written form,
and the tie-break by section and place."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from wp2bot.domain.models import Section
from wp2bot.domain.names import display_name, fold, initials, name_parts

# "AM", "JDK"; with a surname's particle in lower case: "PvD", "JvdB"
INITIALS = re.compile(r"[A-Z](?:[A-Z]|[a-z]{1,2}[A-Z]){1,3}")


def written_initials(tokens: list[str], raw: str) -> str | None:
    """The initials a reference is written as, folded: "AM", "A.M." or "A M" give "am"."""
    if len(raw) <= 4 and INITIALS.fullmatch(raw):
        return tokens[0]
    if 2 <= len(tokens) <= 4 and len(tokens[0]) == 1 and all(len(t) == 1 for t in tokens):
        return "".join(tokens)
    return None


NOT_ALNUM = re.compile(r"[^a-z0-9]")


@dataclass(slots=True)
class Candidate:
    """A person or group a reference may name, with every folded form it is known by."""

    name: str
    key: str  # folded name
    is_group: bool = False
    username: str | None = None
    aliases: set[str] = field(default_factory=set)
    in_meeting: bool = False
    places: set[str] = field(default_factory=set)  # folded sites, affiliations, experiments, teams
    # derived from ``key`` once (every tier reads them, for every person it tries)
    parts: tuple[str, ...] = field(init=False)  # folded words of the name
    compact: str = field(init=False)  # the folded name run together: "paulmillar"

    def __post_init__(self) -> None:
        """Split the folded name once."""
        self.parts = tuple(self.key.split())
        self.compact = self.key.replace(" ", "")


def _add(index: dict[str, set[int]], key: str, i: int, shared: bool) -> None:
    """Add ``i`` under ``key``. In dictionaries shared with the ones they were copied from
    (``NameKeys.copy``) a set is replaced, never changed in place."""
    held = index.get(key)
    if held is None:
        index[key] = {i}
    elif not shared:
        held.add(i)  # a fresh build holds its own sets
    elif i not in held:
        index[key] = held | {i}


_INDICES = (
    *("forms", "compacts", "users", "firsts", "lasts", "initials", "handle_starts"),
    *("group_forms", "group_compacts"),
)


class NameKeys:
    """Dictionaries from the written forms a tier compares to the people who carry them.

    Built once for a roster's people and groups, then copied for each meeting and extended with
    its participants (``add_person`` again for a person whose aliases or username it changed).
    """

    def __init__(self, people: list[Candidate], groups: list[Candidate]) -> None:
        self._shared = False  # True in a copy: its sets are the original's
        self.forms: dict[str, set[int]] = {}  # folded name or alias
        self.compacts: dict[str, set[int]] = {}  # name run together
        self.users: dict[str, set[int]] = {}  # username, letters and digits only
        self.firsts: dict[str, set[int]] = {}
        self.lasts: dict[str, set[int]] = {}  # last word and all words after the first
        self.initials: dict[str, set[int]] = {}
        # the first letter of each person's first and last name (as ``handle_fits`` reads the
        # name): a handle built from a name starts with one of them
        self.handle_starts: dict[str, set[int]] = {}
        self.group_forms: dict[str, set[int]] = {}
        self.group_compacts: dict[str, set[int]] = {}
        # the fuzzy forms in one flat list per length of reference and kind, each with its
        # candidate (group, index): one call scores a reference against all. A person added
        # again adds its new forms; the best score per candidate is the same.
        self.fuzzy_lists: dict[tuple[bool, bool], tuple[list[str], list[tuple[bool, int]]]] = {
            (single, group): ([], []) for single in (True, False) for group in (True, False)
        }
        for i, c in enumerate(people):
            self.add_person(i, c)
        for i, g in enumerate(groups):
            for form in (g.key, *g.aliases):
                _add(self.group_forms, form, i, False)
            _add(self.group_compacts, g.compact, i, False)
            self._add_fuzzy(i, g)

    def copy(self) -> NameKeys:
        """Dictionaries that can be extended without changing these (their sets are shared
        until ``add_person`` replaces one)."""
        other = object.__new__(NameKeys)
        other._shared = True
        for name in _INDICES:
            setattr(other, name, dict(getattr(self, name)))
        other.fuzzy_lists = {k: (a.copy(), b.copy()) for k, (a, b) in self.fuzzy_lists.items()}
        return other

    def add_person(self, i: int, c: Candidate) -> None:
        """Index person ``i`` by every form it is known by."""
        shared = self._shared
        _add(self.forms, c.key, i, shared)
        for form in c.aliases:
            _add(self.forms, form, i, shared)
        _add(self.compacts, c.compact, i, shared)
        if c.username:
            user = NOT_ALNUM.sub("", c.username)
            if user:
                _add(self.users, user, i, shared)
        parts = c.parts
        if parts:
            _add(self.firsts, parts[0], i, shared)
            _add(self.lasts, parts[-1], i, shared)
            if len(parts) > 2:
                _add(self.lasts, " ".join(parts[1:]), i, shared)
            for short in initials(c.name):
                _add(self.initials, short, i, shared)
        words = name_parts(c.name)
        if len(words) > 1:
            for word in (words[0], "".join(words[1:])):
                if word:
                    _add(self.handle_starts, word[0], i, shared)
        self._add_fuzzy(i, c)

    def _add_fuzzy(self, i: int, c: Candidate) -> None:
        forms = tuple({c.compact, *(a.replace(" ", "") for a in c.aliases)})
        first = tuple({*forms, c.parts[0]}) if c.parts and not c.is_group else forms
        for single, written in ((True, first), (False, forms)):
            choices, owners = self.fuzzy_lists[single, c.is_group]
            choices.extend(written)
            owners.extend([(c.is_group, i)] * len(written))

    def exact(self, folded: str, compact: str, handle: str | None) -> set[int]:
        """People whose name, alias, run-together name or username may equal the reference."""
        found = set(self.forms.get(folded, ()))
        found.update(self.compacts.get(compact, ()))
        found.update(self.users.get(compact, ()))
        if handle:
            found.update(self.users.get(handle, ()))
        return found

    def group_exact(self, folded: str, compact: str) -> list[int]:
        """Indices, in order, of groups whose name or alias may equal the reference."""
        return sorted({*self.group_forms.get(folded, ()), *self.group_compacts.get(compact, ())})

    def named(self, tokens: list[str], raw: str) -> set[int]:
        """People a first name, a surname or initials may name."""
        found = set(self.firsts.get(tokens[0], ()))
        if len(tokens) == 1:
            found.update(self.lasts.get(tokens[0], ()))
        elif len(tokens[0]) == 1:
            found.update(self.lasts.get(" ".join(tokens[1:]), ()))  # "A. Martin": an initial
        else:
            found.update(self.lasts.get(" ".join(tokens), ()))  # "Obi-Hartmann": the surname
        short = written_initials(tokens, raw)
        if short:
            found.update(self.initials.get(short, ()))
        return found

    def first_prefixed(self, start: str) -> set[int]:
        """People whose first name starts with ``start``."""
        return {i for first, ids in self.firsts.items() if first.startswith(start) for i in ids}

    def firsts_of(self, forms: Iterable[str]) -> set[int]:
        """People whose first name is one of ``forms``."""
        found: set[int] = set()
        for form in forms:
            found.update(self.firsts.get(form, ()))
        return found


def narrow(
    found: list[Candidate], section: Section | None, place: str | None = None
) -> list[Candidate]:
    """Among several fits, the one the section names (its owner or its speakers) wins; then the
    one of the site or team the line is written under ("RAL (Dan): ..." is the Dan at RAL)."""
    if len(found) <= 1:
        return found
    if section is not None:
        keys = {fold(display_name(s.name)) for s in section.speakers}
        if section.owner_raw:
            keys.add(fold(display_name(section.owner_raw)))
        preferred = [c for c in found if c.key in keys or keys & c.aliases]
        if len(preferred) == 1:
            return preferred
    if place:
        where = fold(place)
        at_place = [c for c in found if where in c.places]
        if len(at_place) == 1:
            return at_place
    return found

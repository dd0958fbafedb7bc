"""The people and groups a reference may name, the dictionaries that find them by written form,
and the tie-break by section and place."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from wp2bot.domain.models import Section
from wp2bot.domain.names import display_name, fold, initials, name_parts

INITIALS = re.compile(r"[A-Z]{2,4}")
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


class NameKeys:
    """Dictionaries from the written forms a tier compares to the people who carry them."""

    def __init__(self, people: list[Candidate], groups: list[Candidate]) -> None:
        self.forms: dict[str, set[int]] = {}  # folded name or alias
        self.compacts: dict[str, set[int]] = {}  # name run together
        self.users: dict[str, set[int]] = {}  # username, letters and digits only
        self.firsts: dict[str, set[int]] = {}
        self.lasts: dict[str, set[int]] = {}  # last word and all words after the first
        self.initials: dict[str, set[int]] = {}
        self.group_forms: dict[str, set[int]] = {}
        self.group_compacts: dict[str, set[int]] = {}
        # (candidate, fuzzy forms, the same with the first name) for people and groups
        self.fuzzy_forms: list[tuple[Candidate, tuple[str, ...], tuple[str, ...]]] = []
        # the first letter of each person's first and last name (as ``handle_fits`` reads the
        # name): a handle built from a name starts with one of them
        self.handle_starts: dict[str, set[int]] = {}
        for i, c in enumerate(people):
            self.forms.setdefault(c.key, set()).add(i)
            for form in c.aliases:
                self.forms.setdefault(form, set()).add(i)
            self.compacts.setdefault(c.compact, set()).add(i)
            if c.username:
                user = NOT_ALNUM.sub("", c.username)
                if user:
                    self.users.setdefault(user, set()).add(i)
            parts = c.parts
            if parts:
                self.firsts.setdefault(parts[0], set()).add(i)
                self.lasts.setdefault(parts[-1], set()).add(i)
                if len(parts) > 2:
                    self.lasts.setdefault(" ".join(parts[1:]), set()).add(i)
                for short in initials(c.name):
                    self.initials.setdefault(short, set()).add(i)
            words = name_parts(c.name)
            if len(words) > 1:
                for word in (words[0], "".join(words[1:])):
                    if word:
                        self.handle_starts.setdefault(word[0], set()).add(i)
        for i, g in enumerate(groups):
            for form in (g.key, *g.aliases):
                self.group_forms.setdefault(form, set()).add(i)
            self.group_compacts.setdefault(g.compact, set()).add(i)
        # the same forms in one flat list per length of reference and kind, each with the
        # position of its candidate in ``fuzzy_forms``: one call scores a reference against all
        self.fuzzy_lists: dict[tuple[bool, bool], tuple[list[str], list[int]]] = {
            (single, group): ([], []) for single in (True, False) for group in (True, False)
        }
        for at, c in enumerate([*people, *groups]):
            forms = tuple({c.compact, *(a.replace(" ", "") for a in c.aliases)})
            first = tuple({*forms, c.parts[0]}) if c.parts and not c.is_group else forms
            self.fuzzy_forms.append((c, forms, first))
            for single, written in ((True, first), (False, forms)):
                choices, owners = self.fuzzy_lists[single, c.is_group]
                choices.extend(written)
                owners.extend([at] * len(written))

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
        if INITIALS.fullmatch(raw):
            found.update(self.initials.get(tokens[0], ()))
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

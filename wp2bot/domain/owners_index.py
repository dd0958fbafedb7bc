"""The people and groups owner resolution searches, and the match tiers it searches them with."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz, process

from wp2bot.domain.models import Participant, Roster
from wp2bot.domain.names import (
    display_name,
    first_name_forms,
    fold,
    handle_fits,
    handle_key,
    initials,
)
from wp2bot.domain.owners_keys import NOT_ALNUM, Candidate, NameKeys, written_initials
from wp2bot.domain.owners_roster import clone, roster_part, run_together
from wp2bot.domain.roll_calls import ROLE_NOUNS

PERSON_FUZZ = 85  # "Kristen" ~ "Kristin" (85.7); lower lets "Daniel" ~ "Daniela" merge people
GROUP_FUZZ = 80  # "AARENT" ~ "AARNet" (83.3)
FUZZ_MIN_LEN = 5  # short names differ by one letter on purpose (Mat, Matt)


Tier = Callable[[Candidate], bool]


def _matches_name(tokens: list[str], raw: str, nicknames: bool = False) -> Tier:
    """First name (or nickname), surname alone, "Rob Q", "Xavi Espinal", "X. Espinal",
    initials ("PM", "P.M.")."""
    as_initials = None if nicknames else written_initials(tokens, raw)
    forms = first_name_forms(tokens[0]) if nicknames else frozenset({tokens[0]})
    # "A. Martin": an initial for the first name (not of a nickname: "A" is no form of one)
    initial = tokens[0] if len(tokens[0]) == 1 and not nicknames else None

    def test(c: Candidate) -> bool:
        parts = c.parts
        if c.is_group or not parts:
            return False
        if as_initials and as_initials in initials(c.name):
            return True
        if len(tokens) == 1:
            rest = " ".join(parts[1:])
            surname = not nicknames and len(parts) > 1 and tokens[0] in (parts[-1], rest)
            return parts[0] in forms or surname
        if not nicknames and len(parts) > len(tokens) and list(parts[-len(tokens) :]) == tokens:
            return " ".join(tokens) == " ".join(parts[1:])  # "Obi-Hartmann": a surname of two
        if len(parts) < 2 or not (parts[0] in forms or (initial and parts[0][0] == initial)):
            return False
        rest_written, rest_known = " ".join(tokens[1:]), " ".join(parts[1:])
        short = len(tokens) == 2 and len(tokens[1]) <= 2
        # "J. Moreau", "Jean Moreau" for Jean-Luc Moreau: a middle or second given name left out
        return rest_written in (rest_known, parts[-1]) or (
            short and rest_known.startswith(tokens[1])
        )

    return test


class PeopleIndex:
    """Meeting people first, then the roster; groups from the roster."""

    def __init__(self, roster: Roster, listed: Sequence[Participant]) -> None:
        """Merge the meeting's listed names with the roster into one candidate list.

        The roster's part is built once per roster (``roster_part``); the people the meeting
        changes are copied first, and the keys of the copy are extended with them.
        """
        base = roster_part(roster)
        self._base = base
        self._people: list[Candidate] = list(base.people)
        self._groups: list[Candidate] = list(base.groups)
        self._changed: set[int] = set()  # copied from the roster's part, or the meeting's own
        self._dead: set[int] = set()  # roster people merged into an attendee
        by_key = dict(base.by_key)
        self.role_plurals: set[str] = set()  # "chairs": a role several people hold
        singles: list[str] = []
        for participant in listed:
            shown = display_name(participant.name)
            key = fold(shown)
            if not key:
                continue
            if key in by_key:
                self._own(by_key[key]).in_meeting = True
            elif len(key.split()) == 1:
                singles.append(shown)
            else:
                by_key[key] = len(self._people)
                self._people.append(Candidate(shown, key, in_meeting=True))
                self._changed.add(by_key[key])
            if participant.affiliation and key in by_key:
                self._own(by_key[key]).places.add(fold(participant.affiliation))
            if participant.role and key in by_key:
                # "Ana Lima (Chair)": "the Chair" and "Chair" in the minutes are Ana; "Chairs:
                # Ana, Bo": "the chairs" are both (``OwnerResolver`` names each)
                for role in _role_names(participant.role):
                    self._own(by_key[key]).aliases.update(
                        (role, f"the {role}", f"{role}s", f"the {role}s")
                    )
                    self.role_plurals.update((fold(f"{role}s"), fold(f"the {role}s")))
        for shown in dict.fromkeys(singles):
            self._merge_single(shown)
        self._merge_roster_singles()
        for i in base.late:
            # "AnnaLena" for Anna-Lena Holm: a first name of two words run together
            if i not in self._dead:
                self._own(i).aliases.add(run_together(self._people[i]))
        for c in self._people[len(base.people) :]:  # the meeting's own people
            if len(c.parts) >= 3:
                c.aliases.add(run_together(c))
        self._keys = base.keys
        if len(self._changed) * 2 >= len(self._people):
            # mostly the meeting's own people (no roster): the keys of all, built afresh
            self._keys = NameKeys(self._people, self._groups)
        elif self._changed:
            self._keys = base.keys.copy()
            for i in sorted(self._changed):
                self._keys.add_person(i, self._people[i])

    def _own(self, i: int) -> Candidate:
        """Person ``i``, copied from the roster's part before the meeting first changes it."""
        if i not in self._changed:
            self._people[i] = clone(self._people[i])
            self._changed.add(i)
        return self._people[i]

    def _merge_roster_singles(self) -> None:
        """A roster person known by one name ("Aleem") is the one attendee of that first name
        ("Aleem Riaz"): one candidate, with the roster's username and aliases."""
        # only the people this meeting changed attend, and only they or the roster's one-word
        # people can merge: the others are skipped, in list order as before
        people = self._people
        attending: dict[str, list[int]] = {}
        for i in sorted(self._changed):
            c = people[i]
            if c.in_meeting and len(c.parts) > 1:
                attending.setdefault(c.parts[0], []).append(i)
        for i in sorted({*self._base.singles, *self._changed}):
            c = people[i]
            fits = attending.get(c.key, []) if not c.in_meeting and len(c.parts) == 1 else []
            if len(fits) == 1 and (people[fits[0]].username is None or c.username is None):
                fit = self._own(fits[0])
                fit.aliases.update({c.key, *c.aliases})
                fit.username = fit.username or c.username
                self._dead.add(i)

    def _merge_single(self, shown: str) -> None:
        """A participant listed by one name ("Xavier") is the full-named person it fits, if one."""
        key = fold(shown)
        tier = _matches_name([key], shown)
        people = self._people
        # the roster people the name can fit: by first name, surname, initials or an alias
        # (the roster's keys, a superset: they hold the run-together names too), and everyone
        # this meeting changed
        keys = self._base.keys
        maybe = {*self._changed}
        for index in (keys.forms, keys.firsts, keys.lasts, keys.initials):
            maybe.update(index.get(key, ()))
        multi = [i for i in sorted(maybe) if len(people[i].parts) > 1]
        for pool in ([i for i in multi if people[i].in_meeting], multi):
            fits = [i for i in pool if key in people[i].aliases or tier(people[i])]
            if len(fits) == 1:
                fit = self._own(fits[0])
                fit.in_meeting = True
                fit.aliases.add(key)
                return
            if len(fits) > 1:
                break
        self._changed.add(len(people))
        people.append(Candidate(shown, key, in_meeting=True))

    def candidates(self, core: str, handle: str | None) -> tuple[list[Candidate], bool]:
        """Candidates for one reference (the first tier that finds anyone wins), and whether
        the section may still narrow them (``narrow``).

        They depend on the reference alone, so a caller can keep them for every section.
        """
        folded = fold(core)
        tokens = folded.split()
        if not tokens:
            return [], False
        compact = folded.replace(" ", "")
        written_handle = handle_key(handle) if handle else None
        looks_like_handle = handle is not None or (len(tokens) == 1 and core == core.lower())

        def exact(c: Candidate) -> bool:
            if folded == c.key or folded in c.aliases:
                return True
            if len(compact) >= 5 and compact == c.compact:
                return True
            user = NOT_ALNUM.sub("", c.username or "")
            return bool(user) and not c.is_group and user in (compact, written_handle)

        def by_handle(c: Candidate) -> bool:
            return looks_like_handle and len(c.parts) > 1 and handle_fits(handle or core, c.name)

        def prefix(c: Candidate) -> bool:
            first = c.parts[0] if c.parts else ""
            return len(tokens) == 1 and len(compact) >= 4 and first.startswith(compact)

        keys = self._keys
        groups_exact = [
            self._groups[i] for i in keys.group_exact(folded, compact) if exact(self._groups[i])
        ]
        # Exact forms beat handles beat first names beat prefixes beat fuzzy matches, so that
        # "Mat" never becomes "Matt" when both attend. The dictionaries of NameKeys pick the few
        # people a tier can match; the tier's own test still decides, in list order.
        found = self._scope(exact, keys.exact(folded, compact, written_handle))
        if not found and groups_exact:
            return groups_exact[:1], False
        if not found and looks_like_handle and len(handle_key(handle or core)) >= 3:
            # a shorter handle fits nobody (handle_fits); a longer one opens with a name's letter
            starts = keys.handle_starts.get(handle_key(handle or core)[0], set())
            found = self._scope(by_handle, starts)
        if not found:
            found = self._scope(_matches_name(tokens, core), keys.named(tokens, core))
        if not found:
            forms = first_name_forms(tokens[0])
            found = self._scope(_matches_name(tokens, core, nicknames=True), keys.firsts_of(forms))
        if not found and len(tokens) == 1 and len(compact) >= 4:
            # the tier's own test, checked once, not per person: only first names can fit
            found = self._scope(prefix, keys.first_prefixed(compact))
        if found:
            return found, True
        if groups_exact:
            return groups_exact[:1], False
        return self._fuzzy(compact, tokens), True

    def _scope(self, tier: Tier, among: Iterable[int]) -> list[Candidate]:
        """People the tier accepts: those at the meeting if any, else the others, in list order.

        ``among`` holds the indices of every person the tier can accept.
        """
        if not among:
            return []  # most tiers find nobody for most words: no lists to build
        people, dead = self._people, self._dead
        pool = [people[i] for i in sorted(among) if i not in dead]
        meeting = [c for c in pool if c.in_meeting and tier(c)]
        return meeting or [c for c in pool if not c.in_meeting and tier(c)]

    def _fuzzy(self, compact: str, tokens: list[str]) -> list[Candidate]:
        """Typos and transliterations: best score over people and groups, ties kept."""
        if len(compact) < FUZZ_MIN_LEN:
            return []
        single = len(tokens) == 1
        keys = self._keys
        best: dict[tuple[bool, int], float] = {}  # (group, index) -> best score of its forms
        for group, cutoff in ((False, PERSON_FUZZ), (True, GROUP_FUZZ)):
            choices, owners = keys.fuzzy_lists[single, group]
            if not choices:
                continue  # no groups without a roster
            # every score at or over the cutoff, computed in full: the threshold and the ties
            # below are those of fuzz.ratio on each form
            for _form, score, at in process.extract(
                compact, choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=None
            ):
                who = owners[at]
                if not who[0] and who[1] in self._dead:
                    continue
                if score > best.get(who, 0.0):
                    best[who] = score
        if not best:
            return []
        top = max(best.values())
        # people in list order, then groups, as in one list of both
        found = [
            (self._groups if group else self._people)[i]
            for group, i in sorted(best)
            if best[group, i] == top
        ]
        meeting = [c for c in found if c.in_meeting or c.is_group]
        return meeting or found


def _role_names(role: str) -> tuple[str, ...]:
    """The names a role goes by: itself, and the noun of a role written with what it is of
    ("director of teaching" is also "director", as "observatory director" is)."""
    words = role.split()
    nouns = [w for w in words if w in ROLE_NOUNS]
    return (role, nouns[-1]) if len(words) > 1 and nouns else (role,)

"""Owner resolution: turn "Xavi", "PM", "@tovador", "SKA" or "ALL" into people and groups."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from wp2bot.domain import owner_patterns as op
from wp2bot.domain.groups import group_name
from wp2bot.domain.models import Owner, OwnerKind, Participant, Roster, Section
from wp2bot.domain.names import display_name, fold, given_first, initial_last
from wp2bot.domain.owners_index import PeopleIndex
from wp2bot.domain.owners_keys import Candidate, narrow

# Words that name nobody in particular: the extractor must not turn them into owners.
IMPERSONAL = frozenset(
    {
        "i", "me", "my", "we", "us", "our", "you", "he", "him", "she", "her", "they", "them",
        "it", "let's", "lets", "let us", "someone", "somebody", "anyone", "anybody", "nobody",
        "no one", "one", "who", "tbd", "tbc", "n a", "na", "none",
    }
)  # fmt: skip
ALL_WORDS = op.EVERYONE | {"all of us", "all participants", "all attendees", "each"}


# What section context can change about a resolution: its owner and its speakers (see _narrow).
_Context = tuple[str | None, tuple[Participant, ...]] | None
# a resolution no section can change (an owner, or None for nobody), or the reference's core,
# handle and candidates when the section may still narrow them
_Base = Owner | tuple[str, str | None, list[Candidate], bool] | None


def split_owners(written: str) -> list[str]:
    """Owner references joined by "/", ",", "and", "+", "&": "PaulMillar/Aleem" -> two."""
    return list(_split_owners(written))


# The extractor asks about the same few words many times per document; bounded for a long-lived
# bot. Callers get a fresh list each time.
@functools.lru_cache(maxsize=4096)
def _split_owners(written: str) -> tuple[str, ...]:
    text = _unwrap(written.strip())
    if not text:
        return ()
    tail = op.GROUPISH.search(text)
    suffix = tail.group(0) if tail else ""
    body = text[: tail.start()] if tail else text
    parts = [p.strip(" .:-*_`") for p in op.OWNER_JOINS.split(body)]
    parts = [p for p in parts if p]
    if suffix and parts:
        parts[-1] = parts[-1] + suffix.rstrip()
    return tuple(parts)


def _unwrap(text: str) -> str:
    """ "(Paul/Lena)" -> "Paul/Lena"; "[name=x]" and "Name (@handle)" stay whole."""
    wrapped = op.WRAPPED.fullmatch(text)
    if wrapped:
        return (wrapped.group(1) or wrapped.group(2) or "").strip()
    return text


_MAIL = re.compile(
    r"(?:(?P<name>[^<>@]*[^<>@\s])\s*<)?(?P<local>[A-Za-z][\w.+-]*)@[\w-]+(?:\.[\w-]+)+(?(name)>)"
)


def _core(written: str) -> tuple[str, str | None, bool]:
    """The name inside a reference, a handle given with it, and whether it was "X & co."."""
    text = written.strip().strip("*_`'\"").strip()
    groupish = bool(op.GROUPISH.search(text))
    text = op.GROUPISH.sub("", text)
    handle = None
    name_tag = op.NAME_TAG.fullmatch(text)
    if name_tag:
        return name_tag.group(1).strip(), name_tag.group(1).strip(), groupish
    bracket = op.HANDLE_IN_BRACKETS.search(text)
    if bracket:
        handle = bracket.group(1)
        text = text[: bracket.start()].strip()
    if text.startswith("@"):
        text = text[1:]
        handle = handle or text
    elif "@" in text and (mail := _MAIL.fullmatch(text)):
        # "ana.lima@example.org": the address's name part, read as a handle is; "Ana Lima
        # <ana.lima@example.org>": the name written before it
        text = mail["name"] or mail["local"]
        handle = None if mail["name"] else text
    text = given_first(display_name(text))  # "Dr. Sato", "SATO Hiro": as "Hiro Sato" is
    return text.strip(" .:"), handle, groupish


class OwnerResolver:
    """Resolves written owners with the roster, the meeting's people and the section context."""

    def __init__(
        self,
        roster: Roster,
        participants: Sequence[Participant] = (),
        speakers: Sequence[Participant] = (),
    ) -> None:
        """Index the roster and the meeting's participants and speakers once."""
        self._index = PeopleIndex(roster, [*speakers, *participants])
        self._known: dict[str, bool] = {}
        # Minutes repeat the same few names many times; the index never changes after __init__,
        # so a reference in the same section context always resolves the same way.
        self._resolved: dict[tuple[str, _Context, str | None], tuple[Owner, ...]] = {}
        self._bases: dict[str, _Base] = {}  # the costly part, which no section changes

    def resolve(
        self, written: str, section: Section | None = None, place: str | None = None
    ) -> tuple[Owner, ...]:
        """Every owner a reference names, in order; impersonal words give ().

        ``place`` is the site or team the line is written under; it picks among several fits.
        """
        key = (written, _context(section), place)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._resolve_all(written, section, place)
        return found

    def _resolve_all(
        self, written: str, section: Section | None, place: str | None = None
    ) -> tuple[Owner, ...]:
        owners: list[Owner] = []
        for part in split_owners(written):
            owner = self._resolve_one(part, section, place)
            found = [owner] if owner is not None else []
            if owner is not None and owner.candidates and fold(part) in self._index.role_plurals:
                # "Chairs to start the last call": each of the chairs, no one of them
                found = [o for name in owner.candidates if (o := self._resolve_one(name, section))]
            for one in found:
                if all(one.name != seen.name for seen in owners):
                    owners.append(one)
        return tuple(owners)

    def is_known(self, token: str) -> bool:
        """True when a token names a person, group or "all" this meeting or the roster knows."""
        key = token.strip()
        if key not in self._known:
            owner = self._resolve_one(key, None) if key else None
            self._known[key] = owner is not None and owner.kind is not OwnerKind.UNKNOWN
        return self._known[key]

    def _resolve_one(
        self, written: str, section: Section | None, place: str | None = None
    ) -> Owner | None:
        if written in self._bases:
            base = self._bases[written]
        else:
            base = self._bases[written] = _base_of(self._index, written)
        if isinstance(base, Owner) or base is None:
            return base
        core, handle, found, narrows = base
        if narrows:
            found = narrow(found, section, place)
        if not found:
            # "Jana Novak (@jnovak)": the name without the handle is how it was written.
            shown = core if handle and " " in core else written.strip()
            return Owner(written=written, name=shown, kind=OwnerKind.UNKNOWN)
        if len(found) > 1:
            return Owner(
                written=written,
                name=written.strip(),
                kind=OwnerKind.PERSON,
                candidates=tuple(sorted(c.name for c in found)),
            )
        return _owner(written, found[0])


def _base_of(index: PeopleIndex, written: str) -> _Base:
    """What a reference resolves to in any section, or what the section must still narrow."""
    core, handle, _groupish = _core(written)
    folded = fold(core)
    if not folded or folded in IMPERSONAL:
        return None
    if folded in ALL_WORDS:
        return Owner(written=written, name="all", kind=OwnerKind.ALL)
    found, narrows = index.candidates(core, handle)
    if not found and (swapped := initial_last(core)) is not None:
        found, narrows = index.candidates(swapped, handle)  # "Ito H.": Hana Ito
    bare = op.GROUP_NOUN.fullmatch(core) if not found else None
    if bare:
        # "SKA contacts", "the CERN IT team": the group the words stand for, if the roster has it
        group, _ = index.candidates(bare["group"], None)
        if len(group) == 1 and group[0].is_group:
            return core, handle, group, False
    plural = group_name(core)
    # "Piet Vos" written in full is the attendee, though "Vos" reads like a plural
    person = len(found) == 1 and fold(found[0].name) == folded
    if plural is not None and not (found and found[0].is_group) and not person:
        # "Tier-1s", "all sites", "RSE admins": the roster's group of that name if it has one,
        # else the group the words name, in one spelling
        known, _ = index.candidates(plural, None)
        if len(known) == 1 and known[0].is_group:
            return core, handle, known, False
        return Owner(written=written, name=plural, kind=OwnerKind.GROUP)
    return core, handle, found, narrows


def _context(section: Section | None) -> _Context:
    """The part of a section that can change a resolution; equal keys resolve alike."""
    if section is None or (not section.owner_raw and not section.speakers):
        return None  # a section naming nobody narrows nothing, like no section at all
    return (section.owner_raw, section.speakers)


def _owner(written: str, found: Candidate) -> Owner:
    kind = OwnerKind.GROUP if found.is_group else OwnerKind.PERSON
    return Owner(written=written, name=found.name, kind=kind, username=found.username)

"""Who people name in chat commands: ``@username``, a full name, a site or team.

Chat commands name owners precisely (people type ``@username``), so exact look-ups in the roster
and the people table are enough here; the fuzzy matching of minutes' free text lives in the
extractor's owner resolution.
"""

from __future__ import annotations

from collections.abc import Sequence

from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterGroup, RosterPerson
from wp2bot.ports.people import People

_EVERYONE = frozenset({"all", "everyone", "everybody"})


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class OwnerDirectory:
    """Exact look-ups of people and groups by username, name or alias."""

    def __init__(self, store: People, roster: Roster) -> None:
        self.store = store
        self.by_username: dict[str, RosterPerson] = {}
        self.people: dict[str, RosterPerson] = {}
        self.groups: dict[str, RosterGroup] = {}
        self.contact_of: dict[str, list[str]] = {}
        for person in roster.people:
            if person.username:
                self.by_username[person.username.lower()] = person
            for name in (person.name, *person.aliases):
                self.people.setdefault(_key(name), person)
        for group in roster.groups:
            for name in (group.name, *group.aliases):
                self.groups.setdefault(_key(name), group)
            for username in (*group.contacts, *group.backups):
                self.contact_of.setdefault(username.lower(), []).append(group.name)
        self.roster = roster

    def person(self, username: str) -> Owner:
        """An owner for ``@username``: the roster's full name when known."""
        name = username.removeprefix("@")
        # Mattermost usernames are the identity chat commands trust, roster entry or not.
        return self.known_person(name) or Owner(f"@{name}", name, OwnerKind.PERSON, username=name)

    def known_person(self, username: str) -> Owner | None:
        """The owner for ``@username`` when the roster or the people table has it, else None."""
        name = username.removeprefix("@")
        person = self.by_username.get(name.lower())
        if person is not None:
            return Owner(f"@{name}", person.name, OwnerKind.PERSON, username=person.username)
        row = self.store.person_by_username(name)  # an index seek, not the whole table
        if row is not None and row.username:
            return Owner(f"@{name}", row.name, OwnerKind.PERSON, username=row.username)
        return None

    def resolve(self, written: Sequence[str]) -> tuple[Owner, ...]:
        """Owners for what a person typed; names nobody knows are kept as written."""
        owners: list[Owner] = []
        for text in written:
            text = " ".join(text.split())
            if not text:
                continue
            if text.startswith("@"):
                owners.append(self.person(text))
                continue
            key = _key(text)
            person = self.people.get(key)
            group = self.groups.get(key)
            if person is not None:
                owners.append(Owner(text, person.name, OwnerKind.PERSON, username=person.username))
            elif group is not None:
                owners.append(Owner(text, group.name, OwnerKind.GROUP))
            elif key in _EVERYONE:
                owners.append(Owner(text, "all", OwnerKind.ALL))
            else:
                owners.append(Owner(text, text, OwnerKind.UNKNOWN))
        unique: dict[tuple[str, str | None], Owner] = {}
        for owner in owners:
            unique.setdefault((owner.name, owner.username), owner)
        return tuple(unique.values())

    def group_contacts(self, owner: Owner) -> frozenset[str]:
        """Lower-case usernames that answer for a group owner (contacts and backups)."""
        if owner.kind is not OwnerKind.GROUP:
            return frozenset()
        group = self.groups.get(_key(owner.name))
        if group is None:
            return frozenset()
        return frozenset(u.lower() for u in (*group.contacts, *group.backups))

    def groups_of(self, username: str) -> list[str]:
        """Names of the groups ``username`` is a contact or backup of."""
        return list(self.contact_of.get(username.removeprefix("@").lower(), ()))

    def site_owners(self, site: str) -> tuple[str, tuple[str, ...]]:
        """A site's owner name and the usernames answering for it (contacts, then backups)."""
        group = self.groups.get(_key(site))
        if group is None:
            return " ".join(site.split()), ()
        return group.name, tuple(dict.fromkeys((*group.contacts, *group.backups)))

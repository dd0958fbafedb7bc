"""Owners written with a title, with the family name first in capitals, or as a role the
minutes give resolve to the attendees. Invented names."""

from __future__ import annotations

import pytest

from wp2bot.domain.models import OwnerKind, Participant, Roster
from wp2bot.domain.owners import OwnerResolver
from wp2bot.domain.roll_calls import split_people

PEOPLE = [Participant(n) for n in ("Hana Ito", "Omar Haddad", "Jean-Luc Moreau")]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Dr. Ito", "Hana Ito"),
        ("Prof Haddad", "Omar Haddad"),
        ("Ms Ito", "Hana Ito"),
        ("ITO Hana", "Hana Ito"),
        ("MOREAU Jean-Luc", "Jean-Luc Moreau"),
        # the family name before the given name's initial, as author lists write it
        ("Ito H.", "Hana Ito"),
        ("Haddad O", "Omar Haddad"),
        # the given name before the family name's initial stays that
        ("Omar H.", "Omar Haddad"),
        # a second given name left out
        ("J. Moreau", "Jean-Luc Moreau"),
        ("Jean Moreau", "Jean-Luc Moreau"),
    ],
)
def test_titles_and_family_names_first(written: str, name: str) -> None:
    [owner] = OwnerResolver(Roster(), PEOPLE).resolve(written)
    assert (owner.name, owner.kind) == (name, OwnerKind.PERSON)


@pytest.mark.parametrize("written", ["Dr", "ATLAS Omar", "AM Hana"])
def test_a_title_alone_or_a_group_before_a_name_is_no_attendee(written: str) -> None:
    [owner] = OwnerResolver(Roster(), PEOPLE).resolve(written)
    assert owner.kind is OwnerKind.UNKNOWN


def test_an_attendee_list_with_family_names_first_in_capitals() -> None:
    assert [p.name for p in split_people("ITO Hana (KEK), Omar Haddad, Dr. MOREAU Jean-Luc")] == [
        "Hana Ito",
        "Omar Haddad",
        "Jean-Luc Moreau",
    ]


@pytest.mark.parametrize("written", ["Chairs", "the chairs", "The Chairs"])
def test_a_role_in_the_plural_names_everyone_who_holds_it(written: str) -> None:
    chairs = [Participant("Hana Ito", role="chair"), Participant("Omar Haddad", role="chair")]
    resolver = OwnerResolver(Roster(), PEOPLE, speakers=chairs)
    assert [o.name for o in resolver.resolve(written)] == ["Hana Ito", "Omar Haddad"]
    [one] = resolver.resolve("the chair")  # which of them is not written: kept and flagged
    assert one.candidates == ("Hana Ito", "Omar Haddad")


def test_a_role_in_the_plural_held_by_one_names_that_one() -> None:
    chair = [Participant("Hana Ito", role="chair")]
    [owner] = OwnerResolver(Roster(), PEOPLE, speakers=chair).resolve("the chairs")
    assert (owner.name, owner.candidates) == ("Hana Ito", ())

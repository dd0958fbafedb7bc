"""The roster's part of owner resolution is built once per roster and shared by meetings."""

from __future__ import annotations

from wp2bot.domain.models import OwnerKind, Participant, Roster, RosterGroup, RosterPerson
from wp2bot.domain.owners import OwnerResolver
from wp2bot.domain.owners_roster import roster_part

ROSTER = Roster(
    people=(
        RosterPerson("Tomas Leland", username="tleland", site="Northfield"),
        RosterPerson("Tomasz Iwaniuk", username="tiwaniuk"),
        RosterPerson("Ida"),  # known by one name: the attendee of that first name
        RosterPerson("Ana Maria Sorel", username="asorel"),
    ),
    groups=(RosterGroup("Northfield", "site", members=("Tomas Leland",)),),
)


def test_one_roster_is_indexed_once() -> None:
    assert roster_part(ROSTER) is roster_part(ROSTER)
    assert roster_part(Roster()) is roster_part(Roster())


def test_a_meeting_changes_nothing_the_next_meeting_sees() -> None:
    first = OwnerResolver(ROSTER, participants=[Participant("Ida Brandt"), Participant("Ravi")])
    ida = first.resolve("Ida")[0]
    assert (ida.name, ida.username) == ("Ida Brandt", None)
    assert first.resolve("Ravi")[0].kind is OwnerKind.PERSON
    second = OwnerResolver(ROSTER, participants=[Participant("Tomas Leland")])
    # the first meeting's attendees are not the second's, and the roster's Ida is back
    assert second.resolve("Ida")[0].name == "Ida"
    assert second.resolve("Ravi")[0].kind is OwnerKind.UNKNOWN
    assert not second.is_known("Ida Brandt")
    # "Tomas" is the attendee; in a meeting without him both Tomas and Tomasz fit
    assert second.resolve("Tomas")[0].name == "Tomas Leland"
    third = OwnerResolver(ROSTER)
    assert third.resolve("tleland")[0].name == "Tomas Leland"
    assert not roster_part(ROSTER).people[0].in_meeting


def test_a_three_word_first_name_is_known_run_together_in_every_meeting() -> None:
    for participants in ([], [Participant("Ana Maria Sorel")]):
        owner = OwnerResolver(ROSTER, participants=participants).resolve("AnaMaria")[0]
        assert owner.name == "Ana Maria Sorel"

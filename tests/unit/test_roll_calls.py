"""Who attended, however the minutes write it: labelled lists with how people took part, and a
line of names under a title of its own; on invented minutes."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.attendance import titled_roll_call
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Roster
from wp2bot.domain.roll_calls import split_people


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("Ana Lima, Bo Berg; remote: Cy Dahl", ["Ana Lima", "Bo Berg", "Cy Dahl"]),
        ("In the room: Ana Lima, Bo Berg; online: Cy Dahl", ["Ana Lima", "Bo Berg", "Cy Dahl"]),
        ("Ana Lima (chair), Bo Berg. Excused: Cy Dahl", ["Ana Lima", "Bo Berg"]),
    ],
)
def test_a_label_of_how_people_took_part_is_no_part_of_their_names(
    written: str, names: list[str]
) -> None:
    assert [p.name for p in split_people(written)] == names


def test_a_line_of_names_under_an_attendees_title_is_the_roll_call() -> None:
    text = "# Ops\n\n## Attendees\n\nAna Lima, Bo de Vries (CERN), Cy Dahl\n\n## Notes\n\nx\n"
    people = titled_roll_call(parse_minutes(text, "markdown"))
    assert [(p.name, p.affiliation) for p in people] == [
        ("Ana Lima", None),
        ("Bo de Vries", "CERN"),
        ("Cy Dahl", None),
    ]


def test_a_sentence_under_the_title_is_no_roll_call() -> None:
    text = "# Ops\n\n## Participants\n\nNothing was decided about the list.\n"
    assert titled_roll_call(parse_minutes(text, "markdown")) == []


def test_the_titled_roll_call_resolves_the_first_names_of_the_actions() -> None:
    text = (
        "# Ops\n\n## Attendees\n\n- Ana Lima\n- Bo Berg\n\n## Action items\n\n"
        "1. Ana — renew the host certificate\n2. Bo — drain the old pool\n"
    )
    found = extract_actions(
        parse_minutes(text, "markdown"), MeetingContext(meeting_date=date(2026, 6, 3)), Roster()
    )
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("renew the host certificate", ["Ana Lima"]),
        ("drain the old pool", ["Bo Berg"]),
    ]


def test_a_rest_field_list_names_the_attendees() -> None:
    text = "Ops\n===\n\n:Attendees: Ana Lima, Bo Berg\n\n* Bo: renew the host certificate\n"
    doc = parse_minutes(text, "text")
    assert [p.name for p in doc.participants] == ["Ana Lima", "Bo Berg"]


def test_a_field_label_after_the_names_ends_the_list() -> None:
    # the lines of a paragraph run together: "Chairs: Ana, Bo" then "Notes: Cy"
    assert [p.name for p in split_people("Ana Lima, Bo Berg Notes: Cy Dunn")] == [
        "Ana Lima",
        "Bo Berg",
    ]

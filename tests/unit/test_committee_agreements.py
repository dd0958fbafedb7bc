"""Formal committee minutes: numbered minutes with hanging lines, what was agreed that someone
would do, and the action log's "Action N (X to ...): state" reviews.

The minutes are invented for these tests.
"""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import LineKind, MeetingContext, Participant, Roster, Status

PEOPLE = ("Helen Marsh", "Tomasz Ruda", "Ines Okafor", "Pavel Dvorak")
MINUTES = """TEACHING COMMITTEE

3.   MATTERS ARISING

3.1  Action 4.2 (Dr Ruda to pilot the revised questionnaire): completed;
     the pilot ran in two modules.

3.2  Action 5.1 (Dr Okafor to update the assessment calendar on the
     School intranet): ongoing.

4.   EXAMINERS

4.1  It was agreed that Dr Marsh would convene a short working group on
     the marking scale.

4.2  It was agreed that module leaders would check their reading lists by
     13 January.

4.3  It was agreed that this would be an item at the next meeting, and that
     Dr Ruda and Dr Dvorak would prepare a discussion paper.

4.4  It was agreed that the School would adopt the standard cover sheet.
"""


def _actions() -> list[tuple[str, list[str], Status]]:
    ctx = MeetingContext(
        meeting_date=date(2026, 11, 9), participants=tuple(Participant(n) for n in PEOPLE)
    )
    doc = parse_minutes(MINUTES, "text")
    found = extract_actions(doc, ctx, Roster())
    return [(a.text, [o.name for o in a.owners], a.status) for a in found]


def test_a_numbered_minute_whose_lines_hang_under_its_number_is_one_paragraph() -> None:
    doc = parse_minutes(MINUTES, "text")
    titles = [line.text for line in doc.lines if line.kind is LineKind.HEADING]
    assert titles == ["TEACHING COMMITTEE", "MATTERS ARISING", "EXAMINERS"]


def test_what_was_agreed_that_someone_would_do_is_their_task() -> None:
    found = {text: owners for text, owners, _ in _actions()}
    assert found[
        "It was agreed that Dr Marsh would convene a short working group on the marking scale."
    ] == ["Helen Marsh"]
    assert found[
        "It was agreed that module leaders would check their reading lists by 13 January."
    ] == ["module leaders"]
    second = next(text for text in found if "discussion paper" in text)
    assert found[second] == ["Tomasz Ruda", "Pavel Dvorak"]
    # what the body itself will do is a decision, no one's task
    assert not any("cover sheet" in text for text in found)


def test_an_action_log_entry_holds_its_task_in_brackets_and_its_state_after() -> None:
    found = {text: (owners, status) for text, owners, status in _actions()}
    assert found[
        "Action 4.2 (Dr Ruda to pilot the revised questionnaire): completed; the pilot ran in "
        "two modules."
    ] == (["Tomasz Ruda"], Status.DONE)
    assert found[
        "Action 5.1 (Dr Okafor to update the assessment calendar on the School intranet): ongoing."
    ] == (["Ines Okafor"], Status.OPEN)


HEADER = """BOARD OF DIRECTORS

Directors present: Ann Field (President), Ben Ortiz (Vice
President), Cara Dunn (Treasurer), Dev Rao (Secretary), Eva
Lund, Finn Moss
Directors absent: Gus Hale

Present:       Professor Hana Wells (Chair)
               Dr Ivo Petrov (Director of Teaching)

4.1  The responses are to be drafted by the Director of Teaching and circulated by the
     Secretary before the end of term.
4.2  Minutes to be circulated by the Secretary within ten days.
4.3  The Chair will write to the Head of Estates.
4.4  The Treasurer will prepare a draft budget.
"""


def test_a_roll_call_wrapped_anywhere_gives_each_person_and_their_role() -> None:
    doc = parse_minutes(HEADER, "text")
    assert [(p.name, p.role) for p in doc.participants] == [
        ("Ann Field", "president"),
        ("Ben Ortiz", None),
        ("Cara Dunn", "treasurer"),
        ("Dev Rao", "secretary"),
        ("Eva Lund", None),
        ("Finn Moss", None),
        ("Hana Wells", "chair"),
        ("Ivo Petrov", "director of teaching"),
    ]


def test_roles_name_their_people_and_a_passive_task_its_agents() -> None:
    found = extract_actions(parse_minutes(HEADER, "text"), MeetingContext(), Roster())
    owners = {a.text: [o.name for o in a.owners] for a in found}
    assert owners[
        "The responses are to be drafted by the Director of Teaching and circulated by the "
        "Secretary before the end of term."
    ] == ["Ivo Petrov", "Dev Rao"]
    assert owners["Minutes to be circulated by the Secretary within ten days."] == ["Dev Rao"]
    assert owners["The Chair will write to the Head of Estates."] == ["Hana Wells"]
    assert owners["The Treasurer will prepare a draft budget."] == ["Cara Dunn"]


def test_a_role_written_beside_an_initial_and_surname_is_the_participants() -> None:
    text = "Members:   I. Solberg (chair), M. Figueroa\n\nThe chair will write to both PIs.\n"
    ctx = MeetingContext(participants=(Participant("Ingrid Solberg"), Participant("Mia Figueroa")))
    [found] = extract_actions(parse_minutes(text, "text"), ctx, Roster())
    assert [o.name for o in found.owners] == ["Ingrid Solberg"]


REGISTER = """MEDICINES COMMITTEE

Present: Tom Walsh (TW), Grace Abbot (GA)

NEW ACTIONS ARISING FROM THIS MEETING

22/041  TW - Correct item 4.2 of the May minutes before publication.
22/045  Insulin Safety Group - Report the learning from the two incidents. Due: 13 July 2022.
22/046  GA - Coordinate the Trust response to the cylinder alert.

NOTES

Controls group to assess the effort and report at the next user meeting.
"""


def test_a_registers_numbered_actions_and_a_named_body_as_owner() -> None:
    ctx = MeetingContext(
        meeting_date=date(2022, 6, 8),
        participants=(Participant("Tom Walsh"), Participant("Grace Abbot")),
    )
    found = extract_actions(parse_minutes(REGISTER, "text"), ctx, Roster())
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("Correct item 4.2 of the May minutes before publication.", ["Tom Walsh"]),
        ("Report the learning from the two incidents.", ["Insulin Safety Group"]),
        ("Coordinate the Trust response to the cylinder alert.", ["Grace Abbot"]),
        (
            "Controls group to assess the effort and report at the next user meeting.",
            ["Controls group"],
        ),
    ]

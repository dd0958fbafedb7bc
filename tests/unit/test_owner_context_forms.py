"""Owners the context names: a role ("The Secretary will check ...") is the person the minutes
list with it, in the attendee list, on a "Chair:" line or as Indico's event chair; a title that is
a known name, or a name before a place, owns its section; a pair of names opens a task. Invented
minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.adapters.indico.parse import merge_people
from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster
from wp2bot.domain.roll_calls import split_people

MINUTES = """Steering committee, 2 December 2026

Present: Ana Lima (Chair), Bo Berg (CERN, Secretary), Cy Dunn (Treasurer), Di Eze

1. Budget
The Treasurer presented the draft. Treasurer to circulate the breakdown before January.

2. New members
The Chair will write to both applicants. The Secretary will check the room costs.
"""


def owners_by_text(text: str, ctx: MeetingContext) -> dict[str, list[str]]:
    found = extract_actions(parse_minutes(text, "text"), ctx, Roster())
    return {f.text.split()[1]: [o.name for o in f.owners] for f in found}


def test_roles_beside_the_attendees_name_the_owners() -> None:
    got = owners_by_text(MINUTES, MeetingContext(meeting_date=date(2026, 12, 2)))
    assert got == {"to": ["Cy Dunn"], "Chair": ["Ana Lima"], "Secretary": ["Bo Berg"]}


def test_roles_from_the_minutes_join_the_meeting_s_own_list() -> None:
    people = tuple(Participant(n) for n in ("Ana Lima", "Bo Berg", "Cy Dunn", "Di Eze"))
    ctx = MeetingContext(meeting_date=date(2026, 12, 2), participants=people)
    assert owners_by_text(MINUTES, ctx)["Chair"] == ["Ana Lima"]


def test_a_chair_s_line_gives_the_role_and_two_chairs_stay_ambiguous() -> None:
    text = "Board call\n\nChair: Ana Lima\n\nThe Chair will write to the vendor.\n"
    [found] = extract_actions(parse_minutes(text, "text"), MeetingContext(None), Roster())
    assert [o.name for o in found.owners] == ["Ana Lima"]
    text = "Board call\n\nChairs: Ana Lima, Bo Berg\n\nThe Chair will write to the vendor.\n"
    [found] = extract_actions(parse_minutes(text, "text"), MeetingContext(None), Roster())
    assert found.owners[0].candidates == ("Ana Lima", "Bo Berg")


def test_the_note_beside_a_name_splits_into_place_and_role() -> None:
    assert split_people("Bo Berg (CERN, secretary), Cy Dunn (minutes), Di Eze (chair)") == [
        Participant("Bo Berg", affiliation="CERN", role="secretary"),
        Participant("Cy Dunn"),
        Participant("Di Eze", role="chair"),
    ]


def test_merging_indico_people_keeps_a_chair_s_role() -> None:
    chair = Participant("Ana Lima", role="chair")
    merged = merge_people([(Participant("Ana Lima", "CERN"),), (chair,)])
    assert merged == (Participant("Ana Lima", "CERN", role="chair"),)


def test_a_title_naming_a_person_before_a_place_is_the_person_s_section() -> None:
    people = tuple(Participant(n) for n in ("Ana Lima", "Bo Berg"))
    ctx = MeetingContext(meeting_date=date(2026, 12, 2), participants=people)
    text = "# Round table\n\n## Ana Lima (CERN)\n\n- Will rerun the tests this week.\n"
    [found] = extract_actions(parse_minutes(text, "markdown"), ctx, Roster())
    assert [o.name for o in found.owners] == ["Ana Lima"]
    text = "# Round table\n\n## CERN (Ana)\n\n- Will rerun the tests this week.\n"
    [found] = extract_actions(parse_minutes(text, "markdown"), ctx, Roster())
    assert "Ana Lima" in [o.name for o in found.owners]


def test_a_title_that_is_a_known_name_owns_its_section_s_subjectless_tasks() -> None:
    people = tuple(Participant(n) for n in ("Ana Lima", "Bo Berg"))
    ctx = MeetingContext(meeting_date=date(2026, 12, 2), participants=people)
    text = (
        "# Round table\n\n### Ana\n- will rerun the tests this week\n\n"
        "**Bo Berg:**\n- will circulate the table\n\n### Storage\n- will be upgraded soon\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), ctx, Roster())
    assert [[o.name for o in f.owners] for f in found] == [["Ana Lima"], ["Bo Berg"]]


def test_a_pair_of_names_opening_a_paragraph_under_actions_owns_it() -> None:
    people = tuple(Participant(n) for n in ("Ana Lima", "Bo Berg"))
    ctx = MeetingContext(meeting_date=date(2026, 12, 2), participants=people)
    text = "## Actions\n\nAna, Bo: review the policy draft\n"
    [found] = extract_actions(parse_minutes(text, "markdown"), ctx, Roster())
    assert [o.name for o in found.owners] == ["Ana Lima", "Bo Berg"]


def test_a_title_naming_a_person_owns_the_ownerless_items_of_its_action_list() -> None:
    people = tuple(Participant(n) for n in ("Ana Lima", "Bo Berg"))
    ctx = MeetingContext(meeting_date=date(2026, 12, 2), participants=people)
    text = "## Actions\n\n### Ana\n\n- check the logs\n- Bo to renew the keys\n"
    found = extract_actions(parse_minutes(text, "markdown"), ctx, Roster())
    assert {f.text: [o.name for o in f.owners] for f in found} == {
        "check the logs": ["Ana Lima"],
        "Bo to renew the keys": ["Bo Berg"],
    }


def test_a_markers_own_owner_comes_before_the_one_its_context_names() -> None:
    people = tuple(Participant(n) for n in ("Ana Lima", "Bo Berg", "Cy Dunn"))
    ctx = MeetingContext(meeting_date=date(2026, 12, 2), participants=people)
    text = (
        "## Actions\n\n### Ana\n\n- ACTION (Bo): check the firmware\n- AI Cy: book the room\n"
        "\n## Round table\n\n- North (Ana):\n  - ACTION (Cy): renew the keys\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), ctx, Roster())
    assert {f.text: [o.name for o in f.owners] for f in found} == {
        "check the firmware": ["Bo Berg"],
        "book the room": ["Cy Dunn"],
        "renew the keys": ["Cy Dunn"],
    }


def test_a_persons_section_lists_their_plans_under_a_label() -> None:
    people = tuple(Participant(n) for n in ("Ana Lima", "Bo Berg"))
    ctx = MeetingContext(meeting_date=date(2026, 12, 2), participants=people)
    text = (
        "## Ana\n\n- This week: finished the calibration\n"
        "- Next week: run the full reconstruction\n"
        "\n## Bo\n\n- Plan: submit the abstract by Friday\n- Goal: one interface for both\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), ctx, Roster())
    got = {f.text: ([o.name for o in f.owners], f.due and f.due.date) for f in found}
    assert got == {
        "Next week: run the full reconstruction": (["Ana Lima"], date(2026, 12, 9)),
        "Plan: submit the abstract by Friday": (["Bo Berg"], date(2026, 12, 4)),
    }


def test_a_persons_turn_states_a_plan_under_a_label_after_the_report() -> None:
    people = tuple(Participant(n) for n in ("Ana Lima", "Bo Berg", "Cy Dunn"))
    ctx = MeetingContext(meeting_date=date(2026, 12, 2), participants=people)
    text = (
        "Group meeting\n\n"
        "Ana: finished the first draft. Next: send it to Bo for comments.\n"
        "Bo: poster accepted! To do: print the poster, book travel.\n"
        "Cy: no progress this week. Next: the holidays.\n"
        "New action (Cy): order the spare disks.\n"
    )
    found = extract_actions(parse_minutes(text, "text"), ctx, Roster())
    assert {f.text: [o.name for o in f.owners] for f in found} == {
        "send it to Bo for comments.": ["Ana Lima"],
        "print the poster, book travel.": ["Bo Berg"],
        "order the spare disks.": ["Cy Dunn"],
    }


def test_attendees_after_the_chair_on_one_line_attend() -> None:
    for text, form in (
        ("Call\n\nChair: Ana Lima. Attendees: Bo Berg, Cy Dunn.\n", "text"),
        ("<p>Chair: Ana Lima; Present: Bo Berg, Cy Dunn</p>", "html"),
        ("Call\n\nChair: Ana Lima\nAttendance: Bo Berg, Cy Dunn\n", "text"),
    ):
        doc = parse_minutes(text, form)
        assert [p.name for p in doc.participants] == ["Bo Berg", "Cy Dunn"], form
        assert [(p.name, p.role) for p in doc.speakers] == [("Ana Lima", "chair")], form

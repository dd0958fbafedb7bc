"""Roles written beside the attendees, in a roll call's notes or an attendance table's column,
name the people a task is given to by role (minutes written for these tests)."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Roster

CTX = MeetingContext(meeting_date=date(2026, 11, 19))


def owners(found: list[ExtractedAction]) -> list[list[str]]:
    return [[o.name for o in f.owners] for f in found]


def test_executive_roles_beside_the_names_of_a_grouped_roll_call() -> None:
    text = (
        "Minutes\n\n"
        "Present:  Board: Ingrid Lund (Chair), Mats Aas, Olga Rydal\n"
        "          Management: Henrik Sol (CEO), Anette Brekk (CFO), Jens Voll (General Counsel)\n"
        "\n"
        "The CEO will meet the works council before the end of the month.\n"
        "The CFO to circulate the draft framework to all directors by 10 December.\n"
        "The General Counsel to engage external legal advisers.\n"
    )
    found = extract_actions(parse_minutes(text, "text"), CTX, Roster())
    assert owners(found) == [["Henrik Sol"], ["Anette Brekk"], ["Jens Voll"]]


def test_an_attendance_table_with_roles_is_no_action_table_and_names_the_roles() -> None:
    text = (
        "# Quality board\n\n"
        "| Present | Role |\n|---|---|\n"
        "| Dr Ana Meta | Medical Director (Chair) |\n"
        "| Sian Galla | Chief Nurse |\n\n"
        "## Actions\n\n"
        "| Ref | Action | Lead | Due |\n|---|---|---|---|\n"
        "| Q1 | Audit of the falls risk assessments | Chief Nurse | 30/12/2026 |\n\n"
        "The Chief Nurse will meet the family personally.\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [f.text for f in found] == [
        "Audit of the falls risk assessments",
        "The Chief Nurse will meet the family personally.",
    ]
    assert owners(found) == [["Sian Galla"], ["Sian Galla"]]


def test_a_role_of_what_it_is_for_names_its_holder() -> None:
    text = (
        "# Board\n\n"
        "| Present | Role |\n|---|---|\n"
        "| Rhys Llew | Head of Governance |\n"
        "| Marta Kow | Director of Operations |\n\n"
        "## Items\n\n"
        "Head of Governance to circulate the report to the members by 24 December.\n"
        "The Director of Operations will prepare the escalation paper.\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert owners(found) == [["Rhys Llew"], ["Marta Kow"]]

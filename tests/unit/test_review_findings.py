"""Findings of an independent review of the extractor, each on minutes written for the test."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster, Status

PEOPLE = tuple(Participant(n) for n in ("Ana Lima", "Bo Berg", "Carla Rossi"))
CTX = MeetingContext(meeting_date=date(2026, 11, 5), participants=PEOPLE)
DAY = date(2026, 11, 20)


def run(text: str) -> list[tuple[str, list[str], Status]]:
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    return [(a.text, [o.name for o in a.owners], a.status) for a in found]


def test_a_request_to_check_whether_work_is_done_stays_open() -> None:
    minutes = (
        "# Storage meeting\n\n## Transfers\n\n"
        "- Ask whether the proxy bug is fixed on the test cluster.\n"
        "- Bo to rotate the host keys - done\n"
    )
    assert run(minutes) == [
        ("Ask whether the proxy bug is fixed on the test cluster.", [], Status.OPEN),
        ("Bo to rotate the host keys - done", ["Bo Berg"], Status.DONE),
    ]


def test_a_name_in_parentheses_owns_a_commitment_of_we() -> None:
    minutes = (
        "# Storage meeting\n\n## Tape\n\n"
        "- We'll rerun the deletion campaign next week (Ana).\n"
        "- We will write up the tape report (Carla and Bo)\n"
        "- We will prepare the disk report (see slides)\n"
    )
    got = [(text, owners) for text, owners, _ in run(minutes)]
    assert got == [
        ("We'll rerun the deletion campaign next week (Ana).", ["Ana Lima"]),
        ("We will write up the tape report (Carla and Bo)", ["Carla Rossi", "Bo Berg"]),
        ("We will prepare the disk report (see slides)", []),
    ]


def test_a_body_that_agreed_on_work_owns_nothing() -> None:
    minutes = (
        "# Operations meeting\n\nThe team agreed to write a short FAQ for the new sites. "
        "Bo showed the dashboard.\n\n- The storage team agreed to rewrite the deletion daemon.\n"
    )
    assert run(minutes) == [
        ("The team agreed to write a short FAQ for the new sites.", [], Status.OPEN),
        ("The storage team agreed to rewrite the deletion daemon.", [], Status.OPEN),
    ]


def test_agreed_work_in_a_bullet_is_an_action_and_an_agreement_on_a_plan_is_not() -> None:
    minutes = (
        "# Board meeting\n\n## Budget\n\n"
        "- The board agreed to hire two engineers for the tape migration.\n"
        "- The board agreed to the plan Ana presented.\n"
        "- The board agreed to meet again in January.\n"
    )
    assert run(minutes) == [
        ("The board agreed to hire two engineers for the tape migration.", [], Status.OPEN),
    ]


def test_a_passive_infinitive_after_a_comma_is_a_task_and_a_deferred_answer_is_none() -> None:
    minutes = (
        "# Collaboration meeting\n\n## News\n\n"
        "- workshop in Turin 3-5 June: our session is on Tuesday, slides to be uploaded by Carla\n"
        "- use the new cache? → not now, revisit after the release\n"
        "- Participant registration will be opened in March\n"
        "- Bo is teaching all week and will not be available.\n"
    )
    assert run(minutes) == [("slides to be uploaded by Carla", ["Carla Rossi"], Status.OPEN)]


def test_a_present_commitment_needs_a_known_subject_and_a_look_ahead() -> None:
    minutes = (
        "# Tools meeting\n\n## Dashboard\n\n"
        "- Bo updates the group on the plotting library, ETA end of January\n"
        "- Carla circulates the survey to the site contacts\n"
        "- Ana shows the new dashboard\n"
        "- Zoltan updates the plots by Friday\n"
    )
    got = [(text, owners) for text, owners, _ in run(minutes)]
    assert got == [
        ("Bo updates the group on the plotting library, ETA end of January", ["Bo Berg"]),
        ("Carla circulates the survey to the site contacts", ["Carla Rossi"]),
    ]


def test_a_numbered_action_marker_opens_its_task() -> None:
    minutes = (
        "# Operations board\n\n"
        "ACTION 2611-03 (Carla): send the tape survey to the sites next week.\n\n"
        "ACTION 2611-04: Bo to update the downtime page.\n"
    )
    got = [(text, owners) for text, owners, _ in run(minutes)]
    assert got == [
        ("send the tape survey to the sites next week.", ["Carla Rossi"]),
        ("Bo to update the downtime page.", ["Bo Berg"]),
    ]


def test_input_asked_of_a_group_is_its_action_and_keeps_its_own_deadline() -> None:
    minutes = (
        "# Project meeting\n\n## Review\n\n"
        "- Mid-term review: Bo will draft the report; "
        "input from the site admins is needed before 20 November.\n"
    )
    found = extract_actions(parse_minutes(minutes, "markdown"), CTX, Roster())
    got = [(a.text, [o.name for o in a.owners], a.due.date if a.due else None) for a in found]
    assert got == [
        ("Bo will draft the report", ["Bo Berg"], None),
        ("input from the site admins is needed before 20 November", ["site admins"], DAY),
    ]


def test_work_under_way_in_note_style_is_its_persons() -> None:
    minutes = (
        "# Web meeting\n\n## Logo\n\n"
        "- Carla checking the new logo\n"
        "- Ana presenting the survey results\n"
        "- CERN working groups\n"
    )
    assert run(minutes) == [("Carla checking the new logo", ["Carla Rossi"], Status.OPEN)]


def test_an_organisations_plan_is_a_report_and_a_persons_plan_a_task() -> None:
    minutes = (
        "# Site reports\n\n"
        "- ACME plans to retire its old tape library in the spring.\n"
        "- Carla is planning to write the migration guide for the sites.\n"
    )
    got = [(text, owners) for text, owners, _ in run(minutes)]
    assert got == [
        ("Carla is planning to write the migration guide for the sites.", ["Carla Rossi"])
    ]


def test_review_look_alikes_of_hand_offs_input_requests_and_event_schedules() -> None:
    minutes = (
        "# Observatory sync\n\n## Night reports\n\n"
        "- Bo forwards the night log to the observers list\n"
        "- Feedback from the instrument team is expected by 20 November\n"
        "- Feedback from the instrument team was positive\n"
        "- Registration for the spring user forum will be opened in March\n"
        "- Ana presents the pointing model next week\n"
    )
    found = extract_actions(parse_minutes(minutes, "markdown"), CTX, Roster())
    got = [(a.text, [o.name for o in a.owners], a.due.date if a.due else None) for a in found]
    assert got == [
        ("Bo forwards the night log to the observers list", ["Bo Berg"], None),
        (
            "Feedback from the instrument team is expected by 20 November",
            ["the instrument team"],
            DAY,
        ),
    ]

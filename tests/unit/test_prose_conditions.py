"""A task after a condition's clause, and a thing's return that is no one's absence (minutes
written for these tests)."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster

CTX = MeetingContext(
    meeting_date=date(2026, 11, 19),
    participants=tuple(Participant(n) for n in ("Yann Roux", "Rafa Lima", "Ana Bo")),
)


def test_a_named_task_after_a_condition_and_a_question_about_a_thing_s_return() -> None:
    text = (
        "Notes\n\n"
        "If it happens again, Yann to open a ticket with the vendor and copy the list.\n"
        "Rafa to confirm whether the red arm will be back from refurbishment by 1 December.\n"
        "Ana will be back on Monday.\n"
    )
    found = extract_actions(parse_minutes(text, "text"), CTX, Roster())
    assert [[o.name for o in f.owners] for f in found] == [["Yann Roux"], ["Rafa Lima"]]
    assert found[1].due is not None
    assert found[1].due.date == date(2026, 12, 1)


def test_a_thing_that_needs_the_gerund_of_work_is_a_task_of_nobody_yet() -> None:
    text = (
        "Notes\n\n"
        "The wiki page needs updating by Friday.\n"
        "The pool needs more disks.\n"
        "The constitution needs reviewing before the AGM.\n"
    )
    found = extract_actions(parse_minutes(text, "text"), CTX, Roster())
    assert [(f.text, f.owners) for f in found] == [
        ("The wiki page needs updating by Friday.", ()),
        ("The constitution needs reviewing before the AGM.", ()),
    ]

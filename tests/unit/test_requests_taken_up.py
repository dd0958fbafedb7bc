"""A request put to one person in a discussion is tentative until they take it up in the next
turn; their answer may hold the deadline. Invented discussion notes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster, Status

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Carla Rossi"))
CTX = MeetingContext(meeting_date=date(2026, 11, 19), participants=PEOPLE)  # a Thursday
REQUEST = "Bob: the fix is in the next release. Carla, can you test it on the preprod instance?"


def run(*turns: str) -> list[ExtractedAction]:
    text = "Ops call\n\nTransfers\n" + "\n".join(turns) + "\n"
    return extract_actions(parse_minutes(text, "text"), CTX, Roster())


def test_a_request_the_person_takes_up_is_their_open_task_with_the_answer_s_deadline() -> None:
    [found] = run(REQUEST, "Carla: yes, by Friday.")
    assert [o.name for o in found.owners] == ["Carla Rossi"]
    assert found.status is Status.OPEN
    assert found.due is not None
    assert found.due.date == date(2026, 11, 20)


def test_a_request_left_unanswered_or_declined_stays_tentative() -> None:
    for answer in ("Carla: not before January, the instance is down.", "Alice: next topic."):
        [found] = run(REQUEST, answer)
        assert found.status is Status.TENTATIVE
        assert found.due is None


def test_someone_else_s_yes_takes_up_nobody_s_request() -> None:
    [found] = run(REQUEST, "Alice: yes, good idea.")
    assert found.status is Status.TENTATIVE

"""General rules that replaced phrases of single documents: each on invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain import markers
from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster, Status

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Carla Rossi"))
CTX = MeetingContext(meeting_date=date(2026, 6, 3), participants=PEOPLE)


def run(text: str) -> list[tuple[str, list[str], Status]]:
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    return [(a.text, [o.name for o in a.owners], a.status) for a in found]


@pytest.mark.parametrize(
    "text",
    [
        # a pointer to another part of the minutes
        "As noted above.",
        "See above.",
        "As discussed earlier.",
        "Same as above",
        # closing the topic without further work
        "Close with no action.",
        "Proposed close with no action",
        "Closed, nothing further to do.",
        "Close the ticket, no further action.",
        # keeping the topic on the agenda
        "Keep as standing agenda item",
        "Keep it as a recurring agenda item.",
        "Keep this on the agenda.",
        "Continue the discussion next time.",
    ],
)
def test_non_tasks_under_an_action_label(text: str) -> None:
    assert markers.DEFERRAL.match(text), text
    assert run(f"# Notes\n\nACTION: {text}\n") == []


@pytest.mark.parametrize(
    "note",
    ["Done, it was easy.", "turned out to be trivial", "It was quick.", "was very simple"],
)
def test_a_past_judgement_of_the_effort_means_done(note: str) -> None:
    assert markers.may_say_done(note.lower())
    assert markers.DONE.search(note), note
    got = run(f"# Actions from last meeting\n\n- Bob to rotate the keys\n    - {note}\n")
    assert got == [("Bob to rotate the keys", ["Bob Chen"], Status.DONE)]


def test_an_easy_task_still_to_do_is_not_done() -> None:
    assert not markers.DONE.search("this should be easy to fix")


@pytest.mark.parametrize(
    "sentence",
    [
        "Alice: I think I should take a look at the logs.",
        "Alice: I guess I could write the first draft.",
        "Alice: I suppose I can ask the vendor.",
    ],
)
def test_a_self_assignment_hedged_by_the_speaker_is_tentative(sentence: str) -> None:
    assert markers.may_be_tentative(sentence.lower())
    assert markers.TENTATIVE.search(sentence), sentence
    [(_, owners, status)] = run(f"# Notes\n\n{sentence}\n")
    assert owners == ["Alice Martin"]
    assert status is Status.TENTATIVE

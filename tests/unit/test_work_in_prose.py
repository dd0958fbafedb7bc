"""Work told in running text: a decision that gives a named person work, a volunteer's answer to a
question for one, a request to a group in a later sentence, the agent of a passive task; and a
decision that settles a fact, which is no action. Invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Carla Rossi"))
CTX = MeetingContext(meeting_date=date(2026, 6, 3), participants=PEOPLE)


def run(sentence: str) -> list[tuple[str, list[str]]]:
    text = f"# Ops\n\n## Discussion\n\n{sentence}\n"
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    return [(a.text, [o.name for o in a.owners]) for a in found]


@pytest.mark.parametrize(
    ("sentence", "task", "owner"),
    [
        (
            "It was agreed that Carla will book the room.",
            "Carla will book the room.",
            "Carla Rossi",
        ),
        ("We decided that Bob will draft the plan.", "Bob will draft the plan.", "Bob Chen"),
        ("Decision: Alice will merge the branch.", "Alice will merge the branch.", "Alice Martin"),
        # a decision label before a named infinitive: "Agreed: Bob to ..."
        ("Agreed: Bob to draft the plan.", "Bob to draft the plan.", "Bob Chen"),
        ("Decision: Carla to book the room.", "Carla to book the room.", "Carla Rossi"),
        ("It was agreed: Alice to merge the branch.", "Alice to merge the branch.", "Alice Martin"),
    ],
)
def test_a_decision_that_someone_will_act_is_their_action(
    sentence: str, task: str, owner: str
) -> None:
    assert run(sentence) == [(task, [owner])]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was agreed that the target date is the end of the year.",
        "We decided that the old endpoint stays read-only.",
        "Agreed: we keep the old endpoint.",
        "Decided: the old endpoint stays read-only.",
    ],
)
def test_a_decision_that_settles_a_fact_is_no_action(sentence: str) -> None:
    assert run(sentence) == []


def test_a_volunteer_for_the_task_a_question_named_takes_that_task() -> None:
    assert run("Carla asked who would prepare the changelog; Alice volunteered.") == [
        ("prepare the changelog", ["Alice Martin"])
    ]


def test_a_request_to_a_group_in_a_later_sentence_of_the_line_is_found() -> None:
    assert run("The new release fixes the staging bug. Sites are asked to upgrade soon.") == [
        ("Sites are asked to upgrade soon.", ["all sites"])
    ]


def test_the_known_agent_of_a_passive_task_is_its_owner_however_far_on() -> None:
    assert run("The list will be sent to the sites by Bob before the holidays.") == [
        ("The list will be sent to the sites by Bob before the holidays.", ["Bob Chen"])
    ]
    [(_, owners)] = run("The list will be sent to the sites by Friday.")
    assert owners == []

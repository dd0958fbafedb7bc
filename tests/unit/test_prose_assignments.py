"""Running text that hands a task to someone without "will" or "to" after a name: asked,
given the action, put in charge, agreeing with an adverb, a decision with "should", reported
hedges. Invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster, Status

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Karin Berg"))
CTX = MeetingContext(meeting_date=date(2026, 12, 2), participants=PEOPLE)  # a Wednesday


def owners_and_status(sentence: str) -> list[tuple[list[str], Status]]:
    doc = parse_minutes(f"Ops meeting\n\nStorage\n{sentence}\n", "text")
    return [([o.name for o in a.owners], a.status) for a in extract_actions(doc, CTX, Roster())]


@pytest.mark.parametrize(
    ("sentence", "owner", "status"),
    [
        ("Bob has the action to update the quota table.", "Bob Chen", Status.OPEN),
        ("Bob took an action to update the quota table.", "Bob Chen", Status.OPEN),
        ("Bob will be in charge of the quota table update.", "Bob Chen", Status.OPEN),
        ("Bob is responsible for updating the quota table.", "Bob Chen", Status.OPEN),
        ("We asked Bob to update the quota table.", "Bob Chen", Status.OPEN),
        ("The chair reminded Karin to send the slides.", "Karin Berg", Status.OPEN),
        ("Bob was asked to update the quota table by Friday.", "Bob Chen", Status.OPEN),
        ("Karin kindly agreed to update the quota table.", "Karin Berg", Status.OPEN),
        ("Karin has agreed to update the quota table.", "Karin Berg", Status.OPEN),
        ("It was decided that Bob should update the quota table.", "Bob Chen", Status.OPEN),
        ("Bob will be asked to update the quota table.", "Bob Chen", Status.OPEN),
        ("Bob was tasked to update the quota table.", "Bob Chen", Status.OPEN),
        ("Karin has been tasked with the quota table.", "Karin Berg", Status.OPEN),
        ("The meeting requested that Bob update the quota table.", "Bob Chen", Status.OPEN),
        ("It was requested that the sites update the table.", "all sites", Status.OPEN),
        ("Alice would like Karin to review the draft.", "Karin Berg", Status.OPEN),
        # a reported "will" as "would": as "she would" after "said", tentative
        ("It was noted that Bob would circulate the slides.", "Bob Chen", Status.TENTATIVE),
        ("Bob said he'd look into the timeouts.", "Bob Chen", Status.TENTATIVE),
        ("Karin said she can send the numbers by Friday.", "Karin Berg", Status.OPEN),
        ("The broken link should be fixed by Friday (Bob).", "Bob Chen", Status.OPEN),
        ("Karin raised the quotas; to be followed up by Bob.", "Bob Chen", Status.OPEN),
        # a decision in the present tense: a work verb, or a role the meeting gives
        ("It was agreed that Bob updates the quota table.", "Bob Chen", Status.OPEN),
        ("We agreed that Karin takes over the dashboards in January.", "Karin Berg", Status.OPEN),
        ("It was agreed that each site nominates a contact.", "all sites", Status.OPEN),
        ("It is up to Karin to pick the firmware version.", "Karin Berg", Status.OPEN),
        ("Bob must approve the purchase by Friday.", "Bob Chen", Status.OPEN),
        ("Bob has taken the action to compare the APIs.", "Bob Chen", Status.OPEN),
        ("It was agreed that all Tier-1 sites provide a list.", "Tier-1 sites", Status.OPEN),
        ("Bob mentioned he might update the quota table.", "Bob Chen", Status.TENTATIVE),
        ("Alice asked everybody to update the site table.", "all", Status.OPEN),
        ("Alice asked all sites to update the site table.", "all sites", Status.OPEN),
        # the request in a later clause of the subject's sentence
        (
            "Alice noted that two sites lag and asked all sites to update the table.",
            "all sites",
            Status.OPEN,
        ),
    ],
)
def test_a_task_handed_to_someone_in_running_text(
    sentence: str, owner: str, status: Status
) -> None:
    assert owners_and_status(sentence) == [([owner], status)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Bob is responsible for the tape pool.",  # a standing role, no task
        "Bob asked to see the transfer logs.",  # Bob's own request
        "We asked whether the pool can be drained.",
        "Bob asked questions to the speakers.",
        "It was agreed that Storage takes priority.",  # no one the meeting knows
        "It was agreed that all talks last ten minutes.",  # no work
        "It was agreed that each site keeps its own schedule.",  # going on as before
        "It was agreed that all sites keep their schedules.",
        "Bob must be tired after the week.",  # a guess, no work
        "It is up to you.",
        "The board is expected to decide in March.",  # a forecast
        "Karin offers 50 TB, to be confirmed by Bob.",  # a condition of the offer
        "The experiments are invited to send their needs.",  # an invitation
        "Alice requested that the pool stays as it is.",  # no work
    ],
)
def test_roles_and_requests_of_one_s_own_are_no_tasks(sentence: str) -> None:
    assert owners_and_status(sentence) == []

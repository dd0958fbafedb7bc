"""Tasks written in plain lists and prose without a marker: each rule on invented minutes."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster, Status

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Carla Rossi"))
CTX = MeetingContext(meeting_date=date(2026, 6, 3), participants=PEOPLE)


def run(text: str, form: str = "markdown") -> list[tuple[str, list[str], Status]]:
    found = extract_actions(parse_minutes(text, form), CTX, Roster())
    return [(a.text, [o.name for o in a.owners], a.status) for a in found]


NOTES = """# Outreach meeting

## Workshop session

- The session was accepted by the programme committee.
- Invite the tool developers from the partner projects.
- Ask the site admins to fill in the survey.
- Try to get in touch with the training networks about the tutorials.
- Start reaching out to possible speakers this month.
- Request from the board to shorten the talks.
- Email sent to the speakers last week.
- Send the slides?
"""


def test_a_bullet_that_contacts_people_is_a_task_without_owner_or_marker() -> None:
    assert run(NOTES) == [
        ("Invite the tool developers from the partner projects.", [], Status.OPEN),
        ("Ask the site admins to fill in the survey.", [], Status.OPEN),
        (
            "Try to get in touch with the training networks about the tutorials.",
            [],
            Status.TENTATIVE,
        ),
        ("Start reaching out to possible speakers this month.", [], Status.OPEN),
    ]


def test_a_contact_in_an_agenda_is_a_topic_of_the_meeting() -> None:
    agenda = "# Call\n\n## Preset agenda\n\n### Tutorials\n\n- Invite the speakers for autumn.\n"
    assert run(agenda) == []


def test_a_contact_under_a_title_naming_its_owner_is_the_owners() -> None:
    text = (
        "# Weekly\n\n## 3. Compute integration (Carla)\n\n"
        "- Answers came from three of the five projects.\n"
        "    - Send a reminder to the missing projects.\n"
    )
    assert run(text) == [("Send a reminder to the missing projects.", ["Carla Rossi"], Status.OPEN)]


@pytest.mark.parametrize(
    "line",
    [
        "Invite: the speakers",
        "Contact details are on the wiki page",
        "Send it",
        "Contact details of the two new operators are on the wiki page",
        "Email to all the tutors went out on Monday",
        "Invitation letters for the visa applicants were sent",
    ],
)
def test_no_contact_task_in_labels_nouns_or_fragments(line: str) -> None:
    assert run(f"# Notes\n\n## Outreach\n\n- {line}\n") == []


@pytest.mark.parametrize(
    "line",
    [
        "Contact the operators who have access to the old racks.",
        "Remind the tutors that the room is booked until noon.",
        "Ask the lab whether the cooling is working again.",
        "Start reaching out to the tutors early to have the rooms in time.",
    ],
)
def test_a_contact_task_may_hold_a_clause_with_its_own_verb(line: str) -> None:
    assert run(f"# Notes\n\n## Outreach\n\n- {line}\n") == [(line, [], Status.OPEN)]


def test_a_contracted_modal_commits_its_subject() -> None:
    text = "# Notes\n\n## Caches\n\n- Carla'll rerun the failed transfers tonight.\n"
    assert run(text) == [
        ("Carla'll rerun the failed transfers tonight.", ["Carla Rossi"], Status.OPEN)
    ]


def test_getting_work_done_is_still_to_do() -> None:
    text = "# Notes\n\n## Release\n\n- We'll try to get the release notes done before the freeze.\n"
    assert run(text) == [
        ("We'll try to get the release notes done before the freeze.", [], Status.TENTATIVE)
    ]


def test_work_the_group_agreed_on_is_an_unowned_action_and_a_decision_is_not() -> None:
    text = (
        "# Plenary\n\n## Errata\n\n"
        "Two readings were held. Bo presented the draft, and the group agreed to open a "
        "separate pull request for the index entries. They agreed to keep the old term.\n"
    )
    assert run(text) == [
        ("the group agreed to open a separate pull request for the index entries", [], Status.OPEN)
    ]


def test_agreed_work_opening_the_sentence_survives_the_decision_veto() -> None:
    text = (
        "# Plenary\n\n## Errata\n\n"
        "It was agreed to rename the index entries before the second reading.\n\n"
        "The committee agreed to drop the appendix from the draft.\n"
    )
    assert run(text) == [
        ("It was agreed to rename the index entries before the second reading.", [], Status.OPEN)
    ]


def test_a_direction_the_group_agreed_on_is_no_action() -> None:
    text = (
        "# Plenary\n\n## Portal\n\n"
        "We agreed to make a move towards the shared portal. "
        "They agreed to work toward one login page.\n"
    )
    assert run(text) == []


def test_a_reported_clause_is_read_on_its_own() -> None:
    text = "# Notes\n\n## Docs\n\nThe team also noted that someone needs to fix the broken links.\n"
    assert run(text) == [
        ("The team also noted that someone needs to fix the broken links.", [], Status.OPEN)
    ]


def test_a_section_titled_as_agenda_and_minutes_holds_tasks() -> None:
    text = "# Council\n\n## Agenda/Minutes\n\n### Satellites\n\n- Obtain advice from the board.\n"
    assert run(text) == [("Obtain advice from the board.", [], Status.OPEN)]


def test_a_topic_shaped_line_among_owned_tasks_is_a_task() -> None:
    text = (
        "# Council\n\n## Certificates\n\n"
        "- Write up the risk assessment. (Alice, Bob)\n"
        "- Review of the risk assessment. (Carla)\n"
    )
    assert [(t, o) for t, o, _ in run(text)] == [
        ("Write up the risk assessment.", ["Alice Martin", "Bob Chen"]),
        ("Review of the risk assessment.", ["Carla Rossi"]),
    ]
    assert run("# Council\n\n## Certificates\n\n- Review of the risk assessment. (Carla)\n") == []


@pytest.mark.parametrize(
    "line",
    [
        "Token support should/must be included by then",
        "The new layout will be looked into after the release",
    ],
)
def test_a_passive_task_with_a_doubled_modal_or_a_phrasal_verb(line: str) -> None:
    assert run(f"# Notes\n\n## Release\n\n- {line}\n") == [(line, [], Status.OPEN)]


def test_a_subjectless_will_opening_a_note_is_an_unowned_task() -> None:
    text = (
        "# Notes\n\n## Other\n\n- wrong permissions on the shared area\n"
        "    - will open an issue to collect the details\n"
        "    - will probably gather fewer people\n"
    )
    assert run(text) == [("will open an issue to collect the details", [], Status.OPEN)]


def test_urgent_work_is_a_task_without_marker_or_owner() -> None:
    text = (
        "# Weekly\n\n## Announcements\n\n"
        "- Release of the client as soon as possible because the server certificate expires\n"
        "- Release of the client went fine\n\n"
        "## Workshop\n\n"
        "We were invited to give a talk. Need to find a speaker urgently for the session.\n"
        "Need to keep an eye on the budget.\n"
    )
    assert [t for t, _, _ in run(text)] == [
        "Release of the client as soon as possible because the server certificate expires",
        "Need to find a speaker urgently for the session.",
    ]


@pytest.mark.parametrize(
    ("line", "task", "owners"),
    [
        (
            "- The new site is ready, needs a client → Alice + Bob to register it this week",
            "Alice + Bob to register it this week",
            ["Alice Martin", "Bob Chen"],
        ),
        (
            "- Two sites have not checked their mapping yet: Carla to check both before Friday.",
            "Carla to check both before Friday",
            ["Carla Rossi"],
        ),
    ],
)
def test_the_commitment_after_an_arrow_or_a_colon_is_the_task(
    line: str, task: str, owners: list[str]
) -> None:
    assert run(f"# Notes\n\n## Tokens\n\n{line}\n") == [(task, owners, Status.OPEN)]


def test_a_hedged_offer_after_a_connective_is_tentative() -> None:
    text = (
        "# Notes\n\n## Needs\n\n- The request is vague, therefore Carla may join the next call.\n"
    )
    assert run(text) == [
        (
            "The request is vague, therefore Carla may join the next call.",
            ["Carla Rossi"],
            Status.TENTATIVE,
        )
    ]


def test_an_assumption_is_no_task() -> None:
    assert (
        run("# Notes\n\n## Tutorials\n\n- So, we will assume they happen and plan for it.\n") == []
    )


def test_a_passive_task_with_is_to_be_names_its_agent() -> None:
    text = "# Notes\n\n## Sites\n\n- New disk pool in place; the endpoint is to be added by Bob.\n"
    assert run(text) == [("the endpoint is to be added by Bob", ["Bob Chen"], Status.OPEN)]


def test_a_hedged_sentence_in_lower_case_opens_a_new_sentence() -> None:
    text = "# Notes\n\n## Storage\n\n- The tests continue with 3 RSEs. maybe Bob can test a 4th.\n"
    assert run(text) == [("maybe Bob can test a 4th.", ["Bob Chen"], Status.TENTATIVE)]

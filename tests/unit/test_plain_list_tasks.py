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
    ["Invite: the speakers", "Contact details are on the wiki page", "Send it"],
)
def test_no_contact_task_in_labels_nouns_or_fragments(line: str) -> None:
    assert run(f"# Notes\n\n## Outreach\n\n- {line}\n") == []

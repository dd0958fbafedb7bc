"""A site and its speaker written as a title over a list ("**DESY (Annika):**"): a task with no
subject under it is the site's and the speaker's (minutes written for these tests)."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster

PEOPLE = ("Annika Vogel", "Jonas Lind", "Jonas Berg", "Yan Li")
CTX = MeetingContext(
    meeting_date=date(2026, 11, 19), participants=tuple(Participant(n) for n in PEOPLE)
)


def test_a_site_title_owns_the_subjectless_tasks_of_its_list_with_its_speaker() -> None:
    text = (
        "## Round-table\n\n"
        "**DESY (Annika):**\n\n"
        "-   dCache 10.2 on the instance since 3 March; no issues so far.\n"
        "-   Will enable the tape REST API for the test VO next week.\n\n"
        "**CERN (Jonas L.):**\n\n"
        "- I'll register the new pool as soon as it is online.\n\n"
        "## 2.3 Integration with compute (Yan)\n\n"
        "- Will do it next week.\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [[o.name for o in f.owners] for f in found] == [
        ["DESY", "Annika Vogel"],
        ["Jonas Lind"],  # the speaker's own "I"
        ["Yan Li"],  # a topic's title names its owner alone
    ]

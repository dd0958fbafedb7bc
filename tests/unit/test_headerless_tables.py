"""Action tables written without a header row: the cells tell the columns (the known names are
the owners, the state words the status, the dates the deadline, the longest texts the tasks),
also two lines of four columns lined up with spaces. Invented minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Roster, Status

MINUTES = """Storage meeting
===============

Participants: Ana Rios, Bo Chen, Kim Lee, Lea Moser

Review of action items
----------------------
AI 11.1  Bo    Publish the token migration timeline          DONE
AI 11.2  Kim   Collect site feedback on the client upgrade    OPEN
AI 11.3  Lea   Organise the storage workshop                  IN PROGRESS

New action items
----------------
AI 12.1  Bo    Write the post-mortem of the outage            15 Dec
AI 12.2  Lea   Send the workshop agenda                       7 Jan
"""

FIGURES = """Pledges
=======

Participants: Ana Rios, Bo Chen

North    1200    3400    on track
South     800    2100    on track
"""


def found(text: str) -> list[tuple[str, list[str], Status, date | None]]:
    ctx = MeetingContext(meeting_date=date(2026, 12, 3))
    return [
        (a.text, [o.name for o in a.owners], a.status, a.due.date if a.due else None)
        for a in extract_actions(parse_minutes(text, "text"), ctx, Roster())
    ]


def test_a_table_without_header_gives_each_row_its_owner_state_and_deadline() -> None:
    assert found(MINUTES) == [
        ("Publish the token migration timeline", ["Bo Chen"], Status.DONE, None),
        ("Collect site feedback on the client upgrade", ["Kim Lee"], Status.OPEN, None),
        ("Organise the storage workshop", ["Lea Moser"], Status.OPEN, None),
        ("Write the post-mortem of the outage", ["Bo Chen"], Status.OPEN, date(2026, 12, 15)),
        ("Send the workshop agenda", ["Lea Moser"], Status.OPEN, date(2027, 1, 7)),
    ]


def test_a_table_of_figures_without_names_gives_nothing() -> None:
    assert found(FIGURES) == []

"""Action registers, wiki pages and contracted commitments, on minutes written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import guess_format, parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster, Status

PEOPLE = (
    "Nadia Benali",
    "Thibault Rousseau",
    "Paul Kern",
    "Maria Vos",
    "Grace Hill",
    "Jan Eriksen",
)


def _actions(text: str, fmt: str = "text") -> list[tuple[str, list[str], Status, date | None]]:
    ctx = MeetingContext(
        meeting_date=date(2026, 12, 1),
        participants=tuple(Participant(n) for n in PEOPLE),
        next_meeting=date(2026, 12, 15),
    )
    return [
        (a.text, [o.name for o in a.owners], a.status, a.due.date if a.due else None)
        for a in extract_actions(parse_minutes(text, fmt), ctx, Roster())  # type: ignore[arg-type]
    ]


def test_a_register_of_coded_items_with_owners_before_a_dash() -> None:
    text = (
        "Minutes\n\nThe pools were reviewed.\n\nActions\n\n"
        "A1  Nadia — quotas on the test instance — by Friday\n"
        "A2  Thibault + Nadia — migration note for the users — before the next meeting\n"
    )
    assert _actions(text) == [
        (
            "quotas on the test instance — by Friday",
            ["Nadia Benali"],
            Status.OPEN,
            date(2026, 12, 4),
        ),
        (
            "migration note for the users — before the next meeting",
            ["Thibault Rousseau", "Nadia Benali"],
            Status.OPEN,
            date(2026, 12, 15),
        ),
    ]


def test_owners_after_the_task_with_a_deadline_or_a_field_after_them() -> None:
    text = (
        "Minutes\n\n2. Resources\n\nPK presented the request.\n\n"
        "A-2026-07: Finalise the request tables (Owner: PK). Deadline: 11 December.\n\n"
        "A-2026-08: Cross-check the tape numbers — PK, MV, by the next meeting.\n\nEnd.\n"
    )
    assert _actions(text) == [
        ("Finalise the request tables", ["Paul Kern"], Status.OPEN, date(2026, 12, 11)),
        (
            "Cross-check the tape numbers, by the next meeting.",
            ["Paul Kern", "Maria Vos"],
            Status.OPEN,
            date(2026, 12, 15),
        ),
    ]


def test_a_contracted_going_to_and_a_team_by_its_name() -> None:
    text = (
        "Notes\n\nSome talk.\n"
        "- Grace presented the plots. She's going to try a readiness gate.\n"
        "- Comms team to produce the poster pack by 14 December.\n"
        "- AP (JE) order new cantilevers - done\n"
        "- Action (see below) is needed.\n"
    )
    assert _actions(text) == [
        ("She's going to try a readiness gate.", ["Grace Hill"], Status.OPEN, None),
        (
            "Comms team to produce the poster pack by 14 December.",
            ["Comms team"],
            Status.OPEN,
            date(2026, 12, 14),
        ),
        ("order new cantilevers - done", ["Jan Eriksen"], Status.DONE, None),
    ]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("ops.twiki", "---+ Ops\n   * item\n| *Action* | *Who* |\n| a | b |\n"),
        ("notes", "---++ Review\n| *Action* | *Who* |\n| a | b |\n**x**\n"),
        ("board.rst", "Board\n=====\n\n* item\n\n| a | b |\n| c | d |\n**x**\n"),
        ("page", "== Actions ==\n* [[x]]\n| a | b |\n**bold**\n"),
    ],
)
def test_wiki_pages_are_read_as_text_minutes_not_markdown(name: str, text: str) -> None:
    assert guess_format(name, text) == "text"


def test_markdown_still_reads_as_markdown() -> None:
    assert guess_format("notes", "# Notes\n\n| a | b |\n|---|---|\n**bold**\n") == "markdown"


RST_REVIEW = """Steering committee
==================

Status of actions
-----------------

.. list-table:: Actions from the last meeting
   :header-rows: 1

   * - No.
     - Action
     - Owner
     - Status
   * - SC-3
     - Set up the shared bucket for the
       reference catalogue
     - Paul
     - In progress
   * - SC-4
     - Circulate the data policy
     - Maria
     - Done

The catalogue release is planned for the spring.
"""


def test_a_rest_list_table_gives_one_action_a_row() -> None:
    assert _actions(RST_REVIEW) == [
        ("Set up the shared bucket for the reference catalogue", ["Paul Kern"], Status.OPEN, None),
        ("Circulate the data policy", ["Maria Vos"], Status.DONE, None),
    ]


def test_tracked_actions_reviewed_by_their_owners_and_a_group_after_a_marker() -> None:
    text = (
        "Minutes\n\nReview of actions\n\n"
        "   Paul: ACTION-141 (write the test cases for the recurrence rules) is done\n"
        "   Maria: ACTION-144 on me (contact the registry) -- still pending, no reply yet.\n\n"
        "Action points\n\n"
        "AP 12-1  All modelling groups: confirm the feasibility (15 Dec)\n"
        "AP 12-2  Paul + Maria: a proposal on the output frequency\n"
    )
    assert _actions(text) == [
        ("write the test cases for the recurrence rules", ["Paul Kern"], Status.DONE, None),
        ("contact the registry", ["Maria Vos"], Status.OPEN, None),
        (
            "confirm the feasibility (15 Dec)",
            ["All modelling groups"],
            Status.OPEN,
            date(2026, 12, 15),
        ),
        ("a proposal on the output frequency", ["Paul Kern", "Maria Vos"], Status.OPEN, None),
    ]


def test_a_register_point_with_its_state_noted_after_an_arrow_below_it() -> None:
    text = (
        "Committee\n\n1. Previous actions\n\n"
        " AP 26/07  Replace the eyewash bottles in room 20 (Paul)\n"
        "           -> erledigt.\n"
        " AP 26/08  Inventory of the solvent cabinets (Maria)\n"
        "           -> about 60 % done; remaining labs by 15.12.\n\n"
        "2. Incidents\n\nNone.\n"
    )
    assert _actions(text) == [
        ("Replace the eyewash bottles in room 20 -> erledigt.", ["Paul Kern"], Status.DONE, None),
        (
            "Inventory of the solvent cabinets -> about 60 % done; remaining labs by 15.12.",
            ["Maria Vos"],
            Status.OPEN,
            date(2026, 12, 15),
        ),
    ]


def test_a_table_with_dutch_headers() -> None:
    text = (
        "Overleg\n\n1. Actiepunten\n\n"
        "| # | Actie | Eigenaar | Deadline | Status |\n|---|---|---|---|---|\n"
        "| 17 | Upgrade the head nodes | PK | 31 Dec | in progress |\n"
    )
    assert _actions(text, "markdown") == [
        ("Upgrade the head nodes", ["Paul Kern"], Status.OPEN, date(2026, 12, 31))
    ]

"""Requests to a group counted, singular after "each", or of those present (minutes written for
these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.groups import group_name
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster

CTX = MeetingContext(meeting_date=date(2026, 11, 19), participants=(Participant("Mira Dekker"),))


@pytest.mark.parametrize(
    ("written", "group"),
    [
        ("All three sites", "all sites"),
        ("all sites present today", "all sites"),
        ("sites present", "all sites"),
        ("each director", "all directors"),
        ("Every trustee", "all trustees"),
        ("three sites", "all sites"),
    ],
)
def test_counted_singular_and_present_groups_are_spelled_as_all_of_them(
    written: str, group: str
) -> None:
    assert group_name(written) == group


def test_requests_to_counted_and_present_groups() -> None:
    text = (
        "Notes\n\n"
        "All three sites are asked to confirm their quota to Mira by Monday.\n"
        "All sites present today are asked to send her their input by 30 November.\n"
        "In addition, each director is asked to make five calls to donors.\n"
        "Every member should really be doing one of these a year.\n"
    )
    found = extract_actions(parse_minutes(text, "text"), CTX, Roster())
    assert [[o.name for o in a.owners] for a in found] == [
        ["all sites"],
        ["all sites"],
        ["all directors"],
    ]
    assert found[0].due is not None
    assert found[0].due.date == date(2026, 11, 23)

"""Deadlines tied to events the minutes date elsewhere: a list of dates, a workshop's place and
days, a time before the event. The minutes are invented."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.dates import DateContext, find_due, find_named_events

MINUTES = """Important dates
  • December board: 10 December 2026
  • Tape challenge rehearsal: week of 1 March 2027
  • Storage workshop at DESY Hamburg, 12–14 January

1. Tape
  • Ana will send the numbers before the board.
"""
MEETING = date(2026, 11, 19)


def _due(text: str) -> date | None:
    ctx = DateContext(MEETING, named_events=find_named_events(MINUTES, MEETING))
    due = find_due(text, ctx)
    return due.date if due else None


def test_the_events_of_a_list_of_dates_and_of_a_place() -> None:
    events = find_named_events(MINUTES, MEETING)
    assert events["December board"] == date(2026, 12, 10)
    assert events["Tape challenge rehearsal"] == date(2027, 3, 1)
    assert events["Storage workshop"] == date(2027, 1, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("send the numbers before the board", date(2026, 12, 10)),  # the event's last word
        ("run it before the rehearsal", date(2027, 3, 1)),
        ("update the profile before the workshop", date(2027, 1, 12)),  # its noun alone
        ("post the configs two weeks before the workshop", date(2026, 12, 29)),
        ("circulate the schedule one week before the rehearsal", date(2027, 2, 22)),
        ("slides to Ana by the Monday before the board", date(2026, 12, 7)),
    ],
)
def test_a_deadline_before_an_event_dated_elsewhere(text: str, expected: date) -> None:
    assert _due(text) == expected


def test_an_undated_kind_of_event_gives_no_date() -> None:
    assert _due("prepare it before the conference") is None


OTHER_NAMES = """Announcements
  • The pre-GDB on storage takes place on 8 April 2027 at CERN.
  • Workshop ACME 2027: 21–25 May, Lisbon.
  • ACME 1.4 release review: 3 March 2027.
  • NORTH/SOUTH meeting: 23–24 June 2027.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("upgrade before the pre-GDB", date(2027, 4, 8)),  # a lower-case prefix
        ("fill in the figures before the ACME workshop", date(2027, 5, 21)),  # any order
        ("propose a schedule before the ACME review", date(2027, 3, 3)),  # a version aside
        ("port the dashboards before the NORTH/SOUTH meeting", date(2027, 6, 23)),
        ("port the dashboards before the NORTH meeting", date(2027, 6, 23)),
    ],
)
def test_an_event_named_in_other_words_than_where_it_is_dated(text: str, expected: date) -> None:
    ctx = DateContext(MEETING, named_events=find_named_events(OTHER_NAMES, MEETING))
    due = find_due(text, ctx)
    assert due is not None
    assert due.date == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CE upgrade, by 10/12 now by 7/01", date(2027, 1, 7)),
        ("send the plan by 3 Dec, postponed to 10 Dec", date(2026, 12, 10)),
        ("send the plan by 3 Dec -> 10 Dec", date(2026, 12, 10)),
        ("send the plan by 3 Dec", date(2026, 12, 3)),
    ],
)
def test_a_deadline_moved_is_the_new_one(text: str, expected: date) -> None:
    assert _due(text) == expected


def test_an_event_dated_by_its_kind_alone() -> None:
    text = (
        "- The online sprint is on 8–9 June (announced on the forum).\n"
        "* The long shutdown starts on **23 June 2027**.\n"
    )
    ctx = DateContext(MEETING, named_events=find_named_events(text, MEETING))
    sprint = find_due("curate a list of good first issues before the sprint", ctx)
    shutdown = find_due("replace the preamplifier (before the shutdown)", ctx)
    assert sprint is not None
    assert sprint.date == date(2027, 6, 8)
    assert shutdown is not None
    assert shutdown.date == date(2027, 6, 23)

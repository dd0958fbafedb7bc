"""When the group meets next: stated in the minutes, a later meeting of the same file, or the
cadence of the title; and what "at the next meeting" and event deadlines resolve to."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.dates import DateContext, find_due, find_named_events
from wp2bot.domain.dates_series import SeriesDates, cadence_next, stated_next_meeting
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Precision, Roster

THU = date(2026, 3, 12)  # the second Thursday of March 2026


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("* Next meeting: 26 March, same time.", date(2026, 3, 26)),
        ("No call on 19 March. The next meeting is on 2 April 2026.", date(2026, 4, 2)),
        ("Next monthly telcon will be April 9, 2026 at 15:00", date(2026, 4, 9)),
        ("Rosa chairs the next meeting (26.03.).", date(2026, 3, 26)),
        ("next meeting in two weeks (26 march)", date(2026, 3, 26)),
        ("No meeting at Easter; next meetings on 26 March and 9 April.", date(2026, 3, 26)),
        ("Reply before the next call.\n\nNext call: Thu 26 Mar 2026.", date(2026, 3, 26)),
    ],
)
def test_a_stated_next_meeting_is_read(text: str, expected: date) -> None:
    assert stated_next_meeting(text, THU) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ivo will report at the next meeting.",  # no date at all
        "Check the quotas before the next meeting, and by 30 April at the latest.",  # too far on
        "Next meeting: 5 March.",  # before this meeting: an old line copied along
        "Next meeting at the workshop in Lyon, to be decided.",
    ],
)
def test_no_next_meeting_without_a_date_right_after_it(text: str) -> None:
    assert stated_next_meeting(text, THU) is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Storage team weekly", date(2026, 3, 19)),
        ("Tape WG fortnightly meeting", date(2026, 3, 26)),
        ("Bi-weekly operations call", date(2026, 3, 26)),
        ("Monthly coordination meeting", date(2026, 4, 9)),  # the second Thursday of April
    ],
)
def test_the_cadence_of_the_title_gives_the_next_meeting(title: str, expected: date) -> None:
    assert cadence_next(THU, ["", title]) == expected


def test_a_monthly_meeting_on_a_fifth_weekday_moves_to_the_last_one() -> None:
    # 29 January 2026 is the fifth Thursday; February 2026 has four
    assert cadence_next(date(2026, 1, 29), ["Monthly board"]) == date(2026, 2, 26)


def test_a_title_without_cadence_gives_none() -> None:
    assert cadence_next(THU, ["Storage coordination"]) is None


def test_the_calendar_wins_and_a_later_meeting_in_the_file_wins_for_its_section() -> None:
    series = SeriesDates(
        "Next meeting: 26 March.",
        ["Weekly call"],
        THU,
        {1: date(2026, 3, 5), 2: THU},
        known=date(2026, 3, 27),
    )
    assert series.of(0) == (date(2026, 3, 27), Precision.DAY)
    assert series.of(1) == (THU, Precision.DAY)  # the file's next meeting after 5 March
    assert series.of(2) == (date(2026, 3, 27), Precision.DAY)


def test_what_the_text_says_beats_the_cadence_and_the_cadence_is_an_estimate() -> None:
    stated = SeriesDates("Next meeting: 2 April.", ["Weekly call"], THU, {}, known=None)
    assert stated.of(0) == (date(2026, 4, 2), Precision.DAY)
    guessed = SeriesDates("Nothing about the next one.", ["Weekly call"], THU, {}, known=None)
    assert guessed.of(0) == (date(2026, 3, 19), Precision.WEEK)
    unknown = SeriesDates("Nothing about the next one.", ["Call"], THU, {}, known=None)
    assert unknown.of(0) == (None, Precision.DAY)


def _due_of_first_action(text: str, title: str = "") -> tuple[str, date | None, Precision]:
    doc = parse_minutes(text, "markdown")
    actions = extract_actions(doc, MeetingContext(meeting_date=THU, title=title), Roster())
    due = actions[0].due
    assert due is not None
    return due.phrase, due.date, due.precision


def test_at_the_next_meeting_takes_the_date_the_minutes_give() -> None:
    text = "# Tape WG\n\n- Ivo to report the tests at the next meeting\n\nNext call: 2 April\n"
    assert _due_of_first_action(text) == ("at the next meeting", date(2026, 4, 2), Precision.DAY)


def test_at_the_next_meeting_of_a_monthly_group_is_a_month_on() -> None:
    text = "# Notes\n\n- Ivo to report on the drive tests at the next meeting\n"
    found = _due_of_first_action(text, title="Monthly tape meeting")
    assert found == ("at the next meeting", date(2026, 4, 9), Precision.WEEK)


def test_at_the_next_meeting_with_nothing_known_is_two_weeks_on_and_an_estimate() -> None:
    text = "# Notes\n\n- Ivo to report on the drive tests at the next meeting\n"
    found = _due_of_first_action(text, title="Tape meeting")
    assert found == ("at the next meeting", date(2026, 3, 26), Precision.WEEK)


def test_a_month_naming_an_event_keeps_the_event_in_the_phrase() -> None:
    due = find_due("Lena to prepare the transfer plan for the June challenge", DateContext(THU))
    assert due is not None
    assert (due.phrase, due.date, due.precision) == (
        "for the June challenge",
        None,
        Precision.VAGUE,
    )


def test_an_event_named_by_its_month_takes_the_date_the_document_gives_it() -> None:
    events = find_named_events("The June challenge (8-12 June) tests the new FTS.", THU)
    due = find_due(
        "Lena to prepare the plan for the June challenge", DateContext(THU, named_events=events)
    )
    assert due is not None
    assert (due.phrase, due.date) == ("for the June challenge", date(2026, 6, 8))


@pytest.mark.parametrize(
    "text", ["Omar will migrate the pool in November", "Omar to migrate it in June"]
)
def test_a_month_alone_stays_vague(text: str) -> None:
    # the document fixes no day: the labelled sets keep these without a date (README, dates)
    due = find_due(text, DateContext(THU))
    assert due is not None
    assert due.date is None
    assert due.precision is Precision.VAGUE

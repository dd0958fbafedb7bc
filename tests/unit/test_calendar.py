"""The meeting series: recurrence rules, DST, moved and cancelled meetings, periods."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from wp2bot.domain.calendar import (
    Period,
    PlannedMeeting,
    Recurrence,
    guess_next,
    in_any,
    is_cancelled_title,
    parse_period,
    parse_recurrence,
    reconcile,
    series_starts,
)

ZURICH = ZoneInfo("Europe/Zurich")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("every second Wednesday 11:00", Recurrence(2, time(11, 0), 2)),
        ("every 2 weeks on Wednesday at 11:00", Recurrence(2, time(11, 0), 2)),
        ("every other Thursday at 10:30 am", Recurrence(3, time(10, 30), 2)),
        ("fortnightly, Tue 16:00", Recurrence(1, time(16, 0), 2)),
        ("weekly on Monday at 4pm", Recurrence(0, time(16, 0), 1)),
        ("every Friday 9:15", Recurrence(4, time(9, 15), 1)),
        ("every 3 weeks on Tuesday at 14:00", Recurrence(1, time(14, 0), 3)),
    ],
)
def test_recurrence_forms(text: str, expected: Recurrence) -> None:
    assert parse_recurrence(text) == expected


@pytest.mark.parametrize("text", ["every second week", "every Wednesday", "Wednesday 25:00"])
def test_recurrence_errors_name_the_problem(text: str) -> None:
    with pytest.raises(ValueError, match="recurrence"):
        parse_recurrence(text)


def test_series_keeps_local_time_across_daylight_saving() -> None:
    rule = parse_recurrence("every second Wednesday 11:00")
    after = datetime(2026, 3, 1, tzinfo=UTC)
    starts = series_starts(rule, date(2026, 3, 11), "Europe/Zurich", after, 3)
    # Europe switches to summer time on 29 March 2026: 10:00 UTC becomes 09:00 UTC.
    assert starts == [
        datetime(2026, 3, 11, 10, 0, tzinfo=UTC),
        datetime(2026, 3, 25, 10, 0, tzinfo=UTC),
        datetime(2026, 4, 8, 9, 0, tzinfo=UTC),
    ]
    assert all(s.astimezone(ZURICH).time() == time(11, 0) for s in starts)


def test_series_from_an_anchor_far_in_the_past_and_mid_meeting() -> None:
    rule = parse_recurrence("every second Wednesday 11:00")
    during = datetime(2026, 3, 11, 10, 30, tzinfo=UTC)  # the meeting of the 11th has started
    # 2020-01-01 is a Wednesday 2281 days = 162 fortnights + 7 days before 2026-03-11, so
    # that series meets on the 4th and the 18th, not on the 11th.
    far = series_starts(rule, date(2020, 1, 1), "Europe/Zurich", during, 1)
    assert far == [datetime(2026, 3, 18, 10, 0, tzinfo=UTC)]
    anchored = series_starts(rule, date(2026, 3, 11), "Europe/Zurich", during, 1)
    assert anchored == [datetime(2026, 3, 25, 10, 0, tzinfo=UTC)]


def _m(key: str, day: int, title: str = "WP2", hour: int = 10) -> PlannedMeeting:
    return PlannedMeeting(
        key, title, datetime(2026, 3, day, hour, tzinfo=UTC), "Europe/Zurich", f"https://i/{key}"
    )


def test_reconcile_finds_new_moved_and_cancelled_meetings() -> None:
    window = (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 30, tzinfo=UTC))
    stored = [_m("a", 4), _m("b", 18), _m("c", 25), _m("old", 1, hour=0)]
    fetched = [_m("a", 4), _m("b", 18, hour=13), _m("d", 31), _m("e", 28, "CANCELLED: WP2")]
    diff = reconcile(stored, fetched, *window)
    assert [m.key for m in diff.new] == ["d"]
    assert [(m.key, m.starts_at.hour) for m in diff.moved] == [("b", 13)]
    assert sorted(m.key for m in diff.cancelled) == ["c", "e", "old"]
    assert all(m.cancelled for m in diff.cancelled)
    assert [m.key for m in diff.unchanged] == ["a"]


def test_reconcile_leaves_meetings_outside_the_window_alone() -> None:
    window = (datetime(2026, 3, 10, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC))
    diff = reconcile([_m("past", 4), _m("later", 25)], [], *window)
    assert diff.cancelled == ()


def test_a_cancelled_meeting_is_not_cancelled_twice() -> None:
    window = (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 31, tzinfo=UTC))
    gone = PlannedMeeting("x", "WP2", datetime(2026, 3, 4, 10, tzinfo=UTC), "UTC", cancelled=True)
    assert reconcile([gone], [], *window).cancelled == ()


@pytest.mark.parametrize(
    ("title", "cancelled"),
    [("CANCELLED - WP2 meeting", True), ("WP2 (postponed)", True), ("WP2 fortnightly", False)],
)
def test_cancelled_titles(title: str, cancelled: bool) -> None:
    assert is_cancelled_title(title) is cancelled


def test_guess_next_repeats_the_last_gap() -> None:
    assert guess_next([date(2020, 3, 11)], date(2020, 3, 24)) == date(2020, 3, 25)
    assert guess_next([date(2020, 3, 4), date(2020, 3, 11)], date(2020, 3, 12)) == date(2020, 3, 18)
    assert guess_next([], date(2020, 3, 12)) is None


def test_periods() -> None:
    away = parse_period("2026-12-20..2027-01-06")
    assert away == Period(date(2026, 12, 20), date(2027, 1, 6))
    closure = parse_period("2026-12-19..2027-01-04 CERN annual closure")
    assert closure.label == "CERN annual closure"
    assert date(2027, 1, 4) in closure
    assert date(2027, 1, 5) not in closure
    assert in_any(date(2026, 12, 24), [away, closure]) == away
    assert parse_period("2026-05-01 Labour day").end == date(2026, 5, 1)
    assert parse_period(away.text()) == away
    with pytest.raises(ValueError, match="ends before"):
        parse_period("2026-12-20..2026-12-01")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_period("next week")
    assert away.end - away.start == timedelta(days=17)

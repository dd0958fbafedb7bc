"""Availability, flap-suppressed state changes, alarms, hints and the probe result shape."""

from __future__ import annotations

import datetime as dt

import pytest

from wp2bot.domain.health import Downtime, ProbeResult, Sample, StageResult, StageStatus
from wp2bot.domain.health_history import (
    WINDOWS,
    Health,
    availability,
    availability_windows,
    new_alarm,
    settled_state,
    transitions,
)
from wp2bot.domain.health_tally import HintKind, action_hints, tally
from wp2bot.domain.models import Status

T0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)


def hourly(pattern: str, start: dt.datetime = T0) -> list[Sample]:
    """'UUD.' -> samples one hour apart; U passes, D fails, '.' leaves a gap."""
    return [Sample(start + i * H, c == "U") for i, c in enumerate(pattern) if c != "."]


def test_probe_result_ok_and_json_shape() -> None:
    stages = (
        StageResult("stat", StageStatus.PASS, 0.01234567),
        StageResult("checksum", StageStatus.SKIPPED, 0.0, "unsupported: no Digest"),
    )
    result = ProbeResult("CERN/eos", "davs://h/p/", T0, stages)
    assert result.ok
    assert result.error is None
    assert result.as_json() == {
        "url": "davs://h/p/",
        "ok": True,
        "stages": [
            {"name": "stat", "status": "pass", "seconds": 0.0123, "error": None},
            {
                "name": "checksum",
                "status": "skipped",
                "seconds": 0.0,
                "error": "unsupported: no Digest",
            },
        ],
    }
    failed = ProbeResult("x", "u", T0, (StageResult("stat", StageStatus.FAIL, 1.0, "HTTP 403"),))
    assert not failed.ok
    assert failed.error == "stat: HTTP 403"
    assert not ProbeResult("x", "u", T0, ()).ok


def test_availability_is_time_weighted_within_the_window() -> None:
    # 18 h up, 6 h down over the last day
    history = hourly("U" * 18 + "D" * 6)
    now = T0 + 24 * H
    a = availability(history, now, dt.timedelta(days=1))
    assert a.availability == pytest.approx(18 / 24)
    assert a.known_seconds == pytest.approx(24 * 3600)


def test_a_result_before_the_window_tells_the_state_at_its_start() -> None:
    history = [Sample(T0, False), Sample(T0 + 30 * H, True)]
    now = T0 + 36 * H
    a = availability(history, now, dt.timedelta(days=1))  # window starts at T0 + 12 h
    assert a.availability == pytest.approx(6 / 24)


def test_stale_results_make_time_unknown_not_up() -> None:
    history = hourly("UU")
    now = T0 + 10 * H
    a = availability(history, now, dt.timedelta(days=1), stale_after=H)
    assert a.known_seconds == pytest.approx(2 * 3600)
    assert a.availability == 1.0
    assert availability([], now, dt.timedelta(days=1)).availability is None


def test_downtime_counts_against_availability_but_not_reliability() -> None:
    history = hourly("UUUUDDDDUUUU")  # 4 h down in the middle, declared
    now = T0 + 12 * H
    downtime = Downtime("DESY", T0 + 4 * H, T0 + 8 * H)
    a = availability(history, now, dt.timedelta(days=1), [downtime])
    assert a.availability == pytest.approx(8 / 12)
    assert a.reliability == pytest.approx(1.0)
    assert a.downtime_seconds == pytest.approx(4 * 3600)


def test_windows_24h_7d_30d() -> None:
    history = hourly("D" * 24 * 6 + "U" * 24)  # down six days, up the last day
    now = T0 + 24 * 7 * H
    w = availability_windows(history, now)
    assert list(w) == ["24h", "7d", "30d"]
    assert w["24h"].availability == pytest.approx(1.0)
    assert w["7d"].availability == pytest.approx(1 / 7)
    assert w["30d"].availability == pytest.approx(1 / 7)  # nothing known before the first result


def test_flaps_shorter_than_k_do_not_change_the_state() -> None:
    history = hourly("UUUDUDUUDDD")
    found = transitions(history, k=3)
    assert [(t.before, t.after) for t in found] == [
        (Health.UNKNOWN, Health.UP),
        (Health.UP, Health.DOWN),
    ]
    assert found[1].since == T0 + 8 * H  # first failing result of the run
    assert found[1].at == T0 + 10 * H  # the K-th, when it became certain
    assert settled_state(history, k=3) is Health.DOWN
    assert settled_state(hourly("UU"), k=3) is Health.UNKNOWN
    with pytest.raises(ValueError, match="k must be"):
        transitions(history, k=0)


def test_new_alarm_only_when_the_newest_result_confirms_a_change() -> None:
    assert new_alarm(hourly("UUUDD"), k=3) is None  # not yet settled
    alarm = new_alarm(hourly("UUUDDD"), k=3)
    assert alarm is not None
    assert (alarm.before, alarm.after) == (Health.UP, Health.DOWN)
    assert new_alarm(hourly("UUUDDDD"), k=3) is None  # already reported
    assert new_alarm(hourly("UUU"), k=3) is None  # first settling into UP is not news
    assert new_alarm(hourly("DDD"), k=3) is not None  # first settling into DOWN is
    recovered = new_alarm(hourly("DDDUUU"), k=3)
    assert recovered is not None
    assert recovered.after is Health.UP


def test_downtime_silences_the_alarm() -> None:
    downtime = Downtime("GSI", T0 + 4 * H, T0 + 6 * H, check_id="GSI/perfsonar")
    assert new_alarm(hourly("UUUDDD"), k=3, silenced_at=[downtime]) is None
    assert downtime.covers("GSI/perfsonar", "gsi", T0 + 5 * H)
    assert not downtime.covers("GSI/xrootd", "GSI", T0 + 5 * H)
    assert not downtime.covers("GSI/perfsonar", "GSI", T0 + 6 * H)


def test_hints_for_done_but_failing_and_long_passing_actions() -> None:
    now = T0 + 24 * 10 * H
    failing = tally(hourly("UUUDDD", start=now - 6 * H))
    passing = tally(Sample(now - dt.timedelta(days=d), True) for d in range(9, -1, -1))
    hints = action_hints(Status.DONE, {"GSI/perfsonar": failing, "CERN/eos": passing}, now)
    assert [(h.kind, h.check_id, h.text) for h in hints] == [
        (HintKind.DONE_BUT_FAILING, "GSI/perfsonar", "marked done but still failing")
    ]
    hints = action_hints(Status.OPEN, {"GSI/perfsonar": failing, "CERN/eos": passing}, now)
    assert [(h.kind, h.check_id, h.text) for h in hints] == [
        (HintKind.PASSING_CLOSE, "CERN/eos", "passing for 9 days — close?")
    ]
    assert passing.up_since == now - dt.timedelta(days=9)
    assert failing.up_since is None
    assert action_hints(Status.OPEN, {"CERN/eos": passing}, now, close_after_days=10) == []


def _reference(history, now, window, downtimes, stale_after):  # type: ignore[no-untyped-def]
    """Availability segment by segment, every window on its own (the definition)."""
    start, ordered = now - window, sorted(history, key=lambda o: o.at)
    known = up = down_dt = up_dt = 0.0

    def overlap(a0, a1, b0, b1):  # type: ignore[no-untyped-def]
        return max(0.0, (min(a1, b1) - max(a0, b0)).total_seconds())

    for i, obs in enumerate(ordered):
        end = ordered[i + 1].at if i + 1 < len(ordered) else now
        end = min(end, obs.at + stale_after) if stale_after else end
        seg = overlap(obs.at, end, start, now)
        if seg > 0:
            in_dt = min(seg, sum(overlap(obs.at, end, max(d.start, start), min(d.end, now))
                                 for d in downtimes))  # fmt: skip
            known, down_dt = known + seg, down_dt + in_dt
            if obs.ok:
                up, up_dt = up + seg, up_dt + in_dt
    return known, up - up_dt, down_dt


def test_all_windows_from_one_ordering_agree_with_the_definition() -> None:
    import random

    rng = random.Random(7)
    now = T0 + 40 * 24 * H
    for _ in range(60):
        history = [
            Sample(now - dt.timedelta(minutes=rng.randrange(60 * 24 * 35)), rng.random() > 0.2)
            for _ in range(rng.randrange(80))
        ]
        downtimes = [
            Downtime("GSI", now - d * H, now - d * H + rng.randrange(1, 30) * H)
            for d in rng.sample(range(1, 900), rng.randrange(3))
        ]
        stale = rng.choice([None, 6 * H])
        for name, a in availability_windows(history, now, downtimes, stale).items():
            want = _reference(history, now, WINDOWS[name], downtimes, stale)
            got = (a.known_seconds, a.up_seconds, a.downtime_seconds)
            assert got == pytest.approx(want), name

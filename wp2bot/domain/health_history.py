"""What a check's result history says: availability, settled state changes, hints for actions."""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wp2bot.domain.health import Downtime, Observation

WINDOWS: Mapping[str, dt.timedelta] = {
    "24h": dt.timedelta(days=1),
    "7d": dt.timedelta(days=7),
    "30d": dt.timedelta(days=30),
}


@dataclass(frozen=True, slots=True)
class Availability:
    """Time-weighted availability over one window (WLCG style).

    ``availability`` = up / known time; ``reliability`` = up / (known time minus declared
    downtime), so a planned intervention does not count against the site. Both are None
    when nothing is known about the window.
    """

    window: dt.timedelta
    availability: float | None
    reliability: float | None
    known_seconds: float
    up_seconds: float
    downtime_seconds: float


def _overlap(a0: dt.datetime, a1: dt.datetime, b0: dt.datetime, b1: dt.datetime) -> float:
    """Seconds shared by [a0, a1) and [b0, b1)."""
    return max(0.0, (min(a1, b1) - max(a0, b0)).total_seconds())


_Segment = tuple[dt.datetime, dt.datetime, bool]  # a verdict's start, end and whether it passed


def _segments(
    history: Sequence[Observation], now: dt.datetime, stale_after: dt.timedelta | None
) -> list[_Segment]:
    """Each result's verdict from its time to the next result's (or ``now``), oldest first,
    cut to ``stale_after`` when given."""
    ordered = sorted(history, key=lambda o: o.at)
    if not ordered:
        return []
    ends = [o.at for o in ordered[1:]] + [now]
    if stale_after is not None:
        ends = [min(end, o.at + stale_after) for o, end in zip(ordered, ends, strict=True)]
    return [(o.at, end, bool(o.ok)) for o, end in zip(ordered, ends, strict=True)]


def availability(
    history: Sequence[Observation],
    now: dt.datetime,
    window: dt.timedelta,
    downtimes: Sequence[Downtime] = (),
    stale_after: dt.timedelta | None = None,
) -> Availability:
    """Availability over ``[now - window, now)``: each result's verdict holds until the next.

    A result older than the window still tells the state at the window's start. With
    ``stale_after`` a verdict holds at most that long (a probe that stopped running makes
    the time after it unknown, not up). ``downtimes`` must already be the ones that apply.
    """
    return _availability(_segments(history, now, stale_after), now, window, downtimes)


def _availability(
    segments: Sequence[_Segment], now: dt.datetime, window: dt.timedelta,
    downtimes: Sequence[Downtime],
) -> Availability:  # fmt: skip
    start = now - window
    first = bisect.bisect_right(segments, start, key=lambda seg: seg[1])  # ends after start
    known = up = down_in_dt = up_in_dt = 0.0
    for at, end, ok in segments[first:]:
        seg = ((end if end < now else now) - (at if at > start else start)).total_seconds()
        if seg <= 0:
            continue
        known += seg
        if ok:
            up += seg
        if downtimes:
            in_dt = sum(_overlap(at, end, max(d.start, start), min(d.end, now)) for d in downtimes)
            in_dt = min(in_dt, seg)  # overlapping downtimes must not count twice
            down_in_dt += in_dt
            if ok:
                up_in_dt += in_dt
    if known <= 0:
        return Availability(window, None, None, 0.0, 0.0, 0.0)
    # during a downtime the service counts as down for availability, and not at all for
    # reliability: that is how the grid's A/R reports treat scheduled interventions
    up_outside = up - up_in_dt
    rel_base = known - down_in_dt
    return Availability(
        window=window,
        availability=up_outside / known,
        reliability=up_outside / rel_base if rel_base > 0 else None,
        known_seconds=known,
        up_seconds=up_outside,
        downtime_seconds=down_in_dt,
    )


def availability_windows(
    history: Sequence[Observation],
    now: dt.datetime,
    downtimes: Sequence[Downtime] = (),
    stale_after: dt.timedelta | None = None,
) -> dict[str, Availability]:
    """Availability over the last 24 h, 7 d and 30 d, from one ordering of the history."""
    segments = _segments(history, now, stale_after)
    return {name: _availability(segments, now, span, downtimes) for name, span in WINDOWS.items()}


class Health(enum.StrEnum):
    """The settled state of a check."""

    UP = "up"
    DOWN = "down"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Transition:
    """A state change that held for K consecutive results.

    ``since`` is the first result of the new state, ``at`` the K-th, when it became certain.
    """

    before: Health
    after: Health
    since: dt.datetime
    at: dt.datetime


def transitions(
    history: Sequence[Observation], k: int = 3, initial: Health = Health.UNKNOWN
) -> list[Transition]:
    """State changes with flap suppression: a new state counts after K consecutive results."""
    if k < 1:
        raise ValueError("k must be at least 1")
    state = initial
    run_state = Health.UNKNOWN
    run_len = 0
    run_since: dt.datetime | None = None
    found: list[Transition] = []
    for obs in sorted(history, key=lambda o: o.at):
        seen = Health.UP if obs.ok else Health.DOWN
        if seen is run_state:
            run_len += 1
        else:
            run_state, run_len, run_since = seen, 1, obs.at
        if run_state is not state and run_len >= k and run_since is not None:
            found.append(Transition(state, run_state, run_since, obs.at))
            state = run_state
    return found


def settled_state(
    history: Sequence[Observation], k: int = 3, initial: Health = Health.UNKNOWN
) -> Health:
    """The state after flap suppression (UNKNOWN until K agreeing results were seen)."""
    found = transitions(history, k, initial)
    return found[-1].after if found else initial


def new_alarm(
    history: Sequence[Observation], k: int, silenced_at: Sequence[Downtime] = ()
) -> Transition | None:
    """The transition the newest result just confirmed, unless a downtime silences it.

    The first state a check settles into (from UNKNOWN) raises nothing unless it is DOWN;
    ``silenced_at`` must already be the downtimes that apply to this check.
    """
    if not history:
        return None
    newest = max(o.at for o in history)
    found = transitions(history, k)
    if not found or found[-1].at != newest:
        return None
    change = found[-1]
    if change.before is Health.UNKNOWN and change.after is Health.UP:
        return None
    if any(d.start <= change.at < d.end for d in silenced_at):
        return None
    return change

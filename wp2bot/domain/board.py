"""What the web board shows, computed from records (pure: today and now are passed in)."""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from wp2bot.domain.health import CheckSpec, ProbeResult, StageStatus
from wp2bot.domain.models import OwnerKind, Status
from wp2bot.domain.tracking import ActionRecord, Review

SOON = timedelta(days=14)
WINDOWS = (("24 h", timedelta(hours=24)), ("7 d", timedelta(days=7)), ("30 d", timedelta(days=30)))
NO_GROUP = "(none)"


class View(enum.StrEnum):
    """Which actions a page lists."""

    OPEN = "open"
    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    PROPOSALS = "proposals"
    DONE = "done"


class Grouping(enum.StrEnum):
    """How a page groups them."""

    SITE = "site"
    EXPERIMENT = "experiment"
    OWNER = "owner"
    MEETING = "meeting"


def parse_choice(
    kind: type[enum.StrEnum], value: str | None, default: enum.StrEnum
) -> enum.StrEnum:
    """``value`` as a member of ``kind``, or ``default`` for anything else (links stay usable)."""
    try:
        return kind(value or default.value)
    except ValueError:
        return default


def select(
    records: Iterable[ActionRecord], view: View, today: date, *, words: str = ""
) -> list[ActionRecord]:
    """The records the view lists, with every word of ``words`` in their text or owners."""
    wanted = [w.casefold() for w in words.split()]
    out = []
    for r in records:
        if not _in_view(r, view, today):
            continue
        haystack = " ".join([r.text, r.section, *(o.name for o in r.owners)]).casefold()
        if all(w in haystack for w in wanted):
            out.append(r)
    return out


def _in_view(r: ActionRecord, view: View, today: date) -> bool:
    accepted_open = r.is_open and r.review is Review.ACCEPTED
    if view is View.OPEN:
        return accepted_open
    if view is View.OVERDUE:
        return accepted_open and r.due is not None and r.due < today
    if view is View.DUE_SOON:
        return accepted_open and r.due is not None and today <= r.due <= today + SOON
    if view is View.PROPOSALS:
        return r.review is Review.PROPOSED and r.status is not Status.DONE
    return r.status is Status.DONE


@dataclass(frozen=True, slots=True)
class Affiliations:
    """Who belongs where: each person's site and experiments, and the experiments' names."""

    site_of: Mapping[str, str]
    experiments_of: Mapping[str, Sequence[str]]
    experiments: frozenset[str] = frozenset()


def group(
    records: Sequence[ActionRecord], by: Grouping, known: Affiliations
) -> list[tuple[str, list[ActionRecord]]]:
    """``records`` in groups, largest first (then by name); an action may be in several."""
    groups: dict[str, list[ActionRecord]] = defaultdict(list)
    for r in records:
        for key in _keys(r, by, known) or [NO_GROUP]:
            groups[key].append(r)
    return sorted(groups.items(), key=lambda kv: (kv[0] == NO_GROUP, -len(kv[1]), kv[0]))


def _keys(r: ActionRecord, by: Grouping, known: Affiliations) -> list[str]:
    if by is Grouping.MEETING:
        day = r.meeting_date.isoformat() if r.meeting_date else ""
        return [" ".join(x for x in (day, r.meeting_title) if x)] if r.meeting_id else []
    keys: list[str] = []
    for o in r.owners:
        if by is Grouping.OWNER:
            found = [o.name]
        elif o.kind is OwnerKind.GROUP:
            is_experiment = o.name in known.experiments
            found = [o.name] if is_experiment == (by is Grouping.EXPERIMENT) else []
        elif by is Grouping.EXPERIMENT:
            found = list(known.experiments_of.get(o.name, ()))
        else:
            found = [known.site_of.get(o.name, "")]
        keys += [k for k in found if k and k not in keys]
    return keys


@dataclass(frozen=True, slots=True)
class Availability:
    """The share of passing runs of one check in one window, and how many runs there were."""

    label: str
    ratio: float | None  # None: no run in the window
    runs: int


def availability(results: Sequence[ProbeResult], now: datetime) -> list[Availability]:
    """Per window of ``WINDOWS``: the fraction of runs that passed."""
    out = []
    for label, span in WINDOWS:
        runs = [r for r in results if r.at >= now - span]
        passed = sum(1 for r in runs if r.ok)
        out.append(Availability(label, passed / len(runs) if runs else None, len(runs)))
    return out


def timeline(
    results: Sequence[ProbeResult], now: datetime, span: timedelta, slots: int = 48
) -> list[str]:
    """The check's state per slot of ``span`` (oldest first): pass, fail or unknown."""
    width = span / slots
    start = now - span
    states = ["unknown"] * slots
    for r in sorted(results, key=lambda r: r.at):
        if r.at < start or r.at > now:
            continue
        i = min(slots - 1, int((r.at - start) / width))
        states[i] = "fail" if not r.ok else ("pass" if states[i] != "fail" else "fail")
    return states


@dataclass(frozen=True, slots=True)
class MeetingLine:
    """One meeting of the series on the board."""

    id: int
    title: str
    day: date | None
    url: str | None
    added: int
    closed: int


def meeting_lines(
    meetings: Sequence[tuple[int, str, date | None, str | None]], records: Sequence[ActionRecord]
) -> list[MeetingLine]:
    """Newest first: what each meeting added, and what was closed between it and the next."""
    dated = sorted(meetings, key=lambda m: (m[2] or date.min, m[0]))
    added: dict[int, int] = defaultdict(int)
    for r in records:
        if r.meeting_id is not None:
            added[r.meeting_id] += 1
    closed: dict[int, int] = defaultdict(int)
    days = [m[2] for m in dated]
    for r in records:
        if r.closed_at is None:
            continue
        day = r.closed_at.date()
        owner = None
        for (mid, _t, mday, _u), nxt in zip(dated, [*days[1:], None], strict=True):
            if mday is not None and mday <= day and (nxt is None or day < nxt):
                owner = mid
        if owner is not None:
            closed[owner] += 1
    return [
        MeetingLine(mid, title, day, url, added[mid], closed[mid])
        for mid, title, day, url in reversed(dated)
    ]


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One check in the site x check matrix."""

    check: CheckSpec
    state: str  # pass | fail | unknown
    failing_stage: str | None
    since: datetime | None
    windows: list[Availability]
    slots: list[str]


def check_row(check: CheckSpec, results: Sequence[ProbeResult], now: datetime) -> CheckRow:
    """The check's row: state, failing stage, since when, availability, 7-day timeline."""
    last = results[-1] if results else None
    state = "unknown" if last is None else ("pass" if last.ok else "fail")
    since = None
    for r in reversed(results):
        if (r.ok and state == "pass") or (not r.ok and state == "fail"):
            since = r.at
        else:
            break
    stage = None
    if last is not None and not last.ok:
        stage = next((s.name for s in last.stages if s.status is StageStatus.FAIL), None)
    return CheckRow(
        check,
        state,
        stage,
        since,
        availability(results, now),
        timeline(results, now, timedelta(days=7)),
    )


@dataclass(frozen=True, slots=True)
class AnswerGrid:
    """Round-table answers per entity over the latest meetings (oldest column first)."""

    columns: list[tuple[str, datetime]]  # (title, start) of each round-table
    rows: list[tuple[str, list[str]]]  # entity, its answer per column ("" = none)


def answer_grid(
    roundtables: Sequence[tuple[str, datetime, Sequence[tuple[str, str]]]], last: int = 8
) -> AnswerGrid:
    """The grid of the ``last`` round-tables; ``roundtables`` are (title, start, [(entity,
    answer)]) in any order; entities keep the order they first appear in."""
    chosen = sorted(roundtables, key=lambda rt: rt[1])[-last:]
    entities: list[str] = []
    for _title, _at, answers in chosen:
        for entity, _answer in answers:
            if entity not in entities:
                entities.append(entity)
    rows = []
    for entity in entities:
        cells = []
        for _title, _at, answers in chosen:
            cells.append(next((a for e, a in answers if e == entity), ""))
        rows.append((entity, cells))
    return AnswerGrid([(t, at) for t, at, _a in chosen], rows)

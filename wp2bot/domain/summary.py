"""The chair's pre-meeting summary: which items go in which section (rendered by
``summary_render``).

The Markdown form pastes into the Indico minutes as the next meeting's action list; the text
form is for terminals and e-mail; the HTML form for Indico's rich-text editor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from wp2bot.domain.tracking import ActionRecord, Review

FORMATS = ("markdown", "html", "text")


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class SummaryPolicy:
    """When the chair's summary is posted (the ``[summary]`` settings table)."""

    hours_before: int = field(
        default=24, metadata=_doc("hours before a meeting that the summary is posted")
    )


@dataclass(frozen=True, slots=True)
class MeetingRef:
    """A meeting as the summary names it."""

    title: str
    starts_at: datetime | None
    day: date
    timezone: str = "UTC"
    url: str = ""  # the Indico event: agenda for the next meeting, minutes for the last one
    expected: bool = False  # guessed from the series' rhythm, not announced

    def when(self) -> str:
        """``2026-03-25 11:00 Europe/Zurich`` or just the date."""
        if self.starts_at is None:
            return self.day.isoformat() + (" (expected)" if self.expected else "")
        local = self.starts_at.astimezone(ZoneInfo(self.timezone))
        return f"{local:%Y-%m-%d %H:%M} {self.timezone}"


@dataclass(frozen=True, slots=True)
class RoundTableView:
    """The round-table as far as it got: (entity, who, what) answers and missing entities."""

    answers: tuple[tuple[str, str, str], ...] = ()
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything the chair's summary shows, sorted into sections."""

    today: date
    meeting: MeetingRef | None
    previous: MeetingRef | None
    overdue: tuple[ActionRecord, ...] = ()
    due_soon: tuple[ActionRecord, ...] = ()
    new: tuple[ActionRecord, ...] = ()
    still_open: tuple[ActionRecord, ...] = ()
    closed: tuple[ActionRecord, ...] = ()
    stuck: tuple[tuple[ActionRecord, int], ...] = ()  # (item, unanswered reminders)
    roundtable: RoundTableView | None = None
    red_endpoints: tuple[str, ...] = ()
    proposals: int = 0
    live: Mapping[int, str] = field(default_factory=dict)  # action id -> "🔴 GSI/perfsonar"
    # section field ("overdue", ...) -> how many more items it has than it holds (not read)
    more: Mapping[str, int] = field(default_factory=dict)

    def total(self, section: str) -> int:
        """How many items the section (a field name) has, those not read included."""
        items: tuple[ActionRecord, ...] = getattr(self, section)
        return len(items) + self.more.get(section, 0)


@dataclass(frozen=True, slots=True)
class SummaryWindow:
    """The days and the meeting that sort open items into the summary's sections."""

    today: date
    horizon: date  # due on or before it (and not before today): due before the meeting
    since: datetime | None  # new and closed since then (the previous meeting's start)
    previous_id: int | None  # the previous meeting's stored id: its items are new

    @property
    def later(self) -> date:
        """Items undated or due after this day are neither overdue nor due before the meeting."""
        return max(self.horizon, self.today - timedelta(days=1))


def summary_window(
    today: date, meeting: MeetingRef | None, previous: MeetingRef | None, previous_id: int | None
) -> SummaryWindow:
    """The window of a summary on ``today`` before ``meeting``, since ``previous``."""
    horizon = meeting.day if meeting is not None else today + timedelta(days=14)
    return SummaryWindow(today, horizon, _since(previous), previous_id)


def build_summary(
    records: Sequence[ActionRecord],
    today: date,
    meeting: MeetingRef | None,
    previous: MeetingRef | None,
    *,
    previous_id: int | None = None,
    stuck: Sequence[tuple[int, int]] = (),
    roundtable: RoundTableView | None = None,
    red_endpoints: Sequence[str] = (),
) -> Summary:
    """Sort the stored items: each open item in exactly one of overdue, due before the meeting,
    new since the last meeting, still open; closed ones when closed since the last meeting."""
    window = summary_window(today, meeting, previous, previous_id)
    horizon, since = window.horizon, window.since
    overdue: list[ActionRecord] = []
    due_soon: list[ActionRecord] = []
    new: list[ActionRecord] = []
    rest: list[ActionRecord] = []
    closed: list[ActionRecord] = []
    live = [r for r in records if r.review is not Review.REJECTED]
    for r in live:
        is_new = (previous_id is not None and r.meeting_id == previous_id) or (
            since is not None and r.meeting_id is None and r.created_at is not None
            and r.created_at >= since
        )  # fmt: skip
        if not r.is_open:
            recent = since is not None and r.closed_at is not None and r.closed_at >= since
            if recent or is_new:
                closed.append(r)
        elif r.due is not None and r.due < today:
            overdue.append(r)
        elif r.due is not None and r.due <= horizon:
            due_soon.append(r)
        elif is_new:
            new.append(r)
        else:
            rest.append(r)
    by_id = {r.id: r for r in live}
    stuck_items = tuple((by_id[i], n) for i, n in stuck if i in by_id and by_id[i].is_open)
    return Summary(
        today=today,
        meeting=meeting,
        previous=previous,
        overdue=tuple(sorted(overdue, key=lambda r: (r.due or today, r.id))),
        due_soon=tuple(sorted(due_soon, key=lambda r: (r.due or today, r.id))),
        new=tuple(new),
        still_open=tuple(rest),
        closed=tuple(closed),
        stuck=stuck_items,
        roundtable=roundtable,
        red_endpoints=tuple(red_endpoints),
        proposals=sum(1 for r in live if r.is_open and r.review is Review.PROPOSED),
    )


def summary_since(previous: MeetingRef | None) -> datetime | None:
    """When "since the last meeting" begins: the previous meeting's start (or its day)."""
    return _since(previous)


def _since(previous: MeetingRef | None) -> datetime | None:
    if previous is None:
        return None
    if previous.starts_at is not None:
        return previous.starts_at
    return datetime.combine(previous.day, datetime.min.time(), tzinfo=ZoneInfo(previous.timezone))

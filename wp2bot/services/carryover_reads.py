"""Which stored items the actions of new minutes may restate, read through indexed filters
instead of every open item: the open items of the owners the minutes name, the open items
without an owner, and the open items of the last few meetings (whoever owns them now).

An earlier item of other owners is only ever an unsure match (a proposal linked to it for the
chair), and a restatement is nearly always of a recent meeting's item, so the last meetings'
items keep those links; only an old item of other owners, untouched in that many meetings, is
no longer offered as a look-alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from wp2bot.domain.models import ExtractedAction
from wp2bot.domain.tracking import ActionRecord
from wp2bot.ports.actions import ActionFilter, ActionReader
from wp2bot.ports.meetings import MeetingRecord, Meetings

RECENT_MEETINGS = 4  # ingested meetings before this one whose open items are all candidates


class CandidateReader(ActionReader, Meetings, Protocol):
    """The stored items and meetings the candidates come from."""


def carry_candidates(
    store: CandidateReader, meeting: MeetingRecord, extracted: Sequence[ExtractedAction]
) -> list[ActionRecord]:
    """Open items of earlier meetings (or of none) that ``extracted`` may restate, by id."""
    names = sorted({n for item in extracted for o in item.owners for n in (o.name, o.written) if n})
    reads = [ActionFilter(open_only=True, unowned=True)]
    if names:
        reads.append(ActionFilter(open_only=True, owner_names=tuple(names)))
    recent = recent_meetings(store.meetings(), meeting)
    if recent:
        reads.append(ActionFilter(open_only=True, meeting_ids=recent))
    found = {r.id: r for flt in reads for r in store.actions(flt)}
    return [
        found[i]
        for i in sorted(found)
        if found[i].meeting_id != meeting.id
        and _before(found[i].meeting_date, meeting.meeting_date)
    ]


def recent_meetings(meetings: Sequence[MeetingRecord], meeting: MeetingRecord) -> tuple[int, ...]:
    """The ids of the last ``RECENT_MEETINGS`` ingested meetings before ``meeting`` (oldest
    first in ``meetings``)."""
    earlier = [
        m.id
        for m in meetings
        if m.id != meeting.id and m.minutes_hash and _before(m.meeting_date, meeting.meeting_date)
    ]
    return tuple(earlier[-RECENT_MEETINGS:])


def _before(a: date | None, b: date | None) -> bool:
    if a is None or b is None:
        return True
    return a < b

"""Ingest minutes (a file or Indico events) into tracked action items, idempotently."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Protocol

from wp2bot.clock import Clock
from wp2bot.domain.actions import extract_actions
from wp2bot.domain.meeting_input import MeetingInput, content_hash
from wp2bot.domain.models import ExtractedAction, Owner, Roster, Status
from wp2bot.domain.reconcile import plan_ingest
from wp2bot.domain.tracking import ActionRecord, Review, fingerprint
from wp2bot.ports.actions import ActionChanges, ActionFilter, Actions
from wp2bot.ports.meetings import MeetingRecord, Meetings
from wp2bot.ports.search import MinutesIndex
from wp2bot.services.carryover_reads import carry_candidates
from wp2bot.services.search import index_minutes

__all__ = ["IngestReport", "IngestService", "MeetingInput", "content_hash"]

log = logging.getLogger(__name__)

WHO = "wp2bot"
VIA = "ingest"


class IngestStore(Actions, Meetings, Protocol):
    """Where ingested meetings and their actions go."""


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did to one meeting."""

    source: str
    meeting_id: int
    title: str
    skipped: bool = False  # minutes unchanged since the last ingest
    created: tuple[int, ...] = ()
    updated: tuple[int, ...] = ()
    unchanged: tuple[int, ...] = ()
    carried: tuple[int, ...] = ()
    closed: tuple[int, ...] = ()
    withdrawn: tuple[int, ...] = ()
    linked: tuple[int, ...] = ()  # new proposals that may restate an older item (chair: merge)
    problems: tuple[str, ...] = field(default=())

    def summary(self) -> str:
        """One line for the operator."""
        if self.skipped:
            return f"{self.title or self.source}: minutes unchanged, nothing to do"
        parts = [
            f"{len(self.created)} new",
            f"{len(self.updated)} updated",
            f"{len(self.carried)} carried over",
            f"{len(self.closed)} closed",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.linked:
            parts.append(f"{len(self.linked)} new like an older item (the chair may merge them)")
        if self.withdrawn:
            parts.append(f"{len(self.withdrawn)} withdrawn")
        return f"{self.title or self.source}: " + ", ".join(parts)


class IngestService:
    """Extracts actions from minutes and reconciles them with what is stored."""

    def __init__(
        self,
        store: IngestStore,
        clock: Clock,
        roster: Roster,
        *,
        minutes_index: MinutesIndex | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.roster = roster
        self.minutes_index = minutes_index  # keeps the minutes' text searchable, when given

    def ingest(self, meeting: MeetingInput, *, force: bool = False) -> IngestReport:
        """Store the meeting and its actions; unchanged minutes change nothing.

        Safe to run twice at once: the minutes are read outside, then one transaction per
        minutes source (``Store.exclusive``) stores them; a second ingest of the same source
        waits for the first and then finds the minutes unchanged. A failure stores nothing.
        """
        ctx = meeting.context
        extracted: tuple[ExtractedAction, ...] | None = None
        if force or self.store.minutes_hash(meeting.source) != meeting.content_hash:
            extracted = tuple(extract_actions(meeting.document, ctx, self.roster))
        with self.store.exclusive(f"ingest:{meeting.source}"):
            record, previous_hash = self.store.upsert_meeting(
                meeting.source,
                title=ctx.title,
                meeting_date=ctx.meeting_date,
                timezone=ctx.timezone,
                url=ctx.url,
                indico_id=meeting.indico_id,
                starts_at=meeting.starts_at,
                category=meeting.category,
            )
            if previous_hash == meeting.content_hash and not force:
                return IngestReport(
                    source=meeting.source, meeting_id=record.id, title=record.title, skipped=True
                )
            if extracted is None:  # the stored minutes changed since the look above
                extracted = tuple(extract_actions(meeting.document, ctx, self.roster))
            report = self._apply(record, extracted)
            if self.minutes_index is not None:  # in the same transaction as the actions
                index_minutes(
                    self.minutes_index,
                    record.id,
                    meeting.document,
                    at=meeting.starts_at or _midnight(ctx.meeting_date),
                    url=ctx.url,
                )
            self.store.upsert_meeting(
                meeting.source, minutes_hash=meeting.content_hash, ingested_at=self.clock.now()
            )
        log.info("ingested %s", report.summary())
        return report

    # ------------------------------------------------------------------ reconcile
    def _apply(self, meeting: MeetingRecord, extracted: Sequence[ExtractedAction]) -> IngestReport:
        now = self.clock.now()
        same = self.store.actions(ActionFilter(meeting_id=meeting.id))
        live_same = [r for r in same if r.review is not Review.REJECTED or "review" in r.edited]
        earlier = carry_candidates(self.store, meeting, extracted)
        plan = plan_ingest(extracted, live_same, earlier)
        created = [self._create(meeting, item, now) for item in plan.create]
        linked = [
            self._create(meeting, link.item, now, similar_to=link.similar_to, why=link.reason)
            for link in plan.linked
        ]
        updated = [self._update(rid, item, now, meeting) for rid, item in plan.update]
        carried: list[int] = []
        closed: list[int] = []
        for rid, item in plan.carried:
            if self._carry(rid, item, now, meeting):
                closed.append(rid)
            else:
                carried.append(rid)
        withdrawn = [rid for rid in plan.vanished if self._withdraw(rid, now, meeting)]
        return IngestReport(
            source=meeting.source,
            meeting_id=meeting.id,
            title=meeting.title,
            created=tuple(created + linked),
            linked=tuple(linked),
            updated=tuple(updated),
            unchanged=plan.unchanged,
            carried=tuple(carried),
            closed=tuple(closed),
            withdrawn=tuple(withdrawn),
        )

    def _create(
        self,
        meeting: MeetingRecord,
        item: ExtractedAction,
        now: datetime,
        *,
        similar_to: int | None = None,
        why: str = "",
    ) -> int:
        rec = self.store.create_action(
            text=item.text,
            owners=item.owners,
            at=now,
            who=WHO,
            via=VIA,
            status=item.status,
            review=Review.PROPOSED,
            meeting_id=meeting.id,
            due=item.due.date if item.due else None,
            due_phrase=item.due.phrase if item.due else None,
            due_precision=item.due.precision if item.due else None,
            section=item.section,
            source_text=item.source_text,
            source_line=item.line,
            source_url=item.section_url or meeting.url,
            fingerprint=fingerprint(item.text),
            carried_over=item.carried_over,
            similar_to=similar_to,
        )
        if similar_to is not None:
            comment = f"may restate #{similar_to} ({why}): `merge {rec.id} {similar_to}`"
            self._note(rec.id, now, "similar", comment, new=f"#{similar_to}")
        return rec.id

    def _update(
        self, rid: int, item: ExtractedAction, now: datetime, meeting: MeetingRecord
    ) -> int:
        current = self.store.action(rid)
        changes = _changes_from(item, current)
        changes["fingerprint"] = fingerprint(item.text)
        changes["source_text"] = item.source_text
        changes["source_line"] = item.line
        owners = item.owners if "owners" not in current.edited else None
        comment = f"minutes of {meeting.title or meeting.source} changed"
        self._change(rid, changes, now, comment, owners=owners)
        return rid

    def _carry(
        self, rid: int, item: ExtractedAction, now: datetime, meeting: MeetingRecord
    ) -> bool:
        """Restated in a later meeting: same item. Returns True when that closed it."""
        current = self.store.action(rid)
        changes: ActionChanges = {"last_meeting_id": meeting.id, "carried_over": True}
        closes = item.status is Status.DONE and current.status is not Status.DONE
        if closes:
            changes["status"] = Status.DONE
        elif "due" not in current.edited and item.due and item.due.date:
            changes["due"] = item.due.date
            changes["due_phrase"] = item.due.phrase
            changes["due_precision"] = item.due.precision
        self._change(rid, changes, now, f"restated in {meeting.title or meeting.source}")
        return closes

    def _withdraw(self, rid: int, now: datetime, meeting: MeetingRecord) -> bool:
        """An item no longer in its meeting's minutes: a proposal is withdrawn, others noted."""
        current = self.store.action(rid)
        if current.review is Review.PROPOSED:
            self._change(rid, {"review": Review.REJECTED}, now, "no longer in the minutes")
            return True
        comment = f"no longer in the minutes of {meeting.title or meeting.source}"
        self._note(rid, now, "minutes-removed", comment)
        return False

    def _change(
        self,
        rid: int,
        changes: ActionChanges,
        now: datetime,
        comment: str,
        *,
        owners: Sequence[Owner] | None = None,
    ) -> None:
        """Write what the minutes say, as the bot: the fields count as not edited by a person."""
        self.store.update_action(
            rid, changes, owners=owners, at=now, who=WHO, via=VIA, comment=comment,
            mark_edited=False,
        )  # fmt: skip

    def _note(self, rid: int, now: datetime, change: str, comment: str, new: str = "") -> None:
        """One history entry of the bot's, changing no field."""
        self.store.record(rid, at=now, who=WHO, via=VIA, change=change, comment=comment, new=new)


def _changes_from(item: ExtractedAction, current: ActionRecord) -> ActionChanges:
    """Fields the minutes now say, except those a person has edited since (an edited due
    date keeps its phrase and precision too)."""
    changes: ActionChanges = {}
    if "text" not in current.edited:
        changes["text"] = item.text
    if "status" not in current.edited:
        changes["status"] = item.status
    if "section" not in current.edited:
        changes["section"] = item.section
    if "due" not in current.edited:
        changes["due"] = item.due.date if item.due else None
        changes["due_phrase"] = item.due.phrase if item.due else None
        changes["due_precision"] = item.due.precision if item.due else None
    return changes


def _midnight(day: date | None) -> datetime | None:
    """Midnight UTC of the meeting's day: when its minutes count as said, for ``since``."""
    return None if day is None else datetime.combine(day, time(), UTC)

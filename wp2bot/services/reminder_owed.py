"""What one reminder sweep owes each person: their own items and those escalated to them.

The sweep reads the state once (what was sent, who muted what, which sites are down) and then
walks the items; this module holds that walk and the date bounds of what it reads, so that
``reminding`` is left with reading, sending and the per-person settings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from wp2bot.domain.reminder_digest import DIGEST_ITEMS, DigestLine
from wp2bot.domain.reminder_occasions import OccasionKinds, Occasions
from wp2bot.domain.reminders import (
    Occasion,
    ReminderPolicy,
    RosterIndex,
    latest_nudge,
    needs_nudge,
)
from wp2bot.domain.tracking import ActionRecord
from wp2bot.ports.downtimes import Downtime
from wp2bot.ports.reminder_state import ESCALATION, ReminderState, SweepBounds

MARGIN = timedelta(days=2)  # a recipient's own day is at most a day or so off the group's


@dataclass(frozen=True, slots=True)
class SweepFacts:
    """What the sweep read before it looks at the items."""

    today: date  # the group's day (snoozes end on it)
    meeting_day: date | None
    done: frozenset[str]  # people whose digest of their own today is claimed
    mutes: set[tuple[int, str]]  # (action, username) muted
    down: set[str]  # the sites down now, case-folded
    state: ReminderState


@dataclass(frozen=True, slots=True)
class Listed:
    """A digest line as the walk keeps it: the item's id, not its record. The records of the
    lines are read again when the digests of a batch are written (see ``Owed.lines``): 500
    digests list up to 20,000 lines, and their records held from the walk to the last batch
    were most of the sweep's memory."""

    action_id: int
    kind: Occasion
    escalated_from: tuple[str, ...] = ()  # owners who did not answer (escalations only)
    unanswered: int = 0


@dataclass(slots=True)
class Owed:
    """Per person: the digest lines listed, every occasion to record, and the lines not listed."""

    own: defaultdict[str, list[Listed]] = field(default_factory=lambda: defaultdict(list))
    escalated: defaultdict[str, list[Listed]] = field(default_factory=lambda: defaultdict(list))
    occasions: dict[str, Occasions] = field(default_factory=dict)
    kinds: OccasionKinds = field(default_factory=OccasionKinds)  # shared by everyone's
    more_own: Counter[str] = field(default_factory=Counter)  # items owed but not listed
    more_escalated: Counter[str] = field(default_factory=Counter)

    def people(self) -> list[str]:
        """Everyone owed a digest, sorted."""
        return sorted(set(self.own) | set(self.escalated))

    def occasion(self, user: str, action_id: int, kind: str, day: date) -> None:
        """Record that ``user`` is owed a reminder of ``action_id`` (``kind``, for ``day``)."""
        mine = self.occasions.get(user)
        if mine is None:
            mine = self.occasions[user] = Occasions(self.kinds)
        mine.append(action_id, kind, day)

    def listed_ids(self, users: Iterable[str]) -> list[int]:
        """The ids the digests of ``users`` list, ascending."""
        ids = {
            x.action_id for u in users for x in (*self.own.get(u, ()), *self.escalated.get(u, ()))
        }
        return sorted(ids)

    def lines(
        self, user: str, records: Mapping[int, ActionRecord]
    ) -> tuple[list[DigestLine], list[DigestLine]]:
        """``user``'s own and escalated digest lines, of the items read again as ``records``:
        an item closed since the walk (not among them) is left out."""

        def of(listed: list[Listed]) -> list[DigestLine]:
            return [
                DigestLine(records[x.action_id], x.kind, x.escalated_from, x.unanswered)
                for x in listed
                if x.action_id in records
            ]

        return of(self.own.get(user, [])), of(self.escalated.get(user, []))


def owed(
    records: Iterable[ActionRecord],
    facts: SweepFacts,
    index: RosterIndex,
    policy: ReminderPolicy,
    today_of: Callable[[str], date],
) -> Owed:
    """Walk ``records`` and collect what each recipient (``today_of`` gives their day) is owed."""
    out = Owed()
    state, done, mutes = facts.state, facts.done, facts.mutes
    for rec in records:
        if rec.snoozed_until is not None and rec.snoozed_until > facts.today:
            continue
        if facts.down and any(s.casefold() in facts.down for s in index.sites(rec)):
            continue  # the site is down: nagging would not help
        recipients = [u.lower() for u in index.recipients(rec)]
        for user in recipients:
            if user in done or (rec.id, user) in mutes:
                continue
            latest = latest_nudge(rec.due, today_of(user), policy, facts.meeting_day)
            if latest is not None and needs_nudge(latest, state.last_occasion.get((rec.id, user))):
                # every occasion is recorded; the digest lists the first DIGEST_ITEMS,
                # so the items of a page are let go once it is worked through
                if len(out.own[user]) < DIGEST_ITEMS:
                    out.own[user].append(Listed(rec.id, latest.kind))
                else:
                    out.more_own[user] += 1
                out.occasion(user, rec.id, latest.kind.value, latest.day)
        unanswered = state.unanswered.get(rec.id, 0)
        if unanswered >= policy.escalate_after:
            for target in index.escalation_targets(rec, recipients):
                t = target.lower()
                if t in done or (rec.id, t) in state.escalated or (rec.id, t) in mutes:
                    continue
                if len(out.escalated[t]) < DIGEST_ITEMS:
                    line = Listed(rec.id, Occasion.OVERDUE, tuple(recipients), unanswered)
                    out.escalated[t].append(line)
                else:
                    out.more_escalated[t] += 1
                out.occasion(t, rec.id, ESCALATION, today_of(t))
    return out


def sweep_bounds(
    policy: ReminderPolicy,
    today: date,
    meeting_day: date | None,
    done: set[str],
    dated_today: Iterable[str] = (),
) -> SweepBounds:
    """What can owe a reminder today: the date bounds keep a two-day margin for the recipients'
    own days (the sweep checks each item exactly); ``dated_today`` are the people with a digest
    dated ``today``, of whom those not ``done`` stay owed."""
    before = max((n for n in policy.days_before if n > 0), default=0)
    undated = meeting_day is not None and (
        meeting_day - timedelta(days=policy.undated_days_before_meeting) - MARGIN
        <= today
        <= meeting_day + MARGIN
    )
    return SweepBounds(
        today=today,
        due_until=today + MARGIN + timedelta(days=before),
        undated=undated,
        done=frozenset(done),
        escalate_after=policy.escalate_after,
        owed_despite_digest=frozenset(u for u in dated_today if u not in done),
    )


def down_sites(downtimes: list[Downtime], now: datetime) -> set[str]:
    """The sites whose downtime covers ``now``, case-folded."""
    return {d.site.casefold() for d in downtimes if d.starts_at <= now < d.ends_at}

"""Reminders: one sweep (``tick``) sends each person at most one bundled DM a day.

The sweep is idempotent: it works out what is owed from the database (what was sent for which
occasion), so the scheduler may call it every few minutes, after a restart or after days of
downtime, and each person gets one digest with the latest occasion of each item.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from wp2bot.chat import ChatPort, Outgoing
from wp2bot.clock import Clock
from wp2bot.domain.calendar import Period
from wp2bot.domain.outbox import message_key
from wp2bot.domain.reminder_digest import digest_text
from wp2bot.domain.reminder_occasions import Occasion
from wp2bot.domain.reminder_overview import PersonReminders, overview_text
from wp2bot.domain.reminders import ReminderPolicy, RosterIndex, may_send
from wp2bot.domain.tracking import ActionRecord
from wp2bot.ports.actions import ActionReader
from wp2bot.ports.downtimes import Downtime, Downtimes
from wp2bot.ports.outbox import OutboxRepository
from wp2bot.ports.reminder_state import ReminderStates
from wp2bot.services.action_cards import StatusLookup
from wp2bot.services.outbox import Outbox, local_outbox
from wp2bot.services.reminder_digests import digest_cards, live_block
from wp2bot.services.reminder_owed import Owed, SweepFacts, down_sites, owed, sweep_bounds
from wp2bot.services.reminder_zones import PersonZones, ProfileSource
from wp2bot.zones import check_zone

log = logging.getLogger(__name__)
OVERVIEW_ITEMS = 40  # items listed by `reminders`: a post stops at 16,383 characters
OVERVIEW_COUNT_CAP = 500  # `reminders` counts the owned items no further (then: "over N more")
SWEEP_PAGE = 1000  # items the reminder sweep reads at a time
# digests written, claimed and delivered at a time: a first sweep owing 500 people their
# digest holds a hundred texts and their cards, not all of them (tens of MB at 100k items)
DIGEST_BATCH = 100


class ReminderStore(ReminderStates, Downtimes, Protocol):
    """What reminders remember, the site downtimes that pause them, and their outbox."""

    def outbox(self) -> OutboxRepository:
        """The outbox in the same database."""
        ...


@dataclass(frozen=True, slots=True)
class SweepReport:
    """What one sweep did."""

    sent: tuple[tuple[str, int], ...] = ()  # (username, items) per digest sent
    waiting: tuple[str, ...] = ()  # people owed a digest who may not be written to now
    failed: tuple[str, ...] = ()


class ReminderService:
    """Reminder sweep plus the per-person settings behind ``reminders``, ``mute``, ``away``."""

    def __init__(
        self,
        store: ActionReader,
        rhythm: ReminderStore,
        clock: Clock,
        chat: ChatPort | None,
        index: RosterIndex,
        *,
        policy: ReminderPolicy | None = None,
        zone: str = "UTC",
        next_meeting: Callable[[datetime], date | None] | None = None,
        profiles: ProfileSource | None = None,
        status: StatusLookup | None = None,
        outbox: Outbox | None = None,
    ) -> None:
        self.store, self.rhythm, self.clock, self.chat = store, rhythm, clock, chat
        # what the sweep decides to send goes through the outbox (see wp2bot.services.outbox)
        self.outbox = outbox or local_outbox(rhythm.outbox(), clock, chat)
        self.status = status  # live status of linked checks, shown under the digest
        self.index = index
        self.policy = policy or ReminderPolicy()
        self.zone = ZoneInfo(zone)
        self.next_meeting = next_meeting
        self.profiles = profiles

    # ---------------------------------------------------------------- the sweep
    def tick(self, now: datetime | None = None) -> SweepReport:
        """Send every digest that is owed and allowed at ``now``."""
        now = now or self.clock.now()
        group_today = now.astimezone(self.zone).date()
        zones = self._zones(now)
        meeting_day = self.next_meeting(now) if self.next_meeting else None
        already = self.rhythm.digest_days(group_today - timedelta(days=2))
        done = {u for u, day in already if day == zones.today(u)}  # today's digest is claimed
        dated_today = (u for u, day in already if day == group_today)
        bounds = sweep_bounds(self.policy, group_today, meeting_day, done, dated_today)
        ids = self.rhythm.sweep_ids(bounds)  # the filter once; then reads by id
        facts = SweepFacts(
            today=group_today,
            meeting_day=meeting_day,
            done=frozenset(done),
            mutes=self.rhythm.mutes(),
            down=down_sites(self.rhythm.downtimes(now), now),
            state=self.rhythm.reminder_state(ids=ids),
        )
        found = owed(self._sweep_records(ids), facts, self.index, self.policy, zones.today)
        return self._send(now, found, zones, already)

    def _zones(self, now: datetime) -> PersonZones:
        return PersonZones(
            self.rhythm, self.rhythm.timezones(), now, self.profiles, self.index, self.zone
        )

    def _sweep_records(self, ids: Sequence[int]) -> Iterator[ActionRecord]:
        """The items of ``ids``, read ``SWEEP_PAGE`` at a time (flat memory)."""
        for start in range(0, len(ids), SWEEP_PAGE):
            yield from self.rhythm.actions_with_ids(ids[start : start + SWEEP_PAGE])

    def _send(
        self, now: datetime, found: Owed, zones: PersonZones, already: set[tuple[str, date]]
    ) -> SweepReport:
        closures = self.policy.closure_periods()
        away = self.rhythm.away_periods(now.astimezone(self.zone).date() - timedelta(days=1))
        batch: list[tuple[str, date, Sequence[Occasion]]] = []
        waiting: list[str] = []
        # A digest still queued (the chat server was down) is the person's one catch-up message:
        # no second digest is composed until it is out.
        queued = self.outbox.queued("digest") if self.outbox is not None else set()
        for user in found.people():
            local = now.astimezone(zones.zone(user))
            if user in queued or not may_send(local, self.policy, away.get(user, ()), closures):
                waiting.append(user)
            elif (user, local.date()) not in already:
                batch.append((user, local.date(), found.occasions[user]))
        if self.outbox is None:
            return SweepReport(waiting=tuple(waiting))
        if not batch:
            self.outbox.deliver()  # what earlier sweeps queued and could not post yet
            return SweepReport(waiting=tuple(waiting))
        names = self._names()
        sent: list[tuple[str, int]] = []
        failed: list[str] = []
        for start in range(0, len(batch), DIGEST_BATCH):
            part = batch[start : start + DIGEST_BATCH]
            done, refused = self._compose_and_deliver(part, found, names, now)
            sent += [(user, len(items)) for user, _day, items in part if user in done]
            failed += [user for user, _day, _items in part if user in refused]
        if sent:
            log.info("reminders: %d digest(s) sent", len(sent))
        return SweepReport(tuple(sent), tuple(waiting), tuple(failed))

    def _compose_and_deliver(
        self,
        batch: Sequence[tuple[str, date, Sequence[Occasion]]],
        found: Owed,
        names: dict[str, str],
        now: datetime,
    ) -> tuple[set[str], set[str]]:
        """Write, claim and deliver the digests of ``batch``: who of it was sent one (every
        occasion counted, listed or not) and whose digest was refused."""
        assert self.outbox is not None
        messages: dict[str, Outgoing] = {}
        listed = found.listed_ids(user for user, _day, _items in batch)
        records = {r.id: r for r in self.rhythm.actions_with_ids(listed)}
        for user, day, _items in batch:
            mine, theirs = found.lines(user, records)
            text = digest_text(
                mine,
                theirs,
                day,
                names,
                more_own=found.more_own[user],
                more_escalated=found.more_escalated[user],
            ) + live_block(self.status, [*mine, *theirs])
            key = message_key("digest", user, day.isoformat())
            messages[user] = Outgoing(
                key, "digest", user, text, cards=digest_cards(mine, day, self.policy.max_cards)
            )
        claimed = self.rhythm.claim_digests(batch, now, messages)
        delivered = self.outbox.deliver()
        done, refused = set(delivered.sent), {*delivered.failed, *delivered.undeliverable}
        sent = {u for u in claimed if messages[u].key in done}
        return sent, {u for u in claimed if messages[u].key in refused}

    def _names(self) -> dict[str, str]:
        return {u: p.name for u, p in self.index.by_username.items()}

    # ---------------------------------------------------------------- one person's settings
    def timezone_for(self, username: str) -> ZoneInfo:
        """The zone reminders use for ``username``."""
        return self._zones(self.clock.now()).zone(username.lower())

    def set_timezone(self, username: str, zone: str) -> None:
        """Use ``zone`` for this person's reminders (``ValueError`` for an unknown zone)."""
        self.rhythm.set_timezone(username, check_zone(zone), "command", self.clock.now())

    def mine(
        self, username: str, limit: int | None = None, count_cap: int | None = None
    ) -> tuple[list[ActionRecord], int, bool]:
        """Open accepted actions that remind ``username`` (the first ``limit``, soonest due
        first), how many owned items were not read, and whether there are more than that (the
        owned items are counted no further than ``count_cap``)."""
        user = username.removeprefix("@").lower()
        # the groups whose primary contact ``user`` is (they are reminded of the group's items)
        groups = [
            name
            for g in {id(g): g for g in self.index.groups.values()}.values()
            if g.contacts and g.contacts[0].lower() == user
            for name in (g.name, *g.aliases)
        ]
        records, total = self.rhythm.owned_actions(user, groups, limit, count_cap)
        mine = [r for r in records if user in (u.lower() for u in self.index.recipients(r))]
        if count_cap is not None and total > count_cap:
            return mine, count_cap - len(records), True
        return mine, total - len(records), False

    def overview(self, username: str) -> str:
        """What ``reminders`` shows: zone, away periods, and each item's next reminder."""
        user = username.lower()
        now = self.clock.now()
        zone = self.timezone_for(user)
        today = now.astimezone(zone).date()
        items, unread, over = self.mine(user, OVERVIEW_ITEMS, OVERVIEW_COUNT_CAP)
        person = PersonReminders(
            zone=zone,
            today=today,
            next_meeting=self.next_meeting(now) if self.next_meeting else None,
            away=self.rhythm.away_periods(today).get(user, []),
            items=items,
            unread=unread,
            unread_over=over,
            muted={a for a, u in self.rhythm.mutes() if u == user},
            last=self.rhythm.last_reminded(user),
        )
        return overview_text(person, self.policy)

    def mute(self, username: str, action_id: int) -> bool:
        """Stop reminding ``username`` of one action (``NotFound`` for an unknown action)."""
        self.store.action(action_id)
        return self.rhythm.mute(username, action_id, self.clock.now())

    def unmute(self, username: str, action_id: int) -> bool:
        """Remind ``username`` of the action again."""
        return self.rhythm.unmute(username, action_id)

    def away(self, username: str, period: Period) -> None:
        """No reminders for ``username`` during ``period``."""
        self.rhythm.add_away(username, period, self.clock.now())

    def back(self, username: str) -> int:
        """Forget the away periods of ``username``."""
        return self.rhythm.clear_away(username)

    def declare_downtime(
        self, site: str, start: datetime, end: datetime, reason: str, who: str
    ) -> Downtime:
        """Record a site's downtime (``ValueError`` for an unknown site or an empty span)."""
        group = self.index.group(site)
        if group is None or group.kind != "site":
            raise ValueError(f"unknown site {site!r}")
        if end <= start:
            raise ValueError("the downtime ends before it starts")
        return self.rhythm.add_downtime(
            group.name, start, end, reason=reason, who=who, at=self.clock.now()
        )

    def downtimes(self) -> list[Downtime]:
        """Current and coming downtimes."""
        return self.rhythm.downtimes(self.clock.now())

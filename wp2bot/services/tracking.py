"""Tracking use cases behind the chat commands: list, close, reassign, reschedule, review.

Every change goes through the Store with who (the requester), when (the injected Clock) and via
(the way in), so the history answers "who changed this?". Permissions live here, not in the
transports: only an owner or a chair changes an item; everybody reads, adds and notes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from wp2bot.chat import Accounts
from wp2bot.clock import Clock
from wp2bot.domain.dates import DateContext
from wp2bot.domain.dates_phrase import clears_due, parse_due
from wp2bot.domain.models import Due, Owner, Roster, Status
from wp2bot.domain.render import owners_text
from wp2bot.domain.tracking import ActionRecord, HistoryEntry, Review, fingerprint
from wp2bot.ports.actions import ActionChanges, Actions
from wp2bot.ports.meetings import Meetings
from wp2bot.ports.people import People
from wp2bot.services.tracking_listing import first_page, listing_filters, proposals_of
from wp2bot.services.tracking_owners import OwnerDirectory
from wp2bot.services.tracking_terms import (
    LIST_LIMIT,
    Actor,
    Invalid,
    Listing,
    ListQuery,
    Outcome,
    Refused,
    split_names,
)


class TrackingStore(Actions, Meetings, People, Protocol):
    """The actions, meetings and people the tracking use cases read and change."""


class Tracker:
    """The tracking use cases over one Store, one Clock and the group's chairs and timezone."""

    def __init__(
        self,
        store: TrackingStore,
        clock: Clock,
        *,
        chairs: Sequence[str],
        timezone: str,
        roster: Roster | None = None,
        accounts: Accounts | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.accounts = accounts  # the chat server's accounts, to catch mistyped @usernames
        self.chairs = frozenset(c.removeprefix("@").lower() for c in chairs)
        self.zone = ZoneInfo(timezone)
        self.timezone = timezone
        self.directory = OwnerDirectory(store, roster or Roster())

    # ---------------------------------------------------------------- who may do what
    def today(self) -> date:
        """Today's date in the group's timezone."""
        return self.clock.now().astimezone(self.zone).date()

    def is_chair(self, user: str) -> bool:
        """Whether ``user`` is a chair (or admin) from the configuration."""
        return user.removeprefix("@").lower() in self.chairs

    def is_owner(self, user: str, rec: ActionRecord) -> bool:
        """Whether ``user`` owns ``rec``, directly or as a contact of an owning group."""
        name = user.removeprefix("@").lower()
        if any(u.lower() == name for u in rec.owner_usernames()):
            return True
        return any(name in self.directory.group_contacts(o) for o in rec.owners)

    def may_change(self, user: str, rec: ActionRecord) -> bool:
        """Owners and chairs change an action; everybody else only reads and notes."""
        return self.is_chair(user) or self.is_owner(user, rec)

    def _require(self, actor: Actor, action_id: int, what: str) -> ActionRecord:
        """The action, when ``actor`` may ``what`` it (``Refused`` otherwise)."""
        rec = self.get(action_id)
        if not self.may_change(actor.user, rec):
            raise Refused(
                f"Only an owner of #{rec.id} or a chair may {what} it "
                f"(owners: {owners_text(rec.owners)})."
            )
        return rec

    # ---------------------------------------------------------------- reading
    def get(self, action_id: int) -> ActionRecord:
        """One action; ``NotFound`` when there is none."""
        return self.store.action(action_id)

    def history(self, action_id: int) -> list[HistoryEntry]:
        """Every change of one action, oldest first (``NotFound`` when there is no action)."""
        self.store.action(action_id)
        return self.store.history(action_id)

    def list_actions(self, query: ListQuery, limit: int = LIST_LIMIT) -> Listing:
        """Actions matching ``query``, narrowed in the database; soonest due first."""
        filters = listing_filters(query, self.today(), limit, self.directory.site_owners)
        return first_page(self.store.actions, filters, limit, self.today())

    def proposals(self, user: str, limit: int | None = None) -> list[ActionRecord]:
        """Proposals ``user`` may accept: all of them for a chair, their own otherwise."""
        groups = self.directory.groups_of(user)
        return proposals_of(self.store.actions, user, self.is_chair(user), groups, limit)

    # ---------------------------------------------------------------- changing
    def _update(
        self,
        rec: ActionRecord,
        actor: Actor,
        changes: ActionChanges,
        *,
        comment: str = "",
        owners: Sequence[Owner] | None = None,
        mark_edited: bool = True,
    ) -> Outcome:
        updated = self.store.update_action(
            rec.id,
            changes,
            at=self.clock.now(),
            who=actor.user,
            via=actor.via,
            comment=comment,
            owners=owners,
            mark_edited=mark_edited,
        )
        # update_action always moves updated_at; "changed" means a field people see moved.
        same = replace(updated, updated_at=rec.updated_at, edited=rec.edited) == rec
        return Outcome(updated, not same)

    def done(self, action_id: int, actor: Actor, comment: str = "") -> Outcome:
        """Close an action; closing a proposal also confirms it."""
        rec = self._require(actor, action_id, "close")
        if rec.status is Status.DONE:
            return Outcome(rec, False)
        changes: ActionChanges = {"status": Status.DONE}
        if rec.review is Review.PROPOSED:
            changes["review"] = Review.ACCEPTED
        return self._update(rec, actor, changes, comment=comment)

    def reopen(self, action_id: int, actor: Actor, comment: str = "") -> Outcome:
        """Open a closed (or rejected) action again."""
        rec = self._require(actor, action_id, "reopen")
        changes: ActionChanges = {}
        if rec.status is Status.DONE:
            changes["status"] = Status.OPEN
        if rec.review is Review.REJECTED:
            changes["review"] = Review.ACCEPTED
        if not changes:
            return Outcome(rec, False)
        return self._update(rec, actor, changes, comment=comment)

    def assign(self, action_id: int, written: Sequence[str], actor: Actor) -> Outcome:
        """Replace the owners with the people (or groups) written."""
        rec = self._require(actor, action_id, "reassign")
        owners = self._owners(written)
        if not owners:
            raise Invalid("Name at least one new owner.")
        return self._update(rec, actor, {}, owners=owners)

    def _owners(self, written: Sequence[str]) -> tuple[Owner, ...]:
        """The owners a person typed; ``Invalid`` for an @username the chat server does not have
        (a typo would otherwise own the action and nobody would be reminded)."""
        owners = self.directory.resolve(written)
        if self.accounts is None:
            return owners
        for owner in owners:
            name = owner.username
            if (
                name
                and owner.written.startswith("@")
                and self.directory.known_person(name) is None
                and self.accounts.user_exists(name) is False
            ):
                raise Invalid(f"Nobody has the username “{name}” here; nothing was changed.")
        return owners

    def parse_due(self, phrase: str) -> Due:
        """A due phrase resolved against today in the group's timezone; ``Invalid`` if unknown."""
        today = self.today()
        upcoming = [m.meeting_date for m in self.store.meetings() if m.meeting_date]
        later = sorted(d for d in upcoming if d > today)
        ctx = DateContext(
            meeting_date=today, timezone=self.timezone, next_meeting=later[0] if later else None
        )
        due = parse_due(phrase, ctx)
        if due is None:
            raise Invalid(f"Cannot read “{phrase}” as a date (try “2024-05-31” or “next friday”).")
        return due

    def set_due(self, action_id: int, phrase: str, actor: Actor) -> Outcome:
        """Change the deadline from a phrase ("next friday", "end of month", "2024-05-31");
        a clear word ("clear", "none", "-") removes it."""
        rec = self._require(actor, action_id, "change the due date of")
        if clears_due(phrase):
            cleared: ActionChanges = {"due": None, "due_phrase": None, "due_precision": None}
            return self._update(rec, actor, cleared)
        due = self.parse_due(phrase)
        changes: ActionChanges = {
            "due": due.date,
            "due_phrase": due.phrase,
            "due_precision": due.precision,
        }
        return self._update(rec, actor, changes)

    def snooze(self, action_id: int, span: timedelta, actor: Actor) -> Outcome:
        """No reminders for ``span`` from today."""
        rec = self._require(actor, action_id, "snooze")
        until = self.today() + span
        return self._update(rec, actor, {"snoozed_until": until}, mark_edited=False)

    def note(self, action_id: int, text: str, actor: Actor) -> ActionRecord:
        """Attach a note; anybody may."""
        self.get(action_id)
        if not text.strip():
            raise Invalid("A note needs some text.")
        self.store.add_note(
            action_id, at=self.clock.now(), who=actor.user, via=actor.via, text=text
        )
        return self.get(action_id)

    def add(
        self, text: str, written_owners: Sequence[str], due_phrase: str | None, actor: Actor
    ) -> ActionRecord:
        """A new action typed by a person: accepted at once (nobody needs to confirm it)."""
        if not text.strip():
            raise Invalid("An action needs some text.")
        wanted = due_phrase is not None and not clears_due(due_phrase)
        due = self.parse_due(due_phrase) if due_phrase and wanted else None
        return self.store.create_action(
            text=text.strip(),
            owners=self._owners(written_owners),
            at=self.clock.now(),
            who=actor.user,
            via=actor.via,
            review=Review.ACCEPTED,
            due=due.date if due else None,
            due_phrase=due.phrase if due else None,
            due_precision=due.precision if due else None,
            fingerprint=fingerprint(text),
        )

    def accept(self, action_id: int, actor: Actor) -> Outcome:
        """Confirm a proposal so it is tracked and reminded."""
        rec = self._require(actor, action_id, "accept")
        if rec.review is Review.ACCEPTED:
            return Outcome(rec, False)
        return self._update(rec, actor, {"review": Review.ACCEPTED})

    def reject(self, action_id: int, actor: Actor, comment: str = "") -> Outcome:
        """Drop a proposal (or a tracked item) that is not a real action."""
        rec = self._require(actor, action_id, "reject")
        if rec.review is Review.REJECTED:
            return Outcome(rec, False)
        return self._update(rec, actor, {"review": Review.REJECTED}, comment=comment)

    def not_mine(self, action_id: int, actor: Actor) -> Outcome:
        """The requester steps out of the owners; a chair then sees the item in ``review``."""
        rec = self.get(action_id)
        name = actor.user.removeprefix("@").lower()
        keep = tuple(o for o in rec.owners if (o.username or "").lower() != name)
        if len(keep) == len(rec.owners):
            raise Refused(f"You are not an owner of #{rec.id} (owners: {owners_text(rec.owners)}).")
        changes: ActionChanges = {}
        if not keep and rec.review is Review.ACCEPTED:
            # Nobody owns it any more: back to the chairs' review instead of silently orphaned.
            changes["review"] = Review.PROPOSED
        return self._update(rec, actor, changes, owners=keep, comment="not mine")

    def edit(self, action_id: int, field: str, value: str, actor: Actor) -> Outcome:
        """Change one field: text, due, owners or status."""
        rec = self._require(actor, action_id, "edit")
        editor = self._editors().get(field)
        if editor is None:
            raise Invalid(f"Unknown field “{field}”: use text, due, owners or status.")
        return editor(rec, value, actor)

    def _editors(self) -> dict[str, Callable[[ActionRecord, str, Actor], Outcome]]:
        return {
            "text": self._edit_text,
            "due": lambda rec, value, actor: self.set_due(rec.id, value, actor),
            "owners": lambda rec, value, actor: self.assign(rec.id, split_names(value), actor),
            "status": self._edit_status,
        }

    def _edit_text(self, rec: ActionRecord, value: str, actor: Actor) -> Outcome:
        # The fingerprint stays: it still matches the minutes line when they are re-ingested.
        if not value.strip():
            raise Invalid("An action needs some text.")
        return self._update(rec, actor, {"text": value.strip()})

    def _edit_status(self, rec: ActionRecord, value: str, actor: Actor) -> Outcome:
        word = value.strip().lower()
        status = {"closed": Status.DONE, "reopened": Status.OPEN}.get(word)
        if status is None and word in {s.value for s in Status}:
            status = Status(word)
        if status is None:
            raise Invalid(f"Unknown status “{value}”: use open, tentative or done.")
        return self._update(rec, actor, {"status": status})

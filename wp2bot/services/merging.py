"""The chair's ``merge N M``: a new proposal that restates an older item is folded into it.

Ingest never merges a look-alike it cannot decide on (see ``domain.carryover``); it files a new
proposal linked to the older item. The chair, who knows, merges them: the older item takes the
newer statement's wording, deadline and state, and the newer one is closed as merged.
"""

from __future__ import annotations

from wp2bot.domain.models import Status
from wp2bot.domain.tracking import ActionRecord, Review, fingerprint
from wp2bot.ports.actions import ActionChanges
from wp2bot.services.tracking import Tracker
from wp2bot.services.tracking_terms import Actor, Invalid, Outcome, Refused


def merge(tracker: Tracker, newer_id: int, older_id: int, actor: Actor) -> Outcome:
    """Fold action ``newer_id`` into ``older_id``; only a chair may.

    Fields a person edited on the older item stay as they are. The newer item is rejected with
    a "merged into" history entry and keeps its place in its meeting, so re-ingesting those
    minutes finds it rather than proposing the task again.
    """
    if not tracker.is_chair(actor.user):
        raise Refused("Only a chair may merge two actions.")
    if newer_id == older_id:
        raise Invalid("Name two different actions: `merge NEW OLD`.")
    newer, older = tracker.get(newer_id), tracker.get(older_id)
    if newer.review is Review.REJECTED:
        raise Invalid(f"#{newer_id} is already rejected or merged.")
    if older.review is Review.REJECTED:
        raise Invalid(f"#{older_id} is rejected; reopen it first or merge the other way round.")
    now = tracker.clock.now()
    comment = f"merged #{newer_id} into it"
    merged = tracker.store.update_action(
        older_id,
        _taken_over(newer, older),
        owners=newer.owners if not older.owners else None,
        at=now,
        who=actor.user,
        via=actor.via,
        comment=comment,
        mark_edited=False,
    )
    tracker.store.record(
        older_id, at=now, who=actor.user, via=actor.via, change="merged", old=f"#{newer_id}"
    )
    tracker.store.update_action(
        newer_id,
        {"review": Review.REJECTED, "similar_to": older_id},
        at=now,
        who=actor.user,
        via=actor.via,
        comment=f"merged into #{older_id}",
    )
    return Outcome(merged, True)


def _taken_over(newer: ActionRecord, older: ActionRecord) -> ActionChanges:
    """What the older item takes from the newer statement of the task."""
    changes: ActionChanges = {"carried_over": True}
    if newer.meeting_id is not None:
        changes["last_meeting_id"] = newer.meeting_id
    if "text" not in older.edited:
        changes["text"] = newer.text
        changes["fingerprint"] = fingerprint(newer.text)
    if newer.due is not None and "due" not in older.edited:
        changes["due"] = newer.due
        changes["due_phrase"] = newer.due_phrase
        changes["due_precision"] = newer.due_precision
    if newer.status is Status.DONE and "status" not in older.edited:
        changes["status"] = Status.DONE
    if newer.review is Review.ACCEPTED and older.review is Review.PROPOSED:
        changes["review"] = Review.ACCEPTED
    return changes

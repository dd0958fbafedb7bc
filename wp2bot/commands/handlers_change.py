"""Handlers that change one action: done, reopen, assign, due, snooze, note, add, notmine."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from wp2bot.chat import Outgoing, Reply
from wp2bot.commands.base import Context
from wp2bot.commands.parsing import (
    UsageError,
    duration,
    id_and_rest,
    just_id,
    split_add,
    usernames,
    words,
)
from wp2bot.domain.dates_phrase import clears_due, trailing_due
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.outbox import message_key
from wp2bot.domain.render import one_line, owners_text, pings
from wp2bot.domain.tracking import ActionRecord
from wp2bot.services.tracking_terms import Outcome

log = logging.getLogger(__name__)
NEW_OWNER = "new_owner"  # the outbox kind of the DM to a person made an owner


def _short(rec: ActionRecord) -> str:
    text = one_line(rec.text)
    return escape_mentions(text if len(text) <= 80 else text[:79].rstrip() + "…")


def outcome_reply(ctx: Context, outcome: Outcome, changed: str, unchanged: str) -> Reply:
    """The answer to a change of one action: what happened, and the action's card."""
    rec = outcome.record
    text = changed if outcome.changed else unchanged
    return Reply(f"{text} — #{rec.id} {_short(rec)}", cards=(ctx.card(rec),))


def tell_new_owners(ctx: Context, rec: ActionRecord, before: Sequence[str]) -> str:
    """Let owners who are new to ``rec`` know: a DM through the outbox when chat is wired, else
    a ping here.

    The DMs are queued (one key per action, owner and change) and sent at once; one that fails
    stays in the outbox and is retried, and one the server refuses for good is reported to the
    chairs, like every message wp2bot sends.
    """
    old = {u.lower() for u in before} | {ctx.request.user.lower()}
    new = [u for u in rec.owner_usernames() if u.lower() not in old]
    if not new:
        return ""
    outbox = ctx.rhythm.outbox
    if ctx.chat is None or outbox is None:
        return f" (cc {pings(new)})"
    note = f"{escape_mentions(ctx.request.user)} made you an owner of action #{rec.id}."
    stamp = rec.updated_at.isoformat(timespec="microseconds") if rec.updated_at else ""
    card = ctx.card(rec)
    messages = [
        Outgoing(message_key(NEW_OWNER, rec.id, user.lower(), stamp), NEW_OWNER, user, note,
                 cards=(card,))
        for user in new
    ]  # fmt: skip
    try:
        sent = outbox.send(messages)
    except Exception:  # the change is stored; what was queued is retried by the outbox
        log.warning("could not queue the new-owner messages of #%s", rec.id, exc_info=True)
        return ""
    if len(sent) == len(messages):
        return " (told by direct message)"
    return " (told by direct message when the chat server takes it)"


def done(ctx: Context, args: str) -> Reply:
    """``done N [comment]``."""
    number, comment = id_and_rest(args)
    outcome = ctx.tracker.done(number, ctx.actor, comment)
    return outcome_reply(ctx, outcome, "✅ Done", "Already done")


def reopen(ctx: Context, args: str) -> Reply:
    """``reopen N``."""
    number, comment = id_and_rest(args)
    outcome = ctx.tracker.reopen(number, ctx.actor, comment)
    return outcome_reply(ctx, outcome, "🔄 Reopened", "Already open")


def assign(ctx: Context, args: str) -> Reply:
    """``assign N @user…``."""
    number, rest = id_and_rest(args, rest_required=True)
    who = usernames(words(rest))
    before = ctx.tracker.get(number).owner_usernames()
    outcome = ctx.tracker.assign(number, who, ctx.actor)
    rec = outcome.record
    told = tell_new_owners(ctx, rec, before)
    changed = f"👤 Now owned by {escape_mentions(owners_text(rec.owners))}{told}"
    return outcome_reply(ctx, outcome, changed, "Owners unchanged")


def due(ctx: Context, args: str) -> Reply:
    """``due N <date phrase>`` or ``due N clear``; a "Change due" click without a phrase
    explains how."""
    number, phrase = id_and_rest(args)
    if not phrase:
        if ctx.request.via != "button":
            raise UsageError("")
        rec = ctx.tracker.get(number)
        return Reply(
            f"To change the due date of #{number}, send `due {number} <date>` "
            f"(for example “next friday”, “end of month”, “2025-03-31”); "
            f"`due {number} clear` removes it.",
            cards=(ctx.card(rec),),
            ephemeral=True,
        )
    outcome = ctx.tracker.set_due(number, phrase, ctx.actor)
    rec = outcome.record
    shown = rec.due.isoformat() if rec.due else "no fixed date"
    if rec.due is None and rec.due_phrase is None:
        return outcome_reply(ctx, outcome, "📅 No due date any more", "It had no due date")
    return outcome_reply(ctx, outcome, f"📅 Due {shown}", f"Due date unchanged ({shown})")


def snooze(ctx: Context, args: str) -> Reply:
    """``snooze N <duration>``."""
    number, rest = id_and_rest(args, rest_required=True)
    outcome = ctx.tracker.snooze(number, duration(rest), ctx.actor)
    until = outcome.record.snoozed_until
    shown = until.isoformat() if until else "?"
    return outcome_reply(ctx, outcome, f"💤 No reminders until {shown}", f"Snoozed to {shown}")


def note(ctx: Context, args: str) -> Reply:
    """``note N <text>``."""
    number, text = id_and_rest(args, rest_required=True)
    rec = ctx.tracker.note(number, text, ctx.actor)
    return Reply(f"📝 Noted — #{rec.id} {_short(rec)}", cards=(ctx.card(rec),))


def add(ctx: Context, args: str) -> Reply:
    """``add <text> [@owners] [due <phrase> | by <phrase>]``: without ``due``, a text ending in
    "by <date>" ("… by next friday") has that date as its due date, the rest as its text;
    ``due none`` (or ``clear``, ``-``) adds it with no due date, whatever its text ends with."""
    text, owners, due_phrase = split_add(args)
    if due_phrase is not None and clears_due(due_phrase):
        due_phrase = None
    elif due_phrase is None and (dated := trailing_due(text, ctx.today)) is not None:
        text, due_phrase = dated
    rec = ctx.tracker.add(text, owners, due_phrase, ctx.actor)
    told = tell_new_owners(ctx, rec, ())
    who = f" for {escape_mentions(owners_text(rec.owners))}" if rec.owners else ""
    return Reply(f"➕ Added #{rec.id}{who}{told} — {_short(rec)}", cards=(ctx.card(rec),))


def not_mine(ctx: Context, args: str) -> Reply:
    """``notmine N``: step out of an action's owners."""
    outcome = ctx.tracker.not_mine(just_id(args), ctx.actor)
    rec = outcome.record
    if rec.owners:
        text = f"🙅 Removed you; owners now: {escape_mentions(owners_text(rec.owners))}"
    else:
        text = "🙅 Removed you; nobody owns it now, so the chairs will see it in `review`"
    return outcome_reply(ctx, outcome, text, text)

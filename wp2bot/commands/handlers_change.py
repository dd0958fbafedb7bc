"""Handlers that change one action: done, reopen, assign, due, snooze, note, add, notmine."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from wp2bot.chat import Reply
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
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.render import one_line, owners_text, pings
from wp2bot.domain.tracking import ActionRecord
from wp2bot.services.tracking import Outcome

log = logging.getLogger(__name__)


def _short(rec: ActionRecord) -> str:
    text = one_line(rec.text)
    return escape_mentions(text if len(text) <= 80 else text[:79].rstrip() + "…")


def outcome_reply(ctx: Context, outcome: Outcome, changed: str, unchanged: str) -> Reply:
    """The answer to a change of one action: what happened, and the action's card."""
    rec = outcome.record
    text = changed if outcome.changed else unchanged
    return Reply(f"{text} — #{rec.id} {_short(rec)}", cards=(ctx.card(rec),))


def tell_new_owners(ctx: Context, rec: ActionRecord, before: Sequence[str]) -> str:
    """Let owners who are new to ``rec`` know: a DM when chat is wired, else a ping here."""
    old = {u.lower() for u in before} | {ctx.request.user.lower()}
    new = [u for u in rec.owner_usernames() if u.lower() not in old]
    if not new:
        return ""
    if ctx.chat is None:
        return f" (cc {pings(new)})"
    note = f"{escape_mentions(ctx.request.user)} made you an owner of action #{rec.id}."
    told = []
    for user in new:
        try:
            ctx.chat.direct(user, note, cards=(ctx.card(rec),))
            told.append(user)
        except Exception:  # a failed DM must not undo the change that was already stored
            log.warning("could not send a direct message about #%s", rec.id, exc_info=True)
    return " (told by direct message)" if told else ""


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
    """``due N <date phrase>``; a "Change due" click without a phrase explains how."""
    number, phrase = id_and_rest(args)
    if not phrase:
        if ctx.request.via != "button":
            raise UsageError("")
        rec = ctx.tracker.get(number)
        return Reply(
            f"To change the due date of #{number}, send `due {number} <date>` "
            "(for example “next friday”, “end of month”, “2025-03-31”).",
            cards=(ctx.card(rec),),
            ephemeral=True,
        )
    outcome = ctx.tracker.set_due(number, phrase, ctx.actor)
    shown = outcome.record.due.isoformat() if outcome.record.due else "no fixed date"
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
    """``add <text> [@owners] [due <phrase>]``."""
    text, owners, due_phrase = split_add(args)
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

"""Confirm-before-commit handlers: review, accept, edit, reject."""

from __future__ import annotations

from wp2bot.chat import Card, Reply
from wp2bot.commands.base import Context
from wp2bot.commands.handlers_change import outcome_reply, tell_new_owners
from wp2bot.commands.parsing import UsageError, action_id, id_and_rest, ids_or_all, words
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.render import actions_table
from wp2bot.ports.actions import NotFound
from wp2bot.services.action_cards import COLORS, accept_all_card, action_card
from wp2bot.services.merging import merge as merge_actions
from wp2bot.services.tracking_terms import LIST_LIMIT, Invalid, Refused

REVIEW_CARDS = 10  # proposals sent as separate posts with their own buttons


def review(ctx: Context, args: str) -> Reply:
    """``review``: proposals waiting (all for a chair, your own otherwise), with buttons."""
    if args.strip():
        raise UsageError("")
    found = ctx.tracker.proposals(ctx.request.user, limit=LIST_LIMIT + 1)
    if not found:
        return Reply("No proposals are waiting for review.")
    shown = found[:LIST_LIMIT]
    more = len(found) > len(shown)
    whose = "All" if ctx.tracker.is_chair(ctx.request.user) else "Your"
    text = f"**{whose} proposals waiting for review** ({len(shown)}{'+' if more else ''})\n\n"
    text += actions_table(shown, ctx.today)
    if more:
        text += f"\n\nOnly the first {len(shown)} are listed; `accept all` takes every one."
    text += "\n\nAccept with `accept N…` or `accept all`; fix with `edit N field value`."
    extra = tuple(
        Reply(f"Proposal #{rec.id}", cards=(action_card(rec, ctx.today),))
        for rec in found[:REVIEW_CARDS]
    )
    return Reply(text, cards=(accept_all_card([rec.id for rec in shown], more),), extra=extra)


def accept(ctx: Context, args: str) -> Reply:
    """``accept N [N…] | accept all``."""
    wanted = ids_or_all(args)
    if wanted is None:
        wanted = [rec.id for rec in ctx.tracker.proposals(ctx.request.user)]
        if not wanted:
            return Reply("No proposals are waiting for you.", cards=(_summary_card(0),))
    if len(wanted) == 1 and args.strip().lower() != "all":
        outcome = ctx.tracker.accept(wanted[0], ctx.actor)
        return outcome_reply(ctx, outcome, "👍 Accepted", "Already accepted")
    accepted: list[int] = []
    problems: list[str] = []
    for number in wanted:
        try:
            if ctx.tracker.accept(number, ctx.actor).changed:
                accepted.append(number)
        except NotFound:
            problems.append(f"#{number} does not exist")
        except Refused:
            problems.append(f"#{number} is not yours to accept")
    text = f"👍 Accepted {len(accepted)} proposal{'s' if len(accepted) != 1 else ''}"
    if accepted:
        text += ": " + ", ".join(f"#{n}" for n in accepted[:60])
        text += " …" if len(accepted) > 60 else ""
    if problems:
        text += "\n\nNot accepted: " + "; ".join(problems) + "."
    return Reply(text, cards=(_summary_card(len(accepted)),), ok=not problems or bool(accepted))


def _summary_card(count: int) -> Card:
    # Replaces the "Accept all" post after a click, so the button cannot be pressed twice.
    return Card(title=f"{count} proposal{'s' if count != 1 else ''} accepted", color=COLORS["done"])


def edit(ctx: Context, args: str) -> Reply:
    """``edit N <field> <value>`` with field one of text, due, owners, status."""
    number, rest = id_and_rest(args, rest_required=True)
    field, _, value = rest.partition(" ")
    if not value.strip():
        raise UsageError("")
    field = field.lower()
    if field not in {"text", "due", "owners", "status"}:
        raise Invalid(
            f"Unknown field “{escape_mentions(field[:20])}”: use text, due, owners or status."
        )
    before = ctx.tracker.get(number).owner_usernames()
    outcome = ctx.tracker.edit(number, field, value.strip(), ctx.actor)
    told = tell_new_owners(ctx, outcome.record, before) if field == "owners" else ""
    changed = f"✏️ Changed {field}{told}"
    return outcome_reply(ctx, outcome, changed, f"{field.capitalize()} unchanged")


def reject(ctx: Context, args: str) -> Reply:
    """``reject N [reason]``."""
    number, comment = id_and_rest(args)
    outcome = ctx.tracker.reject(number, ctx.actor, comment)
    return outcome_reply(ctx, outcome, "🗑️ Rejected", "Already rejected")


def merge(ctx: Context, args: str) -> Reply:
    """``merge N M``: the chair folds proposal N (a restatement) into the older item M."""
    parts = words(args)
    if len(parts) != 2:
        raise UsageError("")
    newer, older = action_id(parts[0]), action_id(parts[1])
    outcome = merge_actions(ctx.tracker, newer, older, ctx.actor)
    return outcome_reply(ctx, outcome, f"🔗 Merged #{newer} into", "Unchanged")

"""Chat commands of the group's rhythm: reminders, mute, away, timezone, downtime, round-table.

``ROWS`` are rows of the command table (``wp2bot.commands.base.Command``); append them to
``COMMANDS``. Handlers find the services the composition root wired, with the configured
policies, on ``ctx.rhythm``.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from wp2bot.chat import Reply
from wp2bot.commands.base import Command, Context, Permission
from wp2bot.commands.parsing import UsageError, action_id
from wp2bot.domain.calendar import parse_period
from wp2bot.domain.mentions import escape_mentions
from wp2bot.services.rhythm import RhythmServices
from wp2bot.services.roundtable import RoundTableError


def services(ctx: Context) -> RhythmServices:
    """The rhythm services the composition root wired, with the configured policies."""
    return ctx.rhythm


def _reply(text: str, ok: bool = True) -> Reply:
    return Reply(text, ok=ok, ephemeral=True)


def reminders(ctx: Context, args: str) -> Reply:
    """``reminders``: your items and when each is reminded next."""
    return _reply(services(ctx).reminders.overview(ctx.request.user))


def mute(ctx: Context, args: str) -> Reply:
    """``mute N``."""
    number = action_id(args or "?")
    if services(ctx).reminders.mute(ctx.request.user, number):
        return _reply(f"🔕 No more reminders of #{number} for you (`unmute {number}` undoes it).")
    return _reply(f"#{number} was already muted for you.")


def unmute(ctx: Context, args: str) -> Reply:
    """``unmute N``."""
    number = action_id(args or "?")
    if services(ctx).reminders.unmute(ctx.request.user, number):
        return _reply(f"🔔 Reminders of #{number} are back on.")
    return _reply(f"#{number} was not muted.")


def away(ctx: Context, args: str) -> Reply:
    """``away FROM..TO`` or ``away clear``."""
    svc = services(ctx).reminders
    if args.strip().lower() in ("clear", "back", "none", "off"):
        n = svc.back(ctx.request.user)
        return _reply(f"Welcome back: {n} away period(s) forgotten.")
    if not args.strip():
        raise UsageError("")
    try:
        period = parse_period(args)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    svc.away(ctx.request.user, period)
    return _reply(f"🌴 No reminders from {period.start} to {period.end}; they resume after.")


def timezone(ctx: Context, args: str) -> Reply:
    """``timezone ZONE``."""
    svc = services(ctx).reminders
    if not args.strip():
        return _reply(f"Your reminders use **{svc.timezone_for(ctx.request.user).key}**.")
    try:
        svc.set_timezone(ctx.request.user, args.strip())
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return _reply(f"Your reminders now use **{escape_mentions(args.strip())}**.")


def downtime(ctx: Context, args: str) -> Reply:
    """``downtime [SITE FROM..TO [reason]]``: declare or list site downtimes."""
    svc = services(ctx).reminders
    if not args.strip():
        found = svc.downtimes()
        if not found:
            return _reply("No site downtime declared.")
        lines = [
            f"- **{escape_mentions(d.site)}** {d.starts_at:%Y-%m-%d %H:%M}–"
            f"{d.ends_at:%Y-%m-%d %H:%M} UTC {escape_mentions(d.reason)}".rstrip()
            for d in found
        ]
        return _reply("Site downtimes:\n" + "\n".join(lines))
    # Who may declare (a chair or the site's contacts) is the row's permission.
    site, _, rest = args.strip().partition(" ")
    try:
        period = parse_period(rest)
        zone = ZoneInfo(ctx.tracker.timezone)
        start = datetime.combine(period.start, time(), tzinfo=zone)
        end = datetime.combine(period.end, time(23, 59, 59), tzinfo=zone)
        declared = svc.declare_downtime(site, start, end, period.label, ctx.request.user)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return _reply(f"🛠 {escape_mentions(declared.site)} is down {period.start}..{period.end}: "
                  "its actions get no reminders meanwhile.", True)  # fmt: skip


class NotAsked(LookupError):
    """The person has no open round-table question: their text was not an answer."""


def answer(ctx: Context, args: str) -> Reply:
    """``answer TEXT``, or any direct message that is not a command: a round-table answer."""
    reply = services(ctx).roundtable.roundtable_answer(ctx.request.user, args)
    if reply is None:
        raise NotAsked("You have no open round-table question to answer.")
    return reply


def roundtable(ctx: Context, args: str) -> Reply:
    """``roundtable start|next|skip|back|note TEXT|end`` and ``roundtable N nothing|same|reply``."""
    rhythm = services(ctx)
    svc, live = rhythm.roundtable, rhythm.live_table
    word, _, rest = args.strip().partition(" ")
    word = word.lower()
    user, channel = ctx.request.user, ctx.request.channel_id
    try:
        if word.lstrip("#").isdigit():
            return _reply(svc.answer(user, int(word.lstrip("#")), rest.strip().lower() or "?"))
        if word == "start":
            if ctx.request.via == "dm":
                raise RoundTableError("Start the round-table in the group's channel.")
            return Reply(live.live_start(channel, user))
        if word in ("next", "n"):
            return Reply(live.live_move(+1))
        if word == "skip":
            return Reply(live.live_move(+1, skip=True))
        if word in ("back", "previous", "prev"):
            return Reply(live.live_move(-1))
        if word == "note":
            return Reply(live.live_note(rest, user))
        if word in ("end", "stop", "done"):
            return Reply(live.live_end())
    except RoundTableError as exc:
        return _reply(str(exc), False)
    raise UsageError("")


ROWS: tuple[Command, ...] = (
    Command(
        "reminders", "reminders", "Your reminder settings and when each of your items is next.",
        reminders, aliases=("myreminders",), examples=("reminders",),
    ),
    Command(
        "mute", "mute N", "No more reminders of one action for you.", mute,
        hint="N", examples=("mute 12",),
    ),
    Command(
        "unmute", "unmute N", "Reminders of that action again.", unmute,
        hint="N", examples=("unmute 12",),
    ),
    Command(
        "away", "away FROM..TO | away clear", "No reminders while you are away.", away,
        aliases=("vacation", "holiday"), hint="YYYY-MM-DD..YYYY-MM-DD | clear",
        examples=("away 2026-12-20..2027-01-06", "away clear"),
    ),
    Command(
        "timezone", "timezone [ZONE]", "Show or set the timezone of your reminders.", timezone,
        aliases=("tz",), hint="[ZONE]", examples=("timezone Europe/Berlin",),
    ),
    Command(
        "downtime", "downtime [SITE FROM..TO [reason]]",
        "List site downtimes, or declare one (chairs, site contacts): no nagging meanwhile.",
        downtime, Permission.SITE_CONTACT_OR_CHAIR, hint="[SITE FROM..TO [reason]]",
        examples=("downtime", "downtime DESY 2026-05-04..2026-05-06 dCache upgrade"),
    ),
    Command(
        "roundtable", "roundtable start|next|skip|back|note <text>|end",
        "Run the site/experiment round-table live in the channel, one entity at a time.",
        roundtable, Permission.ANYONE, aliases=("rt",),
        hint="start|next|skip|back|note <text>|end",
        examples=("roundtable start", "rt next", "rt note upgrade done", "rt end"),
        button=True,
    ),
    Command(
        "answer", "answer <text>",
        "Answer the round-table question you were asked; in a DM, plain text answers too.",
        answer, hint="<text>", examples=("answer all pools upgraded, no open tickets",),
    ),
)  # fmt: skip

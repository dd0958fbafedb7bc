"""Handlers of live status: link and unlink an action to a check, and show checks' status."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from wp2bot.chat import Reply
from wp2bot.commands.base import Context
from wp2bot.commands.parsing import UsageError, action_id, words
from wp2bot.domain.health import CheckSpec
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.render import live_lines, one_line
from wp2bot.services.check_views import ICON
from wp2bot.services.live_status import LiveStatus

NO_CHECKS = "No endpoint checks are configured (see the endpoints file), so there is no status."
SUGGEST_SCORE = 50.0


def _live(ctx: Context) -> LiveStatus | None:
    return ctx.live if ctx.live is not None and ctx.live.checks else None


def closest_checks(live: LiveStatus, word: str, limit: int = 3) -> list[str]:
    """The check ids closest to a mistyped one, best first."""
    ids = list(live.checks)
    found = process.extract(
        word.casefold(), [i.casefold() for i in ids], scorer=fuzz.WRatio, limit=limit
    )
    return [ids[index] for _, score, index in found if score >= SUGGEST_SCORE]


def _unknown_check(live: LiveStatus, word: str) -> Reply:
    shown = escape_mentions(word.replace("`", "")[:60])
    close = closest_checks(live, word)
    hint = (
        " Did you mean " + " or ".join(f"`{c}`" for c in close) + "?"
        if close
        else " `status` lists the sites and their checks."
    )
    return Reply(f"There is no check `{shown}`.{hint}", ok=False, ephemeral=True)


def _link_args(ctx: Context, args: str) -> tuple[LiveStatus, int, CheckSpec] | Reply:
    """(live status, action number, check), or the answer why not."""
    parts = words(args)
    if len(parts) != 2:
        raise UsageError("")
    number = action_id(parts[0])
    ctx.tracker.get(number)  # NotFound before "no such check"
    live = _live(ctx)
    if live is None:
        return Reply(NO_CHECKS, ok=False, ephemeral=True)
    check = live.find_check(parts[1])
    if check is None:
        return _unknown_check(live, parts[1])
    return live, number, check


def link(ctx: Context, args: str) -> Reply:
    """``link N CHECK``: follow a check's status on an action (a manual link)."""
    found = _link_args(ctx, args)
    if isinstance(found, Reply):
        return found
    live, number, check = found
    if not live.probes.link(number, check.id, manual=True):
        return Reply(f"#{number} is already linked to `{check.id}`.", ephemeral=True)
    ctx.tracker.store.record(
        number, at=ctx.tracker.clock.now(), who=ctx.actor.user, via=ctx.actor.via,
        change="link", new=check.id,
    )  # fmt: skip
    return Reply(f"🔗 #{number} now follows {live.view(check).markdown()}")


def unlink(ctx: Context, args: str) -> Reply:
    """``unlink N CHECK``: stop following a check on an action (automatic linking stays away)."""
    found = _link_args(ctx, args)
    if isinstance(found, Reply):
        return found
    live, number, check = found
    if not live.probes.unlink(number, check.id):
        return Reply(f"#{number} is not linked to `{check.id}`.", ephemeral=True)
    ctx.tracker.store.record(
        number, at=ctx.tracker.clock.now(), who=ctx.actor.user, via=ctx.actor.via,
        change="unlink", old=check.id,
    )  # fmt: skip
    return Reply(f"✂️ #{number} no longer follows `{check.id}`.")


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f} %"


def _check_detail(live: LiveStatus, check: CheckSpec) -> str:
    status = live.status(check)
    lines = [f"**{check.id}** ({check.kind.value}, `{escape_mentions(check.target)}`)"]
    lines.append(live.view(check).markdown())
    windows = ", ".join(
        f"{name} {_percent(a.availability)}" for name, a in status.availability.items()
    )
    lines.append(f"Availability: {windows}")
    if status.last is not None:
        lines.append(f"Last probe: {status.last.at:%Y-%m-%d %H:%M} UTC")
    if status.downtime is not None:
        reason = escape_mentions(one_line(status.downtime.reason))
        lines.append(f"🛠 In downtime until {status.downtime.end:%Y-%m-%d %H:%M} UTC {reason}")
    linked = live.probes.linked_to(check.id)
    if linked:
        lines.append("Linked actions: " + ", ".join(f"#{a}" for a in linked))
    return "\n".join(lines)


def _overview(live: LiveStatus) -> str:
    views = live.views(list(live.checks.values()))
    counts = {state: sum(1 for v in views if v.state == state) for state in ICON}
    head = " ".join(f"{ICON[s]} {n} {s}" for s, n in counts.items() if n)
    lines = [f"**Endpoint checks:** {head}"]
    lines += [f"- {v.markdown()}" for v in views if v.state in ("fail", "degraded")]
    lines.append("`status SITE`, `status CHECK` or `status N` for details.")
    return "\n".join(lines)


def status(ctx: Context, args: str) -> Reply:
    """``status [SITE|CHECK|N]``: all checks, one site's, one check's, or an action's."""
    live = _live(ctx)
    if live is None:
        return Reply(NO_CHECKS, ok=False, ephemeral=True)
    target = args.strip()
    if not target:
        return Reply(_overview(live))
    if target.lstrip("#").isdigit():
        rec = ctx.tracker.get(action_id(target))
        lines = live_lines(live.line_for(rec.id), live.hints_for(rec))
        if not lines:
            return Reply(f"#{rec.id} follows no check; `link {rec.id} CHECK` adds one.")
        return Reply(
            f"**#{rec.id}** {escape_mentions(one_line(rec.text))[:120]}\n" + "\n".join(lines)
        )
    check = live.find_check(target)
    if check is not None:
        return Reply(_check_detail(live, check))
    site = live.site_of(target)
    if site is not None:
        checks = live.site_checks(site)
        if not checks:
            return Reply(f"**{escape_mentions(site)}** has no configured checks.")
        body = "\n".join(f"- {v.markdown()}" for v in live.views(checks))
        return Reply(f"**{escape_mentions(site)}**\n{body}")
    return _unknown_check(live, target)

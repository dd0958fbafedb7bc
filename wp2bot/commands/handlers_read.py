"""Handlers that only read: help, actions, show, history."""

from __future__ import annotations

from wp2bot.chat import Reply
from wp2bot.commands.base import Command, Context
from wp2bot.commands.parsing import UsageError, just_id, list_query, words
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.render import action_detail, actions_table, history_table
from wp2bot.domain.search import SearchError, render_hits
from wp2bot.services.action_cards import action_card, live_badges
from wp2bot.services.tracking_terms import ListQuery


def find_command(commands: tuple[Command, ...] | list[Command], word: str) -> Command | None:
    """The command named ``word`` or having it as an alias."""
    low = word.lower()
    for cmd in commands:
        if cmd.name == low or low in cmd.aliases:
            return cmd
    return None


def usage_cell(usage: str) -> str:
    """A usage line for a Markdown table cell: its "|" alternatives must not split the cell."""
    return usage.replace("|", "\\|")


def command_help(cmd: Command) -> str:
    """Usage, summary, who may run it, aliases and examples of one command."""
    lines = [f"**`{cmd.usage}`** — {cmd.summary}", "", f"- **Who:** {cmd.permission.value}"]
    if cmd.aliases:
        lines.append("- **Also:** " + ", ".join(f"`{a}`" for a in cmd.aliases))
    lines.extend(f"- **Example:** `{ex}`" for ex in cmd.examples)
    # Usages and examples name "@user" and "@alice": they must not ping anybody.
    return escape_mentions("\n".join(lines))


def help_(ctx: Context, args: str) -> Reply:
    """``help [command]``: the command list, or one command in detail."""
    parts = words(args)
    if len(parts) > 1:
        raise UsageError("")
    if parts:
        cmd = find_command(list(ctx.commands), parts[0])
        if cmd is None:
            word = escape_mentions(parts[0].replace("`", ""))
            return Reply(
                f"There is no command `{word}`; `help` lists them.", ok=False, ephemeral=True
            )
        return Reply(command_help(cmd), ephemeral=True)
    rows = ["| Command | What it does | Who |", "|---|---|---|"]
    rows += [
        f"| `{usage_cell(c.usage)}` | {c.summary} | {c.permission.value} |" for c in ctx.commands
    ]
    text = "**wp2bot commands** (`help COMMAND` for details)\n\n" + "\n".join(rows)
    return Reply(escape_mentions(text), ephemeral=True)


def _describe(query: ListQuery, user: str) -> str:
    scope = "All actions" if query.everything else "Open accepted actions"
    if query.owner is not None and query.owner.lower() == user.lower():
        scope = "Your " + scope[0].lower() + scope[1:]
    elif query.owner is not None:
        scope += f" of {escape_mentions('@' + query.owner)}"
    if query.site is not None:
        scope += f" of site {escape_mentions(query.site)}"
    if query.overdue:
        scope += ", overdue"
    if query.due_soon:
        scope += ", due within a week"
    return scope


def actions(ctx: Context, args: str) -> Reply:
    """``actions [filters]``: a table of matching actions."""
    query = list_query(args, ctx.request.user)
    listing = ctx.tracker.list_actions(query)
    title = _describe(query, ctx.request.user)
    if not listing.records:
        return Reply(f"**{title}:** none.")
    text = f"**{title}** ({len(listing.records)}{'+' if listing.more else ''})\n\n"
    badges = live_badges(ctx.live, [r.id for r in listing.records])
    text += actions_table(listing.records, ctx.today, badges)
    if listing.more:
        text += (
            f"\n\nOnly the first {len(listing.records)} are shown; narrow the list with "
            "`actions mine`, `actions @user`, `actions site NAME` or `actions overdue`."
        )
    return Reply(text)


def show(ctx: Context, args: str) -> Reply:
    """``show N``: one action in detail, as a card with its buttons."""
    rec = ctx.tracker.get(just_id(args))
    line, hints = ctx.live_of(rec)
    detail = action_detail(rec, ctx.today, live=line, hints=hints)
    # the card keeps the buttons; the status is in the text above, not repeated on it
    return Reply(detail, cards=(action_card(rec, ctx.today),))


def history(ctx: Context, args: str) -> Reply:
    """``history N``: who changed what, when and how."""
    number = just_id(args)
    entries = ctx.tracker.history(number)
    table = history_table(entries, ctx.tracker.zone)
    zone = ctx.tracker.timezone
    return Reply(f"**History of #{number}** (times in {zone})\n\n{table}")


def search(ctx: Context, args: str) -> Reply:
    """``search WORDS [site X] [owner @user] [since DATE]``: ranked hits across the series."""
    if ctx.search is None:
        return Reply("Search is not set up in this place.", ok=False, ephemeral=True)
    try:
        query, hits = ctx.search.search(args)
    except SearchError as err:
        return Reply(f"{err} Usage: `search WORDS [site X] [owner @user] [since DATE]`", ok=False)
    return Reply(render_hits(query, hits))


def board(ctx: Context, args: str) -> Reply:
    """``board``: a personal link to the web board, shown to the requester only."""
    if words(args):
        raise UsageError("")
    if ctx.board is None:
        return Reply(
            "Board links need the bot's action secret (`WP2BOT_ACTION_SECRET`); with it, "
            "`wp2bot board` serves the board on this machine and `wp2bot run` under "
            "`http.public_url`.",
            ok=False,
            ephemeral=True,
        )
    link = ctx.board.link(ctx.request.user, chair=ctx.tracker.is_chair(ctx.request.user))
    return Reply(
        f"Your board link, valid {ctx.board.days} days (it is personal: do not share it): "
        f"[open the board]({link})",
        ephemeral=True,
    )

"""Chat commands: the one table every way in uses, its dispatcher, button clicks and docs."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from wp2bot.chat import JSONValue, Request
from wp2bot.commands.base import Command, Permission
from wp2bot.commands.handlers_read import usage_cell
from wp2bot.commands.table import COMMANDS, CommandDispatcher, find

__all__ = [
    "COMMANDS",
    "Command",
    "CommandDispatcher",
    "Permission",
    "autocomplete_entries",
    "button_command",
    "commands_markdown",
    "request_from_button",
]

BUTTON_DEFAULT_ARGS = {"snooze": "1w"}
_BUTTON_ARG = re.compile(r"^[\w .:/-]{1,40}$")


def button_command(context: Mapping[str, JSONValue]) -> str:
    """The command line a button's context stands for ("done 3", "snooze 3 1w", "accept 4 7").

    A bulk button names the ids it was shown with (``"ids"``), never "all": an old card must
    not act on items that came later. ``ValueError`` for a context that names no button
    command or no action.
    """
    cmd = context.get("cmd")
    target = context.get("id")
    if not isinstance(cmd, str):
        raise ValueError("button context without a command")
    row = find(cmd)
    if row is None or not row.button:
        raise ValueError(f"not a button command: {cmd[:20]!r}")
    listed = context.get("ids")
    if row.name == "accept" and target is None and isinstance(listed, Sequence):
        if not listed or not all(_is_number(i) for i in listed):
            raise ValueError("bulk button without the action numbers it listed")
        return " ".join([row.name, *(str(i) for i in listed)])
    if not _is_number(target):
        raise ValueError("button context without an action number")
    arg = context.get("arg", BUTTON_DEFAULT_ARGS.get(row.name, ""))
    if not isinstance(arg, str) or (arg and not _BUTTON_ARG.match(arg)):
        raise ValueError("button argument is not plain text")
    return " ".join(p for p in (row.name, str(target), arg) if p)


def _is_number(value: object) -> bool:
    if isinstance(value, int) and not isinstance(value, bool):
        return value > 0
    return isinstance(value, str) and value.isdigit()


def request_from_button(
    context: Mapping[str, JSONValue],
    user: str,
    *,
    user_id: str = "",
    channel_id: str = "",
    post_id: str = "",
    root_id: str = "",
) -> Request:
    """The Request a verified button click stands for (``via="button"``)."""
    return Request(
        text=button_command(context),
        user=user,
        via="button",
        user_id=user_id,
        channel_id=channel_id,
        root_id=root_id,
        post_id=post_id,
    )


def autocomplete_entries(commands: Sequence[Command] = COMMANDS) -> list[tuple[str, str, str]]:
    """(command, argument hint, summary) for the slash command's autocomplete."""
    return [(c.name, c.hint, c.summary) for c in commands]


def commands_markdown(commands: Sequence[Command] = COMMANDS) -> str:
    """The README's command list, generated from the table."""
    rows = ["| Command | What it does | Who may run it | Also |", "|---|---|---|---|"]
    for c in commands:
        also = ", ".join(f"`{a}`" for a in c.aliases)
        rows.append(f"| `{usage_cell(c.usage)}` | {c.summary} | {c.permission.value} | {also} |")
    return "\n".join(rows) + "\n"

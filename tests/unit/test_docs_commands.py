"""The command table documents itself: every command has usage, help and a README line."""

from __future__ import annotations

import re

import pytest

from wp2bot.commands import COMMANDS, Command, autocomplete_entries, commands_markdown
from wp2bot.commands.handlers_read import command_help

NAMES = [c.name for c in COMMANDS]


@pytest.mark.parametrize("cmd", COMMANDS, ids=NAMES)
def test_every_command_has_usage_summary_and_help(cmd: Command) -> None:
    assert cmd.usage.split()[0] == cmd.name, "usage must start with the command's name"
    assert cmd.summary.strip(), "summary missing"
    assert cmd.summary.endswith("."), "summary is one sentence"
    assert len(cmd.summary) <= 100, "summary must fit one line of help"
    assert cmd.handler.__doc__, "handler has no docstring"
    assert cmd.examples, "help shows at least one example"
    for example in cmd.examples:
        assert example.split()[0] in (cmd.name, *cmd.aliases)
    assert cmd.usage in command_help(cmd).replace("\u200d", "")


@pytest.mark.parametrize("cmd", COMMANDS, ids=NAMES)
def test_commands_with_arguments_have_an_autocomplete_hint(cmd: Command) -> None:
    takes_arguments = len(cmd.usage.split()) > 1
    assert bool(cmd.hint) == takes_arguments


def test_names_and_aliases_are_unique_and_typeable() -> None:
    words = [w for c in COMMANDS for w in (c.name, *c.aliases)]
    assert len(words) == len(set(words))
    assert all(re.fullmatch(r"[a-z?][a-z-]*", w) for w in words)


def test_commands_markdown_lists_every_command_once() -> None:
    md = commands_markdown()
    rows = [line for line in md.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1].split()[0] for row in rows] == NAMES
    for row in rows:
        # "|" inside a usage is escaped so every row keeps four cells.
        assert len(re.split(r"(?<!\\)\|", row)) == 6


def test_autocomplete_entries_follow_the_table() -> None:
    assert [name for name, _, _ in autocomplete_entries()] == NAMES

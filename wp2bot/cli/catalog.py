"""The CLI's command table: each command's name, the module that holds it, its one-line help.

``wp2bot --help`` is printed from this table alone; a command's module (and whatever its
handler needs: the database, HTTP clients, the extractor) is imported only when that command
is the one asked for.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CliCommand:
    """One row: ``wp2bot NAME`` lives in ``wp2bot.cli.MODULE``."""

    name: str
    module: str
    help: str


COMMANDS: tuple[CliCommand, ...] = (
    CliCommand(
        "extract", "extract", "extract action items from a minutes file (nothing is stored)"
    ),
    CliCommand("ingest", "ingest", "ingest minutes from a file or Indico into the database"),
    CliCommand("actions", "actions", "list stored action items"),
    CliCommand("export", "transfer", "export actions, owners, notes and history"),
    CliCommand("import", "transfer", "import a JSON export (items already present are skipped)"),
    CliCommand("summary", "summary", "print the chair's pre-meeting summary"),
    CliCommand("board", "board", "serve the web board on this machine and print a link to it"),
    CliCommand("search", "search", "search actions, notes, answers and minutes of every meeting"),
    CliCommand("console", "console", "run chat commands in the terminal (no Mattermost needed)"),
    CliCommand("probe", "probe", "run a storage smoke test against one URL"),
    CliCommand("run", "run", "run the bot: Mattermost, HTTP endpoint, scheduler and probes"),
    CliCommand("config", "admin", "check the configuration"),
    CliCommand("db", "admin", "database schema migrations"),
)

_BY_NAME = {c.name: c for c in COMMANDS}


def command(name: str) -> CliCommand | None:
    """The row of ``name``, if it is a command."""
    return _BY_NAME.get(name)


def add_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, **kwargs: Any
) -> argparse.ArgumentParser:
    """Add the subparser of ``name`` with the help of its row (one place for the help text)."""
    return sub.add_parser(name, help=_BY_NAME[name].help, **kwargs)

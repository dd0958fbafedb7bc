"""``wp2bot console``: the chat commands in a terminal, on the configured database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wp2bot.cli.catalog import add_command

if TYPE_CHECKING:
    from wp2bot.app import App
    from wp2bot.chat import Button


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``console`` command."""
    p = add_command(
        subparsers,
        "console",
        description=(
            "Type the same commands as in Mattermost. With -c, run them and exit; with input "
            "from a pipe or file, run every line. The exit status is 1 when a command failed. "
            "When no chairs are configured, the console's user acts as chair."
        ),
    )
    p.add_argument(
        "-c",
        "--command",
        action="append",
        metavar="TEXT",
        help="run this command and exit (repeatable)",
    )
    p.add_argument("--user", help="act as this username (default: the console_user setting)")
    p.add_argument(
        "--at",
        help="pretend it is this ISO date-time (without a zone: the meeting's); for trying "
        "reminders and dates",
    )
    p.set_defaults(handler=run)


def _app(args: argparse.Namespace) -> App:
    from wp2bot.app import build
    from wp2bot.clock import clock_at
    from wp2bot.config import environ, load_settings

    settings = load_settings(getattr(args, "config", None), environ())
    return build(settings, environ(), clock_at(args.at, settings.meeting.timezone))


def run(args: argparse.Namespace) -> int:
    """Run the console (interactive, one-shot or from stdin); 0 when every command succeeded."""
    from prometheus_client import CollectorRegistry

    from wp2bot.adapters.community_file import RosterError
    from wp2bot.adapters.console import Console, line_editing
    from wp2bot.config import ConfigError

    try:
        app = _app(args)
    except ConfigError as exc:
        print("wp2bot: error: configuration: " + "; ".join(exc.problems), file=sys.stderr)
        return 2
    except (RosterError, ValueError) as exc:
        print(f"wp2bot: error: {exc}", file=sys.stderr)
        return 2
    settings = app.settings
    user = args.user or settings.console_user
    # The console runs on the operator's own machine: with no chairs configured it chairs.
    chairs = settings.chairs or (settings.console_user,)
    # The same services as `wp2bot run` (policies, live status, round-table answers, search);
    # only the transport differs: answers print here, and nothing is posted to a chat server.
    try:
        services = app.services(None, CollectorRegistry(), chairs=chairs)
    except ValueError as exc:
        app.store.close()
        print(f"wp2bot: error: {exc}", file=sys.stderr)
        return 2
    console = Console(services.dispatcher, user, sys.stdout, describe_button=_describe)
    try:
        if args.command:
            failed = sum(0 if console.run_one(text) else 1 for text in args.command)
        elif not sys.stdin.isatty():
            failed = console.run_lines(sys.stdin)
        else:
            save = line_editing(_command_words(), _history_file())
            try:
                failed = console.interact()
            finally:
                save()
    finally:
        app.store.close()
    return 1 if failed else 0


def _describe(button: Button) -> str:
    from wp2bot.commands import button_command

    return button_command(button.context)


def _command_words() -> list[str]:
    from wp2bot.commands import COMMANDS

    return [name for c in COMMANDS for name in (c.name, *c.aliases)]


def _history_file() -> Path:
    """``$XDG_STATE_HOME/wp2bot/console_history`` (``~/.local/state`` by default)."""
    import os

    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "wp2bot" / "console_history"

"""``wp2bot console``: the chat commands in a terminal, on the configured database."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from wp2bot.cli.catalog import add_command

if TYPE_CHECKING:
    from wp2bot.app import App
    from wp2bot.chat import Button
    from wp2bot.clock import Clock


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
    p.add_argument("--at", help="pretend it is this ISO date-time (for trying reminders, dates)")
    p.set_defaults(handler=run)


def _clock(at: str | None) -> Clock:
    from wp2bot.clock import FrozenClock, SystemClock

    if not at:
        return SystemClock()
    moment = datetime.fromisoformat(at)
    return FrozenClock(moment if moment.tzinfo else moment.astimezone())


def _app(args: argparse.Namespace) -> App:
    from wp2bot.app import build_app
    from wp2bot.config import environ, load_settings

    settings = load_settings(getattr(args, "config", None), environ())
    return build_app(settings, environ(), _clock(args.at))


def run(args: argparse.Namespace) -> int:
    """Run the console (interactive, one-shot or from stdin); 0 when every command succeeded."""
    from wp2bot.adapters.console import Console
    from wp2bot.app import RosterError
    from wp2bot.commands import build_dispatcher
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
    dispatcher = build_dispatcher(
        app.store,
        app.clock,
        chairs=chairs,
        timezone=settings.meeting.timezone,
        roster=app.roster,
        search=app.search,
    )
    console = Console(dispatcher, user, sys.stdout, describe_button=_describe)
    try:
        if args.command:
            failed = sum(0 if console.run_one(text) else 1 for text in args.command)
        elif not sys.stdin.isatty():
            failed = console.run_lines(sys.stdin)
        else:
            failed = console.interact()
    finally:
        app.store.close()
    return 1 if failed else 0


def _describe(button: Button) -> str:
    from wp2bot.commands import button_command

    return button_command(button.context)

"""``wp2bot summary``: the chair's pre-meeting summary from the database."""

from __future__ import annotations

import argparse

from wp2bot.cli.catalog import add_command
from wp2bot.cli.common import app_from_args, fail
from wp2bot.domain.summary import FORMATS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``summary`` subcommand."""
    p = add_command(
        sub,
        "summary",
        description="The next meeting's action list: overdue, due before the meeting, new and "
        "closed since the last meeting, stuck items, round-table answers. The Markdown form "
        "pastes into the Indico minutes.",
    )
    p.add_argument("--format", choices=FORMATS, default="markdown")
    p.add_argument(
        "--at",
        help="pretend the current time is this ISO date-time (without a zone: the meeting's)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the summary."""
    try:
        app = app_from_args(args)
        text = app.briefing().text(app.clock.now(), args.format)
    except ValueError as exc:
        return fail(f"configuration: {exc}")
    print(text, end="")
    return 0

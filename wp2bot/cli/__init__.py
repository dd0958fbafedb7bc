"""Command-line entry: ``wp2bot <command>``; each command lives in its own module here."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from wp2bot import __version__

# name -> module under wp2bot.cli; each module exposes register(subparsers) -> None.
# An explicit table (not decorators) so the list of commands is readable in one place.
COMMAND_MODULES: tuple[str, ...] = ("extract", "ingest", "actions", "transfer", "admin")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every command module's subcommands."""
    parser = argparse.ArgumentParser(
        prog="wp2bot",
        description="Meeting actions and round-table bot for Indico minutes and Mattermost.",
    )
    parser.add_argument("--version", action="version", version=f"wp2bot {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    parser.add_argument("--config", help="TOML configuration file (or WP2BOT_CONFIG)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(f"wp2bot.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, configure logging, run the chosen command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=(
            logging.DEBUG if args.verbose > 1 else logging.INFO if args.verbose else logging.WARNING
        ),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    return handler(args)

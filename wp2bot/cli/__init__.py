"""Command-line entry: ``wp2bot <command>``; each command lives in its own module here."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Mapping, Sequence
from importlib import import_module

from wp2bot import __version__
from wp2bot.cli.common import CliError, fail
from wp2bot.config import environ, load_secrets
from wp2bot.logs import configure, redact

# name -> module under wp2bot.cli; each module exposes register(subparsers) -> None.
# An explicit table (not decorators) so the list of commands is readable in one place.
COMMAND_MODULES: tuple[str, ...] = (
    "extract",
    "ingest",
    "actions",
    "transfer",
    "summary",
    "console",
    "probe",
    "run",
    "admin",
)


def load_secrets_quietly(env: Mapping[str, str]) -> tuple[str, ...]:
    """Secret values to redact from logs; a broken secret file is reported later, not here."""
    try:
        sec = load_secrets(env)
    except OSError:
        return ()
    return (sec.indico_token, sec.mattermost_token, sec.slash_token, sec.action_secret)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every command module's subcommands."""
    parser = argparse.ArgumentParser(
        prog="wp2bot",
        description="Meeting actions and round-table bot for Indico minutes and Mattermost.",
    )
    parser.add_argument("--version", action="version", version=f"wp2bot {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    parser.add_argument("--config", help="TOML configuration file (or WP2BOT_CONFIG)")
    parser.add_argument(
        "--log-json", action="store_true", help="log JSON lines (or WP2BOT_LOG_JSON=1)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(f"wp2bot.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, configure logging, run the chosen command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    env = environ()
    secrets = load_secrets_quietly(env)
    configure(
        args.verbose,
        json_lines=args.log_json or env.get("WP2BOT_LOG_JSON", "") in {"1", "true", "yes"},
        secrets=secrets,
    )
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except CliError as exc:  # a mistake the user can fix: their words, no traceback
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one clear line; the traceback goes to the log at -v
        logging.getLogger("wp2bot").debug("unexpected error", exc_info=True)
        message = redact(f"{type(exc).__name__}: {exc}", secrets)
        print(f"wp2bot: internal error: {message} (run with -v for details)", file=sys.stderr)
        return 70

"""Command-line entry: ``wp2bot <command>``; each command lives in its own module here."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from importlib import import_module

from wp2bot import __version__
from wp2bot.cli.catalog import COMMANDS, command
from wp2bot.cli.common import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_IO, CliError, fail

# Global options that take a value: the word after them is not the command's name.
_VALUED_OPTIONS = frozenset({"--config"})


def load_secrets_quietly(env: Mapping[str, str]) -> tuple[str, ...]:
    """Secret values to redact from logs; a broken secret file is reported later, not here."""
    from wp2bot.environment import load_secrets

    try:
        sec = load_secrets(env)
    except OSError:
        return ()
    return (sec.indico_token, sec.mattermost_token, sec.slash_token, sec.action_secret)


def command_word(argv: Sequence[str]) -> str | None:
    """The command named on the command line (the first word that is not a global option)."""
    words = iter(argv)
    for word in words:
        if word in _VALUED_OPTIONS:
            next(words, None)
        elif word == "--":
            return next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The argument parser: every command by name and help, the chosen one in full.

    Only the module of the command in ``argv`` is imported and registers its arguments; the
    others are listed from the command table, so ``wp2bot --help`` imports no handler.
    """
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
    chosen = command(command_word(argv) or "")
    for row in COMMANDS:
        if chosen is not None and row.module == chosen.module:
            if row is chosen:  # the module registers every command it holds, in table order
                import_module(f"wp2bot.cli.{row.module}").register(sub)
        else:
            sub.add_parser(row.name, help=row.help)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, configure logging, run the chosen command; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    from wp2bot.environment import environ
    from wp2bot.logs import configure, redact

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
        return fail(str(exc), exc.code)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (`wp2bot actions | head -1`)
        # Point stdout at /dev/null so that Python's final flush does not fail a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print("wp2bot: output closed before the end (broken pipe)", file=sys.stderr)
        return EXIT_IO
    except Exception as exc:  # a bug: one clear line; the traceback goes to the log at -v
        logging.getLogger("wp2bot").debug("unexpected error", exc_info=True)
        message = redact(f"{type(exc).__name__}: {exc}", secrets)
        print(f"wp2bot: internal error: {message} (run with -v for details)", file=sys.stderr)
        return EXIT_INTERNAL

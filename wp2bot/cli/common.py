"""Helpers shared by the command modules: building the app, reporting errors, tables."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wp2bot.app import App
    from wp2bot.config import Settings
    from wp2bot.domain.models import Roster


# Exit statuses (the README lists them); the BSD sysexits values where one fits.
EXIT_OK = 0
EXIT_FAILURE = 1  # the command could not do what was asked: bad input, nothing found
EXIT_USAGE = 2  # wrong arguments (argparse)
EXIT_DATA = 65  # an input file is not what it should be (import, META.json)
EXIT_UNAVAILABLE = 69  # a server (Mattermost, Indico, the database) cannot be reached
EXIT_INTERNAL = 70  # a bug: one line on stderr, the traceback in the log at -v
EXIT_IO = 74  # the output went away (a closed pipe)
EXIT_CONFIG = 78  # the configuration has errors, or a token is rejected
EXIT_INTERRUPTED = 130  # Ctrl-C


class CliError(Exception):
    """An error the user can fix; printed without a traceback, exit status ``code``."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = 1) -> int:
    """Print ``message`` to stderr and return ``code``."""
    print(f"wp2bot: error: {message}", file=sys.stderr)
    return code


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from --config/WP2BOT_CONFIG and the environment; ``CliError`` if they are wrong."""
    from wp2bot.config import ConfigError, environ, load_settings

    try:
        return load_settings(getattr(args, "config", None), environ())
    except ConfigError as exc:
        raise CliError("configuration: " + "; ".join(exc.problems), EXIT_CONFIG) from exc


def app_from_args(args: argparse.Namespace) -> App:
    """Settings from --config/WP2BOT_CONFIG and the environment, wired into an App."""
    from sqlalchemy.exc import OperationalError, SQLAlchemyError

    from wp2bot.adapters.community_file import RosterError
    from wp2bot.app import build
    from wp2bot.clock import clock_at
    from wp2bot.config import SecretFileError, environ

    settings = settings_from_args(args)
    try:
        clock = clock_at(getattr(args, "at", None), settings.meeting.timezone)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    try:
        return build(settings, environ(), clock)
    except RosterError as exc:
        raise CliError(str(exc)) from exc
    except SecretFileError as exc:
        raise CliError(str(exc), EXIT_CONFIG) from exc
    except SQLAlchemyError as exc:
        code = EXIT_UNAVAILABLE if isinstance(exc, OperationalError) else EXIT_FAILURE
        raise CliError(f"database: {type(exc).__name__}: {str(exc).splitlines()[0]}", code) from exc
    except RuntimeError as exc:  # the schema cannot be migrated
        raise CliError(f"database: {exc}") from exc


def roster_from_args(args: argparse.Namespace) -> Roster:
    """The configured roster alone, for commands that need no database."""
    from wp2bot.adapters.community_file import RosterError, load_roster

    settings = settings_from_args(args)
    try:
        return load_roster(settings.community_file)
    except RosterError as exc:
        raise CliError(str(exc)) from exc


def iso_date(value: str) -> date:
    """An argparse type: ``YYYY-MM-DD`` or a clear usage error."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date") from None


def iana_zone(value: str) -> str:
    """An argparse type: an IANA timezone name (``Europe/Zurich``) or a clear usage error."""
    from wp2bot.zones import UnknownZone, check_zone

    try:
        return check_zone(value)
    except UnknownZone as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> str:
    """A plain-text table; cells longer than their column are cut with an ellipsis."""

    def cut(text: str, width: int) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = []
    for row in [headers, *rows]:
        cells = [cut(c, w).ljust(w) for c, w in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
        if row is headers:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)

"""``wp2bot summary``: the chair's pre-meeting summary from the database."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from wp2bot.cli.catalog import add_command
from wp2bot.cli.common import CliError, app_from_args, fail
from wp2bot.domain.summary import FORMATS

if TYPE_CHECKING:
    from wp2bot.app import App
    from wp2bot.services.briefing import BriefingService


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
    at = args.at
    args.at = None  # the clock is built here, in the meeting's zone, not the machine's
    try:
        app = app_from_args(args)
        now = _when(at, app)
        text = briefing(app).text(now, args.format)
    except ValueError as exc:
        return fail(f"configuration: {exc}")
    print(text, end="")
    return 0


def _when(at: str | None, app: App) -> datetime:
    if not at:
        return app.clock.now()
    try:
        value = datetime.fromisoformat(at)
    except ValueError as exc:
        raise CliError(f"--at {at!r}: expected an ISO date-time") from exc
    zone = ZoneInfo(app.settings.meeting.timezone)
    return value if value.tzinfo else value.replace(tzinfo=zone)


def briefing(app: App) -> BriefingService:
    """The briefing service over the app's database and configured series."""
    from wp2bot.adapters.storage.rhythm_store import RhythmStore
    from wp2bot.domain.reminders import ReminderPolicy
    from wp2bot.domain.summary import SummaryPolicy
    from wp2bot.services.briefing import BriefingService, MeetingCalendar, series_source

    meeting = app.settings.meeting
    source = series_source(meeting.recurrence, meeting.first, meeting.timezone)
    rhythm = RhythmStore(app.store.engine)
    reminders = getattr(app.settings, "reminders", None)
    summary = getattr(app.settings, "summary", None)
    return BriefingService(
        app.store,
        rhythm,
        None,
        MeetingCalendar(app.store, meeting.timezone, source),
        policy=summary if isinstance(summary, SummaryPolicy) else None,
        reminders=reminders if isinstance(reminders, ReminderPolicy) else None,
    )

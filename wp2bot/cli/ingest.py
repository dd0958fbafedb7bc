"""``wp2bot ingest SOURCE``: store the actions of a minutes file, an Indico event or category."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from wp2bot.cli.catalog import add_command
from wp2bot.cli.common import EXIT_UNAVAILABLE, app_from_args, fail, iana_zone, iso_date

if TYPE_CHECKING:
    from wp2bot.services.ingest import IngestReport


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``ingest`` subcommand."""
    p = add_command(
        sub,
        "ingest",
        description=(
            "SOURCE is a minutes file (.html, .md, .txt), an Indico event URL "
            "(https://host/event/123/) or an Indico category URL (all its meetings in a date "
            "window). Idempotent: unchanged minutes change nothing."
        ),
    )
    p.add_argument("source", help="file path, Indico event URL or Indico category URL")
    p.add_argument("--meta", help="META.json for a file (meeting_date, timezone, participants)")
    p.add_argument("--meeting-date", type=iso_date, help="YYYY-MM-DD (files)")
    p.add_argument("--timezone", type=iana_zone, help="the meeting's timezone (files)")
    p.add_argument("--from", dest="start", type=iso_date, help="category window start")
    p.add_argument("--to", dest="end", type=iso_date, help="category window end")
    p.add_argument("--force", action="store_true", help="re-extract even if minutes are unchanged")
    p.add_argument("--at", help="pretend the current time is this ISO date-time")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Ingest one source and print what changed."""
    from wp2bot.adapters.minutes_files import MinutesFileError, load_meeting, read_meta

    if args.start and args.end and args.end < args.start:
        return fail(f"--to {args.end} is before --from {args.start}")
    try:
        app = app_from_args(args)
        if "://" in args.source:
            from wp2bot.cli.ingest_indico import ingest_indico_url

            reports = ingest_indico_url(
                app, args.source, start=args.start, end=args.end, force=args.force
            )
        else:
            meta = read_meta(Path(args.meta)) if args.meta else None
            meeting = load_meeting(
                Path(args.source), meta=meta, meeting_date=args.meeting_date, timezone=args.timezone
            )
            reports = [app.ingest.ingest(meeting, force=args.force)]
    except MinutesFileError as exc:
        return fail(str(exc))
    except ConnectionError as exc:  # Indico: down or too slow (69), or a refusal / bad URL (1)
        return fail(str(exc), EXIT_UNAVAILABLE if getattr(exc, "unreachable", True) else 1)
    for report in reports:
        print(report.summary())
    print(_total(reports))
    return 0


def _total(reports: list[IngestReport]) -> str:
    created = sum(len(r.created) for r in reports)
    changed = sum(len(r.updated) + len(r.carried) + len(r.closed) for r in reports)
    return f"{len(reports)} meeting(s): {created} new action(s), {changed} changed"

"""``wp2bot extract FILE``: extract action items from one minutes file without storing them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from wp2bot.cli.catalog import add_command
from wp2bot.cli.common import fail, iana_zone, iso_date, roster_from_args, table

if TYPE_CHECKING:
    from wp2bot.domain.models import ExtractedAction


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``extract`` subcommand."""
    p = add_command(
        sub,
        "extract",
        description="Extract action items from FILE (.html, .md or .txt) and print them.",
    )
    p.add_argument("file", help="minutes file: .html, .md or .txt, any encoding")
    p.add_argument("--meta", help='META.json: {"meeting_date", "timezone", "participants"}')
    p.add_argument("--meeting-date", type=iso_date, help="YYYY-MM-DD")
    p.add_argument(
        "--timezone", type=iana_zone, help="the meeting's timezone (default from META.json or UTC)"
    )
    p.add_argument("--format", choices=("json", "table"), default="table")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the actions of one file."""
    from wp2bot.adapters.minutes_files import MinutesFileError, load_meeting, read_meta
    from wp2bot.domain.actions import extract_actions

    try:
        roster = roster_from_args(args)
        meta = read_meta(Path(args.meta)) if args.meta else None
        meeting = load_meeting(
            Path(args.file), meta=meta, meeting_date=args.meeting_date, timezone=args.timezone
        )
    except MinutesFileError as exc:
        return fail(str(exc))
    actions = extract_actions(meeting.document, meeting.context, roster)
    if args.format == "json":
        print(json.dumps([a.as_json() for a in actions], indent=2, ensure_ascii=False))
    else:
        print(render_table(actions))
    return 0


def render_table(actions: list[ExtractedAction]) -> str:
    """The human-readable form of extracted actions."""
    if not actions:
        return "No action items found."
    rows = [
        [
            str(i),
            a.status.value,
            ", ".join(o.name + ("?" if o.ambiguous else "") for o in a.owners) or "-",
            a.due.date.isoformat() if a.due and a.due.date else (a.due.phrase if a.due else "-"),
            a.text,
            a.section,
        ]
        for i, a in enumerate(actions, 1)
    ]
    return table(
        ["#", "status", "owners", "due", "action", "section"], rows, [3, 9, 28, 12, 70, 24]
    )

"""``wp2bot search``: ranked full-text search over every meeting of the series."""

from __future__ import annotations

import argparse
import json

from wp2bot.cli.catalog import add_command
from wp2bot.cli.common import app_from_args, fail, table


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``search`` subcommand."""
    p = add_command(
        sub,
        "search",
        description="Search every action, note, history entry, round-table answer and the "
        "text of every ingested minutes; best matches first. Words may carry the chat "
        "filters too: 'perfSONAR site GSI since 2026-01-01'.",
    )
    p.add_argument("words", nargs="+", help="what to look for")
    p.add_argument("--site", help="only what concerns this site or experiment")
    p.add_argument("--owner", help="only what concerns this person (username or name)")
    p.add_argument("--since", help="only from this day on (YYYY-MM-DD)")
    p.add_argument("--limit", type=int, default=20, help="at most this many hits (<= 50)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the hits."""
    from wp2bot.domain.search import SearchError, describe_query, hit_label

    words = list(args.words)
    for name in ("site", "owner", "since"):
        value = getattr(args, name)
        if value:
            words += [name, value]
    app = app_from_args(args)
    try:
        query, hits = app.search.search(" ".join(words), limit=args.limit)
    except SearchError as err:
        return fail(str(err), 2)
    if args.format == "json":
        out = [
            {
                "kind": h.doc.kind.value,
                "label": hit_label(h),
                "action_id": h.doc.action_id,
                "meeting": h.meeting_title or None,
                "meeting_id": h.doc.meeting_id,
                "line": h.doc.line,
                "at": h.doc.at.isoformat() if h.doc.at else None,
                "url": h.doc.url,
                "snippet": h.snippet,
                "rank": round(h.rank, 4),
            }
            for h in hits
        ]
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    if not hits:
        print(f"Nothing found for {describe_query(query)}.")
        return 0
    rows = [
        [
            hit_label(h),
            h.doc.at.date().isoformat() if h.doc.at else "-",
            h.meeting_title or "-",
            h.snippet,
        ]
        for h in hits
    ]
    print(table(["what", "when", "meeting", "text"], rows, [22, 10, 28, 90]))
    return 0

"""``wp2bot actions``: list stored action items."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from wp2bot.cli.catalog import add_command
from wp2bot.cli.common import app_from_args, table

if TYPE_CHECKING:
    from wp2bot.domain.tracking import ActionRecord

# The values of wp2bot.domain.models.Status, spelled here so that --help imports no model.
STATUSES = ("open", "tentative", "done")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``actions`` subcommand."""
    p = add_command(
        sub,
        "actions",
        description="List stored actions: by default all of them, done, tentative and "
        "unconfirmed ones included; options narrow the list.",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument(
        "--status",
        choices=STATUSES,
        action="append",
        help="only these statuses (repeatable)",
    )
    p.add_argument("--open", action="store_true", help="only open or tentative, not rejected")
    p.add_argument("--confirmed", action="store_true", help="only accepted (confirmed) items")
    p.add_argument("--owner", help="only items of this Mattermost username")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the stored actions."""
    from wp2bot.adapters.storage import ActionFilter
    from wp2bot.domain.models import Status
    from wp2bot.domain.tracking import Review

    app = app_from_args(args)
    flt = ActionFilter(
        statuses=tuple(Status(s) for s in args.status) if args.status else None,
        reviews=(Review.ACCEPTED,) if args.confirmed else None,
        owner_username=args.owner,
        open_only=args.open,
    )
    records = app.store.actions(flt)
    if args.format == "json":
        print(json.dumps([r.as_json() for r in records], indent=2, ensure_ascii=False))
    elif records or not app.store.actions(ActionFilter(limit=1)):
        print(render(records))
    else:  # actions are stored, none passes the filters: say which filters
        print(f"No actions {_filters(args)}.")
    return 0


def _filters(args: argparse.Namespace) -> str:
    """``owned by X`` / ``with status done`` ... for the filters given (mention-safe text)."""
    parts = []
    if args.owner:
        parts.append(f"owned by {args.owner}")
    if args.status:
        parts.append("with status " + " or ".join(args.status))
    if args.open:
        parts.append("open")
    if args.confirmed:
        parts.append("confirmed")
    return " and ".join(parts) or "match"


def render(records: list[ActionRecord]) -> str:
    """The human-readable list."""
    from wp2bot.domain.tracking import Review

    if not records:
        return "No actions stored. Ingest minutes first: wp2bot ingest SOURCE"
    rows = [
        [
            str(r.id),
            r.status.value + ("" if r.review is Review.ACCEPTED else f" ({r.review.value})"),
            ", ".join(o.name + ("?" if o.ambiguous else "") for o in r.owners) or "-",
            r.due.isoformat() if r.due else (r.due_phrase or "-"),
            r.text,
            r.meeting_title,
        ]
        for r in records
    ]
    return table(
        ["id", "status", "owners", "due", "action", "meeting"], rows, [4, 20, 28, 12, 66, 24]
    )

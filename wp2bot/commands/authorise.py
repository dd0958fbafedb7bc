"""The one authoriser: the dispatcher asks it, before any handler runs, whether the requester
may run a row of the command table with these arguments (the row's ``Permission``)."""

from __future__ import annotations

import re

from wp2bot.commands.base import Command, Context, Permission
from wp2bot.domain.render import owners_text
from wp2bot.services.tracking_terms import Refused

_NUMBER = re.compile(r"^#?(\d{1,9})$")


def _action_number(args: str) -> int | None:
    """The action a row names: its first word when that is ``N`` or ``#N``."""
    words = args.split(maxsplit=1)
    m = _NUMBER.match(words[0]) if words else None
    return int(m.group(1)) if m else None


def _site_contact(ctx: Context, site: str) -> bool:
    group = ctx.rhythm.reminders.index.group(site)
    user = ctx.request.user.removeprefix("@").lower()
    return group is not None and user in {u.lower() for u in (*group.contacts, *group.backups)}


def authorise(ctx: Context, cmd: Command, args: str) -> None:
    """Raise ``Refused`` unless ``ctx.request.user`` may run ``cmd`` with ``args``.

    A row about one action is checked against the action its first word names (none named:
    the handler answers with the usage); ``NotFound`` when that action does not exist. A row
    taking several (``accept N [N…]``) does what the requester may and reports each refused
    item, so the use case checks those one by one.
    """
    perm, tracker, user = cmd.permission, ctx.tracker, ctx.request.user
    if perm is Permission.ANYONE or tracker.is_chair(user):
        return
    if perm is Permission.CHAIR:
        raise Refused(f"Only a chair may run `{cmd.name}`.")
    if perm is Permission.SITE_CONTACT_OR_CHAIR:
        site = args.split(maxsplit=1)[0] if args.strip() else ""
        if site and not _site_contact(ctx, site):
            raise Refused(f"Only a chair or the site's contacts may run `{cmd.name}` for it.")
        return
    number = _action_number(args)
    if number is None or "N…" in cmd.usage:
        return
    rec = tracker.get(number)
    if not tracker.is_owner(user, rec):
        who = "an owner" if perm is Permission.OWNER else "an owner or a chair"
        raise Refused(
            f"Only {who} of #{rec.id} may run `{cmd.name}` on it "
            f"(owners: {owners_text(rec.owners)})."
        )

"""How one ``actions`` query is read: the due windows times the owners, merged into one page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from wp2bot.domain.tracking import ActionRecord, Review
from wp2bot.ports.actions import ActionFilter
from wp2bot.services.tracking_terms import DUE_SOON_DAYS, Listing, ListQuery


def listing_filters(
    query: ListQuery,
    today: date,
    limit: int,
    site_owners: Callable[[str], tuple[str, Sequence[str]]],
) -> list[ActionFilter]:
    """One filter per due window and owner; each asks for one row more than ``limit``."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    base = ActionFilter(
        open_only=not query.everything,
        reviews=None if query.everything else (Review.ACCEPTED,),
        limit=limit + 1,
        soonest_first=True,
    )
    if query.overdue and query.due_soon:
        windows = [replace(base, due_until=soon)]  # overdue or due within the week
    elif query.overdue:
        windows = [replace(base, due_before=today)]
    elif query.due_soon:
        windows = [replace(base, due_from=today, due_until=soon)]
    else:
        windows = [base]
    if query.owner is not None:
        return [replace(w, owner_username=query.owner.removeprefix("@")) for w in windows]
    if query.site is not None:
        group, contacts = site_owners(query.site)
        return [replace(w, owner_name=group) for w in windows] + [
            replace(w, owner_username=u) for u in contacts for w in windows
        ]
    return windows


def first_page(
    actions: Callable[[ActionFilter], list[ActionRecord]],
    filters: Sequence[ActionFilter],
    limit: int,
    today: date,
) -> Listing:
    """The actions the filters find, each once, soonest due first; stops once a page is full."""
    found: dict[int, ActionRecord] = {}
    for flt in filters:
        for rec in actions(flt):
            found.setdefault(rec.id, rec)
        if len(found) > limit:
            break
    records = list(found.values())
    records.sort(key=lambda r: (r.due is None, r.due or today, r.id))
    return Listing(tuple(records[:limit]), len(records) > limit)


def proposals_of(
    actions: Callable[[ActionFilter], list[ActionRecord]],
    user: str,
    chair: bool,
    groups: Sequence[str],
    limit: int | None,
) -> list[ActionRecord]:
    """Open proposals: all of them for a chair, else the user's own and their groups'."""
    flt = ActionFilter(reviews=(Review.PROPOSED,), open_only=True, limit=limit)
    if chair:
        return actions(flt)
    mine = {r.id: r for r in actions(replace(flt, owner_username=user))}
    for group_owner in groups:
        for rec in actions(replace(flt, owner_name=group_owner)):
            mine.setdefault(rec.id, rec)
    return sorted(mine.values(), key=lambda r: r.id)

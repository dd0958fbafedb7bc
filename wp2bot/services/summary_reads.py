"""What the chair's summary reads: each section's first items and how many more it has, the
stuck items and the count of proposals, each narrowed and counted in SQL through the port."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from wp2bot.domain.summary import SummaryWindow
from wp2bot.domain.summary_render import MAX_ITEMS
from wp2bot.domain.tracking import ActionRecord, Review
from wp2bot.ports.actions import ActionFilter, ActionReader


def section_filters(w: SummaryWindow) -> list[tuple[str, ActionFilter]]:
    """(section field, the filter of its items in the order it lists them), as shown; the same
    sorting as ``build_summary``: each open item in exactly one section."""
    new = (w.since, w.previous_id)
    return [
        ("overdue", ActionFilter(open_only=True, due_before=w.today, soonest_first=True)),
        ("due_soon", ActionFilter(open_only=True, due_from=w.today, due_until=w.horizon,
                                  soonest_first=True)),
        ("new", ActionFilter(open_only=True, undated_or_due_after=w.later, new_since=new)),
        ("still_open", ActionFilter(open_only=True, undated_or_due_after=w.later,
                                    new_since=new, new=False)),
        ("closed", ActionFilter(done_since=new)),
    ]  # fmt: skip


def read_sections(
    store: ActionReader, w: SummaryWindow, budget: int = MAX_ITEMS
) -> tuple[list[ActionRecord], dict[str, int]]:
    """The items the summary can show, at most ``budget`` over all sections in the order they
    are shown (one post holds no more), by id; and per section how many it has beyond them."""
    records: list[ActionRecord] = []
    read: dict[str, int] = {}
    full: list[tuple[str, ActionFilter]] = []  # sections that may have more than read
    for section, flt in section_filters(w):
        left = budget - len(records)
        got = store.actions(replace(flt, limit=left)) if left > 0 else []
        if len(got) == max(left, 0):
            full.append((section, _counted(section, flt)))
        read[section] = len(got)
        records += got
    counts = store.count_each([flt for _, flt in full])  # one read for all of them
    totals = dict(zip([sec for sec, _ in full], counts, strict=True))
    if "still_open" in totals:  # counted with the new items: those read or counted
        totals["still_open"] -= totals.get("new", read["new"])
    more = {sec: n - read[sec] for sec, n in totals.items() if n > read[sec]}
    return sorted(records, key=lambda r: r.id), more


def _counted(section: str, flt: ActionFilter) -> ActionFilter:
    """The filter that counts a section: the still open items are counted with the new ones
    (undated or due later, whatever their meeting), which an index on the due date answers
    alone, and the new ones are then taken off."""
    return replace(flt, new_since=None, new=True) if section == "still_open" else flt


def read_stuck(
    store: ActionReader, stuck: Sequence[tuple[int, int]]
) -> tuple[tuple[ActionRecord, int], ...]:
    """The open items of (action id, unanswered reminders) pairs, in their order."""
    if not stuck:
        return ()
    found = {r.id: r for r in store.actions(ActionFilter(ids=tuple(i for i, _ in stuck)))}
    return tuple((found[i], n) for i, n in stuck if i in found and found[i].is_open)


def count_proposals(store: ActionReader) -> int:
    """Open items that await the chair's confirmation."""
    return store.count_actions(ActionFilter(open_only=True, reviews=(Review.PROPOSED,)))

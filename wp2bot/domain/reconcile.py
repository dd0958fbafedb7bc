"""How freshly extracted actions map onto stored ones: same meeting, carried over, or new."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from wp2bot.domain.carryover import Judgement, Statement, Verdict, best_match
from wp2bot.domain.models import ExtractedAction
from wp2bot.domain.tracking import ActionRecord, fingerprint, same_action


@dataclass(frozen=True, slots=True)
class Linked:
    """A new action that may restate an older item: a proposal the chair may merge into it."""

    item: ExtractedAction
    similar_to: int
    reason: str


@dataclass(frozen=True, slots=True)
class IngestPlan:
    """What to do with freshly extracted actions against what is stored."""

    create: tuple[ExtractedAction, ...] = ()
    update: tuple[tuple[int, ExtractedAction], ...] = ()  # from this meeting, wording changed
    unchanged: tuple[int, ...] = ()
    carried: tuple[tuple[int, ExtractedAction], ...] = ()  # restated from an earlier meeting
    vanished: tuple[int, ...] = ()  # were in this meeting's minutes, no longer are
    linked: tuple[Linked, ...] = ()  # new, but near an older item the chair may merge it into


def statement_of_record(rec: ActionRecord) -> Statement:
    """The carry-over decision's view of a stored item."""
    return Statement(
        text=rec.text,
        owners=tuple(o.name or o.written for o in rec.owners),
        due=rec.due,
        due_phrase=rec.due_phrase,
    )


def statement_of_item(item: ExtractedAction) -> Statement:
    """The carry-over decision's view of an extracted action."""
    return Statement(
        text=item.text,
        owners=tuple(o.name or o.written for o in item.owners),
        due=item.due.date if item.due else None,
        due_phrase=item.due.phrase if item.due else None,
    )


def plan_ingest(
    extracted: Sequence[ExtractedAction],
    same_meeting: Sequence[ActionRecord],
    earlier_open: Sequence[ActionRecord],
) -> IngestPlan:
    """Match extracted actions to stored ones: same meeting first, then open earlier items.

    Unchanged minutes yield only ``unchanged``. An item restating an earlier one (the carry-over
    rules of ``carryover.judge``) is carried over; the best restatement claims an old item first,
    so a look-alike listed before it in the minutes cannot take it.
    """
    update: list[tuple[int, ExtractedAction]] = []
    unchanged: list[int] = []
    remaining = {r.id: r for r in same_meeting}
    fresh: list[ExtractedAction] = []
    for item in extracted:
        fp = fingerprint(item.text)
        match = _best(fp, remaining.values())
        if match is None:
            fresh.append(item)
            continue
        del remaining[match.id]
        if match.fingerprint == fp and _same_details(match, item):
            unchanged.append(match.id)
        else:
            update.append((match.id, item))
    earlier = [(r.id, statement_of_record(r)) for r in earlier_open]
    found = [best_match(statement_of_item(item), earlier) for item in fresh]
    claimed = _claims(found)
    create: list[ExtractedAction] = []
    carried: list[tuple[int, ExtractedAction]] = []
    linked: list[Linked] = []
    for index, item in enumerate(fresh):
        result = found[index]
        if result is None:
            create.append(item)
        elif claimed.get(result[0]) == index:
            carried.append((result[0], item))
        else:
            linked.append(Linked(item, result[0], _reason(result[1])))
    return IngestPlan(
        create=tuple(create),
        update=tuple(update),
        unchanged=tuple(unchanged),
        carried=tuple(carried),
        vanished=tuple(remaining),
        linked=tuple(linked),
    )


def _claims(found: Sequence[tuple[int, Judgement] | None]) -> dict[int, int]:
    """Old item id -> index of the one SAME statement that carries it (the most alike)."""
    claims: dict[int, int] = {}
    for index, result in enumerate(found):
        if result is None or result[1].verdict is not Verdict.SAME:
            continue
        held = claims.get(result[0])
        held_result = found[held] if held is not None else None
        if held_result is None or result[1].score > held_result[1].score:
            claims[result[0]] = index
    return claims


def _reason(j: Judgement) -> str:
    return j.reason or "restates it, but another item of these minutes does so more closely"


def _best(fp: str, records: Iterable[ActionRecord]) -> ActionRecord | None:
    best: ActionRecord | None = None
    best_score = 0.0
    for rec in records:
        if rec.fingerprint == fp:
            return rec
        if same_action(rec.fingerprint, fp):
            score = fuzz.token_set_ratio(rec.fingerprint, fp)
            if score > best_score:
                best, best_score = rec, score
    return best


def _same_details(rec: ActionRecord, item: ExtractedAction) -> bool:
    due = item.due.date if item.due else None
    return (
        rec.status is item.status
        and rec.due == due
        and tuple(o.name for o in rec.owners) == tuple(o.name for o in item.owners)
        and rec.section == item.section
    )

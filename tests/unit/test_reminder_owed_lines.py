"""The sweep's walk keeps ids; the digest lines are made of the items read again."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.models import Status
from wp2bot.domain.reminders import Occasion
from wp2bot.domain.tracking import ActionRecord, Review
from wp2bot.services.reminder_owed import Listed, Owed


def record(action_id: int, text: str) -> ActionRecord:
    return ActionRecord(
        id=action_id, text=text, owners=(), status=Status.OPEN, review=Review.ACCEPTED,
        due=date(2026, 3, 1),
    )  # fmt: skip


def owed() -> Owed:
    found = Owed()
    found.own["ines"] += [Listed(3, Occasion.OVERDUE), Listed(7, Occasion.DUE)]
    found.own["tomas"].append(Listed(5, Occasion.BEFORE))
    found.escalated["kiri"].append(Listed(3, Occasion.OVERDUE, ("ines",), 4))
    return found


def test_the_ids_of_a_batch_are_read_once_each_in_order() -> None:
    assert owed().listed_ids(["kiri", "ines"]) == [3, 7]
    assert owed().listed_ids(["tomas", "nobody"]) == [5]


def test_lines_carry_the_record_read_again_and_what_the_walk_found() -> None:
    records = {3: record(3, "renew the host certificate"), 7: record(7, "upgrade dCache")}
    own, escalated = owed().lines("ines", records)
    assert [(x.record.text, x.kind) for x in own] == [
        ("renew the host certificate", Occasion.OVERDUE),
        ("upgrade dCache", Occasion.DUE),
    ]
    assert escalated == []
    _own, escalated = owed().lines("kiri", records)
    assert [(x.record.id, x.escalated_from, x.unanswered) for x in escalated] == [(3, ("ines",), 4)]


def test_an_item_closed_since_the_walk_is_left_out() -> None:
    own, _escalated = owed().lines("ines", {7: record(7, "upgrade dCache")})
    assert [x.record.id for x in own] == [7]

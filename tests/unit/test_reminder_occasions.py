"""A sweep's occasions, kept compactly, read back as the tuples they were added as."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.reminder_occasions import OccasionKinds, Occasions


def test_occasions_read_back_in_order_with_shared_kinds() -> None:
    kinds = OccasionKinds()
    alice, bob = Occasions(kinds), Occasions(kinds)
    added = [
        (12, "overdue", date(2026, 3, 4)),
        (7, "due", date(2026, 3, 4)),
        (9_000_000_001, "overdue", date(2026, 3, 4)),
        (3, "before", date(2026, 3, 6)),
    ]
    for occasion in added:
        alice.append(*occasion)
    bob.append(5, "escalation", date(2026, 3, 5))
    bob.append(12, "overdue", date(2026, 3, 4))
    assert list(alice) == added
    assert len(alice) == 4
    assert (alice[2], alice[-1]) == (added[2], added[-1])
    assert alice[1:3] == added[1:3]
    assert list(bob) == [(5, "escalation", date(2026, 3, 5)), (12, "overdue", date(2026, 3, 4))]
    assert kinds.pairs == [
        ("overdue", date(2026, 3, 4)),
        ("due", date(2026, 3, 4)),
        ("before", date(2026, 3, 6)),
        ("escalation", date(2026, 3, 5)),
    ]
    assert list(Occasions(kinds)) == []
    assert len(Occasions(kinds)) == 0

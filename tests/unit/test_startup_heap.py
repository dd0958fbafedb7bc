"""``wp2bot run`` freezes what start-up made before it serves (``freeze_startup_heap``)."""

from __future__ import annotations

import gc

from wp2bot.runtime import freeze_startup_heap


def test_startup_objects_leave_the_collections_and_later_ones_stay() -> None:
    wiring = {"parts": [[n] for n in range(200)]}  # stands for what start-up wired
    try:
        freeze_startup_heap()
        assert gc.get_freeze_count() >= 200
        collected = {id(o) for generation in range(3) for o in gc.get_objects(generation)}
        assert id(wiring) not in collected
        assert all(id(part) not in collected for part in wiring["parts"])
        made_by_a_command = [["reply"]]
        assert any(o is made_by_a_command for g in range(3) for o in gc.get_objects(g))
    finally:
        gc.unfreeze()
    assert any(o is wiring for o in gc.get_objects(2))

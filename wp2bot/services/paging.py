"""Reading many actions a page at a time, by id, so that memory stays flat however many."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from wp2bot.domain.tracking import ActionRecord


def id_pages(
    read: Callable[[int, int], list[ActionRecord]], size: int, *, after: int = 0
) -> Iterator[list[ActionRecord]]:
    """The non-empty pages ``read(after_id, limit)`` gives, ``size`` at a time, each after the
    last id of the one before (keyset paging: a page costs the same however deep it is)."""
    while True:
        page = read(after, size)
        if page:
            yield page
        if len(page) < size:
            return
        after = page[-1].id

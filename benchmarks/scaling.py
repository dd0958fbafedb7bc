"""Cost per KB of extraction, and of ``dedupe.merge`` inside it, from 1 KB to 5 MB minutes.

Used by ``python benchmarks/extraction.py --scaling``. The documents are the labelled real
minutes joined end to end (a running log of many meetings, as some groups keep) and cut at a
line end to each size; the cost per KB should be flat from 1 KB to 5 MB.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from unittest import mock

from wp2bot.domain import actions, dedupe
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Roster

SIZES = (1_000, 10_000, 1_000_000, 5_000_000)


def joined_minutes(texts: Sequence[str], size: int) -> str:
    """The texts one after another, repeated as needed, cut at a line end near ``size`` bytes."""
    parts: list[str] = []
    total = 0
    i = 0
    while total < size and texts:
        text = texts[i % len(texts)]
        i += 1
        if total + len(text) > size:
            text = text[: size - total].rsplit("\n", 1)[0]
            if not text:
                break
        parts.append(text)
        total += len(text) + 1
    return "\n".join(parts)


@contextmanager
def timed_merge() -> Iterator[list[float]]:
    """Count the CPU seconds spent in ``dedupe.merge`` while the block runs."""
    spent = [0.0]

    def merge(items: list[dedupe.Mergeable]) -> list[dedupe.Mergeable]:
        start = time.process_time()
        try:
            return dedupe.merge(items)
        finally:
            spent[0] += time.process_time() - start

    with mock.patch.object(actions, "merge", merge):
        yield spent


def scaling(
    texts: Sequence[str], sizes: Sequence[int] = SIZES, roster: Roster | None = None
) -> list[tuple[float, float, float]]:
    """(KB, total ms/KB, merge ms/KB) for each size; small sizes are repeated for a stable time.
    With a ``roster`` every run uses it (the bot's case), else none."""
    ctx = MeetingContext(meeting_date=date(2026, 11, 5))
    roster = roster or Roster()
    rows = []
    for size in sizes:
        text = joined_minutes(texts, size)
        runs = max(1, 300_000 // size)
        with timed_merge() as spent:
            start = time.process_time()
            for _ in range(runs):
                actions.extract_actions(parse_minutes(text, "markdown"), ctx, roster)
            total = time.process_time() - start
        kb = len(text.encode()) / 1024
        rows.append((kb, total / runs * 1000 / kb, spent[0] / runs * 1000 / kb))
    return rows

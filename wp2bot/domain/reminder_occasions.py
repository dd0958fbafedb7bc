"""The occasions one reminder sweep records, ten bytes each instead of a tuple each.

A first sweep after an import owes every open item: 100,000 occasions (action, kind, day)
kept until the digests are claimed. As tuples they are about 100 bytes apiece (the tuple, the
id and the date); here an occasion is the action id in an ``array`` and the number of its
(kind, day) pair, of which a sweep has a few dozen.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from datetime import date
from typing import overload

Occasion = tuple[int, str, date]  # (action id, kind, the day it is for)


class OccasionKinds:
    """The (kind, day) pairs of one sweep, numbered in the order they were first seen."""

    __slots__ = ("_numbers", "pairs")

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, date], int] = {}
        self.pairs: list[tuple[str, date]] = []

    def number(self, kind: str, day: date) -> int:
        """The pair's number (given it at its first sight)."""
        found = self._numbers.get((kind, day))
        if found is None:
            found = self._numbers[(kind, day)] = len(self.pairs)
            self.pairs.append((kind, day))
        return found


class Occasions(Sequence[Occasion]):
    """One person's occasions in the order they were added."""

    __slots__ = ("_ids", "_kinds", "_pairs")

    def __init__(self, kinds: OccasionKinds) -> None:
        self._kinds = kinds
        self._ids = array("q")
        self._pairs = array("I")

    def append(self, action_id: int, kind: str, day: date) -> None:
        """Add one occasion."""
        self._ids.append(action_id)
        self._pairs.append(self._kinds.number(kind, day))

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> Occasion: ...

    @overload
    def __getitem__(self, index: slice) -> list[Occasion]: ...

    def __getitem__(self, index: int | slice) -> Occasion | list[Occasion]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        kind, day = self._kinds.pairs[self._pairs[index]]
        return (self._ids[index], kind, day)

    def __iter__(self) -> Iterator[Occasion]:
        pairs = self._kinds.pairs
        for action_id, number in zip(self._ids, self._pairs, strict=True):
            kind, day = pairs[number]
            yield (action_id, kind, day)

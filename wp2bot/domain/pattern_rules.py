"""The shape of a ranked table of patterns: each rule a name, its pattern, what it yields, examples.

The markup, marker, status and commitment patterns live in tables of ``PatternRule``: the name
a caller asks for, the compiled pattern, what a match gives the caller, the cheap word test run
before the pattern (when it has one), and invented example sentences with the groups each
should capture, and counter-examples, that ``tests/unit/test_pattern_rules.py`` runs. The rank
orders the rules of one table where a caller tries several in turn (higher first); rules that
never compete share a rank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from wp2bot.domain.casefold import contains_any

CAPITALS = "A-ZÀ-ÖØ-ÞĀ-ſ"  # the capital letters a name may open with, for a character class
# a name of one or two capitalised words ("Ana", "Ana Lima", "O'Brien"), for a pattern
ONE_NAME = "[" + CAPITALS + r"][\w.'’-]*(?:\s+[" + CAPITALS + r"][\w.'’-]*)?"
TICKS = "✔✓✅☑"  # the check marks that tick an item off, for a character class
# the dashes that set off an owner, a speaker or a note (hyphen, en dash, em dash), for a
# character class: the hyphen comes first, where a class reads it as itself
DASHES = "-–—"
DASH_MARKS = tuple(DASHES)  # the same, for a cheap test before a pattern (contains_any)


@dataclass(frozen=True, slots=True)
class Case:
    """An example text and the groups a match of it must capture (name or number, value)."""

    text: str
    groups: tuple[tuple[str | int, str | None], ...] = ()


def case(text: str, *numbered: str | None, **named: str | None) -> Case:
    """An example ``text`` whose match captures ``numbered`` (groups 1, 2 ...) and ``named``."""
    groups: list[tuple[str | int, str | None]] = list(enumerate(numbered, start=1))
    return Case(text, (*groups, *named.items()))


@dataclass(frozen=True, slots=True)
class PatternRule:
    """One pattern of a table, with what it yields and the examples that show it."""

    name: str
    rank: int  # higher first, among the rules a caller tries in turn
    pattern: re.Pattern[str]
    yields: str  # what a match gives the caller
    examples: tuple[Case, ...]
    counter_examples: tuple[str, ...] = ()
    # anchored at the start, anywhere, or over the whole text
    how: Literal["match", "search", "fullmatch"] = "search"
    # lower-cased ASCII text without any of these words cannot match (empty: no word test)
    words: tuple[str, ...] = ()

    def finds(self, text: str) -> re.Match[str] | None:
        """The pattern's match in ``text`` as the callers apply it."""
        if self.how == "match":
            return self.pattern.match(text)
        if self.how == "fullmatch":
            return self.pattern.fullmatch(text)
        return self.pattern.search(text)

    def may_match(self, lower: str) -> bool:
        """False when lower-cased ASCII ``lower`` holds none of the rule's words."""
        return not self.words or contains_any(lower, self.words)


def ranked(*rules: PatternRule) -> tuple[PatternRule, ...]:
    """The rules by rank, highest first (the written order among equal ranks)."""
    return tuple(sorted(rules, key=lambda r: -r.rank))


def rule(table: tuple[PatternRule, ...], name: str) -> PatternRule:
    """The rule of ``table`` called ``name``."""
    found = next((r for r in table if r.name == name), None)
    if found is None:
        raise KeyError(name)
    return found


def pattern(table: tuple[PatternRule, ...], name: str) -> re.Pattern[str]:
    """The pattern of the rule of ``table`` called ``name``."""
    return rule(table, name).pattern

"""The terms of the clause rules: the clause judged, a judge's verdict, a rule and its examples.

``clause_judges`` reads a ``Clause`` and gives a ``Verdict``; ``clause_rules`` ranks the
``ClauseRule`` table, each rule with its cheap gate and its invented ``Example`` clauses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from wp2bot.domain.action_items import Item, Names
from wp2bot.domain.models import Status


@dataclass(slots=True)
class Clause:
    """One clause being judged, with what the sentence around it says."""

    text: str
    sentence: str  # the whole sentence: the item's text unless a rule names a part
    names: Names
    subject: str | None  # the speaker, or the subject a former clause named
    line_start: bool  # the clause opens the line (right after a speaker's label)
    verb: str = "will"  # the commitment verb read so far

    def item(
        self, owners: list[str], status: Status = Status.OPEN, text: str | None = None
    ) -> Item:
        """An item of this clause's sentence (or of ``text``) with these owners."""
        if text is None:
            return Item(self.sentence, owners, False, status, 1)
        return Item(text, owners, False, status, 1, self.sentence)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A rule's finding: the item (None: no action here, stop) and the verb that commits."""

    item: Item | None
    verb: str = ""


REJECTED = Verdict(None)


# the meeting's people and the roster's account every rule's examples are read with
EXAMPLE_PEOPLE = ("Ana Lima", "Bo Berg", "Carla Rossi")
EXAMPLE_ACCOUNT = ("Jane Doe", "jdoe42")


@dataclass(frozen=True, slots=True)
class Example:
    """A clause and what its rule gives: the owners (or, for "subject", the subject noted)."""

    text: str
    owners: tuple[str, ...] = ()
    speaker: str | None = None  # the speaker or subject the clause inherits
    later: bool = False  # a later clause of its sentence, not its opening
    status: Status = Status.OPEN


@dataclass(frozen=True, slots=True)
class ClauseRule:
    """One category of commitment language."""

    name: str
    rank: int  # higher first
    yields: str  # what a match gives, in words
    pattern: re.Pattern[str]  # matched at the clause's start (``search``: anywhere)
    gate: Callable[[str], bool] | None  # False on the clause text: the pattern cannot match
    judge: Callable[[Clause, re.Match[str]], Verdict | None]
    examples: tuple[Example, ...]
    counter_examples: tuple[Example, ...] = ()
    search: bool = False


# the judge runs its own test on the clause (a function of another module, a case change)
JUDGE_READS = re.compile("")


def says_to_or_will(text: str) -> bool:
    """A gate: the clause says " to " or " will "."""
    return " to " in text or " will " in text


def says_for_and_to(text: str) -> bool:
    """A gate: the clause says both " for " and " to "."""
    return " for " in text and " to " in text


def opens_with_c(text: str) -> bool:
    """A gate: the clause opens with a lower-case "c" ("can ...", "could ...")."""
    return text[:1] == "c"


def holds_word(*words: str) -> Callable[[str], bool]:
    """A gate: the clause holds one of the words (as written, case-sensitive)."""

    def holds(text: str) -> bool:
        for word in words:  # noqa: SIM110 - a third faster than any() over a generator
            if word in text:
                return True
        return False

    return holds

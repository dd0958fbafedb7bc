"""The terms of the clause rules: the clause judged, a judge's verdict, a rule and its examples.

``clause_judges`` reads a ``Clause`` and gives a ``Verdict``; ``clause_rules`` ranks the
``ClauseRule`` table, each rule with its cheap gate and its invented ``Example`` clauses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from wp2bot.domain.action_items import Item, Names
from wp2bot.domain.casefold import contains_any
from wp2bot.domain.models import Status
from wp2bot.domain.regex_openers import may_open


@dataclass(slots=True)
class Clause:
    """One clause being judged, with what the sentence around it says."""

    text: str
    sentence: str  # the whole sentence: the item's text unless a rule names a part
    names: Names
    subject: str | None  # the speaker, or the subject a former clause named
    line_start: bool  # the clause opens the line (right after a speaker's label)
    verb: str = "will"  # the commitment verb read so far
    # the subject was named by what came before ("Ana presented the plan."), not the speaker:
    # the "she" or "he" of this clause is that person
    named: bool = False

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
    named: bool = False  # the subject was named by the text before (``Clause.named``)


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
    # for a judge that reads its own test (``JUDGE_READS``): the pattern that test matches at the
    # clause's start, as written or with its first letter in capitals; the rule is tried only on
    # clauses opening with a character that may open it
    opens: re.Pattern[str] | None = None


# the judge runs its own test on the clause (a function of another module, a case change)
JUDGE_READS = re.compile("")


def says_to_or_will(text: str) -> bool:
    """A gate: the clause says " to " or " will "."""
    return " to " in text or " will " in text


def says_for_and_to(text: str) -> bool:
    """A gate: the clause says both " for " and " to "."""
    return " for " in text and " to " in text


def says_asked(text: str) -> bool:
    """A gate: the clause says "asked", "requested", "reminded", "urged" (or "asks", ...), or
    wishes for someone's work ("would like", "wants"), and " to "."""
    return " to " in text and contains_any(text, _ASKING)


_ASKING = ("ask", "request", "remind", "urge", "would like", "Would like", "want")


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


_Finder = Callable[[str], re.Match[str] | None]
_Judge = Callable[[Clause, re.Match[str]], Verdict | None]
_Entry = tuple[str, Callable[[str], bool] | None, _Finder, _Judge]


def _may_open(rule: ClauseRule, ch: str) -> bool:
    if rule.search:
        return True  # a rule that searches anywhere can match after any opening
    if rule.opens is not None:
        return may_open(rule.opens, ch) or may_open(rule.opens, ch.upper())
    return may_open(rule.pattern, ch)


class RuleTable:
    """Rules tried in rank order on a clause, each only where its pattern may open the clause.

    Most rules read the clause's first words (``regex_openers``), so a clause opening with a
    lower-case verb or a digit skips most of them. Each character's rules are kept as (name,
    gate, bound match or search, judge): the loop over them runs once or more per clause.
    """

    def __init__(self, rules: tuple[ClauseRule, ...]) -> None:
        """The table of ``rules``, highest rank first."""
        self.rules = rules
        self._by_opening: dict[str, tuple[_Entry, ...]] = {}

    def opening_with(self, ch: str) -> tuple[_Entry, ...]:
        """The rules, by rank, that may match a clause opening with ``ch``."""
        entries = self._by_opening.get(ch)
        if entries is None:
            entries = tuple(
                (r.name, r.gate, r.pattern.search if r.search else r.pattern.match, r.judge)
                for r in self.rules
                if _may_open(r, ch)
            )
            if len(self._by_opening) < 1024:  # the characters clauses open with: a few dozen
                self._by_opening[ch] = entries
        return entries

    def judge(self, clause: Clause) -> tuple[str, Verdict] | None:
        """The first rule by rank that gives a verdict on the clause, and the verdict; or None."""
        text = clause.text
        for name, gate, find, judge in self.opening_with(text[:1]):
            if gate is not None and not gate(text):
                continue
            found = find(text)
            if found is None:
                continue
            verdict = judge(clause, found)
            if verdict is not None:
                return name, verdict
        return None

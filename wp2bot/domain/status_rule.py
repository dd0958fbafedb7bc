"""One status rule: a category of wording, the status it yields and its cheap word test.

The tables are ``status_rules`` (English wording, notes, table cells) and ``status_languages``
(the state words of the other languages the minutes mix in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from wp2bot.domain.casefold import contains_any, lowered_pattern
from wp2bot.domain.models import Status


@dataclass(frozen=True, slots=True)
class StatusRule:
    """One category of status language."""

    name: str
    pattern: re.Pattern[str]
    yields: Status
    rank: int  # higher first
    # lower-cased ASCII text without any of these words cannot match (empty: no test)
    words: tuple[str, ...]
    scope: Literal["text", "head"]  # the whole item, or its first words (up to a comma)
    unless: re.Pattern[str] | None  # wording that cancels the rule ("not done yet")
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...] = ()
    # the pattern without IGNORECASE for the lower-cased text, and the words that rule it out
    # there (``casefold.lowered_pattern``)
    lowered: tuple[re.Pattern[str] | None, tuple[str, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lowered", lowered_pattern(self.pattern))

    def fires(self, text: str, lower: str | None, folded: str | None = None) -> bool:
        """The rule holds for ``text`` (``lower``: the ASCII text lower-cased, or None; for the
        word test; ``folded``: the text lower-cased when ``casefold.lower_safe`` holds for it,
        or None, for the case-sensitive pattern)."""
        if lower is not None and self.words and not contains_any(lower, self.words):
            return False
        pattern, unless = self.lowered
        if folded is not None and pattern is not None and not contains_any(folded, unless):
            if pattern.search(folded) is None:
                return False
        elif self.pattern.search(text) is None:
            return False
        return self.unless is None or self.unless.search(text) is None

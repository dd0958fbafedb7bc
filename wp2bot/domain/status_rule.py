"""One status rule: a category of wording, the status it yields and its cheap word test.

The tables are ``status_rules`` (English wording, notes, table cells) and ``status_languages``
(the state words of the other languages the minutes mix in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from wp2bot.domain.casefold import contains_any
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

    def fires(self, text: str, lower: str | None) -> bool:
        """The rule holds for ``text`` (``lower``: the ASCII text lower-cased, or None)."""
        if lower is not None and self.words and not contains_any(lower, self.words):
            return False
        if self.pattern.search(text) is None:
            return False
        return self.unless is None or self.unless.search(text) is None

"""The words read from a gate pattern are ones no match can do without."""

from __future__ import annotations

import random
import re

import pytest

from wp2bot.domain.dates import _rules
from wp2bot.domain.gate_words import literal_words, required_words


@pytest.mark.parametrize(
    ("pattern", "words", "plain"),
    [
        (r"today|tonight|eod|\bend\s", ["today", "tonight", "eod", "end"], False),
        (r"\b(?:in|within)\s", ["in", "within"], False),
        (r"mon|tue|wed", ["mon", "tue", "wed"], True),
        (r"asap|a\.s\.a\.p", ["asap", "a.s.a.p"], True),
        (r"tues?day", ["tue"], False),  # the "s" may be absent
        (r"q[1-4]", ["q"], False),
        (r"\d{4}[-/]\d", None, False),  # opens with a digit: no word
        (r"week|\d+ days", None, False),  # one branch without a word: no word test
        (r"(?:in|on)?\s+time", None, False),  # an optional group
        (r"Monday", None, False),  # upper case is not read as a word
    ],
)
def test_words_of_a_pattern(pattern: str, words: list[str] | None, plain: bool) -> None:
    assert required_words(pattern) == words
    assert (literal_words(pattern) is not None) is plain


def test_every_date_gate_needs_its_words() -> None:
    """Texts made of pieces of the gates: whenever a gate matches, it holds one of its words,
    and a plain gate matches exactly when it holds one."""
    gates = [g.pattern for g in _rules().gates]
    pieces = [*sorted({w for g in gates for w in re.findall(r"[a-z]+", g)}), " ", "1", ".", "-"]
    rng = random.Random(11)
    texts = [
        "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 6)))
        for _ in range(3000)
    ]
    checked = 0
    for pattern in gates:
        words, plain = required_words(pattern), literal_words(pattern)
        gate = re.compile(pattern)
        for text in texts:
            matched = gate.search(text) is not None
            if words is not None and matched:
                checked += 1
                assert any(w in text for w in words), (pattern, text)
            if plain is not None:
                assert matched == any(w in text for w in plain), (pattern, text)
    assert checked > 1000


def test_no_date_rule_matches_where_its_gate_is_closed() -> None:
    """Random phrases of deadline words: wherever a rule's pattern matches, its gate opens, both
    the IGNORECASE one and the lower-case one on the lower-cased text."""
    pieces = [
        "by", "before", "on", "the", "of", "in", "until", "mid", "early", "end", "due", "next",
        "3", "12", "2026", "3rd", "May", "may", "march", "Mar.", "sept", "June", "jul", "dec",
        "December", "market", "decide", "monday", "fri", "week", "-", ",", ".", ":", "(", ")",
        "–", "meeting", "month", "soon", "asap", "q3", "fortnight", "today", "tomorrow",
    ]  # fmt: skip
    rng = random.Random(3)
    opened = 0
    for _ in range(3000):
        text = "".join(
            rng.choice(pieces) + rng.choice([" ", " ", "", "-"]) for _ in range(rng.randint(1, 7))
        )
        for rule in _rules().rules:
            if rule.pattern.search(text) is None:
                continue
            opened += 1
            assert rule.gate.search(text) is not None, (rule.name, text)
            assert rule.gate_lower.search(text.lower()) is not None, (rule.name, text)
    assert opened > 1000

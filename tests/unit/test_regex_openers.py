"""``may_open`` admits every character a match can open with, and rules out the others."""

from __future__ import annotations

import re
import string

import pytest

from wp2bot.domain import regex_openers
from wp2bot.domain.clause_rules import RULES
from wp2bot.domain.clause_terms import ClauseRule
from wp2bot.domain.regex_openers import may_open

ASCII = [chr(c) for c in range(128)]


def _opening(pattern: str, flags: int = 0) -> set[str]:
    compiled = re.compile(pattern, flags)
    return {c for c in string.printable if may_open(compiled, c)}


def test_literals_branches_and_optional_parts() -> None:
    assert _opening(r"^(?:also\s+)?(?:can|could)\s") == set("ac")
    assert _opening(r"x*y") == set("xy")
    assert _opening(r"(?:a|)b") == set("ab")
    assert _opening(r"[0-9]+ items") == set("0123456789")


def test_case_folding_follows_the_flags() -> None:
    assert _opening(r"will", re.IGNORECASE) == set("wW")
    assert _opening(r"(?i:will)|Go") == set("wWG")
    assert _opening(r"(?-i:Will)|go", re.IGNORECASE) == set("gGW")
    # Unicode folds the long s to "s" and the Kelvin sign to "k": such a pattern admits anything
    assert _opening("\u017fome", re.IGNORECASE) == set(string.printable)


def test_classes_categories_and_negation() -> None:
    assert _opening(r"[^a-z]") == {c for c in string.printable if not "a" <= c <= "z"}
    assert _opening(r"\d") == set(string.digits)
    assert _opening(r"[\s@]x") == {c for c in string.printable if c.isspace() or c == "@"}
    assert _opening(r"\w") == set(string.ascii_letters + string.digits + "_")


def test_zero_width_and_unknown_parts_never_exclude() -> None:
    assert _opening(r"(?=b)a") == set("a")  # the look-ahead is read as matching nothing
    assert _opening(r"\bto") == set("t")
    assert _opening(r".x") == set(string.printable)
    assert _opening(r"(a)\1") == set("a")
    assert _opening(r"") == set(string.printable)  # an empty match opens any text


def test_characters_outside_ascii_and_no_parser_admit_every_pattern(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert may_open(re.compile("abc"), "é")
    assert may_open(re.compile("abc"), "")
    monkeypatch.setattr(regex_openers, "_PARSER", None)
    assert may_open(re.compile("abc"), "z")


@pytest.mark.parametrize("rule", [r for r in RULES if not r.search], ids=lambda r: r.name)
def test_a_rule_never_matches_a_clause_opening_with_a_character_it_rules_out(
    rule: ClauseRule,
) -> None:
    texts = [e.text for r in RULES for e in (*r.examples, *r.counter_examples)]
    for ch in ASCII:
        if may_open(rule.pattern, ch):
            continue
        for text in texts:
            for variant in (ch + text, ch + text[1:], ch + " " + text):
                assert rule.pattern.match(variant) is None, (rule.name, variant)

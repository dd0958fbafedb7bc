"""Which characters can open a match of a regular expression: a test cheaper than the match.

``may_open(pattern, ch)`` is False only when no match of ``pattern`` tried at the start of a text
(``Pattern.match``) can begin with the character ``ch``. It reads the pattern's parsed form
(CPython's ``re._parser``) and answers True wherever it cannot tell: for a character outside
ASCII, for a construct it does not know, and for every character when the parser is not there.
A look-ahead or look-behind is read as matching nothing, so it never excludes a character; a
case-insensitive literal or set outside ASCII admits every character (Unicode folds "ſ" to "s"
and the Kelvin sign to "k"). Used by ``clause_rules`` to try on a clause only the rules whose
pattern can match its first character; the rules themselves stay as written.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from typing import Any

try:
    _PARSER: Any = importlib.import_module("re._parser")
except ImportError:  # another Python: every character may open every pattern
    _PARSER = None

_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_CATEGORIES: dict[str, Callable[[str], bool]] = {
    "CATEGORY_WORD": lambda v: v.isalnum() or v == "_",
    "CATEGORY_NOT_WORD": lambda v: not (v.isalnum() or v == "_"),
    "CATEGORY_DIGIT": str.isdigit,
    "CATEGORY_NOT_DIGIT": lambda v: not v.isdigit(),
    "CATEGORY_SPACE": str.isspace,
    "CATEGORY_NOT_SPACE": lambda v: not v.isspace(),
}


def may_open(pattern: re.Pattern[str], ch: str) -> bool:
    """False only when no match of ``pattern`` at a text's start can begin with ``ch``.

    >>> may_open(re.compile(r"(?:also\\s+)?can\\b"), "c"), may_open(re.compile(r"can"), "b")
    (True, False)
    """
    if _PARSER is None or len(ch) != 1 or not ch.isascii():
        return True
    try:
        parsed = _PARSER.parse(pattern.pattern, pattern.flags)
        icase = bool(parsed.state.flags & re.IGNORECASE)
        opens, empty = _sequence(parsed, ch, icase)
    except Exception:  # a parser of another shape: admit the character
        return True
    return opens or empty


def _sequence(items: Iterable[tuple[Any, Any]], ch: str, icase: bool) -> tuple[bool, bool]:
    """Whether the items in a row can open with ``ch``, and whether they can match nothing."""
    for op, av in items:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue
        if name == "LITERAL":
            return _literal(av, ch, icase), False
        if name == "IN":
            return _in_set(av, ch, icase), False
        if name == "BRANCH":
            alternatives = [_sequence(alt, ch, icase) for alt in av[1]]
            opens, empty = any(o for o, _ in alternatives), any(e for _, e in alternatives)
        elif name == "SUBPATTERN":
            _group, add, delete, body = av
            inner = (icase or bool(add & re.IGNORECASE)) and not delete & re.IGNORECASE
            opens, empty = _sequence(body, ch, inner)
        elif name in _REPEATS:
            least, _most, body = av
            opens, empty = _sequence(body, ch, icase)
            empty = empty or least == 0
        elif name == "ATOMIC_GROUP":
            opens, empty = _sequence(av, ch, icase)
        else:  # any character, a negated literal, a back-reference: cannot tell
            return True, False
        if opens:
            return True, False
        if not empty:
            return False, False
    return False, True


def _variants(ch: str, icase: bool) -> set[str]:
    return {ch, ch.lower(), ch.upper()} if icase else {ch}


def _literal(code: int, ch: str, icase: bool) -> bool:
    if icase and code > 127:
        return True
    return chr(code) in _variants(ch, icase)


def _in_set(items: Iterable[tuple[Any, Any]], ch: str, icase: bool) -> bool:
    """Whether ``ch`` (an ASCII character) is in a character set ``[...]``."""
    negate = hit = False
    variants = _variants(ch, icase)
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            if icase and av > 127:
                return True
            hit = hit or chr(av) in variants
        elif name == "RANGE":
            low, high = av
            if icase and high > 127:
                return True
            hit = hit or any(low <= ord(v) <= high for v in variants)
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            test = _CATEGORIES[str(av)]
            hit = hit or any(test(v) for v in variants)
        else:
            return True
    return hit != negate

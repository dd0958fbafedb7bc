"""When lower-casing text once can stand in for IGNORECASE searches.

Many rules run a cheap word test on the lower-cased text before a slow IGNORECASE pattern, or a
case-sensitive pattern on the lower-cased text instead of the IGNORECASE one. That is exact when
``text.lower()`` folds every character as IGNORECASE compares it, with the same length and the
same ``\\w``, ``\\s`` and ``\\d`` classes. It does for every character but three: the dotless i
and the long s match "i" and "s" under IGNORECASE though lower() keeps them, and the dotted
capital I becomes two characters. (The Kelvin sign lower-cases to "k", as IGNORECASE matches it.)
"""

from __future__ import annotations

import re


def lower_safe(text: str) -> bool:
    """Whether word tests and patterns on ``text.lower()`` find what IGNORECASE finds in text."""
    # the dotless i, the long s and the dotted capital I (above), three substring tests: no
    # generator, as text with a curly quote or a dash often comes
    return text.isascii() or ("ı" not in text and "ſ" not in text and "İ" not in text)


def contains_any(lower: str, words: tuple[str, ...]) -> bool:
    """Whether any of the words occurs in the text: the cheap test run before a slow pattern.

    The words are what the pattern cannot match without, so False means it cannot match. The
    callers pass text lower-cased once when it folds case exactly as IGNORECASE does
    (``casefold.lower_safe``).
    """
    for word in words:  # noqa: SIM110 - a third faster than any() over a generator
        if word in lower:
            return True
    return False


# escapes ("\\b", "\\S") and group names, which are not letters the pattern compares
_NOT_COMPARED = re.compile(r"\\.|\(\?P<\w+>")
# a case-sensitive group of literal words: "(?-i:May)", "(?-i:soon|SOON)"
_CASED_WORDS = re.compile(r"\(\?-i:([A-Za-z]+(?:\|[A-Za-z]+)*)\)")
# an escape or a group's name, kept as written, or a letter
_LETTER = re.compile(r"\\.|\(\?P[<=]\w+[>)]|\(\?\(\w+\)|[^\W\d_]")
# a range from a capital to what is not one or back ("[A-z]"): no small letters' range
_MIXED_RANGE = re.compile(r"[A-Z]-[^A-Z\]]|[^A-Z\\\[^]-[A-Z]")
# a range of a character class with a letter outside ASCII at either end ("[à-ÿ]"): IGNORECASE
# tests both cases of a character against it, so lower-cased text alone does not tell
# (a dash first or last in its class is the dash itself: "[-–—]")
_WIDE_RANGE = re.compile(r"[^\x00-\x7f]-(?!\])|(?<![\[^\\])-[^\x00-\x7f]")


def lowered_pattern(pattern: re.Pattern[str]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """The IGNORECASE pattern compiled case-sensitively, for text lower-cased once, and the words
    that rule it out; (None, ()) when it cannot stand in for the pattern.

    On lower-cased text it finds what the pattern finds with IGNORECASE on the text when every
    letter it compares is lower-case and ``lower_safe`` holds for the text: IGNORECASE matches a
    letter of the pattern to the characters that lower() turns into it. A case-sensitive group
    of words ("(?-i:May)", the month and not the modal) cannot be told on lower-cased text; but
    when the lower-cased text holds none of its words, neither form can match there, so the
    group is written in lower case and the pattern used only for such text. Case-sensitive
    matching is two to four times as fast.
    """
    if not pattern.flags & re.IGNORECASE:
        return None, ()
    source = pattern.pattern
    unless: list[str] = []

    def lower_group(m: re.Match[str]) -> str:
        words = m.group(1).lower().split("|")
        unless.extend(w for w in words if w not in unless)
        return "(?:" + "|".join(words) + ")"

    source = _CASED_WORDS.sub(lower_group, source)
    if _MIXED_RANGE.search(_NOT_COMPARED.sub("", source)) or "\\N" in source:
        return None, ()
    # under IGNORECASE a capital in the pattern is its small letter ("Zeit" is "zeit")
    source = _LETTER.sub(_small, source)
    compared = _NOT_COMPARED.sub("", source)
    if (
        "(?-i" in source
        or any(c.isupper() for c in compared)
        or not all(c.isascii() or _plain_latin(c) for c in compared)
        or (not source.isascii() and _WIDE_RANGE.search(compared))
    ):
        return None, ()
    return re.compile(source, pattern.flags & ~re.IGNORECASE), tuple(unless)


def _plain_latin(char: str) -> bool:
    """A character outside ASCII that IGNORECASE pairs with its capital alone: an accented
    Latin letter ("é", "ü", "à") or a sign that is no letter ("–", "’", "→"); not "ß" or "µ",
    whose capitals lower-case to other characters, nor the dotless i or the long s."""
    if not char.isalpha():
        return True
    return "\u00c0" <= char <= "\u017f" and char not in "ıſ" and char.upper().lower() == char


def _small(m: re.Match[str]) -> str:
    """A capital letter as its small letter where lower() gives one letter that upper() turns
    back into it; escapes, group names and other letters as written."""
    c = m.group()
    if len(c) == 1 and c.isupper() and len(low := c.lower()) == 1 and low.upper() == c:
        return low
    return c

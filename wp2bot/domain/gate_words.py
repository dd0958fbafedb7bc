"""The words a keyword pattern cannot match without, read from the pattern itself.

A gate pattern ("today|tonight|eod|\\bend\\s", "\\b(?:in|within)\\s") is a cheap search run
before a costly rule; a substring test for the words its branches open with is cheaper still. The
words come from the pattern's own text, so they cannot drift from it: each top-level branch (or
each branch of a group it opens with) contributes the lower-case letters it starts with, after an
optional word boundary. A branch that opens with anything else (a digit class, a repeat) gives no
word, and then the pattern gets no word test at all: ``None``.
"""

from __future__ import annotations

_QUANTIFIERS = "?*{"


def _split_branches(pattern: str) -> list[str] | None:
    """The top-level alternatives of a pattern; None when its brackets do not balance."""
    branches: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            end = pattern.find("]", i + 2)  # "[]...]" holds a literal "]"
            if end == -1:
                return None
            i = end + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    if depth != 0:
        return None
    branches.append(pattern[start:])
    return branches


def _closing(pattern: str, open_at: int) -> int:
    """The index of the bracket that closes the group opened at ``open_at``, or -1."""
    depth, i = 0, open_at
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _opening_words(branch: str) -> list[str] | None:
    """The words one branch cannot match without (any one of them), or None."""
    if branch.startswith(r"\b"):
        branch = branch[2:]
    if branch.startswith("(?:"):
        end = _closing(branch, 0)
        if end == -1 or branch[end + 1 : end + 2] in tuple(_QUANTIFIERS):
            return None  # an optional group: the branch may match without its words
        return required_words(branch[3:end])
    word = _literal_run(branch)[0]
    return [word] if word else None


def _literal_run(branch: str) -> tuple[str, int]:
    """The literal text a branch opens with (lower-case letters, spaces, escaped punctuation
    such as "\\."), and how many characters of the branch it takes."""
    chars: list[str] = []
    i = 0
    while i < len(branch):
        c = branch[i]
        if "a" <= c <= "z" or c == " ":
            step = 1
        elif c == "\\" and i + 1 < len(branch) and branch[i + 1] in ".-/&'":
            c, step = branch[i + 1], 2
        else:
            break
        if branch[i + step : i + step + 1] in tuple(_QUANTIFIERS):
            break  # "tues?day": the character before "?" may be absent
        chars.append(c)
        i += step
    return "".join(chars), i


def literal_words(pattern: str) -> list[str] | None:
    """The words of a pattern that is only literal words joined by "|", else None: for such a
    pattern, holding one of the words is matching it.

    >>> literal_words("mon|tue|wed")
    ['mon', 'tue', 'wed']
    >>> literal_words(r"asap|a\\.s\\.a\\.p|soon")
    ['asap', 'a.s.a.p', 'soon']
    >>> literal_words(r"today|\\bend\\s") is None
    True
    """
    branches = _split_branches(pattern)
    if not branches:
        return None
    words: list[str] = []
    for branch in branches:
        word, taken = _literal_run(branch)
        if not word or taken != len(branch):
            return None
        words.append(word)
    return words


def required_words(pattern: str) -> list[str] | None:
    """Words of which every match of ``pattern`` (case-sensitive) holds at least one, or None.

    >>> required_words(r"today|tonight|eod|\\bend\\s")
    ['today', 'tonight', 'eod', 'end']
    >>> required_words(r"\\b(?:in|within)\\s")
    ['in', 'within']
    >>> required_words(r"\\d{4}[-/]\\d") is None
    True
    """
    branches = _split_branches(pattern)
    if not branches:
        return None
    words: list[str] = []
    for branch in branches:
        found = _opening_words(branch)
        if not found:
            return None
        words.extend(found)
    return words


def first_letter_alternation(words: tuple[str, ...]) -> str:
    r"""The words (regex fragments that open with a literal letter) as one alternation grouped
    by first letter behind a look-ahead, as whole words: at each word the engine then tries
    only the few alternatives of its first letter (``line_gate`` groups its words so by hand).

    >>> print(first_letter_alternation(("bis", "bisogna", "avant")))
    \b(?=[ba])(?:b(?:isogna|is)|a(?:vant))(?![\w])
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        groups.setdefault(word[0], []).append(word[1:])
    alternatives = "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())
    return r"\b(?=[" + "".join(groups) + r"])(?:" + alternatives + r")(?![\w])"

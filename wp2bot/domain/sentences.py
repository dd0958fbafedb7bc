"""Sentences and clauses of a line, and whether a sentence asks a question."""

from __future__ import annotations

import re

# Lexical helpers, no rules (issue 10): every pattern here splits text or reads its punctuation
# (a closing question mark, an abbreviation's full stop, a sentence break, a clause join, a
# parenthesis, a list of names before the verb); what a sentence or clause says is judged by the
# ranked tables of the rule modules.
QUESTION_END = re.compile(r"\?\s*\)?\s*$")


def asks(text: str) -> bool:
    """The text ends with a question mark (before an optional closing parenthesis)."""
    return "?" in text and QUESTION_END.search(text) is not None


_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|w\.r\.t|vs|cf|approx|incl|dept|no|fig|al|[A-Z]|Dr|Mr|Ms|Mrs|Prof|St|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$"
)
# a month after its day ends the sentence: "maintenance on 10 Dec. Lea will ..." ("Dec. 10" and
# "on Dec. 10" keep theirs)
_DAY_MONTH = re.compile(r"\d\s+(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")
# a day written as an ordinal before its month, in German ("bis zum 20. Januar"): no break
_ORDINAL_DAY = re.compile(r"(?<![\w.])[0-3]?\d\.$")
_MONTH_AFTER_DAY = re.compile(
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November"
    r"|Dezember)\b"
)
# a sentence break is whitespace: the look-ahead in front lets the engine skip to it
_SENTENCE_END = re.compile(
    # notes often open a hedged sentence in lower case: "... 3 RSEs. maybe Ines can test ..."
    # (a capital of a European name too: "... batch 6. Étienne said ...")
    r"(?=\s)(?:(?<=[.!?])\s+(?=[\"'“(\[]?[A-Z@ÀÁÂÄÇÉÈÊËÍÎÏÑÓÔÖØÚÜŁŚŠŽ]|(?:maybe|perhaps)\s)"
    r"|(?<=[.!?][)\]\"”])\s+(?=[A-Z@ÀÁÂÄÇÉÈÊËÍÎÏÑÓÔÖØÚÜŁŚŠŽ])"
    # an arrow after a question, dropped: its answer ("Who will present it? -> Ana")
    r"|(?<=\?)\s+(?:->|→|=>)\s+"
    # ... and after a sentence, before the one it hands a task to ("... any time. -> Kirsty:
    # open the firewall")
    r"|(?<=[.!])\s+(?=(?:->|→|=>)\s*[A-Z][\w'’-]+\s*:\s))"
)


# at semicolons, at ", and will", and before a new subject: ", Marco will ..."
# Every split point starts with whitespace, ";" or ",": the look-ahead in front lets the engine
# skip to such a character instead of trying each alternative at every position (twice as fast).
# A new alternative must start with one of them too.
_CLAUSE_SPLIT = re.compile(
    r"(?=[\s;,])(?:\s*;\s*|,?\s+(?:and|but)\s+(?=(?:will|'ll|shall)\b)|,\s+(?=will\s+[a-z])|\s+[-–]\s+(?=(?:will|shall)\s)|"
    # a new subject's "will" or "agreed to" after a comma or "and"; "agreed to" after a dash
    # too ("Ana asked for help - Piet agreed to have a look")
    r"(?:,\s+(?:and\s+|while\s+)?|\s+and\s+)"
    r"(?=@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?\s+"
    r"(?:will|shall|(?:agreed|offered|volunteered|promised)\s+to)\s)|"
    r"\s+[-–]\s+(?=@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?\s+"
    r"(?:agreed|offered|volunteered|promised)\s+to\s)"
    # after a comma alone, a new subject's "to": "Lea offered to draft it, Ana to review"
    r"|,\s+(?=@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?\s+to\s+[a-z]))"
)


def _may_end_sentence(text: str) -> bool:
    """False when no sentence can end inside the text: no space after ".", "!", "?" or a closer.

    Printable text has no whitespace but the plain space, so the word tests are exact there.
    """
    if not text.isprintable():
        return True
    return (
        ". " in text
        or "? " in text
        or "! " in text
        or ") " in text
        or "] " in text
        or '" ' in text
        or "” " in text
    )


def split_sentences(text: str) -> list[str]:
    """Split a line into sentences, keeping abbreviations ("e.g.", "J. Smith") together."""
    if not _may_end_sentence(text):
        stripped = text.strip()
        return [stripped] if stripped else []
    return split_at_sentence_ends(text)


def split_at_sentence_ends(text: str) -> list[str]:
    """``split_sentences`` without its shortcut: the pattern tried at every position."""
    parts = _SENTENCE_END.split(text)
    sentences: list[str] = []
    for part in parts:
        if sentences and (
            (_ABBREV.search(sentences[-1]) and not _DAY_MONTH.search(sentences[-1]))
            or (_ORDINAL_DAY.search(sentences[-1]) and _MONTH_AFTER_DAY.match(part))
        ):
            sentences[-1] = f"{sentences[-1]} {part}"
        else:
            sentences.append(part)
    return [s.strip() for s in sentences if s.strip()]


_PARENTHESIS = re.compile(r"\((?:[a-z]+:\s*)?(?P<inner>[^()]{12,})\)")


# only names, joined by commas: the first part of a subject list ("Paul, Aleem and Rizart will")
_SUBJECT_LIST = re.compile(r"\s*@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s*,\s*@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)*\s*$")


def split_clauses(sentence: str) -> list[str]:
    """Split a sentence at semicolons and at ", and will"-style joins; a parenthesis that holds
    a commitment ("(resolution: Omar to open a PR)") is a clause of its own."""
    # every split point is a ";" or a join before "will"/"'ll"/"shall" after ",", "and", "but"
    # or a dash ("Ana – testing the parser - will report back"), or before "Name to ..."
    if ";" in sentence or (
        ("ll" in sentence or " to " in sentence)
        and (
            "," in sentence
            or "and" in sentence
            or "but" in sentence
            or " - " in sentence
            or " – " in sentence
        )
    ):
        parts = []
        start = 0
        for join in _CLAUSE_SPLIT.finditer(sentence):
            before = sentence[start : join.start()]
            if ";" not in join.group() and _SUBJECT_LIST.match(before):
                continue  # "Paul and Aleem will ...": the names before the join are one subject
            if (
                " to " in before
                and join.group().strip() == ","
                and sentence.startswith("will", join.end())
            ):
                # "Bo proposed to add a round-table, will go through the sites": the comma's
                # "will" tells how the proposal works; after a report ("Bo presented the plots,
                # will circulate them") it is a commitment of its own
                continue
            parts.append(sentence[start : join.start()])
            start = join.end()
        parts.append(sentence[start:])
        parts = [p.strip() for p in parts if p.strip()]
    else:
        stripped = sentence.strip()
        parts = [stripped] if stripped else []
    if "(" in sentence:
        parts.extend(m["inner"].strip() for m in _PARENTHESIS.finditer(sentence))
    return parts

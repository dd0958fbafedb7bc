"""Merge an action stated twice in one document (in the notes and again in the action list)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from wp2bot.domain.dates import DUE_SCAN_CHARS
from wp2bot.domain.models import Status

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the to of and or in on for with by at is are be will shall should please action ai "
    "todo item items this that it as from up".split()
)


def content_words(text: str) -> frozenset[str]:
    """Lower-case content words of a text, for overlap tests."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1)


@dataclass(slots=True)
class Mergeable:
    """What deduplication needs to know about a found action."""

    text: str
    owners: list[str]
    status: Status
    strength: int
    index: int  # position of the source line, to keep document order
    section: int
    line: int
    source: str
    first_person: bool = False
    carried: bool = False
    other_texts: str = ""  # merged restatements: a deadline may be written only there
    previous: str = ""  # the line before the source line: tells a copied block from a template
    agenda: bool = False  # stated in an agenda: the notes restate it
    due_text: str = ""  # a table row's due cell, as written
    place: str = ""  # the site or team of the label the line is written under


def same_action(a: str, b: str) -> bool:
    """Two texts describe the same task."""
    return _same_words(content_words(a), content_words(b))


def _same_words(
    wa: frozenset[str], wb: frozenset[str], joined: dict[frozenset[str], str] | None = None
) -> bool:
    """``joined`` keeps each word set's sorted text across the comparisons of one merge."""
    if len(wa) < 3 or len(wb) < 3:
        return False
    shared = len(wa & wb)
    if shared >= 3 and shared / min(len(wa), len(wb)) >= 0.8:
        return True
    if shared * 2 < min(len(wa), len(wb)):
        return False  # cheap exit: the fuzzy ratio cannot reach the threshold
    if joined is None:
        return fuzz.token_sort_ratio(" ".join(sorted(wa)), " ".join(sorted(wb))) >= 88
    text_a = joined.get(wa) or joined.setdefault(wa, " ".join(sorted(wa)))
    text_b = joined.get(wb) or joined.setdefault(wb, " ".join(sorted(wb)))
    return fuzz.token_sort_ratio(text_a, text_b) >= 88


# the task after a commitment's verb: "... and will circulate the schedule"
_COMMITTED = re.compile(r"\b(?:will|shall|'ll|’ll|agreed\s+to|offered\s+to)\s+(?P<task>\S.*)$")


def _same_owners_task(a: Mergeable, b: Mergeable, wa: frozenset[str], wb: frozenset[str]) -> bool:
    """An action list's entry restating a task the notes wrote in other words, of the same
    owners ("Kim agreed to collect the figures and circulate a table" and "Kim - collect the
    figures, circulate the table"): most words shared (all of the shorter one's), one of the
    two listed."""
    if not a.owners or not _same_people(a.owners, b.owners):
        return False
    if max(a.strength, b.strength) < 3 or a.strength == b.strength:
        return False
    # the owner, written in one text or both ("Ana will circulate it", "Ana Rios - circulate
    # it"), counts as one shared word
    named = content_words(" ".join((*a.owners, *b.owners)))
    written = 1 if named & (wa | wb) else 0
    wa, wb = wa - named, wb - named
    shared, fewer = len(wa & wb) + written, min(len(wa), len(wb)) + written
    # "Send the agenda" listed for Ana, "Ana will send the agenda one week before" in the notes
    if (shared >= 3 and shared / fewer >= 0.6) or (shared >= 2 and shared == fewer):
        return True
    # "Ana said the rate is low and will circulate the schedule" in the notes: the words after
    # its commitment are the task the list restates
    notes = a if a.strength < b.strength else b
    committed = _COMMITTED.search(notes.text) if notes.strength < 2 else None
    if committed is None:
        return False
    task = content_words(committed["task"]) - named
    listed = wb if notes is a else wa
    shared, fewer = len(task & listed), min(len(task), len(listed))
    return shared >= 2 and shared == fewer


def _owners(item: Mergeable) -> list[str]:
    return [o.casefold() for o in item.owners]


def _same_people(a: list[str], b: list[str]) -> bool:
    """Two owner lists as written name the same people: "Ana" and "Ana Rios" do."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        wx, wy = set(x.casefold().split()), set(y.casefold().split())
        if not (wx <= wy or wy <= wx):
            return False
    return True


def _repeated_template(a: Mergeable, b: Mergeable) -> bool:
    """The same wording under two different topics ("Outcome: Kim to draft a reply" under
    two issues): two tasks, not one task restated. A restatement sits in an action list (a
    stronger item) or rewords the task."""
    same_text = " ".join(a.text.lower().split()) == " ".join(b.text.lower().split())
    if a.section == b.section and a.strength == b.strength == 3 and a.line != b.line:
        # two entries of one action list ("... disk ...", "... tape ...") are two tasks, as is
        # one task for two owners (a table's rows); the same words of the same owner twice are
        # the notes' marker and a summary's entry
        return not same_text or _owners(a) != _owners(b)
    return (
        a.section != b.section
        and a.strength == b.strength < 3
        and a.previous != b.previous
        and not (a.agenda or b.agenda)
        and same_text
    )


def merge(items: list[Mergeable]) -> list[Mergeable]:
    """Keep one item per task: the most explicit text, owners from whichever names them."""
    kept: list[Mergeable] = []
    kept_words: list[frozenset[str]] = []
    # word -> kept positions holding it: two texts are compared only when they share two words,
    # the fewest with which ``_same_words`` can hold (it needs shared * 2 >= 3)
    by_word: dict[str, set[int]] = {}
    joined: dict[frozenset[str], str] = {}
    for item in items:
        item_words = content_words(item.text)
        shared: dict[int, int] = {}
        size, strength = len(item_words), item.strength
        if size >= 2:  # ``_same_words`` needs three words on each side, ``_same_owners_task`` two
            for word in item_words:
                for i in by_word.get(word, ()):
                    shared[i] = shared.get(i, 0) + 1
        # n over-counts the shared words (a merged entry keeps its old words indexed), so pairs
        # with n * 2 below the smaller word count cannot pass ``_same_words`` either
        position = next(
            (
                i
                for i in sorted(
                    i
                    for i, n in shared.items()
                    if n >= 2
                    # (a listed entry may restate only the task clause of the notes' sentence)
                    and (n * 2 >= min(size, len(kept_words[i])) or kept[i].strength != strength)
                )
                if (
                    _same_words(kept_words[i], item_words, joined)
                    or _same_owners_task(kept[i], item, kept_words[i], item_words)
                )
                and not _repeated_template(kept[i], item)
            ),
            None,
        )
        if position is None:
            position = len(kept)
            kept.append(item)
            kept_words.append(item_words)
            for word in item_words:
                by_word.setdefault(word, set()).add(position)
            continue
        twin = kept[position]
        best, other = (item, twin) if item.strength > twin.strength else (twin, item)
        if not best.owners:
            best.owners = other.owners
            best.first_person = other.first_person
            best.section = other.section if other.owners or other.first_person else best.section
        if len(best.other_texts) < DUE_SCAN_CHARS:  # the deadline search reads no further
            best.other_texts = f"{best.other_texts} {other.text} {other.other_texts}".strip()
        if Status.DONE in (best.status, other.status):
            best.status = Status.DONE
        best.carried = best.carried and other.carried
        best.index = min(best.index, other.index)
        if best is item:  # the text kept changes: index its words too (the old ones stay)
            kept[position] = item
            kept_words[position] = item_words
            for word in item_words:
                by_word.setdefault(word, set()).add(position)
    return kept

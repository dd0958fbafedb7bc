"""An action item as found in the text (``Item``), the names the meeting knows (``Names``), and
the tests of who can own one and of the state a text gives it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wp2bot.domain import owner_patterns as op
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.models import Status
from wp2bot.domain.status_rules import DONE_NOTE, item_status
from wp2bot.domain.verb_forms import closed_by_note


@dataclass(slots=True)
class Item:
    """An action recognised in text, before owner resolution and deduplication."""

    text: str
    owners: list[str]
    first_person: bool
    status: Status
    strength: int  # 3: action-list item, 2: explicit marker or checkbox, 1: prose commitment
    context: str = ""  # the sentence a clause came from: a deadline may be written only there
    deadline: str = ""  # a cell or field that holds only the deadline ("10/12", "ASAP")


@dataclass(frozen=True, slots=True)
class Names:
    """How to tell a name from a word: the resolver's knowledge and whether a roll call exists."""

    is_known: Callable[[str], bool]
    split: Callable[[str], list[str]]
    strict: bool  # the minutes list participants: unknown capitalised words need more evidence


_TIMES = frozenset(("next", "last", "previous", "following", "upcoming"))


def names_ok(who: str, names: Names, lenient: bool) -> bool:
    """Whether ``who`` reads as one or more owners (people, groups, "all")."""
    who = who.strip(" *_:,.")
    if not who or len(who) > 80 or "n't" in who or "n’t" in who:
        return False
    if op.NOT_NAME_CHARS.search(who) and not all(
        names.is_known(part) or op.DIGIT_ACRONYM.match(part) for part in names.split(who) or [who]
    ):
        return False  # digits and URLs name nobody, unless a group has them ("IN2P3")
    if who.lower() in op.NOBODY or who.split(None, 1)[0].lower() in _TIMES:
        return False  # "(next board)", "(last meeting)": when, not who
    if who.lower() in op.EVERYONE or (op.GROUP_WORDS.search(who) and len(who.split()) <= 5):
        return True
    parts = names.split(who) or [who]
    for part in parts:
        part = op.THE.sub("", part.strip())
        words = part.split()
        if not words or len(words) > 4:
            return False
        first = words[0].lstrip("@")
        if (
            first.lower() in vo.NOT_NAMES
            and part.lower() not in op.EVERYONE
            # "AS: look at ...": initials of an attendee, though they spell a word
            and not (len(words) == 1 and op.INITIALISM.match(first) and names.is_known(part))
        ):
            return False
        if (first.lower() in vo.IMPERATIVES or vo.is_gerund(first)) and not names.is_known(part):
            return False
        if names.is_known(part) or part.startswith("@"):
            continue
        if not first[:1].isupper():
            return False
        if not lenient and names.strict and op.PLURAL_NOUNISH.match(first) and len(words) == 1:
            return False
    return True


def status_of(text: str, struck: bool, checked: bool | None) -> Status:
    """Done, tentative or open from the marks and wording of an item (``status_rules``)."""
    if struck or checked or closed_by_note(text):
        return Status.DONE
    status, rule = item_status(text)
    if (
        checked is False
        and status is Status.DONE
        and rule != "called-off"
        and not DONE_NOTE.search(text)
    ):
        # "[ ] Rerun the tests now that the vendor fixed the firmware": the empty box says
        # open; only a closing note ("[ ] Renew the key – done", "[ ] ... (dropped)") overrules it
        return Status.OPEN
    return status


def known_or_group(who: str, names: Names) -> bool:
    """Every part of ``who`` is a known name or a group word."""
    parts = names.split(who) or [who]
    return all(names.is_known(p) or bool(op.GROUP_WORDS.search(p)) for p in parts)


def all_known(who: str, names: Names) -> bool:
    """Every owner written in ``who`` ("HS", "Ana/Bo") is a known person."""
    return all(names.is_known(p) for p in names.split(who) or [who])

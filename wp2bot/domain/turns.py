"""Speaker turns in discussion notes ("Kim: also add a note ..."): who speaks, what they ask."""

from __future__ import annotations

import re
from collections.abc import Sequence

from wp2bot.domain import owner_patterns as op
from wp2bot.domain import task_patterns as tp
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import Item, Names, status_of
from wp2bot.domain.casefold import contains_any
from wp2bot.domain.dedupe import Mergeable
from wp2bot.domain.models import Line, Status
from wp2bot.domain.pattern_rules import (
    CAPITALS,
    DASH_MARKS,
    DASHES,
    TICKS,
    PatternRule,
    case,
    pattern,
    ranked,
)
from wp2bot.domain.roll_calls import ABSENT_LABEL, PARTICIPANTS_LABEL

# A speaker's turn and an opinion in one, in one table (``line_prose`` reads them too).
RULES = ranked(
    PatternRule(
        name="speaker-turn",
        rank=10,
        # a chat log writes the speaker's nick in angle brackets, in any case: "<kim> fine"
        pattern=re.compile(
            # (a scribe writes the speaker's name in lower case before a colon: "kofi: ...")
            r"^(?P<irc><)?(?P<who>(?(irc)[@+]?[\w.'’-]{1,30}|(?:@?[" + CAPITALS + r"][\w.'’-]*"
            r"(?:\s+[" + CAPITALS + r"][\w.'’-]*)?|[a-z][\w'’-]{1,20}(?=:\s))))"
            r"(?(irc)>\s+|\s*(?::|\s[" + DASHES + r"]\s)\s*)"
        ),
        yields="the speaker of a turn ('Kim: ...', 'Kim Lee - ...', '<kim> ...')",
        how="match",
        examples=(
            case("Kim Lee: the tests are green", who="Kim Lee"),
            case("@Bo – fine"),
            case("Kim — fine", who="Kim"),
            case("<kim.lee> I'll check", who="kim.lee"),
            # (a lower-case name is a speaker only when the meeting knows it: ``names_like``)
            case("kofi: I'll re-sync the import", who="kofi"),
        ),
        counter_examples=("kim - the tests are green", "Kim-Lee said so", "<kim>fine"),
    ),
    PatternRule(
        name="we-should",
        rank=0,
        # "Omar: We should mark it as pending": in a speaker's turn, an opinion rather than a task
        pattern=re.compile(
            r"^(?:(?:i\s+(?:think|guess|feel)(?:\s+that)?|\w+),?\s+)?we\s+should\b",
            re.IGNORECASE,
        ),
        yields="an opinion in a speaker's turn, not a task",
        how="match",
        examples=(case("We should mark it as pending"), case("I think that we should wait")),
        counter_examples=("Should we wait?", "Ana and we should wait"),
    ),
)
SPEAKER_TURN = pattern(RULES, "speaker-turn")


def may_turn(text: str) -> bool:
    """Whether ``text`` can open with a speaker's turn at all (spares the pattern elsewhere)."""
    return ":" in text or text[:1] == "<" or contains_any(text, DASH_MARKS)


def said_to_all(text: str, turn: re.Match[str]) -> bool:
    """A turn that addresses the meeting ("Kim: ...", "<kim> ..."), not a "Kim - ..." label."""
    return turn["irc"] is not None or ":" in text[: turn.end()]


WE_SHOULD = pattern(RULES, "we-should")
# A lexical helper, no rule: what a speaker says before an instruction, trimmed ("also add
# ...", "agreed, but add ...", "✔ add ...": assent, and a tick that marks it done)
_ASSENT = re.compile(
    rf"^(?:[{TICKS}]\s*)?(?:(?:also|then|agreed|ok|okay|yes|sure)\b[,;]?\s*)*(?:but\s+)?", re.I
)
# assent before what a speaker commits to: "agreed, will rewrite it", "yes, I'll send it"
_ASSENT_FIRST = re.compile(r"^(?:(?:agreed|ok|okay|yes|sure|fine)[,;]\s+)+(?=\S)", re.I)


def without_assent(said: str) -> str:
    """What a turn says after the assent it opens with ("agreed, will rewrite it")."""
    assent = _ASSENT_FIRST.match(said) if said[:1] in "aAoOyYsSfF" else None
    return said[assent.end() :] if assent else said


# a request put to one person ("Carla, can you test it?"), and an answer that takes it up
_REQUEST = re.compile(r",\s+(?:can|could|would)\s+you\b", re.IGNORECASE)
_TAKEN_UP = re.compile(
    r"(?:yes|yeah|yep|sure|ok(?:ay)?|will\s+do|can\s+do|fine|agreed|of\s+course|no\s+problem|"
    r"I\s+(?:can|will)|I['’]ll)\b",
    re.IGNORECASE,
)
# a word after the first that shows it was no imperative: a subject or a verb follows it
# the second word of a turn that makes its first no imperative: "Upgrade done; ...", "Test is
# green" (a noun, then a state or a verb)
_NOT_OBJECT = frozenset(
    "i i've i'm we it's is are was were to has have done completed finished ok fine".split()
)


def names_like(who: str, names: Names) -> bool:
    """A speaker label: a known name or a short capitalised token ("All:" addresses everyone:
    no speaker); a lower-case one only when the meeting knows it."""
    first = who.split(maxsplit=1)[0].lower()
    if first in op.EVERYONE:
        return False
    if who[:1].islower():
        return names.is_known(who)  # "kofi:" in a scribe's notes; "propose:" is no one
    return names.is_known(who) or (first not in vo.NOT_NAMES and len(who) <= 25)


def told(text: str, names: Names, assigned: bool = False) -> Item | None:
    """A speaker's instruction to the group ("Kim: also add a note that ..."): an unowned task.
    The imperative must open the turn: a later one is an argument inside the discussion.

    With ``assigned`` (the section holds no discussion, see ``discusses``), "Kim: add a note"
    labels a task with the known person who does it, as in a round-table's list of tasks.
    """
    turn = SPEAKER_TURN.match(text) if ":" in text or text[:1] == "<" else None
    if turn is None or not said_to_all(text, turn) or not names_like(turn["who"], names):
        return None
    said = text[turn.end() :]
    if said.startswith("to "):
        return _own_task(turn["who"], said, names)
    assent = _ASSENT.match(said)
    task = said[assent.end() :] if assent else said
    hedge = tp.HEDGED.match(task)  # "Bob: maybe look into the timeout": a tentative task
    task = hedge["task"] if hedge else task
    words = task.lower().split()
    if (
        "?" in said
        or len(words) < 4
        or words[1].rstrip(",;:.") in _NOT_OBJECT
        or tp.VAGUE_TASK.match(task)
        or tp.STATIVE_TASK.match(task)  # "Computing: Have a list of ...": a report
        or not vo.looks_imperative(task)
    ):
        return None  # "Think I've seen ...", "Document is open ...", "propose to close ...?"
    owners = [turn["who"]] if assigned and names.is_known(turn["who"]) else []
    status = Status.TENTATIVE if hedge else status_of(said, False, None)
    return Item(said, owners, False, status, 1)


def discusses(texts: list[str], names: Names) -> bool:
    """Whether lines hold a discussion: a speaker's turn that is not an instruction ("Kim: the
    tests are green", "Kim: what about ...?"). Under "CERN (Kim)", "Kim: upgrade the pool" and
    "Kim: check the logs" alone are tasks labelled with their owner, not turns."""
    for text in texts:
        turn = SPEAKER_TURN.match(text) if ":" in text or text[:1] == "<" else None
        if turn is None or not said_to_all(text, turn) or not names_like(turn["who"], names):
            continue
        if PARTICIPANTS_LABEL.match(text) or ABSENT_LABEL.match(text):
            continue  # "Present: Ana, Bo": a roll call, nobody's turn
        said = text[turn.end() :]
        assent = _ASSENT.match(said)
        task = said[assent.end() :] if assent else said
        hedge = tp.HEDGED.match(task)
        task = hedge["task"] if hedge else task
        if "?" in said or not vo.looks_imperative(task.removeprefix("to ")):
            return True
    return False


def _own_task(who: str, said: str, names: Names) -> Item | None:
    """ "Rizart: to check up on this": a task of the person named, when the name is known."""
    task = said[3:]
    words = task.split()
    if (
        "?" in said
        or len(words) < 2
        or words[0].endswith((",", ":"))  # "to clarify, ...": a remark
        or not names.is_known(who)
        or not vo.looks_imperative(task)
        or tp.VAGUE_TASK.match(task)
        or tp.STATIVE_TASK.match(task)
    ):
        return None
    return Item(said, [who], False, status_of(said, False, None), 1)


def taken_up(found: Sequence[Mergeable], lines: Sequence[Line]) -> None:
    """A request put to one person ("Carla, can you test it on the preprod instance?") that
    they answer yes to in the next turn ("Carla: yes, by Friday.") is their task: open, and
    the answer may hold its deadline."""
    for candidate in found:
        if candidate.status is not Status.TENTATIVE or len(candidate.owners) != 1:
            continue
        if "you" not in candidate.source or not _REQUEST.search(candidate.source):
            continue
        asked = candidate.owners[0].lstrip("@").split()[0].casefold()
        section = lines[candidate.index].section
        for line in lines[candidate.index + 1 : candidate.index + 3]:
            turn = SPEAKER_TURN.match(line.text) if line.section == section else None
            if turn is None:
                break
            if turn["who"].lstrip("@").split()[0].casefold() != asked:
                continue  # another voice first: the answer may still come
            said = line.text[turn.end() :]
            if _TAKEN_UP.match(said):
                candidate.status = Status.OPEN
                candidate.other_texts = f"{candidate.other_texts} {said}".strip()
            break

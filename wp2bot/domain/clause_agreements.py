"""Work the meeting agreed on: "it was agreed to fix this", "... and the group agreed to open a PR".

A decision about how things stay ("agreed to keep the term", "agreed to use the same naming",
"agreed to close the ticket") assigns no work and is no action; an agreement to do something
that is not done yet is one, with no owner unless a person agreed.
"""

from __future__ import annotations

import re

from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.clause_terms import REJECTED, Clause, Verdict

# the body that agrees, written as a group ("the storage team", "the board"): never a person
_BODY = (
    r"(?:the|this|our)\s+(?:[\w-]+\s+){0,2}?(?:group|team|forum|committee|board|meeting|wg|sig|"
    r"working\s+group|task\s+force|council|panel|collaboration|consortium|community)"
)
AGREED_WORK = re.compile(
    r"\b(?P<who>it\s+was|" + _BODY + r"|we|they|all|everyone|everybody)\s+"
    r"(?:also\s+|then\s+|(?:have\s+|has\s+)?(?:all\s+|jointly\s+)?)?agreed\s+to\s+"
    r"(?P<task>[a-z]+\b.*)$",
    re.IGNORECASE,
)
_COLLECTIVE = re.compile(_BODY + r"$|(?:we|they|all|everyone|everybody)$", re.IGNORECASE)
# what follows "agreed to" when it is no verb: "agreed to the plan", "agreed to this"
_NOUN_PHRASE = re.compile(
    r"(?:the|a|an|this|that|these|those|it|them|all|both|each|every|any|some|no|our|their|its|"
    r"his|her|your|one|two|three)\b",
    re.IGNORECASE,
)
# what stays as it is, or how to go on (a direction: "work towards ..."): a decision, not work
_DECISION = re.compile(
    r"(?:keep|use|follow|close|leave|stick|adopt|accept|aim|postpone|defer|wait|go|continue|"
    r"retain|stay|proceed|hold|drop|move\s+on|not|meet|disagree|revisit|reconvene|"
    r"\w+(?:\s+\w+){0,2}\s+towards?)\b",
    re.IGNORECASE,
)


def says_agreed(text: str) -> bool:
    """False when AGREED_WORK cannot match: the text does not say "agreed"."""
    return "agreed" in text.lower()


def _work(task: str) -> bool | None:
    """True for work to do, False for a decision about how things stay, None when unsure."""
    if _DECISION.match(task) or cp.STATIVE_TASK.match(task) or cp.VAGUE_TASK.match(task):
        return False
    if len(task.split()) < 3:
        return None
    # after "agreed to" a lower-case word that opens no noun phrase is the verb of the work
    return True if vo.looks_imperative(task) or not _NOUN_PHRASE.match(task) else None


def collective(who: str) -> bool:
    """ "The team", "the storage working group", "we": a body that agrees, not an owner."""
    return _COLLECTIVE.match(who) is not None


def opens_with_agreed_work(text: str) -> bool:
    """ "It was agreed to publish the calendar": a sentence the decision veto must not drop."""
    m = AGREED_WORK.match(text.lstrip()) if says_agreed(text) else None
    return m is not None and _work(m["task"]) is True


def agreed_work(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "It was agreed to fix this for the next release": unowned work the meeting agreed on."""
    work = _work(m["task"])
    if work is False:
        return REJECTED
    if work is None:
        return None
    text = c.text[m.start() :].rstrip(" .;")
    return Verdict(c.item([], text=text if m.start() else None), "agreed to")

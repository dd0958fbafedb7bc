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

# the body that agrees, written as a group: never a person
AGREED_WORK = re.compile(
    r"\b(?P<who>it\s+was|(?:the|this)\s+(?:group|team|forum|committee|board|meeting|wg|"
    r"working\s+group)|we|they|all|everyone|everybody)\s+(?:also\s+|then\s+)?agreed\s+to\s+"
    r"(?P<task>[a-z]+\b.*)$",
    re.IGNORECASE,
)
# what stays as it is, or how to go on (a direction: "work towards ..."): a decision, not work
_DECISION = re.compile(
    r"(?:keep|use|follow|close|leave|stick|adopt|accept|aim|postpone|defer|wait|go|continue|"
    r"retain|stay|proceed|hold|drop|move\s+on|not|\w+(?:\s+\w+){0,2}\s+towards?)\b",
    re.IGNORECASE,
)


def says_agreed(text: str) -> bool:
    """False when AGREED_WORK cannot match: the text does not say "agreed"."""
    return "agreed" in text.lower()


def _work(task: str) -> bool | None:
    """True for work to do, False for a decision about how things stay, None when unsure."""
    if _DECISION.match(task) or cp.STATIVE_TASK.match(task) or cp.VAGUE_TASK.match(task):
        return False
    return True if vo.looks_imperative(task) and len(task.split()) >= 3 else None


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

"""Work the meeting agreed on: "it was agreed to fix this", "... and the group agreed to open a PR".

A decision about how things stay ("agreed to keep the term", "agreed to use the same naming",
"agreed to close the ticket") assigns no work and is no action; an agreement to do something
that is not done yet is one, with no owner unless a person agreed.
"""

from __future__ import annotations

import re

from wp2bot.domain import task_patterns as tp
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.clause_terms import REJECTED, Clause, Verdict
from wp2bot.domain.pattern_rules import PatternRule, case, pattern, ranked

# the body that agrees, written as a group ("the storage team", "the board"): never a person
_BODY = (
    r"(?:the|this|our)\s+(?:[\w-]+\s+){0,2}?(?:group|team|forum|committee|board|meeting|wg|sig|"
    r"working\s+group|task\s+force|council|panel|collaboration|consortium|community)"
)
_COLLECTIVE_WORDS = r"we|they|all|everyone|everybody"

# The agreement, who agreed and what was agreed, in one table; the clause rule "agreed-work"
# (``clause_rules_unowned``) searches with the first, the others judge its groups and never
# compete.
RULES = ranked(
    PatternRule(
        name="agreed-work",
        rank=10,
        pattern=re.compile(
            r"\b(?P<who>it\s+was|" + _BODY + r"|" + _COLLECTIVE_WORDS + r")\s+"
            r"(?:also\s+|then\s+|(?:have\s+|has\s+)?(?:all\s+|jointly\s+)?)?agreed\s+to\s+"
            r"(?P<task>[a-z]+\b.*)$",
            re.IGNORECASE,
        ),
        yields="an agreement of the meeting: who agreed and what",
        examples=(
            case("It was agreed to move the wiki", who="It was", task="move the wiki"),
            case("..., and the tape team jointly agreed to test it", who="the tape team"),
        ),
        counter_examples=("Ana agreed to move the wiki", "We agreed on the date"),
    ),
    PatternRule(
        name="collective",
        rank=0,
        pattern=re.compile(_BODY + r"$|(?:" + _COLLECTIVE_WORDS + r")$", re.IGNORECASE),
        yields="a body that agrees, never an owner ('the team', 'we')",
        how="match",
        examples=(case("the storage working group"), case("We")),
        counter_examples=("Ana", "the team lead Bo"),
    ),
    PatternRule(
        name="noun-phrase",
        rank=0,
        # what follows "agreed to" when it is no verb: "agreed to the plan", "agreed to this"
        pattern=re.compile(
            r"(?:the|a|an|this|that|these|those|it|them|all|both|each|every|any|some|no|our|"
            r"their|its|his|her|your|one|two|three)\b",
            re.IGNORECASE,
        ),
        yields="what was agreed opens a noun phrase, not the verb of work",
        how="match",
        examples=(case("the plan from last week"), case("this")),
        counter_examples=("rewrite the daemon", "themes"),
    ),
    PatternRule(
        name="decision",
        rank=0,
        # what stays as it is, or how to go on (a direction: "work towards ..."): no work
        pattern=re.compile(
            r"(?:keep|use|follow|close|leave|stick|adopt|accept|aim|postpone|defer|wait|go|"
            r"continue|retain|stay|proceed|hold|drop|move\s+on|not|meet|disagree|revisit|"
            r"reconvene|\w+(?:\s+\w+){0,2}\s+towards?)\b",
            re.IGNORECASE,
        ),
        yields="what was agreed is a decision about how things stay or go on, not work",
        how="match",
        examples=(case("keep the old flag"), case("work steadily towards a release")),
        counter_examples=("rewrite the daemon", "usefully"),
    ),
)
AGREED_WORK = pattern(RULES, "agreed-work")
_COLLECTIVE = pattern(RULES, "collective")
_NOUN_PHRASE = pattern(RULES, "noun-phrase")
_DECISION = pattern(RULES, "decision")


def says_agreed(text: str) -> bool:
    """False when AGREED_WORK cannot match: the text does not say "agreed"."""
    return "agreed" in text.lower()


def _work(task: str) -> bool | None:
    """True for work to do, False for a decision about how things stay, None when unsure."""
    if _DECISION.match(task) or tp.STATIVE_TASK.match(task) or tp.VAGUE_TASK.match(task):
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

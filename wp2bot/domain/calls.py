"""A call for a volunteer and the answer that takes it: "Can someone check the pool? Ana: will
do." The task is the call's, the owner the one who answered, in the same line or the next."""

from __future__ import annotations

import re

from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import Item, Names
from wp2bot.domain.models import Status
from wp2bot.domain.pattern_rules import CAPITALS, PatternRule, case, pattern, ranked

# (a full stop after it ends the sentence: "Bo." is Bo)
_NAME = r"@?[" + CAPITALS + r"](?:[\w.'’-]*\w)?(?:\s+[" + CAPITALS + r"](?:[\w.'’-]*\w)?)?"

RULES = ranked(
    PatternRule(
        name="open-call",
        rank=10,
        pattern=re.compile(
            # (after a label: "Open question: who will present at the workshop?")
            r"^(?:[^:?]{1,30}:\s+)?(?:(?:can|could|would|will)\s+(?:someone|somebody|anyone|anybody)|"
            r"who\s+(?:can|could|would|will|wants\s+to))\s+(?P<task>[^?]{3,}?)\s*\?\s*$",
            re.IGNORECASE,
        ),
        yields="a question that asks for a volunteer, and the task it names (task)",
        how="match",
        examples=(
            case("Can someone check why the transfers fail?", task="check why the transfers fail"),
            case("Who could update the wiki?", task="update the wiki"),
            case("Open point: who will present the results?", task="present the results"),
        ),
        counter_examples=("Can we check it?", "Someone should check it."),
    ),
    PatternRule(
        name="named-call",
        rank=10,
        # a question to a person named in it: "Could Lea share the config?"
        pattern=re.compile(
            r"^(?i:can|could|would|will)\s+" + _NAME + r"\s+(?P<task>[a-z][^?]{2,}?)\s*\?\s*$"
        ),
        yields="a question asking a named person for work, and the task it names (task)",
        how="match",
        examples=(case("Could Lea share the config?", task="share the config"),),
        counter_examples=("Could we share the config?", "Can Lea?"),
    ),
    PatternRule(
        name="stated-call",
        rank=10,
        # a need for someone, stated: "Someone should update the site table", "Somebody needs
        # to chase the vendor"
        pattern=re.compile(
            r"^(?:(?:someone|somebody|anyone)\s+(?:should|needs\s+to|has\s+to|must)|"
            r"(?:we\s+)?need\s+(?:someone|somebody|a\s+volunteer)\s+to)\s+"
            r"(?P<task>[^?.!]{3,}?)\s*[.!]?\s*$",
            re.IGNORECASE,
        ),
        yields="a need for a volunteer, stated, and the task it names (task)",
        how="match",
        examples=(
            case("Someone should update the site table", task="update the site table"),
            case("We need someone to chase the vendor.", task="chase the vendor"),
        ),
        counter_examples=("Someone updated the site table.",),
    ),
    PatternRule(
        name="call-answer",
        rank=10,
        # "Ana: will do", "Ana: yes, I'll do it", "Ana will.", "Bo volunteered."; the name
        # alone ("Who will present it? Ana.", also written "? -> Ana": ``sentences``)
        pattern=re.compile(
            r"^(?P<who>" + _NAME + r")(?::\s*(?:(?:yes|sure|ok(?:ay)?)[,.!]?\s*)?"
            r"(?:I\s*(?:'ll|’ll|\s+will|\s+can)(?:\s+do\s+(?:it|that|this))?(?:\s+take\s+it)?|"
            r"will\s+do(?:\s+it)?|can\s+do(?:\s+it)?|on\s+it|me|yes|sure)"
            r"|\s+(?:will|can|volunteers|volunteered|offered|will\s+do\s+it))?\s*[.!]?\s*$"
        ),
        yields="the one who takes up the call (who)",
        how="match",
        examples=(
            case("Ana: will do.", who="Ana"),
            case("Bo Li: yes, I'll do it", who="Bo Li"),
            case("Ana volunteered.", who="Ana"),
            case("Bo.", who="Bo"),
        ),
        counter_examples=("Ana: will do it later if nobody else does", "Ana: no"),
    ),
)
_CALL = pattern(RULES, "open-call")
_ANSWER = pattern(RULES, "call-answer")
_STATED = pattern(RULES, "stated-call")
_NAMED = pattern(RULES, "named-call")
# "Someone should update it — Kim volunteered": the answer after a dash in the same sentence
_DASHED = re.compile(r"^(?P<call>.+?)\s+[—–-]\s+(?P<answer>[^—–-]+)$")


def answered_call(question: str, answer: str, names: Names) -> Item | None:
    """The task of a call for a volunteer (``question``) that a known person's ``answer`` takes
    up, as theirs; None when either is not one."""
    question = question.strip()
    call = _CALL.match(question) or _STATED.match(question) or _NAMED.match(question)
    if call is None:
        return None
    taken = _ANSWER.match(answer.strip())
    if taken is None or not names.is_known(taken["who"].lstrip("@")):
        return None
    task = call["task"]
    if not vo.looks_imperative(task):
        return None
    return Item(task, [taken["who"].lstrip("@")], False, Status.OPEN, 1)


def answered_after_dash(sentence: str, names: Names) -> Item | None:
    """ "Someone should update the table — Kim volunteered": a call and its answer in one
    sentence, split at the dash; None when it is not one."""
    dashed = _DASHED.match(sentence) if " — " in sentence or " – " in sentence else None
    return answered_call(dashed["call"], dashed["answer"], names) if dashed else None

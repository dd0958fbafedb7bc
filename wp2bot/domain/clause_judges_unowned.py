"""What the clause rules without a named subject make of their match (``clause_rules_unowned``):
a modal or a plan opening the clause is the speaker's or nobody's, a proposal or a need is a task
nobody has taken on yet. The judges of the rules that name their subject are ``clause_judges``.
"""

from __future__ import annotations

import re

from wp2bot.domain import judge_patterns as jp
from wp2bot.domain import non_action_patterns as na
from wp2bot.domain import sentences as st
from wp2bot.domain import task_patterns as tp
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import Item
from wp2bot.domain.clause_terms import Clause, Verdict
from wp2bot.domain.models import Status


def bare_modal(c: Clause, _: re.Match[str] | None) -> Verdict | None:
    """ "Ines - ... Will draft the test plan after Easter": the subject is the speaker; with no
    speaker the line is an unowned task of the minutes' author."""
    # right after a speaker the modal may be in lower case: "Riccardo: will send the numbers"
    # as may a note's line with no subject: "- will open an issue to collect the details"
    spoken = c.line_start and c.text.startswith(("will ", "shall "))
    if spoken and c.subject is None:
        spoken = c.text is c.sentence and vo.looks_imperative(c.text.partition(" ")[2])
    m = tp.BARE_MODAL.match(c.text[0].upper() + c.text[1:] if spoken else c.text)
    if (
        m
        and (c.text[:1].isupper() or spoken)
        and (c.subject or c.line_start or not tp.ROLE_TASK.match(m["task"]))
        and not st.asks(c.text)
        and not na.DEFERRAL.match(m["task"])  # "will report at the next sync": put off
    ):
        # "CM — ... Could run a second workshop in July": the speaker's offer, tentative (with
        # nobody to offer it, a possibility noted)
        offered = c.text.startswith(("Could ", "Might "))
        if offered and not c.subject:
            return None
        hedged = Status.TENTATIVE if offered or c.text.startswith("May ") else Status.OPEN
        return Verdict(c.item([c.subject] if c.subject else [], hedged), c.verb)
    return None


def intention(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Planning to migrate the pool in May": the speaker's or section owner's plan; a hope or
    an aim ("Hoping to ...", "Aiming to ...") is tentative."""
    how = m["how"].lower()
    if st.asks(c.text) or (not how.endswith("ing") and not c.subject):
        return None  # "Plan to keep the old layout", with nobody to plan it: a policy
    firm = how.startswith(("plan", "intend", "going"))
    status = Status.OPEN if firm else Status.TENTATIVE
    return Verdict(c.item([c.subject] if c.subject else [], status), "")


def also_task(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "... offering support. Also plan a module on ...": an imperative added to a report."""
    if vo.looks_imperative(m["task"]) and len(m["task"].split()) >= 4:
        return Verdict(Item(c.text, [], False, Status.OPEN, 1), "")
    return None


def proposal(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Omar proposes that we have a chat with ...": work suggested to the group."""
    if tp.VAGUE_TASK.match(m["task"]):
        return None
    return Verdict(c.item([], Status.TENTATIVE), "")


def hedged(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Maybe write a short FAQ ...": a suggestion, a tentative task nobody has taken on yet."""
    if vo.looks_imperative(m["task"]) and not st.asks(c.text):
        return Verdict(c.item([], Status.TENTATIVE), "")
    return None


def unowned_need(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "We need to ...", "Let's ...", "Please ...": a task with no owner yet."""
    task = m["task"]
    if not st.asks(c.text) and len(task.split()) >= 3 and not jp.PRONOUN_TASK.match(task):
        # "Ana: Needs to update ...": a need with no subject opening a turn is the speaker's
        owned = c.subject is not None and c.line_start and c.text.startswith("Need")
        return Verdict(c.item([c.subject] if owned and c.subject else []), c.verb)
    return None

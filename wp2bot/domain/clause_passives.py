"""The judges of passive tasks: "The slides will be circulated (by Ana)", "talks to be finalised",
"Should be released by 2 May"; unowned unless the clause names the agent."""

from __future__ import annotations

import re

from wp2bot.domain import clause_owners as co
from wp2bot.domain import judge_patterns as jp
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.clause_terms import Clause, Verdict


def passive_future(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "The slides will be circulated (by Ana)": a task, owned by the agent when one is named."""
    if m["ger"]:
        # "The constitution needs reviewing": a task of nobody yet ("needs something" is none)
        return Verdict(c.item([]), c.verb) if vo.is_gerund(m["ger"].split()[0]) else None
    subj = m["subj"]
    if (
        # "this point will need to be followed up": a demonstrative with its noun names a task
        not jp.PRONOUN.fullmatch(subj.strip())
        # "This will be announced on the list": a demonstrative names the decision just taken
        or (subj.lower() in ("this", "that") and not m["pp"].startswith("av"))
    ):
        return Verdict(c.item(co.agent(m["pp"], c.names)), c.verb)
    return None


# the last word of a subject before "to be": a verb or adjective ("seems to be fixed", "happy to
# be involved") or a pronoun of nothing, not the noun of a task
_NOT_A_NOUN = frozenset(
    "seems seem appears appear remains remain needs need has have had is are was were going used "
    "supposed likely happy ready yet nothing want wants wanted asked expected due able "
    "needed".split()
)
# "to be announced", "to be confirmed" with nobody named: a state of the plan (TBA, TBC), not work
_PLAN_STATE = ("announced", "confirmed", "decided", "defined")


def passive_infinitive(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "talks to be finalised", "minutes to be approved by the SC": unowned, else the agent's;
    with no noun phrase ("...; to be followed up by Bo") the agent's, of the whole sentence."""
    agent = co.agent(m["pp"], c.names)
    if m["subj"] is None:
        # only opening its clause: after a comma ("North could offer it, to be confirmed by
        # the board") it is a condition of what came before
        return Verdict(c.item(agent), "to") if agent and not m.start() else None
    if m["subj"].split()[-1].lower() in _NOT_A_NOUN or jp.PRONOUN.fullmatch(m["subj"]):
        return None
    if not agent and m["pp"].startswith(_PLAN_STATE):
        return None
    text = c.text[m.start() :].rstrip(" .;") if m.start() else None
    return Verdict(c.item(agent, text=text), "to")


def bare_passive(c: Clause, _: re.Match[str]) -> Verdict | None:
    """ "Should be released by 2 May": a passive modal with no subject is an unowned task."""
    if c.line_start or c.text is not c.sentence:
        return Verdict(c.item([]), c.verb)
    return None

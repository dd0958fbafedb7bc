"""What each clause rule makes of its match: who owns the task, or that the clause is none.

A judge is handed the clause and its rule's match. It returns a ``Verdict`` (an item, or
``REJECTED``: the clause holds no action and no later rule is tried) or None: the rule does not
apply and the next one is tried. A judge may also note the subject a later clause inherits.
"""

from __future__ import annotations

import re

from wp2bot.domain import clause_agreements as ca
from wp2bot.domain import clause_owners as co
from wp2bot.domain import judge_patterns as jp
from wp2bot.domain import non_action_patterns as na
from wp2bot.domain import owner_patterns as op
from wp2bot.domain import present_tense as pt
from wp2bot.domain import sentences as st
from wp2bot.domain import task_patterns as tp
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import Item, Names, known_or_group, names_ok
from wp2bot.domain.clause_terms import REJECTED, Clause, Verdict
from wp2bot.domain.groups import group_name, group_request
from wp2bot.domain.models import Status

_UNOWNED_VERBS = frozenset(("to", "should", "needs to", "need to", "has to", "will"))
# an ability or a willingness offered: "Kim may be able to provide ...", "Bo is happy to ..."
_OFFERED = (
    "may be able to",
    "might be able to",
    "could be able to",
    "would be able to",
    "would be happy to",
    "would be glad to",
    "would be willing to",
    "is happy to",
    "are happy to",
    "is willing to",
    "are willing to",
)
_HEDGED_VERBS = frozenset(("may", "might", "could", *_OFFERED))
_WEAK_VERBS = frozenset(
    ("to", "can", "could", "may", "might", "should", "needs to", "need to", *_OFFERED)
)
_WE_NO_TASK = frozenset(
    ("to", "can", "could", "should", "may", "might", "takes", "take", *_OFFERED)
)
# "Bo will have to check ...": an obligation, a task only with a verb of work after it ("Bo will
# have to leave early" is none); "We will have to ..." stays a remark, as "We will need ..." was
_OBLIGED = frozenset(("will have to", "will need to"))


def ownership(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "[jdoe42] taking ownership of ...": the named person or the bracketed account."""
    if names_ok(m["who"], c.names, lenient=True) or c.text.startswith("["):
        return Verdict(c.item([m["who"]]), "will")
    return None


def handle(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "jdoe to send the poll", "ana and bo to ...": a commitment of the people with those
    accounts."""
    if m["who"] not in vo.NOT_NAMES and all(
        c.names.is_known(who) for who in c.names.split(m["who"]) or [m["who"]]
    ):
        return Verdict(c.item([m["who"]]), "to")
    return None


def group(c: Clause, _: re.Match[str] | None) -> Verdict | None:
    """ "Tier-2s are asked to renew ...", "each experiment to send ...": the group acts."""
    request = group_request(c.text)
    return None if request is None else Verdict(c.item([request.who]), "to")


def planned(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Bo: finished the draft. Next: send it to Ana": a plan under its label in a person's
    turn or report, theirs."""
    task = m["task"]
    if not c.subject or not vo.looks_imperative(task) or st.asks(task):
        return None
    return Verdict(c.item([c.subject], text=task), "to")


def bare_offer(c: Clause, _: re.Match[str]) -> Verdict | None:
    """ "Lena Berger: Offered to work on ...": the speaker offers."""
    if not c.subject:
        return None
    offer = jp.BUT.split(c.text, maxsplit=1)[0]  # "..., but noted that ...": a remark
    return Verdict(c.item([c.subject], text=offer), "to")


def vocative(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Paul, please check the logs", "@riccardo please check ...": a request to one person;
    "Everyone, please ...", "Please all ...": to everyone."""
    if not vo.looks_imperative(m["task"]):
        return None
    who = m["who"] and m["who"].rstrip(",")  # a nick in lower case comes with its comma
    if not who or who.lower() in op.EVERYONE:
        return Verdict(c.item(["all"]), "will")
    if who.startswith("@") or c.names.is_known(who):
        return Verdict(c.item([who.lstrip("@")]), "will")
    return None


def asked_person(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Carla, can you test it on the preprod instance?": a request to one person, tentative
    until they take it up (``turns.taken_up``)."""
    if vo.looks_imperative(m["task"]) and (m["who"].startswith("@") or c.names.is_known(m["who"])):
        return Verdict(c.item([m["who"].lstrip("@")], Status.TENTATIVE), "can")
    return None


def set_for(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Note here for Ana to write up the feedback": a task set for the person named."""
    who = m["who"].lstrip("@")
    if (c.names.is_known(who) or jp.NAME_SHAPED.match(who)) and vo.looks_imperative(m["task"]):
        return Verdict(c.item([who]), "to")
    return None


def asked_named(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "We asked Ana to ...", "Bo asked everybody to ...", "... reminded all sites to ...": a
    task for the person, for everyone or for the group asked."""
    who = m["who"]
    if who in op.EVERYONE:
        return Verdict(c.item(["all"]), "to") if vo.looks_imperative(m["task"]) else None
    if who[:1].islower() and not who.startswith("@"):
        group = group_name(who)
        if group is None or not vo.looks_imperative(m["task"]):
            return None
        return Verdict(c.item([group]), "to")
    if (
        who[-1:] == "s"
        and not c.names.is_known(who)
        and (group := group_name(who)) is not None
        and vo.looks_imperative(m["task"])
    ):
        return Verdict(c.item([group]), "to")  # "... would like the T1s to confirm ..."
    return set_for(c, m)


def spoken_offer(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "AB: can review the drafts": the speaker's offer, tentative until taken up."""
    if c.subject and c.line_start and vo.looks_imperative(m["task"]) and not st.asks(c.text):
        return Verdict(c.item([c.subject], Status.TENTATIVE), "can")
    return None


def _not_a_task(who: str, verb: str, task: str, names: Names) -> bool:
    """A commitment's shape around no task: a state, a wish, a judgement, a destination."""
    core = jp.ADVERB.sub("", task)
    if na.DEFERRAL.match(core) or tp.STATIVE_TASK.match(core) or jp.NEGATED.match(core):
        return True
    if verb in ("want to", "wants to") and jp.KEEP_AS_IS.match(core):
        return True  # "Ana wants to keep the old layout": a wish, no task
    if verb == "to" and jp.INFINITIVE_SUBJECT.search(task):
        return True
    if verb == "to" and (not task[:1].islower() or task.split(None, 1)[0] in _DETERMINERS):
        # "Moved to Tuesday - Friday", "Migration to the new library finished": a destination,
        # no infinitive
        return True
    if verb == "to" and jp.ADJECTIVE.match(who) and not names.is_known(who):
        return True  # "Helpful to list the tab name": a judgement, no owner
    return bool(jp.INNER_CAPITAL.match(who) and not known_or_group(who, names))


_ADVERBS = frozenset(("still", "also", "then", "now", "so"))
_DETERMINERS = frozenset("the a an this that these those our their its his her my your".split())


def commitment(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "X will ...", "X to ...", "I will ...", "We will ...": the subject commits."""
    who, verb, task = m["who"], m["verb"], m["task"]
    if who.lower() in _ADVERBS:
        return None  # "Still need to migrate ...": no subject; the unowned-need rule judges it
    if who in ("Need", "Needs") and (named := co.named_after(c.text, c.names)):
        return Verdict(c.item(named), verb)  # "Need to follow up on it (Bo)": the one named
    if verb == "to" and tp.PASSIVE_TASK.match(task):
        return None  # "Talks to be finalised": the passive-infinitive rule judges it
    if verb == "to" and tp.INTENTION.match(c.text):
        return None  # "Planning to migrate ...": no subject; the subjectless-intention rule
    if who in ("We", "we") and verb == "should":
        return None  # "We should put together ...": the unowned-need rule judges it
    if verb in ("agreed to", "agree to") and ca.collective(who):
        return None  # "The team agreed to ...": the agreed-work rule judges it, with no owner
    names = c.names
    c.verb = verb
    who = op.ALT_OWNER.sub(r", \1", who) if "(" in who else who
    written = who  # "Ana/Bo + others from the UK": the others own too, as written
    if "others" in who or "colleagues" in who:
        who = jp.OTHERS.sub("", who)
    if (
        jp.PLAN_VERB.match(verb)
        and who not in ("I", "We", "we")
        # ("She's going to try ...": the person named before, whom the pronoun stands for)
        and who.lower() not in ("she", "he")
        and (jp.ACRONYM.match(who) or not known_or_group(who, names))
    ):
        return REJECTED  # "KISTI plans to retire ...": an organisation's own plan, reported
    if (
        verb in ("will", "shall", "is to", "are to")
        and tp.PASSIVE_TASK.match(task)
        and not names.is_known(who)
        and (not jp.PRONOUN.match(who) or who.lower() in ("this", "that"))
        and who not in ("I", "We", "we")
    ):
        # "The notes will be sent around": a task with no owner, unless an agent is named
        return Verdict(c.item(co.agent(task[3:], names)), verb)
    if _not_a_task(who, verb, task, names):
        return REJECTED
    if " ".join(verb.split()) in _OBLIGED and (
        who in ("We", "we") or not vo.looks_imperative(task)
    ):
        return REJECTED
    # ("Nadia can help with the tests if Ben needs a hand": an offer on a condition)
    offer = verb in _HEDGED_VERBS or (verb == "can" and " if " in task)
    if who == "I":
        status = Status.TENTATIVE if offer and verb == "can" else Status.OPEN
        return Verdict(Item(c.sentence, [], True, status, 1), verb)
    if who in ("We", "we"):
        if verb in _WE_NO_TASK or tp.VAGUE_TASK.match(task) or jp.PRONOUN_TASK.match(task):
            return REJECTED
        return Verdict(c.item(co.named_after(c.text, names)), verb)
    if who in ("Someone", "Somebody") and verb in _UNOWNED_VERBS:
        # "Someone needs to check ...": a task nobody has taken yet
        return Verdict(c.item([]), verb)
    if who.lower() in ("need", "needs"):
        # "Eva (RAL): Needs to update ...": no subject written; the unowned-need rule gives it to
        # the owner the line is under. Without one it is a need noted in a discussion, unless
        # it is urgent ("Need to find a speaker urgently"): then a task nobody has taken yet.
        if (c.subject and c.line_start) or (not c.subject and vo.URGENT.search(c.text)):
            return None
        return REJECTED
    if (
        verb in _WEAK_VERBS
        and names.strict
        and not known_or_group(who, names)
        # "Omar to open a PR": one name-shaped word and an imperative task need no roster
        and not (
            verb == "to"
            and (jp.NAME_SHAPED.match(who) or jp.ACRONYM.match(who))
            and who.lower() not in vo.NOT_NAMES
            and vo.looks_imperative(task)
        )
    ):
        return REJECTED
    if names_ok(who, names, lenient=False):
        c.subject = who
        # "..., therefore Kim may join the call": a hedged offer, wherever the clause stands
        hedged = Status.TENTATIVE if offer else Status.OPEN
        return Verdict(c.item([written], hedged), verb)
    if who.split()[0].lower() not in vo.NOT_NAMES:
        return REJECTED
    # "Also need to clean up ...": the capitalised word was no subject; try the other rules
    return None


_FIRST_PERSONS = frozenset(("I", "i", "We", "we"))


def named_pronoun(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Ana presented the plan. She will circulate it": "she" or "he" is the one person the
    text before named (not the speaker, who would say "I")."""
    subject = c.subject
    if not c.named or subject is None or len(c.names.split(subject)) != 1:
        return None
    if subject in _FIRST_PERSONS:
        return None  # "I talked to Marc. He will ...": he is no "I", and nobody named
    if _not_a_task(m["who"], "will", m["task"], c.names):
        return None  # "She will be away": a state; the other rules find nothing either
    c.verb = "will"
    if m["offer"]:  # "He offered to present it": an offer of the person named before
        return Verdict(c.item([subject], Status.TENTATIVE), "will")
    return Verdict(c.item([subject]), "will")


def action_for(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "An action on Paul and Lena to ...": the part of the sentence that states the action."""
    if not names_ok(m["who"], c.names, lenient=True):
        return None
    part = next((p for p in jp.DASH_SPLIT.split(c.sentence) if "action" in p.lower()), c.sentence)
    return Verdict(Item(part, [m["who"]], False, Status.OPEN, 1), c.verb)


def volunteers(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Ana volunteers", "I volunteered": the one who offered."""
    who = m["who"]
    if who in ("We", "we"):
        return None
    if who == "I":
        return Verdict(Item(c.sentence, [], True, Status.OPEN, 1), c.verb)
    if names_ok(who, c.names, lenient=False):
        asked = jp.WHO_WOULD.search(c.sentence) if "who " in c.sentence else None
        if asked and c.text[m.end() :].strip(" .!") == "":
            # "Bo asked who would prepare the changelog; Ana volunteered": that is her task
            return Verdict(c.item([who], text=asked["task"].strip()), c.verb)
        return Verdict(c.item([who]), c.verb)
    return None


def past_subject(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Marco tested ...; will make a PR": Marco is the subject of the clauses after."""
    if names_ok(m["who"], c.names, lenient=False):
        c.subject = m["who"]
    return None


def bare_will(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "...; will make a PR": a later clause without subject commits the sentence's subject
    ("..., will report at the next sync" puts a report off: no task)."""
    if (
        c.subject
        and c.text is not c.sentence
        and not _not_a_task(c.subject, "will", m["task"], c.names)
    ):
        return Verdict(c.item([c.subject]), c.verb)
    return None


def present_commitment(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Bo updates the group on X, ETA June": the subject's commitment, when it looks ahead."""
    who = m["who"]
    if not c.names.is_known(who) or not pt.present_trigger(c.text[m.start() :]):
        return None
    c.subject = who
    return Verdict(c.item([who]), "will")


def input_from(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "input from the task leads is needed before 24 Nov": the people asked for it."""
    who = m["who"]
    if not (known_or_group(who, c.names) or group_request(f"{who} to send it") is not None):
        return None
    return Verdict(c.item([who]), "to")


def ongoing_work(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Tom checking the logo": work under way of a known person, still open."""
    who = m["who"]
    if not c.names.is_known(who) or not pt.present_trigger(c.text[m.start() :]):
        return None
    c.subject = who
    return Verdict(c.item([who]), "will")


def under_way(c: Clause, m: re.Match[str]) -> Verdict | None:
    """ "Under investigation by Kim": work under way of a known person, still open."""
    who = m["who"]
    if not c.names.is_known(who):
        return None
    return Verdict(c.item([who]), "will")

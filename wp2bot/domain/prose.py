"""Commitments in running text: "X will ...", "X to ...", "I can ...", unowned needs."""

from __future__ import annotations

import re

from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import markers as mk
from wp2bot.domain import non_action_rules as na
from wp2bot.domain import sentences as st
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import (
    ALT_OWNER,
    Item,
    Names,
    known_or_group,
    names_ok,
)
from wp2bot.domain.groups import group_request
from wp2bot.domain.models import Status
from wp2bot.domain.non_action_rules import non_action

_QUESTION_OPEN = re.compile(
    r"(?:should|shall|can|could|do|does|would|will)\s+(?:we|i|you|they)\b", re.IGNORECASE
)
_DASH_SPLIT = re.compile(r"\s[-–]\s")
_PAST_SUBJECT = re.compile(
    r"^(?P<who>[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?)\s+(?:\w+ed|(?:is|are|was|has)\s+\w+ing)\b"
)
# "[jdoe42] taking ownership of ...", "Ana takes the lead on ...": a commitment
_OWNERSHIP = re.compile(
    r"^\[?(?P<who>@?[\w.-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.-]+)?)\]?\s+(?:is\s+|are\s+)?(?:taking|takes)\s+"
    r"(?:over\b|ownership\b|the lead\b|charge\b)"
)
# "Ana said that she'll ...", "Bo mentioned ... and that he will ...": reported speech commits
# the speaker (the sentence is short: the lazy scan ends at its end)
_REPORTED_WILL = re.compile(
    r"^(?P<who>[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]+)?)\s+(?:also\s+)?"
    r"(?:said|mentioned|noted|indicated|confirmed|explained|added|replied|announced)\s+"
    r"(?:that\s+)?(?:[^.;?]*?\band\s+that\s+)?(?:s?he|they)\s*(?:'ll|’ll|\s+will)\s+"
    r"(?!not\b|be\b|have\b)(?P<task>[a-z].*)$"
)
_NEGATED = re.compile(r"not\b|never\b")  # "Lena will not sit in ...": no task
_PRONOUN = re.compile(r"(?:it|this|that|there|they|he|she)\b", re.IGNORECASE)
# an adverb between the modal and the verb: "The cache will probably be ..." is still a state
_ADVERB = re.compile("^" + cp.ADVERBS, re.IGNORECASE)
# "X to produce ... is necessary": the infinitive is the subject of a predicate, not a task
_INFINITIVE_SUBJECT = re.compile(
    r"\b(?:is|are|would be|will be)\s+(?:(?:also|very|not|more)\s+)?(?:necessary|needed|"
    r"required|important|essential|crucial|key|useful|possible|difficult|hard|easy)\b"
)
# "Name: Offered to ...": the speaker label is the subject
_BARE_OFFER = re.compile(
    r"^(?:also\s+)?(?:offered|offers|volunteered|volunteers|promised|promises)\s+to\s+[a-z]", re.I
)
# "Maybe write ...": a hedged imperative; "Maybe present: A, B" is a label, not a task
_HEDGED = re.compile(r"^(?:maybe|perhaps|possibly)[,\s]+(?P<task>[a-z]+(?!:)\b.*)$", re.I)
# "we will hold it", "let's do it like that": the task is only a pronoun, decided elsewhere
_PRONOUN_TASK = re.compile(
    r"^(?:just\s+)?[a-z]+\s+(?:it|this|that|them|so)(?:\s+like\s+(?:that|this))?\W*$", re.I
)
# a wish about how things stay, not work: "wants to keep ...", "wants to avoid ..."
_KEEP_AS_IS = re.compile(r"(?:keep|retain|preserve|stay|stick with|avoid|see|know)\b", re.I)
_ALSO = re.compile(r"^(?:also|in addition)[,\s]+(?P<task>[a-z]+\b(?!:).*)$", re.IGNORECASE)
_DECIDED = re.compile(r"^\W*decision\W*:\s*(?P<rest>\S.*)$", re.IGNORECASE)
# the agent of a passive task: "... will need to be checked by Tier-2 people"
_AGENT = re.compile(
    r"^\w+(?:\s+(?:up|out|around|over|back|on))?\s+by\s+(?P<who>(?:the\s+)?@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.-]*(?:\s+[\w.-]+)?)"
)
_PROPOSAL = re.compile(
    r"^@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?\s+(?:proposes|suggests)\s+(?:that\s+)?we\s+"
    r"(?P<task>[a-z]+\s+\S.*)$"
)
# "Paul, please check ...", "@riccardo please check ...": a request addressed to one person
_VOCATIVE = re.compile(
    r"^(?P<who>@[\w.-]*\w|[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?)\s*[,:]?\s+[Pp]lease\s+(?P<task>[a-z].*)$"
)
# "Note for Ana to send the slides": a task set for the person named
_FOR_TO = re.compile(
    r"^\W*(?i:(?:an?\s+|one\s+)?(?:note|reminder|request|message)(?:\s+here)?\s+for)\s+(?P<who>@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?)\s+to\s+(?P<task>[a-z].*)$"
)
# "AB: can review the drafts": the speaker offers to do it (not yet agreed)
_SPOKEN_OFFER = re.compile(r"^(?:also\s+)?(?:can|could)\s+(?P<task>[a-z].*)$")
_OTHERS = re.compile(r"\s*(?:\+|&|\band\b)\s*(?:others|colleagues)\b.*$")
_UNOWNED_VERBS = frozenset(("to", "should", "needs to", "need to", "has to", "will"))
_BUT = re.compile(r",?\s+but\s+")
# "Helpful", "Advisable", "Possible": an adjective opening "<adjective> to ...", never a name
_ADJECTIVE = re.compile(r"^[A-Z][a-z]{2,}(?:ful|ous|able|ible)$")
_NAME_SHAPED = re.compile(r"^[A-Z][a-z]{2,}(?<!s)(?<!ed)(?<!ing)$")
# "GFDRR to coordinate ...", "KT to send ...": an organisation's acronym or a person's initials
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# a capital inside a word ("SunPy", "GitHub") marks a project or product, not a person; surname
# prefixes ("McAllister", "DeVries", "O'Neil") are the exception
_INNER_CAPITAL = re.compile(r"^(?!Mc|Mac|De|Di|Da|La|Le|Van|Von|O')[A-Z][a-z]+[A-Z]")


def _agent(participle: str, names: Names) -> list[str]:
    """Who a passive task names as doing it: "checked by Tier-2 people" -> ["Tier-2 people"]."""
    agent = _AGENT.search(participle)
    if agent is None:
        return []
    words = agent["who"].split()
    if len(words) == 2 and words[1][:1].islower() and not known_or_group(words[1], names):
        words = words[:1]  # "by John tomorrow": the second word is no part of the name
    who = " ".join(words)
    return [who] if names_ok(who, names, lenient=True) else []


def _rejected(text: str) -> bool:
    """Sentences that look like commitments but are not actions (``non_action_rules``)."""
    return non_action(text, "prose") is not None


_STRONG_VERBS = frozenset(("will", "'ll", "’ll", "shall", "to", "agreed to", "agree to"))
_LEAD_JOIN = re.compile(r"^(?:and|but|while|whereas)\s+", re.IGNORECASE)
_LABEL_PREFIX = re.compile(r"^[^:]{1,40}:\s+(?=\S)")
# the look-ahead names the characters a join starts with: the engine skips to them
_AFTER_COMMA = re.compile(
    r"(?=[,\sbs])(?:,\s+|\s[-–]\s+|\bbut\s+|\bso\s+)(?=(?:I|[Ww]e|@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)\s+(?:will|'ll|’ll|shall|to)\b)"
)


def parse_prose(
    sentence: str, names: Names, subject: str | None, line_start: bool = True
) -> tuple[list[Item], str | None]:
    """Commitments in running text; also the subject to carry to the next sentence.

    One item per sentence, unless its clauses commit different people ("Kim will prepare
    slides, Marco will give the talk"): then one item per clause, with the clause text.
    """
    decided = _DECIDED.match(sentence) if "ecision" in sentence[:16] else None
    commit = cp.COMMITMENT.match(decided["rest"]) if decided else None
    someone = commit is not None and commit["who"] not in ("I", "We", "we")
    if decided and commit and someone and commit["verb"] in ("will", "shall"):
        sentence = decided["rest"]  # "Decision: The editors will merge ...": assigns work
    if _rejected(sentence) or _QUESTION_OPEN.match(sentence):
        return [], subject
    reported = (
        _REPORTED_WILL.match(sentence)
        if ("ll " in sentence and ("he" in sentence or "they" in sentence))
        else None
    )
    if reported and names_ok(reported["who"], names, lenient=False):
        # "Ana mentioned that it came up before and that she'll post ...": the one who spoke
        return [Item(sentence, [reported["who"]], False, Status.OPEN, 1)], reported["who"]
    action_is = mk.ACTION_IS_TO.match(sentence) if "ction" in sentence[:30] else None
    task = action_is["task"] if action_is else ""
    if action_is and not cp.STATIVE_TASK.match(task) and not cp.VAGUE_TASK.match(task):
        # "The action is to collect the answers", "Likely action item is to split ...": a task
        return [Item(sentence, [], False, Status.OPEN, 1)], subject
    found: list[tuple[int, Item, str]] = []
    for clause in st.split_clauses(sentence):
        variants = [clause]
        label = _LABEL_PREFIX.match(clause)
        if label:
            variants.append(clause[label.end() :])
        # a join before "will", "'ll" or "shall": all of them hold "ll"
        commas = (
            list(_AFTER_COMMA.finditer(clause))
            if ("ll" in clause or " to " in clause)
            and (
                "," in clause or "-" in clause or "–" in clause or "but" in clause or "so" in clause
            )
            else []
        )
        if commas:
            variants.append(clause[commas[-1].end() :])
        elif ", but " in clause and cp.passive_future(after := clause.rsplit(", but ", 1)[1]):
            variants.append(after)  # "ATLAS tried X, but this point will need to be followed up"
        for variant in variants:
            item, subject, verb = _clause(variant, sentence, names, subject, line_start)
            if item is not None:
                found.append((2 if verb in _STRONG_VERBS else 1, item, variant))
                break
    if not found:
        return [], subject
    owners = {tuple(item.owners) for _, item, _ in found if item.owners}
    if len(found) > 1 and len(owners) > 1:
        for _, item, variant in found:
            item.text = _LEAD_JOIN.sub("", variant).rstrip(" ,;.")
            item.context = sentence
        return [item for _, item, _ in found], subject
    return [max(found, key=lambda f: (f[0], bool(f[1].owners)))[1]], subject


def _clause(
    clause: str, sentence: str, names: Names, subject: str | None, line_start: bool = True
) -> tuple[Item | None, str | None, str]:
    """One clause: "X will ...", "X to ...", "I will ...", "will ..." after a subject, "need to"."""
    owning = _OWNERSHIP.match(clause) if "tak" in clause else None
    if owning and (names_ok(owning["who"], names, lenient=True) or clause.startswith("[")):
        return Item(sentence, [owning["who"]], False, Status.OPEN, 1), subject, "will"
    handle = cp.HANDLE_COMMIT.match(clause) if " to " in clause or " will " in clause else None
    if handle and handle["who"] not in vo.NOT_NAMES and names.is_known(handle["who"]):
        # "jdoe to send the poll": a commitment of the person with that account
        return Item(sentence, [handle["who"]], False, Status.OPEN, 1), subject, "to"
    request = group_request(clause)
    if request is not None:
        # "Tier-2s are asked to renew ...", "each experiment to send ...": the group acts
        return Item(sentence, [request.who], False, Status.OPEN, 1), subject, "to"
    if subject and _BARE_OFFER.match(clause):
        # "Lena Berger: Offered to work on ...": the speaker offers
        offer = _BUT.split(clause, maxsplit=1)[0]  # "..., but noted that ...": a remark
        return Item(offer, [subject], False, Status.OPEN, 1, sentence), subject, "to"
    asked = _VOCATIVE.match(clause) if "lease" in clause else None
    if (
        asked
        and vo.looks_imperative(asked["task"])
        and (asked["who"].startswith("@") or names.is_known(asked["who"]))
    ):
        # "Paul, please check the logs", "@riccardo please check ...": a request to one person
        return Item(sentence, [asked["who"].lstrip("@")], False, Status.OPEN, 1), subject, "will"
    set_for = _FOR_TO.match(clause) if " for " in clause and " to " in clause else None
    if (
        set_for
        and (names.is_known(who := set_for["who"].lstrip("@")) or _NAME_SHAPED.match(who))
        and vo.looks_imperative(set_for["task"])
    ):
        # "Note here for Ana to write up the feedback": a task set for the person named
        return Item(sentence, [set_for["who"].lstrip("@")], False, Status.OPEN, 1), subject, "to"
    offer = _SPOKEN_OFFER.match(clause) if subject and line_start and clause[:1] == "c" else None
    if offer and subject and vo.looks_imperative(offer["task"]) and not st.asks(clause):
        # "AB: can review the drafts": the speaker's offer, tentative until taken up
        return Item(sentence, [subject], False, Status.TENTATIVE, 1), subject, "can"
    commit = cp.COMMITMENT.match(clause)
    if commit and commit["who"] in ("We", "we") and commit["verb"] == "should":
        commit = None  # "We should put together ...": the unowned-need rule judges it
    verb = "will"
    if commit:
        who, verb, task = commit["who"], commit["verb"], commit["task"]
        who = ALT_OWNER.sub(r", \1", who) if "(" in who else who
        written = who  # "Ana/Bo + others from the UK": the others own too, as written
        if "others" in who or "colleagues" in who:
            who = _OTHERS.sub("", who)
        if (
            verb in ("will", "shall")
            and cp.PASSIVE_TASK.match(task)
            and not names.is_known(who)
            and (not _PRONOUN.match(who) or who.lower() in ("this", "that"))
            and who not in ("I", "We", "we")
        ):
            # "The notes will be sent around": a task with no owner, unless an agent is named
            owners = _agent(task[3:], names)
            return Item(sentence, owners, False, Status.OPEN, 1), subject, verb
        core = _ADVERB.sub("", task)
        if na.DEFERRAL.match(core) or cp.STATIVE_TASK.match(core) or _NEGATED.match(core):
            return None, subject, ""
        if verb in ("want to", "wants to") and _KEEP_AS_IS.match(core):
            return None, subject, ""  # "Ana wants to keep the old layout": a wish, no task
        if verb == "to" and _INFINITIVE_SUBJECT.search(task):
            return None, subject, ""
        if verb == "to" and not task[:1].islower():
            return None, subject, ""  # "Moved to Tuesday - Friday": a destination, no infinitive
        if verb == "to" and _ADJECTIVE.match(who) and not names.is_known(who):
            return None, subject, ""  # "Helpful to list the tab name": a judgement, no owner
        if _INNER_CAPITAL.match(who) and not known_or_group(who, names):
            return None, subject, ""
        if who == "I":
            return Item(sentence, [], True, Status.OPEN, 1), subject, verb
        if who in ("We", "we"):
            if verb in ("to", "can", "could", "should", "may", "might", "takes", "take") or (
                cp.VAGUE_TASK.match(task) or _PRONOUN_TASK.match(task)
            ):
                return None, subject, ""
            return Item(sentence, [], False, Status.OPEN, 1), subject, verb
        if who in ("Someone", "Somebody") and verb in _UNOWNED_VERBS:
            # "Someone needs to check ...": a task nobody has taken yet
            return Item(sentence, [], False, Status.OPEN, 1), subject, verb
        weak = ("to", "can", "could", "may", "might", "should", "needs to", "need to")
        if (
            verb in weak
            and names.strict
            and not known_or_group(who, names)
            # "Omar to open a PR": one name-shaped word and an imperative task need no roster
            and not (
                verb == "to"
                and (_NAME_SHAPED.match(who) or _ACRONYM.match(who))
                and who.lower() not in vo.NOT_NAMES
                and vo.looks_imperative(task)
            )
        ):
            return None, subject, ""
        if names_ok(who, names, lenient=False):
            return Item(sentence, [written], False, Status.OPEN, 1), who, verb
        if who.split()[0].lower() not in vo.NOT_NAMES:
            return None, subject, ""
        # "Also need to clean up ...": the capitalised word was no subject; try the other rules
    for_match = cp.action_for(clause)
    if for_match and names_ok(for_match["who"], names, lenient=True):
        # the part of the sentence that states the action, not the report before it
        part = next((p for p in _DASH_SPLIT.split(sentence) if "action" in p.lower()), sentence)
        return Item(part, [for_match["who"]], False, Status.OPEN, 1), subject, verb
    # each pattern below is case-sensitive and holds the word tested before it: a substring test
    # is cheaper than a match that fails (most clauses get this far)
    volunteer = cp.VOLUNTEERS.match(clause) if "volunteer" in clause else None
    if volunteer and volunteer["who"] not in ("We", "we"):
        if volunteer["who"] == "I":
            return Item(sentence, [], True, Status.OPEN, 1), subject, verb
        if names_ok(volunteer["who"], names, lenient=False):
            return Item(sentence, [volunteer["who"]], False, Status.OPEN, 1), subject, verb
    lead = _PAST_SUBJECT.match(clause) if "ed" in clause or "ing" in clause else None
    if lead and names_ok(lead["who"], names, lenient=False):
        subject = lead["who"]  # "Marco tested ...; will make a PR" keeps Marco for the next clause
    bare = cp.BARE_WILL.match(clause)
    if bare and subject and clause is not sentence:
        return Item(sentence, [subject], False, Status.OPEN, 1), subject, verb
    # right after a speaker the modal may be in lower case: "Riccardo: will send the numbers"
    spoken = subject is not None and line_start and clause.startswith(("will ", "shall "))
    modal = cp.BARE_MODAL.match(clause[0].upper() + clause[1:] if spoken else clause)
    if (
        modal
        and (clause[:1].isupper() or spoken)
        and (subject or line_start or not cp.ROLE_TASK.match(modal["task"]))
        and not st.asks(clause)
    ):
        # "Ines - ... Will draft the test plan after Easter": the subject is the speaker; with no
        # speaker the line is an unowned task of the minutes' author
        return Item(sentence, [subject] if subject else [], False, Status.OPEN, 1), subject, verb
    also = _ALSO.match(clause)
    if also and vo.looks_imperative(also["task"]) and len(also["task"].split()) >= 4:
        # "... offering support. Also plan a module on ...": an imperative added to a report
        return Item(clause, [], False, Status.OPEN, 1), subject, ""
    proposal = _PROPOSAL.match(clause) if "proposes" in clause or "suggests" in clause else None
    if proposal and not cp.VAGUE_TASK.match(proposal["task"]):
        # "Omar proposes that we have a chat with ...": work suggested to the group
        return Item(sentence, [], False, Status.TENTATIVE, 1), subject, ""
    hedged = _HEDGED.match(clause)
    if hedged and vo.looks_imperative(hedged["task"]) and not st.asks(clause):
        # "Maybe write a short FAQ ...", "Name - perhaps send a reminder": a speaker's
        # suggestion, a tentative task nobody has taken on yet
        return Item(sentence, [], False, Status.TENTATIVE, 1), subject, ""
    need = cp.UNOWNED_NEED.match(clause)
    if (
        need
        and not st.asks(clause)
        and len(need["task"].split()) >= 3
        and not _PRONOUN_TASK.match(need["task"])
    ):
        return Item(sentence, [], False, Status.OPEN, 1), subject, verb
    passive = cp.passive_future(clause)
    if passive and (
        # "this point will need to be followed up": a demonstrative with its noun names a task
        not _PRONOUN.fullmatch(passive["subj"].strip())
        # "This will be announced on the list": a demonstrative names the decision just taken
        or (passive["subj"].lower() in ("this", "that") and not passive["pp"].startswith("av"))
    ):
        owners = _agent(passive["pp"], names)
        return Item(sentence, owners, False, Status.OPEN, 1), subject, verb
    if cp.BARE_PASSIVE.match(clause) and (line_start or clause is not sentence):
        return Item(sentence, [], False, Status.OPEN, 1), subject, verb
    return None, subject, ""

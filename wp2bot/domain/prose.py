"""Commitments in running text: "X will ...", "X to ...", "I can ...", unowned needs."""

from __future__ import annotations

import re

from wp2bot.domain import clause_agreements as ca
from wp2bot.domain import commitment_languages as lc
from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import markers as mk
from wp2bot.domain import owner_patterns as op
from wp2bot.domain import owner_positions as pos
from wp2bot.domain import prose_patterns as pp
from wp2bot.domain import sentences as st
from wp2bot.domain import task_patterns as tp
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import (
    Item,
    Names,
    all_known,
    names_ok,
)
from wp2bot.domain.casefold import contains_any
from wp2bot.domain.clause_rules import judge_clause
from wp2bot.domain.clause_terms import Clause
from wp2bot.domain.groups import group_name
from wp2bot.domain.models import Status
from wp2bot.domain.non_action_rules import non_action
from wp2bot.domain.pattern_rules import (
    CAPITALS,
    DASH_MARKS,
    DASHES,
)
from wp2bot.domain.present_tense import PRESENT_COMMIT, PRESENT_GROUP, stem
from wp2bot.domain.status_rules import item_status

# Lexical helpers, no rules: where a sentence splits into the variants the clause rules judge.
# The clause after a verb of saying ("The team noted that someone needs to fix ..."), the part
# after an arrow or a colon, a label before a colon, the join word a clause opens with, and the
# join after a comma before a new subject.
_REPORTED_THAT = re.compile(
    r"^[^,;:]{2,60}?\s(?:noted|said|mentioned|stressed|pointed\s+out|remarked|added|explained|"
    r"reminded\s+\w+|(?P<agreed>agreed|decided|resolved))\s+that\s+(?=\S)"
)
# a relative clause whose subject takes the work on: "The dashboard lacks a breakdown, which
# Oona will add before May"
_WHICH_SOMEONE = re.compile(
    r",\s+which\s+(?=@?[" + CAPITALS + r"][\w.'’-]*(?:\s+[" + CAPITALS + r"][\w.'’-]*)?"
    r"\s+(?:will|shall|is\s+going\s+to|agreed\s+to|offered\s+to)\s)"
)
# a decision told after what led to it: "The endpoints are read-only, and it was agreed that
# Ruggero will send the list"
_AGREED_THAT = re.compile(r"[,;]\s+(?:and\s+)?(?:it\s+was|we)\s+(?:agreed|decided)\s+that\s+(?=\S)")
# a second thing agreed: "It was agreed that ..., and that Bo would prepare a paper"
_AND_THAT = re.compile(r",\s+and\s+that\s+(?=[@" + CAPITALS + r"])")
# a reported "will" ("... noted that Bo would ..."), read as the "will" it reports
# (two people, "Dr Quintero and Dr Vogel would ..."; a group, "Module leaders would ...")
_BACKSHIFTED_WHO = r"@?[" + CAPITALS + r"][\w.'’-]*(?:\s+[" + CAPITALS + r"][\w.'’-]*|\s+[a-z]+s)?"
_BACKSHIFTED = re.compile(
    r"^(" + _BACKSHIFTED_WHO + r"(?:\s+and\s+" + _BACKSHIFTED_WHO + r")?) would\b"
)
_LEAD_IN = re.compile(r".*(?:\s(?:→|->|=>|—|–)|:)\s+(?=\S)")
_LATER_ASK = re.compile(
    r",?\s+and\s+(?:then\s+|also\s+)?(?P<verb>asked|requested|urged|reminded)\s"
)
_OPENING_NAME = re.compile(r"^(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+[a-z]")
_LEAD_MARKS = ("→", ">", ": ", " — ", " – ")
_LEAD_JOIN = re.compile(r"^(?:and|but|while|whereas)\s+", re.IGNORECASE)
# "If the tests pass, Bo will tag it", "Once ... - Bo will": the lead-in is the task's condition
_CONDITION = re.compile(
    r"(?:if|once|when|whenever|until|unless|after|before|as\s+soon\s+as|in\s+case|provided)\b",
    re.IGNORECASE,
)
# what a join after a commitment opens with, besides a comma: a dash, "but" or "so"
_JOINS = (*DASH_MARKS, "but", "so")
_LABEL_PREFIX = re.compile(r"^[^:]{1,40}:\s+(?=\S)")
# the look-ahead names the characters a join starts with: the engine skips to them
_AFTER_COMMA = re.compile(
    r"(?=[,\sbs])(?:,\s+|\s[" + DASHES + r"]\s+|\bbut\s+|\bso\s+)"
    # "..., therefore Kim may join the next call": a connective, then a hedged offer
    # (with "I'll" written as one word, and "I need to")
    r"(?:(?=(?:I|[Ww]e|@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)"
    r"(?:\s+(?:will|shall|to|(?:still\s+)?needs?\s+to)\b|['’]ll\b))|"
    r"(?:therefore|then|thus|hence|so)\s+(?=@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?\s+"
    r"(?:will|may|might|can|could|to)\b))"
)


def _done_before(sentence: str, clause: str) -> bool:
    """The sentence reports work done before ``clause``, one of its later clauses."""
    at = sentence.find(clause)
    return at > 0 and item_status(sentence[:at])[0] is Status.DONE


def _work_verb(verb: str) -> bool:
    """A verb of work, in its base form ("rerun") or the third person ("contacts")."""
    return verb in vo.IMPERATIVES or (verb.endswith("s") and stem(verb) in vo.IMPERATIVES)


def _rejected(text: str) -> str | None:
    """The look-alike rule (``non_action_rules``) a sentence that reads like a commitment falls
    under, else None; the decision veto spares work the meeting agreed on ("It was agreed to
    publish the calendar")."""
    rule = non_action(text, "prose")
    if rule is None or (rule == "decision" and ca.opens_with_agreed_work(text)):
        return None
    return rule


# the verbs of a role a decision gives someone ("Bo takes over the dashboards", "Ana chairs
# the next meeting"), no work verbs elsewhere: "Bo takes the view that ..." is an opinion
_ROLES = frozenset(("take", "lead", "chair", "host", "own", "represent"))
_GOING_ON = frozenset(("keep", "continue"))
_STRONG_VERBS = frozenset(("will", "'ll", "’ll", "shall", "to", "agreed to", "agree to"))


def parse_prose(
    sentence: str,
    names: Names,
    subject: str | None,
    line_start: bool = True,
    named: bool = False,
) -> tuple[list[Item], str | None]:
    """Commitments in running text; also the subject to carry to the next sentence.

    ``named``: the text before named ``subject`` (it is no speaker), so "she" or "he" is them.

    One item per sentence, unless its clauses commit different people ("Kim will prepare
    slides, Marco will give the talk"): then one item per clause, with the clause text.
    """
    if (aided := pos.aided_subject(sentence)) is not None:
        # "Bo, supported by Piet, will ...": read as "Bo and Piet will ...", told as written
        items, subject = parse_prose(aided, names, subject, line_start, named)
        for item in items:
            item.text = sentence if item.text == aided else item.text
        return items, subject
    head = sentence[:40]
    may_decide = (
        "ecision" in head
        or "greed" in head
        or "ecided" in head
        or "onclusion" in head
        or "greement" in head
        or "onsensus" in head
        or " up to " in head
    )
    decided = pp.DECIDED.match(sentence) if may_decide else None
    commit = cp.COMMITMENT.match(decided["rest"]) if decided else None
    someone = commit is not None and commit["who"] not in ("I", "We", "we")
    if decided and commit and someone and commit["verb"] in pp.ASSIGNING:
        # "Decision: The editors will merge ...", "It was agreed that Bo will ...", "Agreed:
        # Bo to book ...": assigns work
        sentence = decided["rest"]
    elif decided and (
        present := PRESENT_COMMIT.match(decided["rest"]) or PRESENT_GROUP.match(decided["rest"])
    ):
        # "It was agreed that Bo takes over the dashboards", "... that each experiment nominates
        # a contact": work given to someone the meeting knows or to a group, in the present
        # (even "presents": decided, it is yet to be done)
        verb, who = present["verb"], present["who"]
        if (
            (_work_verb(verb) or stem(verb) in _ROLES)
            # "each site keeps its own schedule": going on as before, no task
            and verb not in _GOING_ON
            and stem(verb) not in _GOING_ON
            and (all_known(who, names) or group_name(who) is not None)
        ):
            return [Item(decided["rest"], [who], False, Status.OPEN, 1)], subject
    if pp.QUESTION_OPEN.match(sentence):
        return [], subject
    items, carried = _commitments(sentence, names, subject, line_start, named)
    # the look-alike rules (``non_action_rules``) veto what the rules found; most sentences give
    # nothing and keep their subject, and need no veto (the rules above have no side effects)
    if (items or carried != subject) and (veto := _rejected(sentence)):
        # a decision that hands work to someone the meeting knows is theirs ("It was agreed
        # that the request needs an estimate first: Bo will send one")
        owned = [i for i in items if i.owners and all_known(", ".join(i.owners), names)]
        return (owned, carried) if veto == "decision" and owned else ([], subject)
    return items, carried


def _commitments(
    sentence: str, names: Names, subject: str | None, line_start: bool, named: bool
) -> tuple[list[Item], str | None]:
    """``parse_prose`` before the veto of the look-alike rules."""
    reported = (
        pp.REPORTED_WILL.match(sentence)
        if (
            ("ll " in sentence or "would " in sentence or contains_any(sentence, pp.HEDGES))
            and ("he" in sentence or "they" in sentence)
        )
        else None
    )
    if reported and names_ok(reported["who"], names, lenient=False):
        # "Ana mentioned that it came up before and that she'll post ...": the one who spoke
        status = Status.TENTATIVE if reported["would"] else Status.OPEN
        return [Item(sentence, [reported["who"]], False, status, 1)], reported["who"]
    head = sentence[:60]
    puts = "uggested" in head or "roposed" in head or "ecommended" in head or " that " in head
    put = pp.WORK_FOR.match(sentence) if puts else None
    if (
        put
        and _work_verb(put["verb"])
        and not put["who"].endswith(("'s", "’s"))  # "that Bo's talk be moved"
        and names_ok(put["who"], names, lenient=False)
    ):
        suggestion = put["how"] in pp.SUGGESTING
        if not (suggestion and put["who"][:1].islower()):  # "suggested that the sites upgrade"
            status = Status.TENTATIVE if suggestion else Status.OPEN
            return [Item(sentence, [put["who"]], False, status, 1)], subject
    numbered = pp.NUMBERED_REVIEW.match(sentence) if sentence[:6] in ("action", "Action") else None
    if numbered is not None and (numbered["me"] or names.is_known(numbered["who"])):
        # "action 14, Bernhard, ordinal examples ...": the one read out with it; "is on me":
        # the speaker's
        read_out = [numbered["who"]] if numbered["who"] else []
        return [Item(sentence, read_out, not read_out, Status.OPEN, 1)], subject
    was_to = (
        pp.WAS_TO_REVIEW.match(sentence) if "re to " in sentence or "as to " in sentence else None
    )
    if (
        was_to is not None
        and _work_verb(was_to["verb"])
        and names_ok(was_to["who"], names, lenient=False)
    ):
        # "Hélène was to check the quota: done": an earlier action and its state
        return [Item(sentence, [was_to["who"]], False, Status.OPEN, 1)], subject
    reviewed = pp.ACTION_REVIEW.match(sentence) if "ction" in sentence[:50] else None
    if reviewed:
        who = reviewed["poss"] or reviewed["paren"]
        if who and names_ok(who, names, lenient=False):
            state = reviewed["state"]
            status = Status.DONE if state in ("done", "closed", "completed") else Status.OPEN
            return [Item(sentence, [who], False, status, 1)], subject
    action_is = mk.ACTION_IS_TO.match(sentence) if "ction" in sentence[:30] else None
    task = action_is["task"] if action_is else ""
    if action_is and not tp.STATIVE_TASK.match(task) and not tp.VAGUE_TASK.match(task):
        # "The action is to collect the answers", "Likely action item is to split ...": a task
        return [Item(sentence, [], False, Status.OPEN, 1)], subject
    found: list[tuple[int, Item, str]] = []
    parts: list[str] = []  # variants that state the task apart from the lead-in before them
    # variants after a dash or "but" (" - Ana will", "but Ana will") that state the task on their
    # own: the sentence is kept as the item's context, where a deadline in the lead-in is read
    joined: set[str] = set()
    fruitless: set[tuple[str, str | None]] = set()  # (variant, subject) that gave nothing
    hedged: set[str] = set()  # variants whose "would" was read as a reported "will"
    for clause in st.split_clauses(sentence):
        variants = [clause]
        label = _LABEL_PREFIX.match(clause)
        if label:
            variants.append(clause[label.end() :])
        later = _LATER_ASK.search(clause) if " and " in clause else None
        if later and (subject_words := _OPENING_NAME.match(clause)):
            # "Sam noted that two sites lag and asked the site contacts to upgrade": the
            # request, told of the sentence's subject
            variants.append(f"{subject_words['who']} {clause[later.start('verb') :]}")
        reported = _REPORTED_THAT.match(clause) if " that " in clause else None
        if reported is None and " that " in clause and ("greed" in clause or "ecided" in clause):
            reported = _AGREED_THAT.search(clause)
        if reported is None and ", which " in clause:
            reported = _WHICH_SOMEONE.search(clause)  # "..., which Oona will add before May"
        if reported:
            rest = clause[reported.end() :]
            variants.append(rest[0].upper() + rest[1:])  # the clause opens: "Someone needs to"
            # what was agreed is asked of its subject ("agreed that module leaders would check"
            # as "Module leaders to check"), what was said is their "will"
            agreed = bool(reported.groupdict().get("agreed"))
            backshift = r"\1 to" if agreed else r"\1 will"
            if (shifted := _BACKSHIFTED.sub(backshift, variants[-1], count=1)) != variants[
                -1
            ] and op.DIGIT_ACRONYM.match(rest.split(None, 1)[0]):
                # "Élodie explained that CC-IN2P3 would offer three flavours": a site's plan
                # told, no one's task
                variants.pop()
            elif shifted != variants[-1]:
                # "It was noted that Bo would circulate it": reported "will", as "she would"
                # after "said" is, tentative; what was agreed or decided is not hedged
                variants[-1] = shifted
                if not agreed:
                    hedged.add(shifted)
            more = _AND_THAT.search(rest) if agreed and ", and that " in rest else None
            if more is not None:
                # "It was agreed that this would be an item, and that Bo would prepare a paper"
                after = rest[more.end() :]
                if (also := _BACKSHIFTED.sub(r"\1 to", after, count=1)) != after:
                    variants.append(also)
        # "North needs a client → Ana + Jo to register it", "... mapping: Ana to verify it",
        # "Not covered yet — Lea volunteers to ...": the part after an arrow, a colon or a long
        # dash states who does what
        lead = _LEAD_IN.search(clause) if contains_any(clause, _LEAD_MARKS) else None
        if lead:
            parts.append(clause[lead.end() :])
            variants.append(parts[-1])
        # a join before "will", "'ll" or "shall": all of them hold "ll"
        commas = (
            list(_AFTER_COMMA.finditer(clause))
            if ("ll" in clause or " to " in clause)
            and ("," in clause or contains_any(clause, _JOINS))
            else []
        )
        if commas:
            variants.append(clause[commas[-1].end() :])
            join = commas[-1].group().lstrip(" ,")
            if join[:1] in ("-", "–", "b") and not _CONDITION.match(clause):
                joined.add(variants[-1])  # a dash or "but": two statements, not a consequence
        elif ", but " in clause and tp.passive_future(after := clause.rsplit(", but ", 1)[1]):
            variants.append(after)  # "ATLAS tried X, but this point will need to be followed up"
        for variant in variants:
            if (variant, subject) in fruitless:
                continue  # judged already with this subject: the rules are pure, it gave nothing
            item, carried, verb = _clause(variant, sentence, names, subject, line_start, named)
            named = named or carried != subject  # "Bo tested the patch; he will ...": Bo
            if item is not None:
                if variant in hedged:
                    item.status = Status.TENTATIVE
                found.append((2 if verb in _STRONG_VERBS else 1, item, variant))
                subject = carried
                break
            if carried == subject:
                fruitless.add((variant, subject))
            subject = carried
    if not found:
        if lc.may_commit(sentence.lower()) and (
            foreign := lc.language_commitment(sentence, names, subject if named else None)
        ):
            # "Claire s'occupe de la mise à jour", "Uwe kümmert sich um ...": a site's own
            # language; its subject is the one a pronoun in the next sentence stands for
            return [foreign], ", ".join(foreign.owners) if foreign.owners else subject
        return [], subject
    # (the writer's "I will ..." is an owner apart from "Giulia will ..." in the same sentence)
    owners = {
        tuple(item.owners) or ("I",) for _, item, _ in found if item.owners or item.first_person
    }
    if len(found) > 1 and len(owners) > 1:
        for _, item, variant in found:
            item.text = _LEAD_JOIN.sub("", variant).rstrip(" ,;.")
            # a deadline in the lead-in is every clause's, one in another owner's clause is not
            item.context = sentence
            for _, _, other in found:
                if other is not variant:
                    item.context = item.context.replace(other, " ")
        return [item for _, item, _ in found], subject
    _, best, variant = max(found, key=lambda f: (f[0], bool(f[1].owners)))
    if (
        (
            ";" in sentence
            or variant in parts
            or variant in joined
            or _done_before(sentence, variant)
        )
        and not sentence.startswith(variant)
        and best.text == sentence
        and not variant.startswith("to be ")
    ):
        # "Eva said the tests were slow; Ana will rerun them": the task is Ana's clause; so it
        # is after a report of work done ("upgrade done, Bo will present the results"); a
        # clause with no subject ("...; to be followed up by Bo") is no task apart from it
        best.text = _LEAD_JOIN.sub("", variant).rstrip(" ,;.")
        best.context = sentence
    return [best], subject


def _clause(
    clause: str,
    sentence: str,
    names: Names,
    subject: str | None,
    line_start: bool = True,
    named: bool = False,
) -> tuple[Item | None, str | None, str]:
    """One clause judged by the rule table (``clause_rules``): its item, the subject the next
    clause inherits and the verb that commits."""
    state = Clause(clause, sentence, names, subject, line_start, named=named)
    judged = judge_clause(state)
    if judged is None:
        return None, state.subject, ""
    verdict = judged[1]
    return verdict.item, state.subject, verdict.verb

"""The patterns the clause judges apply to a match's parts: its subject, its verb and its task.

A clause rule's pattern finds a commitment's shape ("X will ...", "X to ..."); its judge then
asks of the words it captured whether they make a task: a negated or stative task, a wish to
keep things as they are, an adjective or a product's name where a person should stand, a
pronoun as the subject, the agent of a passive, a present-tense task that looks ahead. These
tests are one ranked table of ``PatternRule`` with invented examples that
``tests/unit/test_pattern_rules.py`` runs; the rules serve different questions of the judges
and never compete, so they share a rank. The three patterns that cut a clause's text are
lexical helpers, no rules, kept apart below.
"""

from __future__ import annotations

import re

from wp2bot.domain import task_patterns as tp
from wp2bot.domain.pattern_rules import CAPITALS, DASHES, PatternRule, case, pattern, ranked

# The task's words, read after the commitment's verb.
_TASK_RULES = (
    PatternRule(
        name="negated",
        rank=0,
        pattern=re.compile(r"not\b|never\b"),
        yields="a negated task ('Lena will not sit in ...'): no task",
        how="match",
        examples=(case("not attend the call"), case("never again change the layout")),
        counter_examples=("note the change", "nevertheless send it"),
    ),
    PatternRule(
        name="adverb",
        rank=0,
        pattern=re.compile("^" + tp.ADVERBS, re.IGNORECASE),
        yields="an adverb between the modal and the verb, dropped before the task is judged",
        how="match",
        examples=(case("probably be slower"), case("Also send the slides")),
        counter_examples=("send the slides soon", "alsobe"),
    ),
    PatternRule(
        name="infinitive-subject",
        rank=0,
        pattern=re.compile(
            r"\b(?:is|are|would be|will be)\s+(?:(?:also|very|not|more)\s+)?(?:necessary|needed|"
            r"required|important|essential|crucial|key|useful|possible|difficult|hard|easy)\b"
        ),
        yields="'X to produce ... is necessary': the infinitive is a predicate's subject, no task",
        examples=(
            case("produce a full replay is necessary"),
            case("rerun every job would be very hard"),
        ),
        counter_examples=("send the numbers needed", "check what is necessarily slow"),
    ),
    PatternRule(
        name="pronoun-task",
        rank=0,
        pattern=re.compile(
            r"^(?:just\s+)?[a-z]+\s+(?:it|this|that|them|so)(?:\s+like\s+(?:that|this))?\W*$",
            re.I,
        ),
        yields="'we will hold it', 'let's do it like that': a pronoun's task, decided elsewhere",
        how="match",
        examples=(case("hold it"), case("just do it like that."), case("Keep them")),
        counter_examples=("hold it in March", "do the review"),
    ),
    PatternRule(
        name="keep-as-is",
        rank=0,
        pattern=re.compile(r"(?:keep|retain|preserve|stay|stick with|avoid|see|know)\b", re.I),
        yields="'wants to keep ...', 'wants to avoid ...': a wish about how things stay, no work",
        how="match",
        examples=(case("keep the old layout"), case("Stick with the current release")),
        counter_examples=("keeping the layout", "update the layout"),
    ),
)

# The commitment's verb and its subject.
_SUBJECT_RULES = (
    PatternRule(
        name="plan-verb",
        rank=0,
        pattern=re.compile(
            r"(?:(?:is|are|['’]s)\s+)?(?:plans?|planning|going|expects?|aims?|aiming)\s+to$"
        ),
        yields="a plan ('plans to', 'is going to'): an organisation's own plan, reported",
        how="match",
        examples=(case("plans to"), case("is going to"), case("are planning to"), case("aims to")),
        counter_examples=("will", "planned to"),
    ),
    PatternRule(
        name="adjective",
        rank=0,
        pattern=re.compile(r"^[A-Z][a-z]{2,}(?:ful|ous|able|ible)$"),
        yields="'Helpful', 'Advisable': an adjective opening '<adjective> to ...', never a name",
        how="match",
        examples=(case("Helpful"), case("Advisable"), case("Possible")),
        counter_examples=("Paul", "helpful"),
    ),
    PatternRule(
        name="name-shaped",
        rank=0,
        pattern=re.compile(r"^[A-Z][a-z]{2,}(?<!s)(?<!ed)(?<!ing)$"),
        yields="one capitalised word that may be a first name (no plural, past or -ing ending)",
        how="match",
        examples=(case("Omar"), case("Ana")),
        counter_examples=("Updates", "Reported", "Testing", "Al", "omar"),
    ),
    PatternRule(
        name="acronym",
        rank=0,
        pattern=re.compile(r"^[A-Z]{2,6}$"),
        yields="'NTR to coordinate', 'KT to send': an organisation's or a person's initials",
        how="match",
        examples=(case("NTR"), case("KT")),
        counter_examples=("K", "ABCDEFG", "Kt"),
    ),
    PatternRule(
        name="inner-capital",
        rank=0,
        pattern=re.compile(r"^(?!Mc|Mac|De|Di|Da|La|Le|Van|Von|O')[A-Z][a-z]+[A-Z]"),
        yields="'SunPy', 'GitHub': a project or product, not a person (surname prefixes excepted)",
        how="match",
        examples=(case("SunPy"), case("GitHub")),
        counter_examples=("McAllister", "DeVries", "Paul"),
    ),
)

# Who else a clause names, and whether a present-tense task looks ahead.
_CONTEXT_RULES = (
    PatternRule(
        name="agent",
        rank=0,
        pattern=re.compile(
            r"^\w+(?:\s+(?:up|out|around|over|back|on))?\s+by\s+"
            # (a role with what it is of: "by the Director of Teaching")
            r"(?P<who>(?:the\s+)?@?[" + CAPITALS + r"][\w.-]*"
            r"(?:\s+of\s+(?:the\s+)?[" + CAPITALS + r"][\w.-]*|(?:\s+[\w.-]+){1,2})?)"
            # a second agent of a second participle: "... and circulated by the Secretary"
            r"(?:.*?\band\s+\w+(?:\s+(?:up|out|around|over|back|on))?\s+by\s+"
            r"(?P<also>(?:the\s+)?@?[" + CAPITALS + r"][\w.-]*"
            r"(?:\s+of\s+(?:the\s+)?[" + CAPITALS + r"][\w.-]*)?))?"
        ),
        yields="the agent of a passive task ('... will be checked by Tier-2 people'): who acts",
        how="match",
        examples=(
            case("checked by Tier-2 people", who="Tier-2 people"),
            case("sent out by the Öko team", who="the Öko team"),
            case("done by @Kim", who="@Kim"),
            case(
                "drafted by the Director of Teaching and circulated by the Secretary",
                who="the Director of Teaching",
                also="the Secretary",
            ),
        ),
        counter_examples=("checked by hand", "checked soon by Kim"),
    ),
    PatternRule(
        name="pronoun",
        rank=0,
        pattern=re.compile(r"(?:it|this|that|there|they|he|she)\b", re.IGNORECASE),
        yields="a pronoun as the subject ('It will be sent'): no owner, the agent is looked for",
        how="match",
        examples=(case("It"), case("they"), case("This")),
        counter_examples=("Item", "Theresa", "the team"),
    ),
    PatternRule(
        name="ahead",
        rank=0,
        pattern=re.compile(
            r"(?-i:\bETA\b)|\b(?:by\s+(?:the\s+)?(?:end|next|mid|early|late|\d|mon|tue|wed|thu|fri|"
            r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|tomorrow)|next\s+(?:week|month|"
            r"meeting|call|time|year)|before\s+(?:the\s+)?(?:next|end)|this\s+(?:week|month)|"
            r"tomorrow|in\s+the\s+coming\s+(?:days|weeks))",
            re.IGNORECASE,
        ),
        yields="a present-tense task that looks ahead ('ETA June', 'by Friday'): a commitment",
        examples=(
            case("the group on the migration, ETA June"),
            case("the draft by the end of the month"),
            case("the plots before the next call"),
            case("the list in the coming weeks"),
        ),
        counter_examples=("the results of the eta study", "the plots by hand", "the last week"),
    ),
)

RULES = ranked(*_TASK_RULES, *_SUBJECT_RULES, *_CONTEXT_RULES)
NEGATED = pattern(RULES, "negated")
ADVERB = pattern(RULES, "adverb")
INFINITIVE_SUBJECT = pattern(RULES, "infinitive-subject")
PRONOUN_TASK = pattern(RULES, "pronoun-task")
KEEP_AS_IS = pattern(RULES, "keep-as-is")
PLAN_VERB = pattern(RULES, "plan-verb")
ADJECTIVE = pattern(RULES, "adjective")
NAME_SHAPED = pattern(RULES, "name-shaped")
ACRONYM = pattern(RULES, "acronym")
INNER_CAPITAL = pattern(RULES, "inner-capital")
AGENT = pattern(RULES, "agent")
PRONOUN = pattern(RULES, "pronoun")
AHEAD = pattern(RULES, "ahead")

# Lexical helpers, no rules: the cuts a judge makes in a clause's text. The part of a sentence
# between dashes, the others written after the owners ("Ana + others from the UK") and the
# remark after "but" in an offer ("Offered to help, but noted that ..."), the agent of a passive
# task further on than the agent rule reads ("sent to the sites by Ana"), and the task a question
# for a volunteer names ("Bo asked who would prepare the changelog; Ana volunteered").
LATER_AGENT = re.compile(
    r"\bby\s+(?P<who>@?[" + CAPITALS + r"][\w.-]*(?:\s+[" + CAPITALS + r"][\w.-]*)?)"
)
WHO_WOULD = re.compile(
    r"\bwho\s+(?:would|will|could|can|should|is\s+going\s+to)\s+(?P<task>[^;?!.]+)", re.I
)
DASH_SPLIT = re.compile(r"\s[" + DASHES + r"]\s")
OTHERS = re.compile(r"\s*(?:\+|&|\band\b)\s*(?:others|colleagues)\b.*$")
BUT = re.compile(r",?\s+but\s+")

"""The wording of look-alikes that are no action: deferrals, decisions, announcements, event
schedules, absences, open invitations; with the cheap word tests of the slow searches.

``non_action_rules`` ranks them into one table with their examples.
"""

from __future__ import annotations

import re

from wp2bot.domain.casefold import contains_any

DEFERRAL = re.compile(
    r"^(?:\W*)(?:(?:proposed?|suggest(?:ed|s)?)(?:\s+(?:to|that\s+we|we))?\s+(?=clos))?"
    # "Revisit next week", "revisit the topic as it evolves": a deferral (the topic itself, at a
    # later time); "Revisit the draft to ..." names work on a thing and is a task
    r"(?:revisit(?=\s*(?:$|[.,;]|(?:(?:it|this|that|later|the\s+(?:topic|question|issue|matter|"
    r"point|item|discussion|idea))\s*)?(?:$|[.,;]|(?:in|next|at|after|later|when|once|on|"
    r"during|before|by|as|if)\b)))|punt|"
    # ("bump it to next week" puts it off; "bump node to 20.17" is work on a version)
    r"bump(?:ed)?(?=\s*(?:$|[.,;]|(?:it|this|that)\b|to\s+(?:next|the\s+next|later|a\s+later)\b))|"
    r"defer(?:red)?|postpone[ds]?|park(?:ed)?|"
    r"table[ds]?|"
    r"push(?:ed)? to|discuss(?:ed)?\s+(?:it\s+|this\s+|again\s+)?(?:during|at|in|on|next|after|"
    r"when|later|offline)|to (?:be )?(?:discuss|revisit|talk)|no (?:further )?action|carry over|"
    # a pointer to another part of the minutes, not a task: "see above", "as recorded earlier"
    r"(?:as\s+)?(?:noted|discussed|mentioned|described|stated|recorded|said)\s+"
    r"(?:above|below|earlier|before)|see\s+(?:above|below)|same as (?:above|before)|"
    # closing the topic without work: "closed, nothing further to do", "close, no action needed"
    r"clos(?:e|ed|ing)\b[^.]{0,30}?\b(?:no (?:further )?action|nothing (?:further|more) to do)|"
    # keeping the topic on the agenda: "keep it as a recurring agenda item"
    r"keep\s+(?:\w+\s+){0,4}?(?:standing|recurring|on the agenda|agenda item)|"
    r"continue (?:the )?discussion (?:next|at|in|on)|"
    # a report put off to the next meeting, with nothing to report on: "will report at the
    # next sync" ("report the rates at the next sync" names the work)
    r"report(?:\s+back)?\s+(?:(?:at|in|during|on)\s+)?(?:the\s+)?next\s+"
    r"(?:meeting|sync|call|time|week|session|tele?con(?:f|ference)?|one)\W*$|"
    r"we\s+should\s+(?:discuss|talk about)\b|"
    # a topic taken up later: "let's come back to it when Priya is back", "we'll take it under
    # AOB"
    r"(?:(?:let['’]s|we['’]ll|we\s+will)\s+)?(?:come\s+back\s+to|return\s+to\s+(?:it|this|that)\b|"
    r"take\s+(?:it|this|that)\s+(?:up\s+)?(?:under|at|in|during)\s+(?:aob|any\s+other\s+business|"
    r"the\s+next)))",
    re.IGNORECASE,
)
DECISION = re.compile(
    # a deliberative body as the subject: "The committee agreed ...", "Forum decided ..."
    r"^(?:\W*)(?:(?:it was|we|all|everyone|(?:the\s+)?(?:whole\s+)?(?:group|board|council|forum|"
    r"committee|assembly|plenary|meeting|wg|sg|tsc|steering (?:group|committee)))\s+)?"
    r"(?:agreed|decided|decision|agreement|"
    r"resolved|approved|voted?|consensus|accepted|rejected|unanimous|motion)\b",
    re.IGNORECASE,
)
AVAILABILITY = re.compile(
    # ("... once RC3 is out": a release, not an absence; who is out opens the clause)
    r"\b(?:on call|on vacation|on leave|out of (?:the )?office|"
    r"(?:^|(?<=[.;:,]\s))(?:(?-i:[A-Z])[\w'’-]+(?:\s+(?:and\s+)?(?-i:[A-Z])[\w'’-]+)?|I|we|he|"
    r"she|they)\s+"
    r"(?:is|are|am|will\s+be|(?:may|might|will)\s+be)\s+out\b|"
    # ("Sites that cannot make the date should tell ...": who the request is for, no absence)
    r"(?<!that\s)(?<!who\s)(?<!which\s)"
    r"(?:can ?not|can't|cannot|won't be able to)\s+(?:join|attend|make)|will miss|"
    r"will be (?:away|absent|travell?ing|unavailable)|regrets?\b|"
    # (a person's return: "Bo will be back on Monday"; "whether the arm will be back" is a thing's)
    r"(?:\b(?-i:[A-Z])[\w'’-]+|\b(?:I|we|he|she|they))\s+will be back\b|"
    r"will not be (?:available|around|reachable|there)\b|"
    r"will (?:start|join|arrive|leave)\s+(?:at|in)\s+(?-i:[A-Z])|"
    r"(?:will|plan(?:s|ning)? to|going to)\s+attend\b)",
    re.IGNORECASE,
)
ANNOUNCEMENT = re.compile(
    r"^(?:\W*)(?:next\s+(?:meeting|telcon|call|monthly|weekly)|(?:the\s+)?(?:meeting|call|"
    r"telcon)s?\s+(?:is|are|was|will be)\s+(?:scheduled|held|moved|on)|(?:deadline|freeze)\b|"
    r"(?:[\w-]+\s+){0,2}(?:meeting|call|telcon)s?\s+(?:(?:is|was)\s+)?(?:set|scheduled)\s+for\b|"
    r"reminder:|fyi\b|"
    # a mail's courtesy around the minutes: "Please find below the minutes ...", "Please see
    # the slides attached"
    r"please\s+(?:find|see)\s+(?:(?:below|attached|enclosed|here)\b|the\s+(?:[\w-]+\s+){0,3}?"
    r"(?:below|attached|enclosed)\b))",
    re.IGNORECASE,
)

# an event's own schedule, not work of the meeting: "Registration will be opened in February",
# "The first week (3-7 May) will be held online", "The call will be announced on the list"
SCHEDULED = re.compile(
    r"^\W*(?:(?:the|a|an|our|their)\s+)?(?:[\w-]+\s+){0,3}?(?:registration|conference|workshop|"
    r"meeting|session|school|week|event|webinar|hackathon|symposium|tutorial|submission|deadline|"
    r"programme|program|call)s?(?:\s+for\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?[\w-]+)?(?:\s+\([^)]*\))?\s+(?:(?:will|shall)\s+be|"
    r"(?:(?:is|are)\s+)?to\s+be)\s+(?:opened|held|announced|closed|launched|scheduled|hosted|"
    r"organi[sz]ed|published)\b(?!\s+by\s+(?-i:[A-Z@]))",
    re.IGNORECASE,
)
# a role at a meeting, not work: "Alex will chair the 5 January meeting", "Bo to moderate the call"
MEETING_ROLE = re.compile(
    r"\b(?:will|to)\s+(?:co-?)?(?:chair|moderate)\s+(?:the\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:meeting|call|session|telcon|panel)s?\b",
    re.IGNORECASE,
)
# a proposal answered with a deferral: "test the new tool? → not now, revisit in the spring"
DEFERRED_ANSWER = re.compile(
    # the answer to a question or a "maybe": "Alice: ask the vendor → postponed" is a task put
    # off, not a suggestion turned down
    r"(?:\?|\b(?:maybe|perhaps|possibly)\b.*?)\s*(?:→|->|=>)\s*(?:not\s+(?:now|yet)\b|(?:will|to)\s+be\s+(?:discussed|revisited)\b|"
    r"revisit\b|postponed\b|deferred\b|parked\b|later\b)",
    re.IGNORECASE,
)


def may_answer(lower: str) -> bool:
    """False when the text holds no arrow DEFERRED_ANSWER opens with."""
    return "→" in lower or "->" in lower or "=>" in lower


_UNAVAILABLE_WORDS = (
    "on call",
    "on vacation",
    "on leave",
    "out of",
    "is out",
    "are out",
    "am out",
    "be out",
    "will miss",
    "will be ",
    "will not be ",
    "regret",
    "will start",
    "will join",
    "will arrive",
    "will leave",
    "attend",
)
# "cannot join", "can't make it": a negation and a verb of attending
_NOT_ATTENDING = (("not", "n't"), ("join", "make"))


def may_say_unavailable(lower: str) -> bool:
    """False when lower-cased ASCII text holds none of the words AVAILABILITY needs."""
    negations, verbs = _NOT_ATTENDING
    return contains_any(lower, _UNAVAILABLE_WORDS) or (
        contains_any(lower, negations) and contains_any(lower, verbs)
    )


_INVITATION_WORDS = (
    "free",
    "hesitate",
    "welcome",
    "chime",
    "reach out",
    "know",
    "questions",
    "please",
)


def may_invite(lower: str) -> bool:
    """False when lower-cased ASCII text holds none of the words INVITATION needs."""
    return contains_any(lower, _INVITATION_WORDS)


INVITATION = re.compile(
    r"\b(?:feel free|don'?t hesitate|do not hesitate|you are welcome|please chime in|"
    r"reach out to (?:me|us)|let (?:me|us) know|"
    # an offer to answer whatever comes up is no task: "happy to take any questions"
    r"(?:offer(?:ed|s)?|happy|glad|available|willing)\s+to\s+(?:answer|take|field)\s+"
    r"(?:any\s+|all\s+|further\s+|the\s+)?questions|"
    # a call to every reader: "Please add items you would like to discuss", "please highlight any"
    r"please\s+(?:add|suggest|highlight|list)\s+(?:any(?:\s+(?:more|other))?\s+)?"
    r"(?:(?:topics|items|points)\b|any\s*(?:[,.;]|$)))",
    re.IGNORECASE,
)


# a future that says how something will behave, not what anyone will do: "The new boards will
# work much like the old ones", "The nodes will behave similarly to the old ones"
MANNER = re.compile(
    r"\b(?:will|'ll|’ll|would)\s+(?:still\s+|then\s+)?[a-z]+\s+"
    r"(?:(?:pretty|quite|very|much|fairly|rather|roughly|more\s+or\s+less|just)\s+)?"
    r"(?:like\b|similar(?:ly)?\s+to\b|the\s+same\s+(?:way|as)\b|"
    r"as\s+(?:before|now|usual|today)\b|smoothly\b)",
    re.IGNORECASE,
)


def may_describe_manner(lower: str) -> bool:
    """False when ``MANNER`` cannot match: none of the words it needs after the verb."""
    return ("ll" in lower or "would" in lower) and (
        " like" in lower
        or "similar" in lower
        or " the same " in lower
        or " as " in lower
        or "smoothly" in lower
    )

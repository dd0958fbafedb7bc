"""Tasks without a named subject, in one ranked table, and the task texts that are no work.

Each rule names a form of clause, its pattern, what a match gives the clause rules
(``clause_rules``, ``clause_judges``) and invented examples with the groups they capture, that
``tests/unit/test_pattern_rules.py`` runs. The rank is that of the clause rule the pattern
serves; the tests of a task's text (vague, stative, a role) and of a next-steps label rank 0.
"""

from __future__ import annotations

import re

from wp2bot.domain.casefold import contains_any, lower_safe
from wp2bot.domain.pattern_rules import PatternRule, case, pattern, ranked

# "will definitely be ...": an adverb between the modal and a state
ADVERBS = (
    r"(?:probably|definitely|certainly|likely|surely|also|still|then|just|soon|now|eventually|"
    r"always|never|even)\s+"
)
# states of a person, not tasks: "will be away", "to be on call"
AWAY = r"on call|out|away|absent|available|there"
# verbs of thinking and talking: "we need to look closer at ..." is no task
THINKING = (
    r"think|balance|understand|consider|discuss|decide|figure|better|be|determine|keep|know|"
    r"wait|see|remember|agree|talk|learn"
)
# states and events rather than tasks: "will take a year", "will become harder", "will have to"
STATIVE = (
    # "will continue to receive ..." is a state; "will continue work on ..." or "... testing" a task
    # "will have a look at ..." is a task, as "will take a look" is; so is "will have the report
    # ready by Friday" (something brought to a finished state)
    r"(?:be|have(?!\s+(?:a|another)\s+(?:(?:closer|quick|first)\s+)?(?:look|go|try|word|chat|"
    r"call|stab|think)\b|\s+(?!been\b|not\b)(?:[\w-]+\s+){1,6}?"
    r"(?:ready|done|finished|completed|in place|available|fixed|merged|"
    r"deployed|installed|drafted|written|prepared|sorted)\b|"
    # ... or "will have a draft by Friday" (a piece of work delivered)
    r"\s+(?:a|the)\s+(?:first\s+|new\s+)?(?:draft|version|prototype|proposal|patch|fix|"
    r"estimate)\b)|continue(?!\s+(?:work\s+on|[a-z]{3,}ing)\b)|become|remain|seem|need|"
    r"result|"
    # ("The committee to note the survey results": taking note, no task)
    r"depend|mean|happen|move forward|wait|note\s+(?=(?:the|that|this|these|those)\b)|"
    r"take\s+(?:(?:a|an)\s+(?!look\b|stab\b|pass\b|first\b)|\d+|some|more|longer|time|ages)|get\s+(?:better|worse|harder|easier))\b"
)
# "be sent around ...": the task of a passive future ("The notes will be sent around");
# also a question put to the group by a poll: "the date will be (the) subject of a survey"
PARTICIPLES = (
    r"(?:sent|shared|circulated|created|prepared|proposed|posted|distributed|drafted|"
    r"written|released|published|uploaded|organi[sz]ed|scheduled|set up|made|provided|updated|"
    r"followed up|confirmed|added|fixed|merged|reviewed|investigated|contacted|finali[sz]ed|"
    r"checked|tested|implemented|documented|submitted|opened|filed|moved|renamed|removed|"
    r"deployed|installed|announced|asked|done by|included|looked\s+(?:into|at)|collated|"
    r"compiled|gathered|collected|summari[sz]ed|analy[sz]ed|assessed|evaluated|coordinated|"
    r"edited|translated|validated|verified|declared|configured|enabled|disabled|upgraded|"
    r"migrated|replaced|restarted|rebooted|registered|requested|ordered|applied|patched|"
    r"renewed|cleaned(?: up)?|deleted|archived|backed up|repaired|carried out|completed|booked|"
    r"arranged|signed|paid|printed|chased|raised|"
    r"(?:the\s+)?subject of\s+(?:an?\s+)?(?:\w+\s+)?(?:poll|survey|vote|ballot))\b"
)
# what "let's" opens that is no task: "let's get started", "let's move on", "let's take that
# to the issue" (where the discussion goes on)
_NOT_WORK = (
    r"(?!get started|start|begin|move on|go\b|wrap|take a break|see\b|"
    r"take (?:it|this|that|the rest)\s+(?:to|offline|on)\b)"
)

RULES = ranked(
    PatternRule(
        name="speaker-offer",
        rank=160,
        # "Name: Offered to ...": the speaker label is the subject
        pattern=re.compile(
            r"^(?:also\s+)?(?:offered|offers|volunteered|volunteers|promised|promises)\s+to\s+"
            r"[a-z]",
            re.I,
        ),
        yields="an offer whose subject is the speaker",
        how="match",
        examples=(case("Offered to review the install guide"),),
        counter_examples=("Offered help with the guide",),
    ),
    PatternRule(
        name="speaker-can",
        rank=130,
        # "AB: can review the drafts": the speaker offers to do it (not yet agreed)
        pattern=re.compile(r"^(?:also\s+)?(?:can|could)\s+(?P<task>[a-z].*)$"),
        yields="the task (task) the speaker offers",
        how="match",
        examples=(case("can review the drafts", task="review the drafts"),),
        counter_examples=("Can review the drafts",),
    ),
    PatternRule(
        name="subjectless-will",
        rank=80,
        # a subject-less future commitment in a clause: "...; will make a PR"
        pattern=re.compile(
            r"^(?:and\s+|also\s+|then\s+)?(?:will|'ll|shall)\s+(?!(?:"
            + ADVERBS
            + r")?be\s+(?:"
            + AWAY
            + r"|finali[sz]ed|done|questions?|issues?|problems?)\b)(?P<task>\S.*)$",
            re.IGNORECASE,
        ),
        yields="the task (task) of a future with no subject",
        how="match",
        examples=(case("will make a PR", task="make a PR"), case("and shall update the page")),
        counter_examples=("will be away next week", "will definitely be done"),
    ),
    PatternRule(
        name="subjectless-modal",
        rank=70,
        # "Will draft ...", "May present ...": the subject is the speaker or the note's author;
        # "will be" states and month names are left out
        pattern=re.compile(
            r"^(?:(?-i:Will|Should|Shall|Could|Might)|(?-i:May)(?!\s+\d))\s+(?!(?:"
            + ADVERBS
            + r")?"
            + STATIVE
            + r"|not\b|there\b|it\b|this\b|that\b|"
            r"we\b|i\b|you\b|they\b|he\b|she\b)(?P<task>[a-z]\w+\s+\S+\s+\S.*)$",
            re.IGNORECASE,
        ),
        yields="the task (task) of a capitalised modal opening the item",
        how="match",
        examples=(
            case("Will draft the new policy", task="draft the new policy"),
            case("May present the plots at the workshop"),
            case("Could run a second workshop in July"),
        ),
        counter_examples=("May 12 is the deadline", "Will be there on Monday", "Should we move it"),
    ),
    PatternRule(
        name="subjectless-intention",
        rank=65,
        # "Planning to migrate the pool in May", "Hoping to start in January": an intention
        # with no subject written, of the speaker or the section's owner
        pattern=re.compile(
            r"^(?P<how>planning|plans?|intending|intends?|going|hoping|hopes?|aiming|aims?)\s+to\s+"
            r"(?!(?:be|have|see|hear)\b)(?P<task>[a-z]\w+\s+\S.*)$",
            re.IGNORECASE,
        ),
        yields="how firm the intention is (how) and its task (task)",
        how="match",
        examples=(
            case("Planning to migrate the pool in May", how="Planning"),
            case("Hoping to start the work in January", task="start the work in January"),
            case("plan to upgrade the pool in May", how="plan"),
        ),
        counter_examples=(
            "Planning to be there",
            "Going forward we keep it",
            "Hoping for the best",
            "Trying to put together a proposal",  # ongoing work, reported
        ),
    ),
    PatternRule(
        name="also-imperative",
        rank=60,
        # "... offering support. Also plan a module on ...": an imperative added to a report
        pattern=re.compile(r"^(?:also|in addition)[,\s]+(?P<task>[a-z]+\b(?!:).*)$", re.IGNORECASE),
        yields="the task (task) added to a report",
        how="match",
        examples=(case("Also plan a module on tokens", task="plan a module on tokens"),),
        counter_examples=("Also noted: the tape is full",),
    ),
    PatternRule(
        name="hedged-imperative",
        rank=40,
        # "Maybe present: A, B" is a label, not a task
        pattern=re.compile(r"^(?:maybe|perhaps|possibly)[,\s]+(?P<task>[a-z]+(?!:)\b.*)$", re.I),
        yields="the task (task) of a hedged imperative",
        how="match",
        examples=(case("Maybe write a short guide", task="write a short guide"),),
        counter_examples=("Maybe present: Ana, Bo",),
    ),
    PatternRule(
        name="unowned-need",
        rank=30,
        pattern=re.compile(
            r"^(?:(?:I think|so|also|and|but)[,\s]+)*(?:(?:we\s+(?:still\s+)?(?:need|have)\s+to|"
            r"(?:still\s+)?needs?\s+to)(?!\s+(?:" + THINKING + r")\b)|"
            r"we\s+should\s+(?!discuss|talk|consider|think|review|revisit|keep|continue|be\b|have\b)|"
            r"let'?s\s+" + _NOT_WORK + r"|let’s\s+" + _NOT_WORK + r"|"
            r"please\s+(?!feel|reach|chime|let|note|contact|see|read)|should\s+(?!be\b|we\b|i\b|it\b|they\b))"
            r"\s*(?P<task>\S.*)$",
            re.IGNORECASE,
        ),
        yields="the task (task) the group needs done, with no owner",
        how="match",
        examples=(
            case("We need to renew the certificate", task="renew the certificate"),
            case("Let’s book the room", task="book the room"),
            case("please send the slides", task="send the slides"),
            case("still need to migrate the config", task="migrate the config"),
        ),
        counter_examples=("We need to think about it", "Let's get started", "Please feel free"),
    ),
    PatternRule(
        name="passive-future",
        rank=20,
        pattern=re.compile(
            r"^(?P<subj>(?:the\s+|a\s+|an\s+)?[\w\s&'-]{2,50}?)\s+"
            r"(?:(?:will|should|must)(?:/(?:will|should|must))?|(?:will\s+)?needs? to|is to|are to|"
            r"ha(?:s|ve) to)"
            r"\s+be\s+(?P<pp>(?:" + PARTICIPLES + r"|available\b).*)"
            # (or the gerund of work after "needs": "The constitution needs reviewing")
            r"|^(?P<thing>(?:the|a|an|our|this|these)\s+[\w\s&'-]{2,50}?)\s+needs?\s+"
            # (the judge checks it is a verb of work: ``vocabulary.is_gerund``)
            r"(?P<ger>[a-z]{2,}ing\b.*)$",
            re.IGNORECASE,
        ),
        yields="the thing (subj) and the participle with its agent (pp) of a passive task",
        how="match",
        examples=(
            case("The notes will be sent around by Ana", subj="The notes", pp="sent around by Ana"),
            case("The constitution needs reviewing before the AGM", ger="reviewing before the AGM"),
        ),
        counter_examples=("The notes will be long", "The pool needs more disks"),
    ),
    PatternRule(
        name="passive-infinitive",
        rank=15,
        # "talks to be finalised", "..., minutes to be approved by the SC": a noun phrase and the
        # passive infinitive of work, opening the clause or after a comma; the judge checks the
        # noun phrase
        pattern=re.compile(
            # (no noun phrase after a semicolon: "...; to be followed up by Bo")
            r"(?:^|(?<=[,;:]\s))(?:(?P<subj>(?:(?:the|a|an|all|our|its|their)\s+)?[\w&'-]+"
            r"(?:\s+[\w&'-]+){0,3}?)\s+)?"
            # (a wish is no task: "the group would prefer to be migrated in summer")
            r"(?<!prefer\s)(?<!prefers\s)(?<!like\s)(?<!want\s)(?<!wants\s)(?<!wish\s)"
            r"(?:still\s+|also\s+)?to\s+be\s+(?P<pp>" + PARTICIPLES + r".*)$",
            re.IGNORECASE,
        ),
        yields="the thing (subj) and the participle with its agent (pp) of a passive infinitive",
        words=("to be ",),
        examples=(
            case("Slides to be uploaded by Bo", subj="Slides", pp="uploaded by Bo"),
            case("Room booked, the agenda still to be shared", subj="the agenda"),
            case("To be followed up by Bo", subj=None, pp="followed up by Bo"),
        ),
        counter_examples=(
            "Nothing here to be proud of",
            "the group would prefer to be migrated in summer",
        ),
    ),
    PatternRule(
        name="input-from",
        rank=15,
        # "input from the task leads is needed before 24 Nov": work asked of the people named
        pattern=re.compile(
            r"^(?:(?:the|an?|some|more|further)\s+)?(?:[\w-]+\s+){0,2}?(?:input|feedback|comments?|"
            r"contributions?|answers?|replies|slides|numbers|figures|reports?|updates?|help|"
            r"confirmation|reviews?)\s+"
            # what the input is on: "comments on the draft from all members"
            r"(?:(?:on|about|to|for)\s+(?:[\w.-]+\s+){1,4}?)?"
            r"from\s+(?P<who>(?:the\s+|all\s+|each\s+)?[\w@.&/-]+"
            r"(?:\s+[\w@.&/-]+){0,3}?)\s+(?:(?:(?:is|are)\s+(?:still\s+|also\s+|urgently\s+)?"
            r"(?:needed|required|expected|requested|due))|due)\b",
            re.IGNORECASE,
        ),
        yields="the people asked for the input (who)",
        how="match",
        words=(" from ",),
        examples=(
            case("Feedback from the site admins is needed by May", who="the site admins"),
            case("Comments on the draft from all members are due by 3 May", who="all members"),
            case("Reports from all WPs due 15 May", who="all WPs"),
        ),
        counter_examples=(
            "Feedback from the site admins was positive",
            "Comments on the draft from all members were positive",
        ),
    ),
    PatternRule(
        name="subjectless-passive",
        rank=10,
        # "Should be released by 2 May": a passive modal with no subject is an unowned task
        pattern=re.compile(r"^(?-i:Will|Should|Must|To)\s+be\s+" + PARTICIPLES, re.I),
        yields="a passive task with no subject",
        how="match",
        examples=(case("Should be released by 2 May"),),
        counter_examples=("should be released", "Will be fine"),
    ),
    PatternRule(
        name="next-step",
        rank=0,
        # "Next step is a conversation with ...", "Next steps: ..."
        pattern=re.compile(r"^\W*next\s+steps?\s*(?:is|are|will be|:)\s+\S", re.IGNORECASE),
        yields="a line that names the next step",
        how="match",
        examples=(case("Next step is a call with the vendor"), case("Next steps: book a room")),
        counter_examples=("Next step",),
    ),
    PatternRule(
        name="plan-label",
        rank=0,
        # a person's plan under a label: "Next week: run the full reconstruction", "Plan: submit
        # the abstract by Friday", "Next: ...", "To do: ..." (the caller wants an imperative)
        pattern=re.compile(
            r"^\W*(?:next(?:\s+(?:week|month|time|sprint))?|to[\s-]?do|plans?(?:\s+for\s+(?:the\s+)?"
            r"next\s+(?:week|month|time|sprint|period|quarter|phase|cycle))?)\s*:\s+(?P<task>\S.*)$",
            re.IGNORECASE,
        ),
        yields="the task planned under the label (task)",
        how="match",
        examples=(
            case("Next week: run the full reconstruction", task="run the full reconstruction"),
            case("Plans for next week: submit the abstract", task="submit the abstract"),
            case("Plan for the next period: enable tape copies", task="enable tape copies"),
            case("To do: print the poster", task="print the poster"),
        ),
        # a goal states what a proposal is for
        counter_examples=(
            "This week: finished the calibration",
            "Next week the call is off",
            "Goal: provide one interface",
        ),
    ),
    PatternRule(
        name="passive-task",
        rank=0,
        pattern=re.compile(r"^be\s+" + PARTICIPLES),
        yields="the task of a passive future ('be sent around')",
        how="match",
        examples=(case("be sent around to the list"), case("be the subject of a survey")),
        counter_examples=("be careful",),
    ),
    PatternRule(
        name="vague-task",
        rank=0,
        # tasks that are only thinking or talking: "we need to look closer at ..."
        pattern=re.compile(
            r"(?:" + THINKING + r"|assume|expect|believe)\b",
            re.IGNORECASE,
        ),
        yields="a task that is only thinking or talking",
        examples=(case("think about the quota"), case("expect more load")),
        counter_examples=("renew the certificate",),
    ),
    PatternRule(
        name="stative-task",
        rank=0,
        pattern=re.compile(STATIVE, re.IGNORECASE),
        yields="a state or an event rather than a task",
        examples=(
            case("take a year"),
            case("become harder"),
            case("continue to receive it"),
            case("note the survey results"),
        ),
        counter_examples=("take a look at the logs", "continue work on the docs"),
    ),
    PatternRule(
        name="role-task",
        rank=0,
        # a role rather than a task when nobody is named: "(the coordinator) Will take care of"
        pattern=re.compile(r"(?:take care of|look after|oversee|lead|coordinate|manage)\b", re.I),
        yields="a role rather than a task",
        examples=(case("take care of the mailing list"),),
        counter_examples=("send the mailing list",),
    ),
)

BARE_OFFER = pattern(RULES, "speaker-offer")
SPOKEN_OFFER = pattern(RULES, "speaker-can")
BARE_WILL = pattern(RULES, "subjectless-will")
BARE_MODAL = pattern(RULES, "subjectless-modal")
INTENTION = pattern(RULES, "subjectless-intention")
ALSO_TASK = pattern(RULES, "also-imperative")
HEDGED = pattern(RULES, "hedged-imperative")
UNOWNED_NEED = pattern(RULES, "unowned-need")
PASSIVE_FUTURE = pattern(RULES, "passive-future")
BARE_PASSIVE = pattern(RULES, "subjectless-passive")
PASSIVE_INFINITIVE = pattern(RULES, "passive-infinitive")
INPUT_FROM = pattern(RULES, "input-from")
NEXT_STEP = pattern(RULES, "next-step")
PLAN_LABEL = pattern(RULES, "plan-label")
PASSIVE_TASK = pattern(RULES, "passive-task")
VAGUE_TASK = pattern(RULES, "vague-task")
STATIVE_TASK = pattern(RULES, "stative-task")
ROLE_TASK = pattern(RULES, "role-task")
_PASSIVE_MODALS = ("will", "should", "must", "need", " to ")


def may_be_passive(text: str) -> bool:
    """False when PASSIVE_FUTURE cannot match: no "be" (or gerund) or none of its modals (in
    any case)."""
    if not lower_safe(text):
        return True
    lower = text.lower()
    return ("be" in lower or "ing" in lower) and contains_any(lower, _PASSIVE_MODALS)


def passive_future(text: str) -> re.Match[str] | None:
    """PASSIVE_FUTURE's match, tried only on text that holds "be" and one of its modals (in any
    case)."""
    if not may_be_passive(text):
        return None
    return PASSIVE_FUTURE.match(text)


def input_asked(text: str) -> bool:
    """ "Input from the site admins is needed before May": asked of people, with no gate word."""
    return " from " in text and INPUT_FROM.match(text) is not None

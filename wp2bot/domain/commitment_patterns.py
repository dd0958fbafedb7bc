"""The patterns of commitment clauses: who commits (names, groups, handles) and with which verb."""

from __future__ import annotations

import re

from wp2bot.domain.casefold import contains_any, lower_safe
from wp2bot.domain.groups import group_request
from wp2bot.domain.present_tense import present_trigger

_NAMES = (
    # a group by an acronym and a noun for its people: "SKA contacts", "the CERN IT team"
    r"(?P<who>(?:[Tt]he\s+)?[A-Z][A-Z0-9&-]+(?:\s+[A-Z][A-Z0-9&-]+)?\s+"
    r"(?:team|contacts|people|colleagues|admins|experts)\b|"
    r"(?:[Tt]he\s+)?@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*"
    r"(?:\s+(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*|et al\.?|(?:&|and)\s*co\b\.?|"
    r"\(via [^)]*\)|\(or [^)]*\))){0,3}"
    r"(?:\s*(?:,\s*and\b|,|/|&|\+|\band\b)\s*(?:[Tt]he\s+)?@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*"
    r"(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*){0,2}){0,5}"
    # "Ana/Bo + others from the UK", "Ana and colleagues": the named people lead
    r"(?:\s*(?:\+|&|\band\b)\s*(?:others|colleagues)(?:\s+from\s+(?:the\s+)?[A-Z][\w-]*)?)?"
    r"|I|We|we|@[\w.-]+|"
    # a role written in lower case: "The editors will merge ...", "The team may start ..."
    r"[Tt]he\s+(?:team|editors?|chairs?|authors|organi[sz]ers|maintainers|conveners|leads)|"
    # a named body in lower case: "The storage working group will ...", "The docs WG to ..."
    r"[Tt]he\s+(?:[A-Za-z][\w-]*\s+){1,2}(?:working\s+group|WG|SIG|committee|task\s+force))"
)
_COMMIT_VERBS = (
    r"(?:will|'ll|’ll|shall|is going to|are going to|to|agreed to|agree to|offered to|offers to|"
    r"volunteered to|volunteers to|volunteer to|can|could|should|plans? to|is to|are to|"
    r"would like to|wants? to|needs? to|has to|have to|promised to|promises to|"
    r"(?:is|are|am)\s+(?:taking|going to)|takes?|may|might|is hoping to|are hoping to|hoping to|"
    r"(?:is |are )?planning to|planned to|(?:is |are )?proposing to|"
    r"hopes? to|will try to|to try to|plan to|intends? to|(?:can|will)\s+volunteer to)"
)
# "Rizart will create ...", "Paul/Lena to modify ...", "I will circulate ..."
COMMITMENT = re.compile(
    r"^(?:(?:also|then|so|and|but|ok|okay|yes|sure|now|next|finally|[Ii] (?:think|guess|suppose)|"
    r"[Mm]aybe|[Pp]erhaps)[,\s]+)?"
    + _NAMES
    # "We'll set up ...": the contracted modal follows the subject without a space
    + r"(?:\s+|(?=['’]ll\s))"
    + r"(?:(?:also|then|still|probably|maybe|perhaps|now|first|just|simply)\s+)?"
    + r"(?P<verb>"
    + _COMMIT_VERBS
    + r")\s+(?P<task>(?!be\s+(?:on call|out|away|absent|available|there)\b)\S.*)$"
)
VOLUNTEERS = re.compile(r"^" + _NAMES + r"\s+(?:volunteers?|volunteered|will volunteer)\b")
# "we agreed an action for SKA to ...", "An action on Paul and Lena to ..."
ACTION_FOR = re.compile(
    r"\baction\s+(?:for|on)\s+(?P<who>(?:the\s+)?[\w@][\w .&/,'-]{0,60}?)\s+to\s+(?P<task>\S.*)$",
    re.IGNORECASE,
)


def may_name_action(text: str) -> bool:
    """False when ACTION_FOR cannot match: the text does not say "action" (in any case)."""
    return not lower_safe(text) or "action" in text.lower()


def action_for(text: str) -> re.Match[str] | None:
    """ACTION_FOR's search, run only on text that says "action" (in any case)."""
    if not may_name_action(text):
        return None
    return ACTION_FOR.search(text)


# A subject-less future commitment in a clause: "...; will make a PR".
# "will definitely be ...": an adverb between the modal and a state
ADVERBS = (
    r"(?:probably|definitely|certainly|likely|surely|also|still|then|just|soon|now|eventually|"
    r"always|never|even)\s+"
)
BARE_WILL = re.compile(
    r"^(?:and\s+|also\s+|then\s+)?(?:will|'ll|shall)\s+(?!(?:" + ADVERBS + r")?be\s+(?:on call|"
    r"out|away|absent|available|there|finali[sz]ed|done|questions?|issues?|problems?)\b)"
    r"(?P<task>\S.*)$",
    re.IGNORECASE,
)
# tasks that are only thinking or talking: "we need to look closer at ..."
VAGUE_TASK = re.compile(
    r"(?:think|balance|understand|consider|discuss|decide|figure|better|be|determine|keep|know|"
    r"wait|see|remember|agree|talk|learn|assume|expect|believe)\b",
    re.IGNORECASE,
)
# "Next step is a conversation with ...", "Next steps: ..."
NEXT_STEP = re.compile(r"^\W*next\s+steps?\s*(?:is|are|will be|:)\s+\S", re.IGNORECASE)
# "Will draft ...", "Should have a prototype ...", "May present ...": a commitment whose subject
# is the speaker or the note's author; "will be" states and month names are left out
# states and events rather than tasks: "will take a year", "will become harder", "will have to"
STATIVE = (
    # "will continue to receive ..." is a state; "will continue work on ..." or "... testing" a task
    r"(?:be|have|continue(?!\s+(?:work\s+on|[a-z]{3,}ing)\b)|become|remain|seem|need|result|"
    r"depend|mean|happen|move forward|wait|"
    r"take\s+(?:(?:a|an)\s+(?!look\b|stab\b|pass\b|first\b)|\d+|some|more|longer|time|ages)|get\s+(?:better|worse|harder|easier))\b"
)
STATIVE_TASK = re.compile(STATIVE, re.IGNORECASE)
# a role rather than a task when nobody is named: "(the new coordinator) Will take care of ..."
ROLE_TASK = re.compile(r"(?:take care of|look after|oversee|lead|coordinate|manage)\b", re.I)
BARE_MODAL = re.compile(
    r"^(?:(?-i:Will|Should|Shall)|(?-i:May)(?!\s+\d))\s+(?!(?:"
    + ADVERBS
    + r")?"
    + STATIVE
    + r"|not\b|there\b|it\b|this\b|that\b|"
    r"we\b|i\b|you\b|they\b|he\b|she\b)(?P<task>[a-z]\w+\s+\S+\s+\S.*)$",
    re.IGNORECASE,
)
# "be sent around ...": the task of a passive future ("The notes will be sent around");
# also a question put to the group by a poll: "the date will be (the) subject of a survey"
_PARTICIPLES = (
    r"(?:sent|shared|circulated|created|prepared|proposed|posted|distributed|drafted|"
    r"written|released|published|uploaded|organi[sz]ed|scheduled|set up|made|provided|updated|"
    r"followed up|confirmed|added|fixed|merged|reviewed|investigated|contacted|finali[sz]ed|"
    r"checked|tested|implemented|documented|submitted|opened|filed|moved|renamed|removed|"
    r"deployed|installed|announced|asked|done by|included|looked\s+(?:into|at)|"
    r"(?:the\s+)?subject of\s+(?:an?\s+)?(?:\w+\s+)?(?:poll|survey|vote|ballot))\b"
)
PASSIVE_TASK = re.compile(r"^be\s+" + _PARTICIPLES)
UNOWNED_NEED = re.compile(
    r"^(?:(?:I think|so|also|and|but)[,\s]+)*(?:(?:we\s+(?:still\s+)?(?:need|have)\s+to|need\s+to|"
    r"needs\s+to)(?!\s+(?:think|balance|understand|consider|discuss|decide|figure|better|be|"
    r"determine|keep|know|wait|see|remember|agree|talk|learn)\b)|"
    r"we\s+should\s+(?!discuss|talk|consider|think|review|revisit|keep|continue|be\b|have\b)|"
    r"let'?s\s+(?!get started|start|begin|move on|go\b|wrap|take a break|see\b)|"
    r"let’s\s+(?!get started|start|begin|move on|go\b|wrap|take a break|see\b)|"
    r"please\s+(?!feel|reach|chime|let|note|contact|see|read)|should\s+(?!be\b|we\b|i\b|it\b|they\b))"
    r"\s*(?P<task>\S.*)$",
    re.IGNORECASE,
)
PASSIVE_FUTURE = re.compile(
    r"^(?P<subj>(?:the\s+|a\s+|an\s+)?[\w\s&'-]{2,50}?)\s+"
    r"(?:(?:will|should|must)(?:/(?:will|should|must))?|(?:will\s+)?needs? to|is to|are to)\s+be\s+"
    r"(?P<pp>(?:" + _PARTICIPLES + r"|available\b).*)$",
    re.IGNORECASE,
)


_PASSIVE_MODALS = ("will", "should", "must", "need", " to ")
# "the RSE is to be added by PM": a passive task in the British form (words tested as substrings);
# "talks to be finalised": a passive infinitive (PASSIVE_INFINITIVE)
_TO_BE = " to be "


def may_be_passive(text: str) -> bool:
    """False when PASSIVE_FUTURE cannot match: no "be" or none of its modals (in any case)."""
    if not lower_safe(text):
        return True
    lower = text.lower()
    return "be" in lower and contains_any(lower, _PASSIVE_MODALS)


def passive_future(text: str) -> re.Match[str] | None:
    """PASSIVE_FUTURE's match, tried only on text that holds "be" and one of its modals (in any
    case)."""
    if not may_be_passive(text):
        return None
    return PASSIVE_FUTURE.match(text)


# "talks to be finalised", "..., minutes to be approved by the SC": a noun phrase and the passive
# infinitive of work, opening the clause or after a comma; the judge checks the noun phrase
PASSIVE_INFINITIVE = re.compile(
    r"(?:^|(?<=[,;:]\s))(?P<subj>(?:(?:the|a|an|all|our|its|their)\s+)?[\w&'-]+(?:\s+[\w&'-]+){0,3}?)"
    r"\s+(?:still\s+|also\s+)?to\s+be\s+(?P<pp>" + _PARTICIPLES + r".*)$",
    re.IGNORECASE,
)
# "Should be released by 2 May": a passive modal with no subject is an unowned task
BARE_PASSIVE = re.compile(r"^(?-i:Will|Should|Must|To)\s+be\s+" + _PARTICIPLES, re.I)

# Cheap test before the prose rules: a line without any of these words holds no commitment.
PROSE_TRIGGER = re.compile(
    r"(?=[wsnlpvacmgohti'’])(?:\b(?:will|shall|need|needs|should|let'?s|let’s|please|volunteer\w*|action|can|could|maybe|perhaps|"
    r"may|might|plan\w*|going|agreed|offered|offers|hop\w+|try|would|wants?|intends?|"
    r"promised|taking|takes?|has to|have to|proposes|proposing|suggests)\b|'ll|’ll)"
)  # matched against lower-cased text: much faster than re.IGNORECASE
# "Paul/Lena to modify ...": tried only when the line holds " to " (the costly part)
NAMED_TO = re.compile(
    r"(?:^|[.;:!?]\s+|\s[-–→]\s+|\s[-=]>\s+|\bfor\s+)[@A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:[\s,/&+]+(?:and\s+)?[@A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*){0,5}"
    r"(?:\s*(?:&|and)\s*co\b\.?|\s+(?:team|contacts|people|colleagues|admins|experts))?\s+to\s"
)


# "jdoe42 to open ...", "mkowal will run ...": handles are written in lower case
HANDLE_COMMIT = re.compile(
    r"^@?(?P<who>[a-z][a-z0-9_-]{3,})\s+(?:to|will|shall)\s+(?!be\b|have\b)[a-z]",
)
_SPOKEN = re.compile(r"^[^:]{1,40}:\s+")


def group_asked(text: str) -> bool:
    """A request to a group, at the start or after a speaker: "Tier-1s are asked to ...",
    "Gareth: each site to ..."."""
    if group_request(text) is not None:
        return True
    spoken = _SPOKEN.match(text) if ":" in text else None  # no label: the same text again
    return spoken is not None and group_request(text[spoken.end() :]) is not None


def prose_trigger(text: str) -> bool:
    """Cheap test before the prose rules: a line without these words holds no commitment."""
    lower = text.lower()
    if PROSE_TRIGGER.search(lower) or _TO_BE in lower:
        return True
    if group_asked(text) or present_trigger(text):
        return True
    if text[:1].islower() and " to " in text and HANDLE_COMMIT.match(text):
        return True  # "jdoe42 to open an issue": an account name and its commitment
    return " to " in text and bool(NAMED_TO.search(text))


PAST_REPORT = re.compile(
    r"^" + _NAMES + r"\s+(?:(?:has|have|had)\s+(?:been\s+)?\w+|(?:is|are|was|were)\s+(?:\w+ing|"
    r"now|already|done|still|waiting)|\w+ed\b|presented|did|gave|wrote|showed|made|sent|got|"
    r"found|said|mentioned|noted|reported|explained|thinks|says|asked|suggest(?:s|ed)?|"
    r"propos(?:es|ed)|likes|wants(?! to))",
)


# "[jdoe42] taking ownership of ...", "Ana takes the lead on ...": a commitment
OWNERSHIP = re.compile(
    r"^\[?(?P<who>@?[\w.-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.-]+)?)\]?\s+(?:is\s+|are\s+)?(?:taking|takes)\s+"
    r"(?:over\b|ownership\b|the lead\b|charge\b)"
)
# "Name: Offered to ...": the speaker label is the subject
BARE_OFFER = re.compile(
    r"^(?:also\s+)?(?:offered|offers|volunteered|volunteers|promised|promises)\s+to\s+[a-z]", re.I
)
# "Paul, please check ...", "@riccardo please check ...": a request addressed to one person
VOCATIVE = re.compile(
    r"^(?P<who>@[\w.-]*\w|[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?)\s*[,:]?\s+[Pp]lease\s+(?P<task>[a-z].*)$"
)
# "Note for Ana to send the slides": a task set for the person named
FOR_TO = re.compile(
    r"^\W*(?i:(?:an?\s+|one\s+)?(?:note|reminder|request|message)(?:\s+here)?\s+for)\s+(?P<who>@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?)\s+to\s+(?P<task>[a-z].*)$"
)
# "AB: can review the drafts": the speaker offers to do it (not yet agreed)
SPOKEN_OFFER = re.compile(r"^(?:also\s+)?(?:can|could)\s+(?P<task>[a-z].*)$")
# "Marco tested ...", "Ravi still sees ...": the subject of a report, kept for a subjectless
# clause after it
PAST_SUBJECT = re.compile(
    r"^(?P<who>[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?)\s+"
    r"(?:(?:still|also|already|now|currently|then|just|again)\s+)?"
    r"(?:\w+ed|\w+[^s\W]s|(?:is|are|was|has)\s+\w+ing)\b"
)
# "... offering support. Also plan a module on ...": an imperative added to a report
ALSO_TASK = re.compile(r"^(?:also|in addition)[,\s]+(?P<task>[a-z]+\b(?!:).*)$", re.IGNORECASE)
# "Omar proposes that we have a chat with ...": work suggested to the group
PROPOSAL = re.compile(
    r"^@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?\s+(?:proposes|suggests)\s+(?:that\s+)?we\s+"
    r"(?P<task>[a-z]+\s+\S.*)$"
)
# "Maybe write ...": a hedged imperative; "Maybe present: A, B" is a label, not a task
HEDGED = re.compile(r"^(?:maybe|perhaps|possibly)[,\s]+(?P<task>[a-z]+(?!:)\b.*)$", re.I)

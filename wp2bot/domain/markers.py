"""The wording that marks, qualifies or disqualifies an action item in minutes."""

from __future__ import annotations

import re

from wp2bot.domain.casefold import lower_safe
from wp2bot.domain.groups import group_request


def contains_any(lower: str, words: tuple[str, ...]) -> bool:
    """Whether any of the words occurs in the text: the cheap test run before a slow pattern.

    The words are what the pattern cannot match without, so False means it cannot match. The
    callers pass text lower-cased once when it folds case exactly as IGNORECASE does
    (``casefold.lower_safe``).
    """
    for word in words:  # noqa: SIM110 - a third faster than any() over a generator
        if word in lower:
            return True
    return False


# Section titles whose items are actions: "Action list", "Action items", "AIs", "Next steps".
ACTION_HEADING = re.compile(
    r"^\W*(?:[0-9]+(?:\.[0-9]+)*[.)]?\s+)?"  # a section number: "5. Next steps", "2.3 Actions"
    r"(?:(?:new|open|next|summary of|list of|agreed|key|follow[- ]?up)\s+)?"
    r"(?:action(?:s|\s+items?(?:\s*\(s\))?|\s+list|\s+points?|\s+summary)?|ais|a\.i\.s?|to-?dos?|"
    r"next\s+steps|tasks)\b(?:\s+(?:and|&)\s+next\s+steps)?"
    r"(?:\s*\([\w\s&,/]{1,30}\))?[\W]*$",  # "Next actions (team)": who the list is for
    re.IGNORECASE,
)


_ACTION_HEADING_WORDS = ("action", "ais", "a.i.", "todo", "to-do", "steps", "tasks")


def is_action_heading(text: str) -> bool:
    """A title or label that heads a list of actions (ACTION_HEADING), tested cheaply first."""
    if lower_safe(text):
        lower = text.lower()
        if not contains_any(lower, _ACTION_HEADING_WORDS):
            return False
    return ACTION_HEADING.match(text) is not None


# "The action is to ...", "Likely action item is to ...": the task of the meeting, no owner
ACTION_IS_TO = re.compile(
    r"^(?:(?:the|an?|one|our)\s+)?(?:(?:likely|possible|probable|next|main|first|only|agreed)\s+)?"
    r"action(?:\s+items?)?\s+(?:is|was|would be|will be)\s+to\s+(?P<task>[a-z].*)$",
    re.IGNORECASE,
)

# Sections that review items of an earlier meeting: the items are carried over.
FOLLOWUP_HEADING = re.compile(
    r"(?:follow[- ]?up|review|status|previous|last|outstanding|open|pending|old|earlier)\b.{0,40}"
    r"\bactions?\b|\bactions?\b.{0,30}\b(?:follow[- ]?up|from (?:the )?(?:last|previous)|"
    r"review|status)|carried|matters arising",
    re.IGNORECASE,
)


def is_followup(title: str) -> bool:
    """A title that reviews earlier actions; the word test spares the costly pattern."""
    lower = title.lower()
    if "action" not in lower and "carried" not in lower and "arising" not in lower:
        return False
    return bool(FOLLOWUP_HEADING.search(title))


def may_open_marker(text: str) -> bool:
    """False when MARKER cannot match: its word starts with "a", "t" or "o" after whitespace,
    brackets and emphasis marks."""
    at = 0
    while at < len(text) and (text[at] in "([*_" or text[at].isspace()):
        at += 1
    return text[at : at + 1] in ("a", "A", "t", "T", "o", "O")


# A marker that opens an item: "ACTION:", "AI (Jo):", "TODO Omar:", "**Action item:**" ...;
# a label that also names the owner's column counts too: "Action/Owner:", "Action items/Who:"
MARKER = re.compile(
    r"^[\s(\[*_]*(?P<m>action(?:\s+items?(?:\s*\(s\))?|\s+points?)?"
    r"(?:\s*/\s*(?:assignees?|owners?|responsibles?|who)(?:\s*\(s\))?)?|"
    r"ai|a\.i\.|todo|to-do|to do|outcome(?:\s*\d+)?)(?:\b|(?<=\)))"
    r"(?:\s+(?:for|to|on)\s+(?P<for>[\w&+/ -]{1,40}?))?"
    r"\s*(?:\((?P<paren>[^()]{1,60})\))?"
    r"(?:\s+(?P<name>@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.@-]*(?:\s*[,/&]\s*@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.@-]*)*|[A-Z]{2,4}))?"
    r"\s*[*_]*\s*(?:[:–]|\s-\s|->)[*_]*\s*",
    re.IGNORECASE,
)
# An upper-case marker in the middle of a line: "... set up (ACTION: Rizart to check ...)".
# the marker is in capitals, so the name after it may be a lower-case handle ("TODO jdoe:")
INLINE_MARKER = re.compile(
    r"\(?\b(?:ACTION|TODO|AI)(?P<name>\s+@?[A-ZÀ-ÖØ-ÞĀ-ſa-z][\w.-]*)?\s*:\s*"
)
# the same in lower case, only with an owner: "... (open point) action Dana: to book ..."
INLINE_OWNED = re.compile(r"\baction(?P<name>\s+@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.-]*)\s*:\s*")
# an owner appended to a note: "Ines -> not applied yet, action JK"
TRAILING_ACTION = re.compile(
    r"^(?P<rest>.*\S)\s*[,;]\s*action\s+(?P<who>@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.-]*)\s*$"
)
CHECKBOX_TEXT = re.compile(r"^\[[ xX]\]\s*")
HACKMD_NAME = re.compile(r"\[name=([^\]]+)\]\s*")
# "Name - text" / "Name: text" at the start of an item.
LEADING_OWNER = re.compile(
    r"^(?P<who>@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*){0,2}"
    r"(?:\s*(?:,|/|&|\+|\band\b|\bor\b)\s*@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*){0,2}){0,4}|@[\w.-]+)"
    r"\s*(?::|\s[-–]\s)\s*(?P<rest>\S.*)$"
)
TRAILING_PAREN = re.compile(r"^(?P<rest>.*?\S)\s*\((?P<who>[^()]{1,80})\)\s*[.;:]*\s*$")
TRAILING_DASH = re.compile(
    r"^(?P<rest>.*\S)\s+[-–]\s+(?P<who>@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.]*)?)\s*$"
)

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
    + r"\s+(?:(?:also|then|still|probably|maybe|perhaps|now|first|just|simply)\s+)?"
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


def action_for(text: str) -> re.Match[str] | None:
    """ACTION_FOR's search, run only on text that says "action" (in any case)."""
    if lower_safe(text) and "action" not in text.lower():
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
    r"wait|see|remember|agree|talk|learn)\b",
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
    r"followed up|confirmed|added|fixed|merged|reviewed|investigated|contacted|"
    r"checked|tested|implemented|documented|submitted|opened|filed|moved|renamed|removed|"
    r"deployed|installed|announced|asked|done by|"
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
    r"(?:will|should|must|(?:will\s+)?needs? to)\s+be\s+"
    r"(?P<pp>(?:" + _PARTICIPLES + r"|available\b).*)$",
    re.IGNORECASE,
)


_PASSIVE_MODALS = ("will", "should", "must", "need")


def passive_future(text: str) -> re.Match[str] | None:
    """PASSIVE_FUTURE's match, tried only on text that holds "be" and one of its modals (in any
    case)."""
    if lower_safe(text):
        lower = text.lower()
        if "be" not in lower or not contains_any(lower, _PASSIVE_MODALS):
            return None
    return PASSIVE_FUTURE.match(text)


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
    r"(?:^|[.;:!?]\s+|\s[-–]\s+|\bfor\s+)[@A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:[\s,/&+]+(?:and\s+)?[@A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*){0,5}"
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
    return ":" in text and group_request(_SPOKEN.sub("", text, count=1)) is not None


def prose_trigger(text: str) -> bool:
    """Cheap test before the prose rules: a line without these words holds no commitment."""
    if PROSE_TRIGGER.search(text.lower()):
        return True
    if group_asked(text):
        return True
    if text[:1].islower() and " to " in text and HANDLE_COMMIT.match(text):
        return True  # "jdoe42 to open an issue": an account name and its commitment
    return " to " in text and bool(NAMED_TO.search(text))


DEFERRAL = re.compile(
    r"^(?:\W*)(?:(?:proposed?|suggest(?:ed|s)?)(?:\s+(?:to|that\s+we|we))?\s+(?=clos))?"
    # "Revisit next week", "revisit the topic as it evolves": a deferral (the topic itself, at a
    # later time); "Revisit the draft to ..." names work on a thing and is a task
    r"(?:revisit(?=\s*(?:$|[.,;]|(?:(?:it|this|that|later|the\s+(?:topic|question|issue|matter|"
    r"point|item|discussion|idea))\s*)?(?:$|[.,;]|(?:in|next|at|after|later|when|once|on|"
    r"during|before|by|as|if)\b)))|punt|bump(?:ed)?|defer(?:red)?|postpone[ds]?|park(?:ed)?|"
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
    r"we\s+should\s+(?:discuss|talk about)\b)",
    re.IGNORECASE,
)
DECISION = re.compile(
    # a deliberative body as the subject: "The committee agreed ...", "Forum decided ..."
    r"^(?:\W*)(?:(?:it was|we|all|everyone|(?:the\s+)?(?:whole\s+)?(?:group|board|council|forum|"
    r"committee|assembly|plenary|meeting|wg|sg|tsc|steering (?:group|committee)))\s+)?"
    r"(?:agreed|decided|decision|"
    r"resolved|approved|voted?|consensus|accepted|rejected|unanimous|motion)\b",
    re.IGNORECASE,
)
AVAILABILITY = re.compile(
    r"\b(?:on call|on vacation|on leave|out of (?:the )?office|(?:is|are|am|be|will be) out\b|"
    r"(?:can ?not|can't|cannot|won't be able to)\s+(?:join|attend|make)|will miss|"
    r"will be (?:away|absent|travell?ing|unavailable|back)|regrets?\b|"
    r"will (?:start|join|arrive|leave)\s+(?:at|in)\s+(?-i:[A-Z])|"
    r"(?:will|plan(?:s|ning)? to|going to)\s+attend\b)",
    re.IGNORECASE,
)
ANNOUNCEMENT = re.compile(
    r"^(?:\W*)(?:next\s+(?:meeting|telcon|call|monthly|weekly)|(?:the\s+)?(?:meeting|call|"
    r"telcon)s?\s+(?:is|are|was|will be)\s+(?:scheduled|held|moved|on)|(?:deadline|freeze)\b|"
    r"(?:[\w-]+\s+){0,2}(?:meeting|call|telcon)s?\s+(?:(?:is|was)\s+)?(?:set|scheduled)\s+for\b|"
    r"reminder:|fyi\b|this week:|next week:|triage\b)",
    re.IGNORECASE,
)


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


_INVITATION_WORDS = ("free", "hesitate", "welcome", "chime", "reach out", "know", "questions")


def may_invite(lower: str) -> bool:
    """False when lower-cased ASCII text holds none of the words INVITATION needs."""
    return contains_any(lower, _INVITATION_WORDS)


INVITATION = re.compile(
    r"\b(?:feel free|don'?t hesitate|do not hesitate|you are welcome|please chime in|"
    r"reach out to (?:me|us)|let (?:me|us) know|"
    # an offer to answer whatever comes up is no task: "happy to take any questions"
    r"(?:offer(?:ed|s)?|happy|glad|available|willing)\s+to\s+(?:answer|take|field)\s+"
    r"(?:any\s+|all\s+|further\s+|the\s+)?questions)\b",
    re.IGNORECASE,
)
PAST_REPORT = re.compile(
    r"^" + _NAMES + r"\s+(?:(?:has|have|had)\s+(?:been\s+)?\w+|(?:is|are|was|were)\s+(?:\w+ing|"
    r"now|already|done|still|waiting)|\w+ed\b|presented|did|gave|wrote|showed|made|sent|got|"
    r"found|said|mentioned|noted|reported|explained|thinks|says|asked|suggest(?:s|ed)?|"
    r"propos(?:es|ed)|likes|wants(?! to))",
)
# a past judgement of the effort means the work is over: "it was quick", "turned out trivial"
EFFORT_PAST = (
    r"(?:was|were|turned out(?: to be)?)\s+(?:very\s+|quite\s+|really\s+)?"
    r"(?:easy|quick|simple|trivial|straightforward)"
)
# The searches below open with a one-character look-ahead holding the first letters of their words:
# the engine then skips most positions at once instead of trying every lookbehind and alternative
# there (two to three times faster; what matches is unchanged).
DONE = re.compile(
    # "once done", "when finished": a condition on future work, not a report that it is over
    r"(?=[dcfmrntw✅✔☑])(?:(?<!not )(?<!not yet )(?<!n't )(?<!be )(?<!once )(?<!when )(?<!until )"
    r"(?<!if )\b(?:done|completed?|finished|closed|resolved|fixed|"
    r"merged|no longer needed|not needed anymore|delivered|" + EFFORT_PAST + r")\b|✅|✔|☑)",
    re.IGNORECASE,
)
NOT_DONE = re.compile(
    r"(?=[niopt])\b(?:not (?:yet )?done|not yet|in progress|ongoing|pending|to do)\b", re.I
)
TENTATIVE = re.compile(
    r"(?=[(tmphwicos])(?:\(?\btbc\b\)?|\b(?:maybe|perhaps|possibly|might|(?-i:may)|hoping|"
    r"hopes?\s+to|try\s+(?:to|and)|will try|tries|trying|would like to|"
    r"if (?:possible|time permits)|when (?:i|we) get (?:some )?time|think about|"
    r"consider(?:ing)?|probably|tentative(?:ly)?|"
    r"could|offered to|would be good|(?:proposes|suggests) that|"
    # a self-assignment hedged by the speaker: "I guess we could ...", "I think I ought to ..."
    r"(?:i|we)\s+(?:think|guess|suppose)\s+(?:i|we)\s+(?:should|ought to|could|can|might))\b)",
    re.IGNORECASE,
)


DONE_WORDS = (
    "done",
    "complete",
    "finished",
    "closed",
    "resolved",
    "fixed",
    "merged",
    "needed",
    "delivered",
    "easy",
    "quick",
    "simple",
    "trivial",
    "straightforward",
)


def may_say_done(lower: str) -> bool:
    """False when lower-cased ASCII text holds none of the words DONE needs (cheap pre-test)."""
    return contains_any(lower, DONE_WORDS)


TENTATIVE_WORDS = (
    "tbc",
    "may",
    "might",
    "perhaps",
    "possibl",
    "hop",
    "try",
    "tries",
    "would",
    "if ",
    "when ",
    "think",
    "guess",
    "suppos",
    "consider",
    "probabl",
    "tentativ",
    "could",
    "offered",
    "propos",
    "suggest",
)


def may_be_tentative(lower: str) -> bool:
    """False when lower-cased ASCII text holds none of the words TENTATIVE needs."""
    return contains_any(lower, TENTATIVE_WORDS)


FOLLOW_UPS = re.compile(r"^\W*follow[- ]?ups?(?:\s+(?:for|on|with|from)\s+.{1,40})?$", re.I)
QUESTION_END = re.compile(r"\?\s*\)?\s*$")


def asks(text: str) -> bool:
    """The text ends with a question mark (before an optional closing parenthesis)."""
    return "?" in text and QUESTION_END.search(text) is not None


_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|w\.r\.t|vs|cf|approx|incl|dept|no|fig|al|[A-Z]|Dr|Mr|Ms|Mrs|Prof|St|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$"
)
# a sentence break is whitespace: the look-ahead in front lets the engine skip to it
_SENTENCE_END = re.compile(
    r"(?=\s)(?:(?<=[.!?])\s+(?=[\"'“(\[]?[A-Z@])|(?<=[.!?][)\]\"”])\s+(?=[A-Z@]))"
)

# words that begin sentences but never name an owner
NOT_NAMES = frozenset(
    """this that these those it its there here the a an he she they you it's what which who whom
    whose when where why how if once after before while since because although though however
    also then still now each every both some most many any no none next last first finally
    meeting minutes agenda notes update updates status news summary discussion question answer
    action actions outcome decision proposal idea plan result results issue issues pr prs
    documentation docs slides release everything nothing something anything people group
    one someone somebody anyone anybody nobody other others another such same all everyone
    yes ok okay sure thanks thank please note maybe perhaps probably hopefully currently
    monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight week month
    january february march april june july august september october november december
    in on at for from with by of to as up out over under about into onto upon per via
    so but and or nor yet not only just our my your their his her new old more less
    need needs agreed agree difficult goal comments should would could will can may might must
    shall let lets approaching possible important hard easy good better best related
    due prior according owing thanks close similar equivalent subject contrary""".split()
)

# imperative verbs that open a task ("Ask Jürgen to ...", "Add Horst to ..."); never part of a
# name. Verbs that are also common first names (Will, Mark, Rob, Bill) are left out.
IMPERATIVES = frozenset(
    """ask tell contact invite remind help ping email mail notify inform write send check add
    update create follow make review prepare draft discuss find get set fix open close move remove
    keep continue modify obtain try understand attach approach consider organize organise schedule
    circulate share post confirm coordinate investigate look provide propose reach release respond
    reply submit test clarify collect compile document explore identify include merge push put
    raise read record register request run start talk verify announce arrange book build cancel
    change clean give go reply revise rewrite setup sign think work plan publish upload edit
    bring call collect comment compare define deploy design develop enable ensure evaluate
    file finalize finalise finish gather implement improve install integrate join list mention
    migrate nominate outline pick poll present reconcile reorganize replace reserve resolve reuse
    rename select split summarize summarise support survey sync tag transfer upgrade
    validate revisit troubleshoot debug assess audit chase configure reconfigure renew rerun
    rebuild restart rotate reproduce triage prioritise prioritize estimate automate adapt
    adjust archive backport decommission distribute drain extend refine simplify tidy""".split()
)


# at semicolons, at ", and will", and before a new subject: ", Marco will ..."
# Every split point starts with whitespace, ";" or ",": the look-ahead in front lets the engine
# skip to such a character instead of trying each alternative at every position (twice as fast).
# A new alternative must start with one of them too.
_CLAUSE_SPLIT = re.compile(
    r"(?=[\s;,])(?:\s*;\s*|,?\s+(?:and|but)\s+(?=(?:will|'ll|shall)\b)|\s+[-–]\s+(?=(?:will|shall)\s)|"
    r"(?:,\s+(?:and\s+|while\s+)?|\s+and\s+)"
    r"(?=@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)?\s+(?:will|shall)\s))"
)

# "Renew the ...", "Rotate our ...": an unknown verb followed by a determiner or a particle
_VERB_THEN_OBJECT = re.compile(
    r"^\W*(?P<verb>[A-Z][a-z]{2,})\s+(?:the|a|an|our|their|your|its|all|any|some|this|these|"
    r"that|those|each|every|up|out|back|down|over|off|on|with|to)\s",
)
_NOT_VERB_END = re.compile(r"(?:s|ed|ing|ly|tion|sion|ment|ness|ity|ance|ence|ure|al|ic)$")


def looks_imperative(text: str) -> bool:
    """Whether a line opens with an imperative verb ("Add Horst ...", "Renew the ...")."""
    first = text.lstrip(" -*•(").split(maxsplit=1)
    if not first:
        return False
    word = first[0].strip(",.:;").lower()
    if word in IMPERATIVES:
        return True
    match = _VERB_THEN_OBJECT.match(text)
    return bool(
        match and match["verb"].lower() not in NOT_NAMES and not _NOT_VERB_END.search(match["verb"])
    )


def _may_end_sentence(text: str) -> bool:
    """False when no sentence can end inside the text: no space after ".", "!", "?" or a closer.

    Printable text has no whitespace but the plain space, so the word tests are exact there.
    """
    if not text.isprintable():
        return True
    return (
        ". " in text
        or "? " in text
        or "! " in text
        or ") " in text
        or "] " in text
        or '" ' in text
        or "” " in text
    )


def split_sentences(text: str) -> list[str]:
    """Split a line into sentences, keeping abbreviations ("e.g.", "J. Smith") together."""
    if not _may_end_sentence(text):
        stripped = text.strip()
        return [stripped] if stripped else []
    return split_at_sentence_ends(text)


def split_at_sentence_ends(text: str) -> list[str]:
    """``split_sentences`` without its shortcut: the pattern tried at every position."""
    parts = _SENTENCE_END.split(text)
    sentences: list[str] = []
    for part in parts:
        if sentences and _ABBREV.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {part}"
        else:
            sentences.append(part)
    return [s.strip() for s in sentences if s.strip()]


_PARENTHESIS = re.compile(r"\((?:[a-z]+:\s*)?(?P<inner>[^()]{12,})\)")


# only names, joined by commas: the first part of a subject list ("Paul, Aleem and Rizart will")
_SUBJECT_LIST = re.compile(r"\s*@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s*,\s*@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*)*\s*$")


def split_clauses(sentence: str) -> list[str]:
    """Split a sentence at semicolons and at ", and will"-style joins; a parenthesis that holds
    a commitment ("(resolution: Omar to open a PR)") is a clause of its own."""
    # every split point is a ";" or a join before "will"/"'ll"/"shall" after ",", "and", "but"
    # or a dash ("Ana – testing the parser - will report back")
    if ";" in sentence or (
        "ll" in sentence
        and (
            "," in sentence
            or "and" in sentence
            or "but" in sentence
            or " - " in sentence
            or " – " in sentence
        )
    ):
        parts = []
        start = 0
        for join in _CLAUSE_SPLIT.finditer(sentence):
            if ";" not in join.group() and _SUBJECT_LIST.match(sentence[start : join.start()]):
                continue  # "Paul and Aleem will ...": the names before the join are one subject
            parts.append(sentence[start : join.start()])
            start = join.end()
        parts.append(sentence[start:])
        parts = [p.strip() for p in parts if p.strip()]
    else:
        stripped = sentence.strip()
        parts = [stripped] if stripped else []
    if "(" in sentence:
        parts.extend(m["inner"].strip() for m in _PARENTHESIS.finditer(sentence))
    return parts

"""Who commits to a task, in one ranked table: names, groups, handles and the commitment verbs.

Each rule names a form of commitment, its pattern, what a match gives the clause rules
(``clause_rules``, ``clause_judges``, ``listed_items``) and invented examples with the groups
they capture, that ``tests/unit/test_pattern_rules.py`` runs. The rank is that of the clause rule
the pattern serves; the cheap tests run before the prose rules rank 0. The tasks without a named
subject are the table of ``task_patterns``, the requests put to someone that of
``request_patterns``.
"""

from __future__ import annotations

import re

from wp2bot.domain import task_patterns as tp
from wp2bot.domain.casefold import contains_any, lower_safe
from wp2bot.domain.commitment_languages import may_commit
from wp2bot.domain.groups import group_request, may_request
from wp2bot.domain.owner_positions import aided_subject
from wp2bot.domain.pattern_rules import CAPITALS, PatternRule, case, pattern, ranked, rule
from wp2bot.domain.pattern_rules import ONE_NAME as _ONE
from wp2bot.domain.present_tense import present_trigger

_CAP = "[" + CAPITALS + "]"
# a capitalised word of a name: "Ana", "O'Brien"; never a pronoun's contraction ("I'll", "We'd")
_WORD = _CAP + r"(?!\w{0,3}['’](?:ll|re|ve|m|d)\b)[\w.'’-]*"
_NAMES = (
    # a group by an acronym and a noun for its people: "SKA contacts", "the CERN IT team"
    r"(?P<who>(?:[Tt]he\s+)?[A-Z][A-Z0-9&-]+(?:\s+[A-Z][A-Z0-9&-]+)?\s+"
    r"(?:team|contacts|people|colleagues|admins|experts)\b|"
    # a team by a capitalised word: "Comms team", "the Estates team"
    r"(?:[Tt]he\s+)?[A-Z][a-z][\w&-]*\s+team\b|"
    # (a role "of" what it is for: "Head of Governance", "the Director of Operations")
    r"(?:[Tt]he\s+)?@?"
    + _WORD
    + r"(?:\s+(?:"
    + _WORD
    + r"|of\s+(?:the\s+)?"
    + _WORD
    + r"|et al\.?|(?:&|and)\s*co\b\.?|"
    r"\(via [^)]*\)|\(or [^)]*\)|"
    # how they took part, in brackets: "Björn Aalders (excused) will send ...", "Ana (by mail)"
    r"\((?:excused|absent|remote|online|apologies|not\s+present|by\s+e-?mail|by\s+mail)\))){0,3}"
    r"(?:\s*(?:,\s*and\b|,|/|&|\+|\band\b)\s*(?:[Tt]he\s+)?@?"
    + _WORD
    + r"(?:\s+"
    + _WORD
    + r"){0,2}"
    r"){0,5}"
    # "Ana/Bo + others from the UK", "Ana and colleagues": the named people lead
    r"(?:\s*(?:\+|&|\band\b)\s*(?:others|colleagues)(?:\s+from\s+(?:the\s+)?[A-Z][\w-]*)?)?"
    r"|I|We|we|@[\w.-]+|"
    # a role written in lower case: "The editors will merge ...", "The team may start ..."
    r"[Tt]he\s+(?:team|editors?|chairs?|authors|organi[sz]ers|maintainers|conveners|leads)|"
    # a named body in lower case: "The storage working group will ...", "The docs WG to ..."
    r"[Tt]he\s+(?:[A-Za-z][\w-]*\s+){1,2}(?:working\s+group|WG|SIG|committee|task\s+force))"
)
_COMMIT_VERBS = (
    # put in charge, before "will" would take the rest for a task: "Bo will be in charge of ..."
    r"(?:(?:will\s+be|is|are)\s+in\s+charge\s+of|will\s+be\s+responsible\s+for|"
    # asked or given the task, before "will" too: "Bo will be asked to ...", "Bo was tasked
    # with ..." ("is expected to" is as often a forecast: "the board is expected to decide")
    r"(?:will\s+be|is|are|was|were|has\s+been|have\s+been)\s+"
    r"(?:(?:asked|tasked|requested|mandated)\s+to|tasked\s+with)|"
    # "will have to" before "will", which would take "have to ..." for a state; an offer worded
    # as an ability: "Kim may be able to provide ..."
    r"will\s+(?:have|need)\s+to|(?:may|might|could|would|will)\s+be\s+able\s+to|"
    # a willing offer, and a promise: "Awa would be happy to pilot it", "Jan committed to ..."
    r"would\s+be\s+(?:happy|glad|willing)\s+to|(?:is|are)\s+(?:happy|willing)\s+to|"
    r"(?:has\s+|have\s+)?committed\s+to|commits?\s+to|undert(?:ook|akes?)\s+to|ha(?:s|ve)\s+undertaken\s+to|"
    r"will|'ll|’ll|shall|is going to|are going to|to|agreed to|agree to|offered to|offers to|"
    r"volunteered to|volunteers to|volunteer to|can|could|should|must|plans? to|is to|are to|"
    r"would like to|wants? to|needs? to|has to|have to|promised to|promises to|"
    r"(?:is|are|am|['’]s)\s+(?:taking|going to)|takes?|may|might|"
    r"is hoping to|are hoping to|hoping to|"
    r"(?:is |are )?planning to|planned to|(?:is |are )?proposing to|"
    r"hopes? to|will try to|to try to|intends? to|(?:can|will)\s+volunteer to|"
    # a person's own target: "Tobias expects to finish by June", "Ana aims to ..."
    r"expects? to|aims? to|(?:is |are )?aiming to|"
    # handed an action, put in charge: "Bo has the action to ..."
    r"(?:has|have|took|takes|got|gets|ha(?:s|ve)\s+taken)\s+(?:the|an|this|that)\s+action"
    r"(?:\s+item)?\s+to|"
    r"(?:is|are)\s+responsible\s+for(?=\s+\w+ing\b))"
)

RULES = ranked(
    PatternRule(
        name="ownership",
        rank=190,
        # "[jdoe42] taking ownership of ...", "Ana takes the lead on ..."
        pattern=re.compile(
            r"^\[?(?P<who>@?[\w.-]+(?:\s+" + _CAP + r"[\w.-]+)?)\]?\s+(?:is\s+|are\s+)?"
            r"(?:taking|takes)\s+(?:over\b|ownership\b|the lead\b|charge\b)"
        ),
        yields="the person (who) taking the work over",
        how="match",
        examples=(
            case("Ana takes the lead on the survey", who="Ana"),
            case("[jdoe42] taking ownership of the script", who="jdoe42"),
        ),
        counter_examples=("The test takes over an hour",),
    ),
    PatternRule(
        name="handle",
        rank=180,
        # "jdoe42 to open ...", "mkowal will run ...": handles are written in lower case; a
        # chat's nicks too, several of them ("ana and bo to ...")
        pattern=re.compile(
            r"^@?(?P<who>[a-z][a-z0-9_-]{1,}(?:(?:\s*[,+&]\s*|\s+and\s+)@?[a-z][a-z0-9_-]{1,}){0,3})"
            r"\s+(?:to|will|shall|might|may|could|can)\s+(?!be\b|have\b)[a-z]"
        ),
        yields="the accounts (who) that commit (a short one, or several, only when known)",
        how="match",
        examples=(
            case("jdoe42 to open an issue", who="jdoe42"),
            case("bo1 to fix it", who="bo1"),
            case("ana and bob to fix it", who="ana and bob"),
            case("rkapoor + wmulder to set up the RSE", who="rkapoor + wmulder"),
        ),
        counter_examples=("jdoe42 will be away", "Bo to open an issue"),
    ),
    PatternRule(
        name="commitment",
        rank=120,
        # "Rizart will create ...", "Paul/Lena to modify ...", "I will circulate ..."
        pattern=re.compile(
            r"^(?:(?:also|then|so|and|but|ok|okay|yes|sure|now|next|finally|[Ii] (?:think|guess|"
            r"suppose)|[Mm]aybe|[Pp]erhaps)[,\s]+)?"
            + _NAMES
            # "We'll set up ...": the contracted modal follows the subject without a space
            # ("She's going to try ...": so is the contracted "is")
            + r"(?:\s+|(?=['’]ll\s)|(?=['’]s\s+going\s+to\s))"
            + r"(?:(?:also|then|still|probably|maybe|perhaps|now|first|just|simply|kindly)\s+)?"
            + r"(?:(?:has|have)\s+(?=agreed\b))?"
            + r"(?P<verb>"
            + _COMMIT_VERBS
            + r")\s+(?P<task>(?!be\s+(?:"
            + tp.AWAY
            + r")\b)\S.*)$"
        ),
        yields="the subject (who), the verb (verb) and the task (task)",
        how="match",
        examples=(
            case("Bo will renew the certificate", who="Bo", verb="will"),
            case("Ana and Carla to draft the FAQ", who="Ana and Carla", task="draft the FAQ"),
            case("We'll set up the mirror", who="We", verb="'ll"),
            case("She's going to try a readiness gate", who="She", verb="'s going to"),
            case("The SKA team will test it", who="The SKA team"),
            case("Björn Aalders (excused) will send it", who="Björn Aalders (excused)"),
            case("Bo kindly agreed to test it", verb="agreed to"),
            case("Bo has agreed to test it", verb="agreed to"),
            case("Bo was asked to test it", who="Bo", task="test it"),
            case("Bo will be asked to test it", verb="will be asked to", task="test it"),
            case("Bo was tasked with the tests", verb="was tasked with", task="the tests"),
            case("Ana and Bo are requested to report", who="Ana and Bo", task="report"),
            case("Bo took an action to test it", who="Bo", task="test it"),
            case("Bo will be in charge of the tests", who="Bo", task="the tests"),
            case("Bo may be able to lend a server", verb="may be able to", task="lend a server"),
            case("Bo would be happy to pilot it", verb="would be happy to", task="pilot it"),
            case("Bo committed to releasing it", verb="committed to", task="releasing it"),
            case("Bo is responsible for running the tests", task="running the tests"),
        ),
        counter_examples=(
            "Bo will be away",
            "the logs will grow",
            "Bo asked to see the logs",
            "Bo is responsible for the pool",
        ),
    ),
    PatternRule(
        name="action-for",
        rank=110,
        # "we agreed an action for SKA to ...", "An action on Paul and Lena to ..."
        pattern=re.compile(
            r"\baction\s+(?:for|on)\s+(?P<who>(?:the\s+)?[\w@][\w .&/,'-]{0,60}?)\s+to\s+"
            r"(?P<task>\S.*)$",
            re.IGNORECASE,
        ),
        yields="the owners (who) the action is for and its task (task)",
        words=("action",),
        examples=(case("we agreed an action for Bo to book the room", who="Bo"),),
        counter_examples=("an action to book the room",),
    ),
    PatternRule(
        name="volunteers",
        rank=100,
        pattern=re.compile(r"^" + _NAMES + r"\s+(?:volunteers?|volunteered|will volunteer)\b"),
        yields="the people (who) who volunteer",
        how="match",
        examples=(case("Ana and Bo volunteered for the review", who="Ana and Bo"),),
        counter_examples=("Volunteers are welcome",),
    ),
    PatternRule(
        name="named-pronoun",
        rank=90,
        # "... She will circulate it", "...; he'll book the room": a commitment of the person
        # named before, whom the pronoun stands for
        pattern=re.compile(
            r"^(?P<who>[Ss]?[Hh]e)(?:\s+(?:will|shall|is\s+going\s+to)|['’]ll|['’]s\s+going\s+to|"
            # (an offer: "He offered to present it, if the board wishes", "she could try ...")
            r"\s+(?P<offer>offered\s+to|could|might|may|would\s+be\s+happy\s+to))\s+"
            r"(?P<task>\S.*)$"
        ),
        yields="the pronoun (who) and the task",
        how="match",
        examples=(
            case("She will circulate the draft", task="circulate the draft"),
            case("he'll book the room", who="he"),
            case("She's going to try a readiness gate", task="try a readiness gate"),
            case("He offered to present it at the council", offer="offered to"),
        ),
        counter_examples=("They will circulate the draft", "Shelley will book it"),
    ),
    PatternRule(
        name="reporting-subject",
        rank=90,
        # "Marco tested ...", "Ravi still sees ...": the subject of a report, kept for a
        # subjectless clause after it
        pattern=re.compile(
            r"^(?P<who>" + _ONE + r")\s+"
            r"(?:(?:still|also|already|now|currently|then|just|again)\s+)?"
            # the past of the verbs a report is told with that do not end in "-ed"
            r"(?:\w+ed|\w+[^s\W]s|(?:is|are|was|has)\s+(?:(?:still|also|already|now|just)\s+)?"
            r"\w+ing|said|told|gave|showed|shown|"
            r"thought|wrote|spoke|went|found|saw|felt|brought|took|ran|began|sent|led|held|heard|"
            r"knew|met|kept|understood)\b"
        ),
        yields="the subject (who) of a report",
        how="match",
        examples=(
            case("Marco tested the new client", who="Marco"),
            case("Ravi still sees errors", who="Ravi"),
            case("Ravi is still waiting for the logs", who="Ravi"),
            case("Ana said the pool is full", who="Ana"),
        ),
        counter_examples=("the tests failed",),
    ),
    PatternRule(
        name="proposal",
        rank=50,
        # "Omar proposes that we have a chat with ...": work suggested to the group
        pattern=re.compile(
            r"^@?" + _ONE + r"\s+(?:proposes|suggests)\s+(?:that\s+)?we\s+(?P<task>[a-z]+\s+\S.*)$"
        ),
        yields="the work (task) suggested to the group",
        how="match",
        examples=(case("Omar proposes that we meet the vendor", task="meet the vendor"),),
        counter_examples=("Omar proposes a new date",),
    ),
    PatternRule(
        name="prose-trigger",
        rank=0,
        # matched against lower-cased text: much faster than re.IGNORECASE
        pattern=re.compile(
            r"(?=[wsnlpvacemgohtiru'’])(?:\b(?:will|shall|need|needs|should|let'?s|let’s|please|"
            r"volunteer\w*|action|can|could|maybe|perhaps|"
            r"may|might|plan\w*|going|agreed|offered|offers|hop\w+|try|would|wants?|intends?|"
            r"promised|taking|takes?|has to|have to|proposes|proposing|proposed|suggests|"
            r"suggested|recommended|asked|asks|requests|requested|reminds|urges|urged|charge|"
            r"responsible|committed|commits?|happy to|willing to|expects? to|aims? to|aiming to|"
            r"reminded|undert(?:ook|akes?|aken)|is to|are to|was to|were to|tasked|mandated|"
            r"must|up to)\b|"
            r"'ll|’ll|['’]d\s|"
            # a plan's label inside a turn: "Bo: draft done. Next: send it ...", "To do: ..."
            r"\b(?:next|to[\s-]?do):)"
        ),
        yields="a lower-cased line that may hold a commitment (none: no prose rule can fire)",
        examples=(case("bo will check the logs"), case("let’s see")),
        counter_examples=("the tape is full",),
    ),
    PatternRule(
        name="named-to",
        rank=0,
        # "Paul/Lena to modify ...": tried only when the line holds " to " (the costly part)
        pattern=re.compile(
            r"(?:^|[.;:!?,]\s+|\s[-–—→]\s+|\s[-=]>\s+|\bfor\s+|\()[@"
            + CAPITALS
            + r"][\w.'’-]*(?:[\s,/&+]+"
            r"(?:and\s+|of\s+(?:the\s+)?)?[@" + CAPITALS + r"][\w.'’-]*){0,5}"
            r"(?:\s*(?:&|and)\s*co\b\.?|\s+(?:team|contacts|people|colleagues|admins|experts))?\s+to\s"
        ),
        yields="a line where named people take on a task with 'to'",
        examples=(
            case("Paul/Lena to modify the script"),
            case("host down -> Ana to restart it"),
            case("If it happens again, Yannick to open a ticket"),
        ),
        counter_examples=("how to modify the script",),
    ),
    PatternRule(
        name="spoken",
        rank=0,
        pattern=re.compile(r"^[^:]{1,40}:\s+"),
        yields="a speaker's label opening the line, to strip",
        how="match",
        examples=(case("Omar: each site to upgrade"),),
        counter_examples=("no label here",),
    ),
)

OWNERSHIP = pattern(RULES, "ownership")
HANDLE_COMMIT = pattern(RULES, "handle")
COMMITMENT = pattern(RULES, "commitment")
ACTION_FOR = pattern(RULES, "action-for")
VOLUNTEERS = pattern(RULES, "volunteers")
PAST_SUBJECT = pattern(RULES, "reporting-subject")
NAMED_PRONOUN = pattern(RULES, "named-pronoun")
PROPOSAL = pattern(RULES, "proposal")
PROSE_TRIGGER = pattern(RULES, "prose-trigger")
NAMED_TO = pattern(RULES, "named-to")
_SPOKEN = pattern(RULES, "spoken")
_ACTION_WORDS = rule(RULES, "action-for").words


def may_name_action(text: str) -> bool:
    """False when ACTION_FOR cannot match: the text does not say "action" (in any case)."""
    return not lower_safe(text) or contains_any(text.lower(), _ACTION_WORDS)


def action_for(text: str) -> re.Match[str] | None:
    """ACTION_FOR's search, run only on text that says "action" (in any case)."""
    if not may_name_action(text):
        return None
    return ACTION_FOR.search(text)


# "the RSE is to be added by PM": a passive task in the British form (words tested as substrings);
# "talks to be finalised": a passive infinitive (PASSIVE_INFINITIVE)
_TO_BE = " to be "


def group_asked(text: str) -> bool:
    """A request to a group, at the start, after a speaker or opening a later sentence:
    "Tier-1s are asked to ...", "Omar: each site to ...", "The fix is out. Sites are asked
    to ..."."""
    if group_request(text) is not None:
        return True
    spoken = _SPOKEN.match(text) if ":" in text else None  # no label: the same text again
    if spoken is not None and group_request(text[spoken.end() :]) is not None:
        return True
    if ". " not in text or not may_request(text):
        return False
    return any(group_request(text[m.end() :]) is not None for m in _LATER_SENTENCE.finditer(text))


_LATER_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def prose_trigger(text: str) -> bool:
    """Cheap test before the prose rules: a line without these words holds no commitment."""
    lower = text.lower()
    if PROSE_TRIGGER.search(lower) or _TO_BE in lower:
        return True
    if group_asked(text) or present_trigger(text) or tp.input_asked(text):
        return True
    if text[:1].islower() and " to " in text and HANDLE_COMMIT.match(text):
        return True  # "jdoe42 to open an issue": an account name and its commitment
    if " to " in text and NAMED_TO.search(text):
        return True
    if "(with " in text[:40] and aided_subject(text) is not None:  # "Lea (with Kim) to ..."
        return True
    return may_commit(lower)  # "Claire s'occupe de ...": a commitment in another language

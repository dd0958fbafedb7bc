"""Requests put to someone in the minutes, in one ranked table: "Ana, can you check ...?",
"Paul, please check ...", "Note for Carla to send ...", "We asked Bo to ...".

Each rule names a form of request, its pattern, what a match gives the clause rules
(``clause_rules_owned``) and invented examples with the groups they capture, that
``tests/unit/test_pattern_rules.py`` runs. The commitments people make themselves are
``commitment_patterns``'.
"""

from __future__ import annotations

import re

from wp2bot.domain.pattern_rules import ONE_NAME as _ONE
from wp2bot.domain.pattern_rules import PatternRule, case, pattern, ranked

_NICK = r"[a-z][\w.-]{1,30}"  # a chat's nick, in lower case

RULES = ranked(
    PatternRule(
        name="asked-person",
        rank=150,
        # "Carla, can you test it on the preprod instance?": a request put to one person
        pattern=re.compile(
            # (a chat's nick in lower case too: the judge wants a known name)
            r"^(?P<who>@[\w.-]*\w|" + _ONE + r"|" + _NICK + r")\s*,\s+(?:can|could|would)\s+you\s+"
            r"(?:please\s+)?(?P<task>[a-z][^?]*)\?\s*$"
        ),
        yields="the person asked (who) and the task (task)",
        how="match",
        examples=(
            case("Ana, can you check the logs?", who="Ana", task="check the logs"),
            case("bo, could you rerun it?", who="bo"),
        ),
        counter_examples=("Can you check the logs?", "Ana, can you hear us"),
    ),
    PatternRule(
        name="please-person",
        rank=150,
        # "Paul, please check ...", "@riccardo please check ...": a request to one person
        # (or everyone: "Everyone, please fill in the poll", "Please all fill in ...")
        pattern=re.compile(
            r"^(?:(?P<who>@[\w.-]*\w|everyone|everybody|" + _ONE + r"|" + _NICK + r",)"
            r"\s*[,:]?\s+[Pp]lease"
            r"|[Pp]lease\s+(?P<all>everyone|everybody|all)\b,?)\s+(?P<task>[a-z].*)$"
        ),
        yields="the person addressed (who, or all: everyone) and the task (task)",
        how="match",
        examples=(
            case("Ana, please check the logs", who="Ana", task="check the logs"),
            case("@jdoe42 please rerun the tests", who="@jdoe42"),
            case("All: please fill in the poll", who="All", task="fill in the poll"),
            case("Please everyone fill in the poll", all="everyone", task="fill in the poll"),
            case("bo, please open an issue", who="bo,"),
            case("everyone please review the draft", who="everyone"),
        ),
        # ("Please all sites check it" matches: the judge wants an imperative after "all")
        counter_examples=("please check the logs", "Please allow a week"),
    ),
    PatternRule(
        name="note-for",
        rank=140,
        # "Note for Ana to send the slides": a task set for the person named
        pattern=re.compile(
            r"^\W*(?i:(?:an?\s+|one\s+)?(?:note|reminder|request|message)(?:\s+here)?\s+for)\s+"
            r"(?P<who>@?" + _ONE + r")\s+to\s+(?P<task>[a-z].*)$"
        ),
        yields="the person (who) the note sets the task (task) for",
        how="match",
        examples=(case("Note for Carla to send the slides", who="Carla", task="send the slides"),),
        counter_examples=("Note for Carla: slides",),
    ),
    PatternRule(
        name="asked-named",
        rank=140,
        # "We asked Bo to update the table", "The chair reminded Bo to ...": a task set for Bo
        pattern=re.compile(
            # (no subject after a label: "ATLAS (Ana): asks sites to ...")
            r"^(?:(?:[Ww]e|[Tt]he\s+(?:chairs?|group|meeting|committee|board|team)|@?" + _ONE + r")"
            r"\s+)?(?:also\s+)?(?:[Aa]sk(?:ed|s)|[Rr]equest(?:ed|s)|[Rr]emind(?:ed|s)|[Uu]rge[ds]|"
            # a wish for someone's work: "Ana would like Bo to review the draft" (an invitation
            # or encouragement is none: "the experiments are invited to ...")
            # ("LHCb: would like the T1s to ...": no subject after a label)
            r"[Ww]ould\s+like|wants?)\s+(?:the\s+(?=[A-Z]))?"
            # a person, everyone, or a group in lower case ("all sites", "the site admins")
            r"(?P<who>@?" + _ONE + r"|everybody|everyone|all|(?:(?:all|each|every)\s+)?(?:the\s+)?"
            r"(?:[a-z][\w-]*\s+)?[a-z][\w-]*s)\s+to\s+(?P<task>[a-z].*)$"
        ),
        yields="the person (who) asked to do the task (task)",
        how="match",
        examples=(
            case("We asked Carla to send the slides", who="Carla", task="send the slides"),
            case("The chair reminded Bo to book the room", who="Bo"),
            case("Ana asked all sites to update the table", who="all sites"),
            case("The board urges sites to enable tokens", who="sites"),
            case("Ana asks Bo to update the table", who="Bo"),
            case("asks all sites to enable tokens", who="all sites"),
            case("Ana would like Bo to review the draft", who="Bo"),
            case("Would like the T1s to confirm their tape plans", who="T1s"),
        ),
        counter_examples=(
            "We asked whether to send the slides",
            "Carla asked to see the slides",
            "The chair invites the experiments to send their needs",
        ),
    ),
)

ASKED_PERSON = pattern(RULES, "asked-person")
VOCATIVE = pattern(RULES, "please-person")
FOR_TO = pattern(RULES, "note-for")
ASKED_NAMED = pattern(RULES, "asked-named")
